"""The number and choice checker (the Exercise class): right answers, declared mistakes, precision, any input
at all. How a typed answer reads (a decimal comma, quotes, nan, a list, an option's text) is in
test_exercises_reading.py."""
import decimal
import fractions
import math

import numpy as np
import pytest

from helpers.exercises import Exercise, Feedback, Mistake

number = Exercise("Ex", solution=lambda: 0.59, hint="use the chain rule", explanation="well done")
step = Exercise("Step", solution=lambda: 0.59 - 0.1 * 2 * (1.5 * 0.59 - 0.5) * 1.5,  # 0.4745, not exactly
                hint="one more step",
                mistakes=[Mistake(lambda: 0.59, "that is w1."), Mistake(lambda: 1.155, "that is the gradient.")])
third = Exercise("Third", solution=lambda: 1 / 3, hint="read the slider", decimals=2)
vector = Exercise("Vec", solution=lambda: np.array([0.6, 0.6]), hint="two numbers",
                  mistakes=[Mistake(lambda: [0.3, 0.3], "halved")])
choice = Exercise("Pick", solution=lambda: "diverges", hint="compare with 1/x²",
                  choices=("converges", "oscillates but converges", "diverges"),
                  mistakes=[Mistake("converges", "the factor is negative.")])
steps = Exercise("Steps", solution=lambda: "1e-5", hint="look at the plot", choices=("1e-2", "1e-5", "1e-12"))


def test_number_right_and_wrong():
    assert number.check(0.59).correct
    assert number.check(np.float64(0.59)).correct and number.check(np.float32(0.59)).correct
    assert number.check(fractions.Fraction(59, 100)).correct and number.check(decimal.Decimal("0.59")).correct
    feedback = number.check(0.62)
    assert feedback.status == "wrong" and "chain rule" in feedback.message


def test_a_short_exact_answer_must_be_exact_and_fewer_decimals_are_named():
    assert step.answer() == pytest.approx(0.4745)
    assert step.check(0.4745).correct and step.check(step.answer()).correct
    for rounded in (0.475, 0.474):  # both fair 3-decimal roundings of 0.4745
        assert step.check(rounded).message == "Step: right to 3 decimals — give 4."
    assert step.check(0.47).message == "Step: right to 2 decimals — give 4."
    assert step.check(0.4746).status == "wrong" and "Close" in step.check(0.4746).message
    # 0.5 is 0.4745 rounded to 1 decimal; it also rounds from 0.513, a typical mistake, but one digit
    # cannot tell the two apart, so only the true statement about the right answer is made
    assert step.check(0.5).message == "Step: right to 1 decimal — give 4."


def test_declared_decimals_accept_rounding_and_cutting_off():
    assert third.check(0.33).correct and third.check(0.333).correct and third.check(1 / 3).correct
    assert third.check(0.3).message == "Third: right to 1 decimal — give 2."
    assert third.check(0.34).status == "wrong"
    assert "(to 2 decimals)" in third.check(...).message
    cut = Exercise("Cut", solution=lambda: 0.870586, hint="h", decimals=4)
    assert cut.check(0.8706).correct and cut.check(0.8705).correct  # rounded or cut off
    assert cut.check(0.8704).status == "wrong"
    assert cut.check(0.871).message == "Cut: right to 3 decimals — give 4."
    whole = Exercise("Whole", solution=lambda: 21.046, hint="h", decimals=2)
    assert whole.check(21).message.startswith("Whole: right as a whole number — give 2.")


def test_a_whole_number_answer_does_not_loop_on_give_more_decimals():
    """Python reads 2.0000 as 2.0: the message must not just repeat "give 4" to a learner who gave 4."""
    near_two = Exercise("Near", solution=lambda: 2.00012, hint="h", decimals=4)
    message = near_two.check(2.0000).message
    assert message.startswith("Near: right as a whole number — give 4.")
    assert "reads 2.0000 as 2" in message and "not all 0" in message
    zeros = Exercise("Zeros", solution=lambda: 0.50003, hint="h", decimals=4)
    assert zeros.check(0.5000).correct  # 0.5000 is right to 4 decimals, though Python drops its zeros
    assert zeros.check(0.5001).status == "wrong"


