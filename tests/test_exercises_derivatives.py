"""Notebook 01's exercises: computed answers agree with independent arithmetic, wrong answers get help."""
import numpy as np
import pytest

from helpers.exercises import derivatives as ex


def test_ex1_secant_of_x_squared():
    assert ex.ex1.answer() == pytest.approx((1.5 ** 2 - 1.0 ** 2) / 0.5)
    assert ex.ex1.check(2.5).correct
    assert "Δx = 0.5" in ex.ex1.check(2.0).message  # the tangent slope is the classic wrong answer
    assert "single number" in ex.ex1.check("2.5").message


def test_ex3_matches_the_chain_rule_form_of_the_cost():
    w = 0.5
    assert ex.ex3.answer() == pytest.approx(2 * (1.5 * w - 0.5) * 1.5)
    h = 1e-6
    cost = lambda w: (1.5 * w - 0.5) ** 2  # noqa: E731
    assert ex.ex3.answer() == pytest.approx((cost(w + h) - cost(w - h)) / (2 * h), rel=1e-6)
    assert ex.ex3.check(0.75).correct
    feedback = ex.ex3.check(0.25)
    assert feedback.status == "wrong" and "4.5w" in feedback.message
    assert ex.ex3.check([0.75]).status == "wrong kind"


def test_ex4_sigmoid_slope_at_zero():
    sigma = lambda x: 1 / (1 + np.exp(-x))  # noqa: E731
    assert ex.ex4.answer() == pytest.approx((sigma(1e-6) - sigma(-1e-6)) / 2e-6)
    assert ex.ex4.check(0.25).correct
    assert "σ(0) = 0.5" in ex.ex4.check(0.5).message
    assert ex.ex4.check(None).status == "unanswered"


def test_ex2_best_step_is_computed_and_is_the_middle_one():
    assert ex.ex2.answer() == "1e-5"
    assert ex.ex2.check("1e-5").correct
    assert ex.ex2.check("1e-12").status == "wrong" and "round-off" in ex.ex2.check("1e-12").message
    assert ex.ex2.check(1e-5).status == "wrong kind"
    assert "not one of the options" in ex.ex2.check("1e-7").message
