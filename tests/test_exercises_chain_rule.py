"""Notebook 02's exercises: computed answers agree with hand-derived formulas and finite differences."""
import math

import pytest

from helpers.exercises import chain_rule as ex


def central(f, x, h=1e-6):
    return (f(x + h) - f(x - h)) / (2 * h)


def test_ex1_chain_rule():
    assert ex.ex1.answer() == pytest.approx(2 * (3 * 0.5 + 1) * 3)
    assert ex.ex1.answer() == pytest.approx(central(lambda x: (3 * x + 1) ** 2, 0.5), rel=1e-7)
    assert ex.ex1.check(15).correct
    assert "multiply" in ex.ex1.check(5.0).message  # forgot the inner derivative 3
    assert "single number" in ex.ex1.check("15").message


def test_ex2_single_weight_at_w_0_6():
    assert ex.ex2.answer() == pytest.approx(2 * (1.5 * 0.6 - 0.5) * 1.5)
    assert ex.ex2.answer() == pytest.approx(central(lambda w: (1.5 * w - 0.5) ** 2, 0.6), rel=1e-7)
    assert ex.ex2.check(1.2).correct
    assert ex.ex2.check(0.8).status == "wrong"  # dC/da, one step short
    assert ex.ex2.check([1.2]).status == "wrong kind"


def test_ex3_two_paths_add():
    h = math.tanh(0.3)
    assert ex.ex3.answer() == pytest.approx((2 * h + 2) * (1 - h * h))
    assert ex.ex3.answer() == pytest.approx(central(lambda x: math.tanh(x) ** 2 + 2 * math.tanh(x), 0.3), rel=1e-7)
    one_path = 2 * h * (1 - h * h)
    feedback = ex.ex3.check(one_path)
    assert feedback.status == "wrong" and "add the two paths" in feedback.message
    assert ex.ex3.check(...).status == "unanswered"


def test_ex4_layer_two_passes_back_dC_dh1():
    w1, w2, w3 = ex.EX4_WEIGHTS
    assert ex.EX4_WEIGHTS[:2] == ex.LAYER_WEIGHTS[:2] and w3 != ex.LAYER_WEIGHTS[2]
    h1 = math.tanh(w1 * 1.0)
    h2 = math.tanh(w2 * h1)
    dC_dh2 = 2 * (w3 * h2 - 0.5) * w3
    assert ex.ex4.answer() == pytest.approx(dC_dh2 * (1 - h2 ** 2) * w2)
    cost = lambda h: (w3 * math.tanh(w2 * h) - 0.5) ** 2  # noqa: E731  C as a function of h1
    assert ex.ex4.answer() == pytest.approx(central(cost, h1), rel=1e-7)
    assert ex.ex4.check(round(ex.ex4.answer(), 4)).correct
    assert ex.ex4.check(dC_dh2).status == "wrong"
    assert "single number" in ex.ex4.check({"h1": 1}).message
