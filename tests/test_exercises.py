"""The exercise checker: right, wrong, wrong kind and unanswered answers."""
import numpy as np
import pytest

from helpers.exercises import Exercise

number = Exercise("Ex", solution=lambda: 0.59, hint="use the chain rule", explanation="well done")
vector = Exercise("Vec", solution=lambda: np.array([0.6, 0.6]), hint="two numbers")
choice = Exercise("Pick", solution=lambda: "diverges", hint="compare with 1/i²",
                  choices=("converges", "oscillates", "diverges"))


def test_number_right_and_wrong():
    assert number.check(0.59).correct
    assert number.check(np.float64(0.5900001)).correct
    feedback = number.check(0.6)
    assert feedback.status == "wrong" and "chain rule" in feedback.message


@pytest.mark.parametrize("answer", ["0.59", [0.59], True, {"w": 0.59}])
def test_number_wrong_kind_says_what_was_expected(answer):
    feedback = number.check(answer)
    assert feedback.status == "wrong kind"
    assert "single number" in feedback.message


def test_unanswered():
    assert number.check(...).status == "unanswered"


def test_vector_shape_and_values():
    assert vector.check([0.6, 0.6]).correct
    assert vector.check([0.6, 0.7]).status == "wrong"
    assert "2 numbers" in vector.check([0.6]).message
    assert vector.check("abc").status == "wrong kind"


def test_choice():
    assert choice.check(" Diverges ").correct
    assert choice.check("converges").status == "wrong"
    assert choice.check("explodes").status == "wrong kind"
    assert choice.check(3).status == "wrong kind"


def test_feedback_renders_as_text_and_html():
    feedback = number.check(0.59)
    assert repr(feedback).startswith("✔")
    assert "well done" in feedback._repr_html_()