def test_declared_mistakes_are_named_even_when_given_to_fewer_decimals():
    assert step.check(0.59).message == "Step: not quite. That is w1."
    assert step.check(1.155).message == "Step: not quite. That is the gradient."
    assert step.check(1.16).message == "Step: not quite. That is the gradient."   # rounded mistake
    assert step.check(1.15).message == "Step: not quite. That is the gradient."   # cut-off mistake


@pytest.mark.parametrize("factor, words", [(-1, "sign is flipped"), (2, "twice"), (0.5, "half"),
                                           (10, "decimal point"), (0.1, "decimal point"), (100, "percentage")])
def test_generic_slips_are_named_with_the_hint(factor, words):
    feedback = step.check(factor * 0.4745)
    assert feedback.status == "wrong" and words in feedback.message and "Hint: One more step" in feedback.message


def test_every_message_part_starts_with_a_capital():
    assert number.check(0.59).message == "Ex: correct! Well done"
    assert "Hint: Use the chain rule" in number.check(0.62).message
    greek = Exercise("G", solution=lambda: 1.0, hint="σ′ = σ(1 − σ)")
    assert "Hint: σ′" in greek.check(3.0).message  # σ is not turned into Σ


def test_unanswered():
    assert number.check(...).status == "unanswered"
    assert number.check(...).message == "Ex: replace ... with your answer and run the cell again."
    assert vector.check(...).status == "unanswered" and choice.check(...).status == "unanswered"


class Weird:
    """An object a learner might build: every dunder raises."""

    def __repr__(self):
        raise RuntimeError("broken repr")

    def __float__(self):
        raise RuntimeError("broken float")

    def __len__(self):
        raise RuntimeError("broken len")

    def __eq__(self, other):
        raise RuntimeError("broken eq")

    __hash__ = object.__hash__


class Node:
    def __init__(self):
        self.data, self.grad = 0.9, 1.2


ANYTHING = [..., None, True, 0, -0.0, 1e-320, 1e308, 10**400, -10**5000, 2**64, math.inf, math.nan, 1j, "", "0,5",
            "x" * 10_000, b"0.5", (), (0, 5), (1, 2, 3), [], [[1, 2], [3]], [10**400, 1], [None, 1], {}, set(),
            np.array(0.5), np.array([]), np.array(["a"]), np.array([1j]), np.ones((3, 3)), np.int64(2), np.float16(0.5),
            np.nan, np.array([np.nan, 1]), range(3), iter([1]), (x for x in [1]), print, Exercise, Weird(), Node(),
            object(), decimal.Decimal("NaN"), fractions.Fraction(1, 3), slice(1), type, Ellipsis]


@pytest.mark.parametrize("exercise", [number, step, third, vector, choice, steps], ids=lambda e: e.title)
def test_any_answer_gets_a_feedback_never_an_exception(exercise):
    for answer in ANYTHING:
        feedback = exercise.check(answer)
        assert isinstance(feedback, Feedback), answer
        assert feedback.status in {"correct", "wrong", "wrong kind", "unanswered"}
        assert len(feedback.message) < 400 and "Traceback" not in feedback.message
        assert feedback.message.startswith(exercise.title + ": ")
        assert "could not read" not in feedback.message  # the last-resort guard is never needed


