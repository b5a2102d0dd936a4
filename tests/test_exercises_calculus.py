"""Notebook 01's exercises: computed answers agree with independent arithmetic, typical mistakes are named."""
import math

import numpy as np
import pytest

from helpers.exercises import calculus as ex


def test_ex1_secant_of_x_squared():
    assert ex.ex1.answer() == pytest.approx((1.5 ** 2 - 1.0 ** 2) / 0.5)
    assert ex.ex1.check(2.5).correct
    assert "Δy, the change" in ex.ex1.check(1.25).message
    assert "tangent's slope at x = 1" in ex.ex1.check(2.0).message
    assert "tangent's slope at x = 1.5" in ex.ex1.check(3.0).message
    assert "upside down" in ex.ex1.check(0.5 / 1.25).message
    assert "single number" in ex.ex1.check("2.5").message


def test_ex3_matches_the_chain_rule_form_of_the_loss():
    w = 0.5
    assert ex.ex3.answer() == pytest.approx(2 * (1.5 * w - 0.5) * 1.5)
    h = 1e-6
    loss = lambda w: (1.5 * w - 0.5) ** 2  # noqa: E731
    assert ex.ex3.answer() == pytest.approx((loss(w + h) - loss(w - h)) / (2 * h), rel=1e-6)
    assert ex.ex3.check(0.75).correct
    assert "loss L(0.5) itself" in ex.ex3.check(loss(0.5)).message
    assert "brings the 2 down" in ex.ex3.check(2.25 * 0.5 - 1.5).message
    assert "has slope −1.5" in ex.ex3.check(4.5 * 0.5).message
    assert "L′(0.8)" in ex.ex3.check(2.1).message
    assert "without the inner slope" in ex.ex3.check(0.5).message
    assert "sign is flipped" in ex.ex3.check(-0.75).message
    assert ex.ex3.check([0.75]).status == "wrong kind"


def test_ex4_sigmoid_slope_at_zero():
    sigma = lambda x: 1 / (1 + np.exp(-x))  # noqa: E731
    assert ex.ex4.answer() == pytest.approx((sigma(1e-6) - sigma(-1e-6)) / 2e-6)
    assert ex.ex4.check(0.25).correct
    assert "σ(0)" in ex.ex4.check(0.5).message
    assert "tanh" in ex.ex4.check(1 - math.tanh(0) ** 2).message
    assert ex.ex4.check(None).status == "wrong kind"


def test_ex2_best_step_is_computed_and_accepts_the_number_and_pythons_spelling():
    assert ex.ex2.answer() == "1e-5"
    for typed in ("1e-5", "1e-05", 1e-5, 0.00001, " 1E-5"):
        assert ex.ex2.check(typed).correct, typed
    assert "round-off" in ex.ex2.check("1e-12").message and "round-off" in ex.ex2.check(1e-12).message
    assert "truncation" in ex.ex2.check("1e-2").message
    assert "not one of the options" in ex.ex2.check("1e-7").message
    assert ex.ex2.check(...).status == "unanswered"


def test_the_explanation_starts_with_a_capital():  # issue 17: "correct! the central difference ..."
    assert "correct! The central difference" in ex.ex2.check("1e-5").message


def test_ex2_the_forward_differences_best_step_gets_a_hint_not_wrong_kind():
    """Review 00-03 item 8: 1e-8, the forward difference's best step, is the likeliest wrong answer."""
    xs = np.random.default_rng(0).uniform(0.5, 1.5, 200)
    hs = [10.0 ** -k for k in range(1, 15)]
    forward = [np.median(np.abs((np.exp(xs + h) - np.exp(xs)) / h - np.exp(xs))) for h in hs]
    assert hs[int(np.argmin(forward))] == 1e-8 and ex.best_forward_step() == "1e-8"
    assert "1e-8" not in ex.STEP_CHOICES
    for typed in (1e-8, "1e-8", "1e-08"):
        feedback = ex.ex2.check(typed)
        assert feedback.status == "wrong" and "forward difference does best" in feedback.message, typed
