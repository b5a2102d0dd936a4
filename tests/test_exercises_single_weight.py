"""Notebook 03's exercises: solutions agree with independent arithmetic, wrong answers get the hint."""
import pytest

from helpers import single_weight as sw
from helpers.exercises.single_weight import ex1, ex2, ex3


def test_second_step_matches_the_source_and_hand_arithmetic():
    w1 = 0.8 - 0.1 * 2 * (1.5 * 0.8 - 0.5) * 1.5
    by_hand = w1 - 0.1 * 2 * (1.5 * w1 - 0.5) * 1.5
    assert ex1.answer() == pytest.approx(by_hand, rel=1e-12)
    assert ex1.answer() == pytest.approx(0.4745)  # the source's second weight
    assert ex1.check(0.4745).correct
    assert ex1.check(0.59).status == "wrong" and "w1 = 0.59" in ex1.check(0.59).message
    assert "single number" in ex1.check("0.4745").message


def test_largest_stable_rate_is_where_the_factor_reaches_minus_one():
    rate = ex2.answer()
    assert 1 - 2 * rate * 2.0**2 == pytest.approx(-1)
    assert not sw.trajectory(2.0, 0.8, 0.5, rate, 50).diverged
    assert sw.trajectory(2.0, 0.8, 0.5, rate * 1.05, 50).diverged
    assert ex2.check(0.25).correct
    assert ex2.check(0.125).status == "wrong" and "factor" in ex2.check(0.125).message
    assert ex2.check([0.25]).status == "wrong kind"


def test_regime_for_rate_0_3():
    factor = 1 - 2 * 0.3 * 1.5**2
    assert -1 < factor < 0  # flips sign, shrinks
    assert ex3.answer() == "oscillates but converges"
    assert ex3.check("Oscillates but converges").correct
    assert ex3.check("diverges").status == "wrong"
    assert ex3.check("explodes").status == "wrong kind" and "not one of the options" in ex3.check("explodes").message
    assert ex3.check(...).status == "unanswered"
