"""Notebook 02's exercises: computed answers agree with hand-derived formulas and finite differences;
each typical mistake, computed here by hand, gets its hint."""
import math

import pytest

from helpers.exercises import chain_rule as ex


def central(f, x, h=1e-6):
    return (f(x + h) - f(x - h)) / (2 * h)


def test_ex1_chain_rule():
    assert ex.ex1.answer() == pytest.approx(2 * (3 * 0.5 + 1) * 3)
    assert ex.ex1.answer() == pytest.approx(central(lambda x: (3 * x + 1) ** 2, 0.5), rel=1e-7)
    assert ex.ex1.check(15).correct
    assert "inner slope g′ = 3" in ex.ex1.check(5.0).message       # forgot the inner derivative
    assert "at u = g(0.5)" in ex.ex1.check(2 * 0.5 * 3).message     # outer slope at x
    assert "brings down the 2" in ex.ex1.check(2.5 * 3).message
    assert "single number" in ex.ex1.check("15").message


def test_ex2_single_weight_at_w_0_6():
    x, t, w = 1.5, 0.5, 0.6
    e = x * w - t
    assert ex.ex2.answer() == pytest.approx(2 * e * x)
    assert ex.ex2.answer() == pytest.approx(central(lambda w: (x * w - t) ** 2, w), rel=1e-7)
    assert ex.ex2.check(1.2).correct
    assert "dL/dy, one step short" in ex.ex2.check(2 * e).message
    assert "not w itself" in ex.ex2.check(2 * e * w).message            # the gate pattern
    assert "2e, not e" in ex.ex2.check(e * x).message
    assert "w = 0.8" in ex.ex2.check(2 * (x * 0.8 - t) * x).message    # the text's number
    assert ex.ex2.check([1.2]).status == "wrong kind"


def test_ex3_two_paths_add():
    h = math.tanh(0.3)
    assert ex.ex3.answer() == pytest.approx((2 * h + 2) * (1 - h * h))
    assert ex.ex3.answer() == pytest.approx(central(lambda x: math.tanh(x) ** 2 + 2 * math.tanh(x), 0.3), rel=1e-7)
    assert ex.ex3.check(round(ex.ex3.answer(), 4)).correct
    assert "add the two paths" in ex.ex3.check(2 * h * (1 - h * h)).message
    assert "add the two paths" in ex.ex3.check(2 * (1 - h * h)).message
    assert "that is dy/dh" in ex.ex3.check(2 * h + 2).message.lower()
    assert "not 1 − x²" in ex.ex3.check((2 * h + 2) * (1 - 0.09)).message
    assert ex.ex3.check(round(ex.ex3.answer(), 2)).message.endswith("right to 2 decimals — give 4.")
    assert ex.ex3.check(...).status == "unanswered"


def test_ex4_layer_two_passes_back_dL_dh1():
    w1, w2, w3 = ex.EX4_WEIGHTS
    assert ex.EX4_WEIGHTS[:2] == ex.LAYER_WEIGHTS[:2] and w3 != ex.LAYER_WEIGHTS[2]
    h1 = math.tanh(w1 * 1.0)
    h2 = math.tanh(w2 * h1)
    dL_dh2 = 2 * (w3 * h2 - 0.5) * w3
    assert ex.ex4.answer() == pytest.approx(dL_dh2 * (1 - h2 ** 2) * w2)
    loss = lambda h: (w3 * math.tanh(w2 * h) - 0.5) ** 2  # noqa: E731  L as a function of h1
    assert ex.ex4.answer() == pytest.approx(central(loss, h1), rel=1e-7)
    assert ex.ex4.check(round(ex.ex4.answer(), 4)).correct
    assert "That is dL/dh2" in ex.ex4.check(dL_dh2).message
    assert "tanh of layer 2 is missing" in ex.ex4.check(dL_dh2 * w2).message
    assert "w2 = −1.3 too" in ex.ex4.check(dL_dh2 * (1 - h2 ** 2)).message
    old_w3 = ex.LAYER_WEIGHTS[2]
    assert "w3 = 0.7" in ex.ex4.check(2 * (old_w3 * h2 - 0.5) * old_w3 * (1 - h2 ** 2) * w2).message
    dL_dw1 = ex.ex4.answer() * (1 - h1 ** 2) * 1.0
    assert "dL/dw1" in ex.ex4.check(dL_dw1).message
    assert "single number" in ex.ex4.check({"h1": 1}).message


def test_ex4_hint_is_a_recipe_not_a_function_call():  # issue 17
    assert "layer_chain" not in ex.ex4.hint and "(" in ex.ex4.hint and "forward first" in ex.ex4.hint
