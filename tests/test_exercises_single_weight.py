"""Notebook 03's exercises: solutions agree with independent arithmetic; typical mistakes, computed here by
hand, get the hint that names them."""
import pytest

from helpers.maths import single_weight as sw
from helpers.exercises.single_weight import ex1, ex2, ex3


def grad(w, x=1.5, t=0.5):
    return 2 * (x * w - t) * x


def test_second_step_matches_the_source_and_hand_arithmetic():
    w1 = 0.8 - 0.1 * grad(0.8)
    by_hand = w1 - 0.1 * grad(w1)
    assert ex1.answer() == pytest.approx(by_hand, rel=1e-12)
    assert ex1.answer() == pytest.approx(0.4745)  # the source's second weight
    assert ex1.check(0.4745).correct


@pytest.mark.parametrize("typed, words", [
    (0.59, "0.59 is w1"),
    (grad(0.59), "gradient dL/dw at w1"),
    (0.59 - 0.1 * grad(0.8), "reuses the first step's gradient 2.1"),    # 0.38: the old gradient
    (0.59 + 0.1 * grad(0.59), "steps uphill"),
    (0.59 - 0.1 * (1.5 * 0.59 - 0.5) * 1.5, "the 2 from the square is missing"),
    (0.59 - 0.1 * 2 * (1.5 * 0.59 - 0.5), "the factor x = 1.5 is missing"),
    (0.4745 - 0.1 * grad(0.4745), "w3, one step too far"),
    (0.475, "right to 3 decimals — give 4"),
    (0.474, "right to 3 decimals — give 4"),
])
def test_second_step_mistakes(typed, words):
    feedback = ex1.check(typed)
    assert feedback.status == "wrong" and words in feedback.message


def test_largest_stable_rate_is_where_the_factor_reaches_minus_one():
    rate = ex2.answer()
    assert 1 - 2 * rate * 2.0**2 == pytest.approx(-1)
    assert not sw.trajectory(2.0, 0.8, 0.5, rate, 50).diverged
    assert sw.trajectory(2.0, 0.8, 0.5, rate * 1.05, 50).diverged
    assert ex2.check(0.25).correct
    assert "one step to the minimum" in ex2.check(1 / (2 * 2.0**2)).message   # 1/(2x²)
    assert "x squared" in ex2.check(1 / 2.0).message                          # 1/x
    assert "x = 1.5" in ex2.check(1 / 1.5**2).message and "x = 1.5" in ex2.check(1 / (2 * 1.5**2)).message
    assert ex2.check([0.25]).status == "wrong kind"


def test_regime_for_rate_0_2_and_input_2():
    factor = 1 - 2 * 0.2 * 2.0**2
    assert factor == pytest.approx(-0.6)  # flips sign, shrinks
    assert sw.trajectory(2.0, 0.8, 0.5, 0.2, 30).losses[-1] < 1e-10  # and it does converge
    assert ex3.answer() == "oscillates but converges"
    assert ex3.check("Oscillates but converges").correct and ex3.check("oscillates  but converges ").correct
    assert "is it positive" in ex3.check("converges smoothly").message and "2·4" in ex3.check("converges smoothly").message
    assert "size above 1" in ex3.check("diverges").message
    assert "exactly −1" in ex3.check("bounces forever").message and "0.25" in ex3.check("bounces forever").message
    assert "exactly 0" in ex3.check("one step to the minimum").message and "0.125" in ex3.check("one step to the minimum").message
    assert ex3.check("explodes").status == "wrong kind" and "not one of the options" in ex3.check("explodes").message
    assert ex3.check(...).status == "unanswered"
    assert "−0.60" in ex3.check(ex3.answer()).message and "60 %" in ex3.check(ex3.answer()).message


def test_one_rounded_digit_names_no_mistake_review_item_1():
    """Review 00-03 item 1: 0.5 rounds from 0.513 (factor x missing) but also from the answer 0.4745;
    2 is 8 times the answer 0.25 (it is x²/2, upside down), not 10 times."""
    missing_x = 0.59 - 0.1 * 2 * (1.5 * 0.59 - 0.5)
    assert missing_x == pytest.approx(0.513) and round(missing_x, 1) == 0.5 == round(0.4745, 1)
    assert "factor x" not in ex1.check(0.5).message
    assert ex1.check(0.5).message.endswith("right to 1 decimal — give 4.")
    assert "factor x = 1.5 is missing" in ex1.check(0.513).message and "factor x" in ex1.check(0.51).message
    assert 2 / ex2.answer() == pytest.approx(8) and 2.0 ** 2 / 2 == 2
    assert "10 times" not in ex2.check(2).message and "upside down" in ex2.check(2).message
    assert "10 times" in ex2.check(2.5).message


def test_a_rate_above_the_limit_is_not_right_to_one_decimal_review_item_17():
    assert sw.trajectory(2.0, 0.8, 0.5, 0.3, 50).diverged  # 0.3 is on the wrong side of 0.25
    assert "right to" not in ex2.check(0.3).message and ex2.check(0.3).status == "wrong"
