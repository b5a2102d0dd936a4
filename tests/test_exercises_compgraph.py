"""Notebook 02's exercises: computed answers agree with hand-derived formulas and finite differences;
each typical mistake, computed here by hand, gets its hint."""
import math

import pytest

from helpers.exercises import compgraph as ex


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
    e = w * x - t
    assert ex.ex2.answer() == pytest.approx(2 * e * x)
    assert ex.ex2.answer() == pytest.approx(central(lambda w: (x * w - t) ** 2, w), rel=1e-7)
    assert ex.ex2.check(1.2).correct
    assert "∂L/∂y, one step short" in ex.ex2.check(2 * e).message
    assert "not w itself" in ex.ex2.check(2 * e * w).message            # the gate pattern
    assert "2e, not e" in ex.ex2.check(e * x).message
    assert "w = 0.8" in ex.ex2.check(2 * (x * 0.8 - t) * x).message    # the text's number
    assert ex.ex2.check([1.2]).status == "wrong kind"


def test_ex3_two_paths_add():
    z = math.tanh(0.3)
    assert ex.ex3.answer() == pytest.approx((2 * z + 2) * (1 - z * z))
    assert ex.ex3.answer() == pytest.approx(central(lambda a: math.tanh(a) ** 2 + 2 * math.tanh(a), 0.3), rel=1e-7)
    assert ex.ex3.check(round(ex.ex3.answer(), 4)).correct
    assert "add the two paths" in ex.ex3.check(2 * z * (1 - z * z)).message
    assert "add the two paths" in ex.ex3.check(2 * (1 - z * z)).message
    assert "that is ∂y/∂z" in ex.ex3.check(2 * z + 2).message.lower()
    assert "not 1 − a²" in ex.ex3.check((2 * z + 2) * (1 - 0.09)).message
    assert ex.ex3.check(round(ex.ex3.answer(), 2)).message.endswith("right to 2 decimals — give 4.")
    assert ex.ex3.check(...).status == "unanswered"


def test_ex4_layer_two_passes_back_dL_dz1():
    w1, w2, w3 = ex.EX4_WEIGHTS
    assert ex.EX4_WEIGHTS[:2] == ex.LAYER_WEIGHTS[:2] and w3 != ex.LAYER_WEIGHTS[2]
    z1 = math.tanh(w1 * 1.0)
    z2 = math.tanh(w2 * z1)
    dL_dz2 = 2 * (w3 * z2 - 0.5) * w3
    assert ex.ex4.answer() == pytest.approx(dL_dz2 * (1 - z2 ** 2) * w2)
    loss = lambda z: (w3 * math.tanh(w2 * z) - 0.5) ** 2  # noqa: E731  L as a function of z1
    assert ex.ex4.answer() == pytest.approx(central(loss, z1), rel=1e-7)
    assert ex.ex4.check(round(ex.ex4.answer(), 4)).correct
    assert "That is ∂L/∂z2" in ex.ex4.check(dL_dz2).message
    assert "tanh of layer 2 is missing" in ex.ex4.check(dL_dz2 * w2).message
    assert "w2 = −1.3 too" in ex.ex4.check(dL_dz2 * (1 - z2 ** 2)).message
    old_w3 = ex.LAYER_WEIGHTS[2]
    assert "w3 = 0.7" in ex.ex4.check(2 * (old_w3 * z2 - 0.5) * old_w3 * (1 - z2 ** 2) * w2).message
    dL_dw1 = ex.ex4.answer() * (1 - z1 ** 2) * 1.0
    assert "∂L/∂w1" in ex.ex4.check(dL_dw1).message
    assert "single number" in ex.ex4.check({"z1": 1}).message


def test_ex4_hint_is_a_recipe_not_a_function_call():  # issue 17
    assert "layer_chain" not in ex.ex4.hint and "(" in ex.ex4.hint and "forward first" in ex.ex4.hint


def test_ex5_sigmoid_slope_derived():
    sigma = lambda x: 1 / (1 + math.exp(-x))  # noqa: E731
    s1 = sigma(1.0)
    assert ex.ex5.answer() == pytest.approx(math.exp(-1) / (1 + math.exp(-1)) ** 2, rel=1e-12)
    assert ex.ex5.answer() == pytest.approx(s1 * (1 - s1), rel=1e-12)         # the identity to show
    assert ex.ex5.answer() == pytest.approx(central(sigma, 1.0), rel=1e-7)
    assert ex.ex5.check(0.1966).correct and ex.ex5.check(round(s1 * (1 - s1), 6)).correct
    assert "sign is flipped" in ex.ex5.check(-0.1966).message                  # forgot the inner −1
    assert "denominator is squared" in ex.ex5.check(round(1 - s1, 4)).message  # forgot the square
    assert "inner factor is missing" in ex.ex5.check(round(-1 / (1 + math.exp(-1)) ** 2, 4)).message
    assert "σ(1) itself" in ex.ex5.check(round(s1, 4)).message
    assert "σ′(0)" in ex.ex5.check(0.25).message
    assert ex.ex5.check(0.197).message.endswith("right to 3 decimals — give 4.")


def test_ex4_the_printed_four_decimals_are_enough_for_the_digits_asked_review_item_3():
    """z1 and z2 are printed to 4 decimals; carried through by hand they must give an accepted answer,
    and the answer is not a hair from a whole number (2.00012 was, and 2.0000 read as 2)."""
    w1, w2, w3 = ex.EX4_WEIGHTS
    z1 = math.tanh(w1 * 1.0)
    z2 = math.tanh(w2 * z1)
    printed_z2 = round(z2, 4)
    by_hand = 2 * (w3 * printed_z2 - 0.5) * w3 * (1 - printed_z2 ** 2) * w2
    each_rounded = round(2 * (round(w3 * printed_z2, 4) - 0.5) * w3, 4) * round(1 - printed_z2 ** 2, 4) * w2
    answer = ex.ex4.answer()
    assert ex.ex4.decimals == ex.EX4_DECIMALS == 3
    for typed in (round(answer, 3), round(answer, 4), round(by_hand, 4), round(each_rounded, 4), by_hand):
        assert ex.ex4.check(typed).correct, typed
    assert abs(answer - round(answer)) > 0.1
    assert abs(answer * 1e3 - math.floor(answer * 1e3) - 0.5) > 0.1  # not near a 3-decimal tie
