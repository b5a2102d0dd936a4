"""Notebook 05's exercises: computed answers match independent computations; typical mistakes get their hint."""
import numpy as np
import pytest

from helpers import network as nw
from helpers import xor_nodes as xn
from helpers.exercises import xor


def test_ex1_matches_the_matrix_form_and_the_hand_computation():
    x1, x2, target = xor.EX1_SAMPLE
    net = xn.to_network(xor.EX1_WEIGHTS)
    by_matrix = nw.backward(net, [[x1, x2]], [target]).delta_hidden[0, 1]  # Z2 is column 1
    assert xor.ex1.answer() == pytest.approx(by_matrix, rel=1e-12)
    assert xor.ex1.answer() == pytest.approx(0.5 * ((1 + 2 + 0.5 * 2 + 2) - 1))  # by hand: 2.5
    assert xor.ex1.check(2.5).correct


@pytest.mark.parametrize("typed, words", [
    (5.0, "V2 = 0.5"),                                      # delta_D0 = 6 − 1
    (-2.5, "not target − output"),                          # the source's sign
    (0.5 * 6, "not by the output D0"),                      # V2 · D0
    (0.5 * ((1 + 1 + 0.5 * 1 + 1) - 1), "bias units"),      # no X0: Z = 1, D0 = 3.5
    (0.5 * ((0 + 2 + 0.5 * 2 + 2) - 1), "bias units"),      # no Z0: D0 = 5
    (0.5 * ((0 + 1 + 0.5 * 1 + 1) - 1), "bias units"),      # neither: D0 = 2.5
    (2 * 5.0, "gradient of V2"),                            # Z2 · delta_D0
])
def test_ex1_mistakes(typed, words):
    assert words in xor.ex1.check(typed).message
    assert "single number" in xor.ex1.check("2.5").message


def test_ex2_the_weights_from_the_zero_input_stay():
    assert xor.unchanged_weights(0.0, 1.0) == ["W11", "W21", "W31"]
    assert xor.unchanged_weights(1.0, 0.0) == ["W12", "W22", "W32"]
    assert xor.unchanged_weights(0.0, 0.0) == ["W11", "W12", "W21", "W22", "W31", "W32"]
    # independent: the matrix-form gradient has zeros exactly in the X1 column
    dW = nw.backward(xn.to_network(xn.all_weights(1.0)), [[0.0, 1.0]], [1.0]).dW
    assert np.all(dW[:, 1] == 0) and np.all(dW[:, [0, 2]] != 0)
    assert xor.ex2.check("all but W11, W21, W31").correct and xor.ex2.check("All but W11,W21,W31").correct
    assert "one input of (0, 1) is 0" in xor.ex2.check("all of them").message
    assert "sample (1, 0)" in xor.ex2.check("all but W12,W22,W32").message
    assert "hidden deltas are not 0" in xor.ex2.check("only V0, V1, V2, V3").message
    assert "is not one of the options" in xor.ex2.check("W11").message
    assert xor.ex2.check(3).status == "wrong kind"


def test_ex3_is_the_least_squares_floor():
    assert xor.ex3.answer() == pytest.approx(0.5 * np.mean((0.5 - nw.XOR_Y) ** 2))  # 0.125
    assert xor.ex3.check(0.125).correct
    assert "has a ½" in xor.ex3.check(np.mean((0.5 - nw.XOR_Y) ** 2)).message            # 0.25
    assert "the mean" in xor.ex3.check(np.sum(0.5 * (0.5 - nw.XOR_Y) ** 2)).message      # 0.5
    assert "halve each square" in xor.ex3.check(np.sum((0.5 - nw.XOR_Y) ** 2)).message  # 1.0
    assert xor.ex3.check(0.13).message.endswith("right to 2 decimals — give 3.")
    assert "expected a single number" in xor.ex3.check([0.125]).message
    assert xor.ex3.check(...).status == "unanswered"