def test_vector_shape_values_and_mistakes():
    assert vector.check([0.6, 0.6]).correct and vector.check((0.6, 0.6)).correct
    assert vector.check(np.array([0.6, 0.6])).correct
    assert vector.check([0.6, 0.7]).status == "wrong"
    assert vector.check([0.3, 0.3]).message == "Vec: not quite. Halved."
    assert "sign is flipped" in vector.check([-0.6, -0.6]).message
    assert "2 numbers" in vector.check([0.6]).message
    assert vector.check("abc").status == "wrong kind"
    assert "entry 1" in vector.check([0.6, "0.6"]).message and "remove the quotes" in vector.check([0.6, "0.6"]).message
    assert "entry 0" in vector.check([[1, 2], [3]]).message
    assert vector.check([0.6, math.nan]).status == "wrong kind"
    assert "401 digits" in vector.check([0.6, 10**400]).message


# -- a mistake is named only when the digits typed can tell it from its neighbours (review 00-03, item 1)
quarter = Exercise("Quarter", solution=lambda: 0.25, hint="solve 1 − 8η = −1")
second_step = Exercise("Second", solution=lambda: 0.4745, hint="one more step",
                       mistakes=[Mistake(lambda: 0.59 - 0.1 * 2 * (1.5 * 0.59 - 0.5), "the factor x is missing."),
                                 Mistake(lambda: 0.59 - 0.1 * (1.5 * 0.59 - 0.5) * 1.5, "the 2 is missing.")])


def test_a_generic_slip_is_not_named_from_one_rounded_digit():
    """2 is 8 times 0.25; it is 2.5 (10 times) only after rounding to a whole number."""
    assert 2 / quarter.answer() == 8
    message = quarter.check(2).message
    assert "10 times" not in message and "decimal point" not in message
    assert "Hint: Solve" in message
    assert "10 times" in quarter.check(2.5).message  # the real factor 10 is still named
    assert "10 times" in quarter.check(2.50001).message or "Close" not in quarter.check(2.50001).message


def test_a_declared_mistake_is_not_named_from_one_rounded_digit():
    """0.513 (factor x missing) and 0.532 (the 2 missing) both round to 0.5, and so does 0.4745."""
    wrong = dict((hint, value) for value, hint in second_step.mistake_answers())
    assert round(wrong["the factor x is missing."], 3) == 0.513 and round(wrong["the 2 is missing."], 3) == 0.532
    message = second_step.check(0.5).message
    assert "factor x" not in message and "the 2" not in message
    assert message == "Second: right to 1 decimal — give 4."
    assert "factor x" in second_step.check(0.51).message    # two digits tell it apart
    assert "The 2 is missing" in second_step.check(0.53).message


def test_a_tie_at_one_digit_is_not_right_to_that_digit():
    """0.25 rounds to 0.2 or 0.3 alike; 0.3 is on the diverging side of the answer, not "right to 1 decimal"."""
    assert "right to" not in quarter.check(0.3).message and "right to" not in quarter.check(0.2).message
    assert quarter.check(0.3).status == "wrong"


def test_mistakes_that_fit_the_same_digits_ask_for_more_decimals():
    twins = Exercise("Twins", solution=lambda: 0.9, hint="h", decimals=4,
                     mistakes=[Mistake(lambda: 0.4712, "first."), Mistake(lambda: 0.4738, "second.")])
    message = twins.check(0.47).message
    assert "First" not in message and "Second" not in message and "more than one" in message
    assert "give more decimals" in message
    assert twins.check(0.4712).message == "Twins: not quite. First."
    assert twins.check(0.474).message == "Twins: not quite. Second."


def test_a_choice_mistake_that_is_not_an_option_is_named():
    central = Exercise("Step", solution=lambda: "1e-5", hint="look at the plot", choices=("1e-2", "1e-5", "1e-12"),
                       mistakes=[Mistake(lambda: "1e-8", "that is the forward difference's best step.")])
    for typed in (1e-8, "1e-8", "1e-08", " 1E-8 "):
        feedback = central.check(typed)
        assert feedback.status == "wrong" and "forward difference" in feedback.message, typed
    assert central.check(1e-7).status == "wrong kind" and "not one of the options" in central.check(1e-7).message
    assert central.check(1e-5).correct and central.check("1e-5").correct
