"""Notebook 05's exercises: computed answers match independent computations; typical mistakes get their hint."""
import numpy as np
import pytest
from python_says import error_line

from helpers.maths import network as nw
from helpers.maths import xor_nodes as xn
from helpers.exercises import network as ex


def test_ex1_matches_the_matrix_form_and_the_hand_computation():
    x1, x2, target = ex.EX1_SAMPLE
    net = xn.to_network(ex.EX1_WEIGHTS)
    by_matrix = nw.backward(net, [[x1, x2]], [target]).delta_hidden[0, 1]  # Z2 is column 1
    assert ex.ex1.answer() == pytest.approx(by_matrix, rel=1e-12)
    assert ex.ex1.answer() == pytest.approx(0.5 * ((1 + 2 + 0.5 * 2 + 2) - 1))  # by hand: 2.5
    assert ex.ex1.check(2.5).correct


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
    assert words in ex.ex1.check(typed).message
    assert "single number" in ex.ex1.check("2.5").message


def test_ex2_the_weights_from_the_zero_input_stay():
    assert ex.unchanged_weights(0.0, 1.0) == ["W11", "W21", "W31"]
    assert ex.unchanged_weights(1.0, 0.0) == ["W12", "W22", "W32"]
    assert ex.unchanged_weights(0.0, 0.0) == ["W11", "W12", "W21", "W22", "W31", "W32"]
    # independent: the matrix-form gradient has zeros exactly in the X1 column
    dW = nw.backward(xn.to_network(xn.all_weights(1.0)), [[0.0, 1.0]], [1.0]).dW
    assert np.all(dW[:, 1] == 0) and np.all(dW[:, [0, 2]] != 0)
    assert ex.ex2.check("all but W11, W21, W31").correct and ex.ex2.check("All but W11,W21,W31").correct
    assert "one input of (0, 1) is 0" in ex.ex2.check("all of them").message
    assert "sample (1, 0)" in ex.ex2.check("all but W12,W22,W32").message
    assert "hidden deltas are not 0" in ex.ex2.check("only V0, V1, V2, V3").message
    assert "is not one of the options" in ex.ex2.check("W11").message
    assert ex.ex2.check(3).status == "wrong kind"


def test_ex3_is_the_least_squares_floor():
    assert ex.ex3.answer() == pytest.approx(0.5 * np.mean((0.5 - nw.XOR_T) ** 2))  # 0.125
    assert ex.ex3.check(0.125).correct
    assert "has a ½" in ex.ex3.check(np.mean((0.5 - nw.XOR_T) ** 2)).message            # 0.25
    assert "the mean" in ex.ex3.check(np.sum(0.5 * (0.5 - nw.XOR_T) ** 2)).message      # 0.5
    assert "halve each square" in ex.ex3.check(np.sum((0.5 - nw.XOR_T) ** 2)).message  # 1.0
    assert ex.ex3.check(0.13).message.endswith("right to 2 decimals — give 3.")
    assert "expected a single number" in ex.ex3.check([0.125]).message
    assert ex.ex3.check(...).status == "unanswered"


# --- exercise 4: the backward pass with matrices, written by the learner ----------------------

def sigmoid(a):
    return 1 / (1 + np.exp(-a))


def backward_pass(X, t, W, V):
    """A learner's right answer, written from the notebook's formulas (independent of helpers)."""
    A = X @ W.T
    Z = np.column_stack([np.ones(len(X)), sigmoid(A)])
    delta_out = Z @ V - t
    delta_hid = np.outer(delta_out, V[1:]) * Z[:, 1:] * (1 - Z[:, 1:])
    return delta_hid.T @ X / len(t), Z.T @ delta_out / len(t)


def test_ex4_is_sound_and_accepts_a_right_answer():
    assert ex.ex4.verify() == []                      # reference = central differences; every mistake named
    assert ex.ex4.check(backward_pass).correct
    for case in ex.EX4_CASES:                          # and the learner's formulas match helpers.network
        X, t, W, V = case.args
        dW, dV = backward_pass(X, t, W, V)
        grads = nw.backward(nw.Network(W, V), X[:, 1:], t)
        np.testing.assert_allclose(dW, grads.dW, rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(dV, grads.dV, rtol=1e-12, atol=1e-15)


def _changed(**what):
    def wrong(X, t, W, V):
        A = X @ W.T
        z = sigmoid(A)
        Z = np.column_stack([np.ones(len(X)), z])
        delta_out = what.get("sign", 1) * (Z @ V - t)
        slope = {"a": z * (1 - z), "none": 1.0, "z": sigmoid(z) * (1 - sigmoid(z)),
                 "A": A * (1 - A)}[what.get("slope", "a")]
        if what.get("all_of_v"):
            delta_hid = np.outer(delta_out, V) * Z * (1 - Z)
        else:
            delta_hid = np.outer(delta_out, V[1:]) * slope
        n = 1 if what.get("sum") else len(t)
        dW = (X.T @ delta_hid if what.get("transposed") else delta_hid.T @ X) / n
        dV = (z if what.get("no_ones") else Z).T @ delta_out / n
        return dW, dV
    return wrong


@pytest.mark.parametrize("what, words", [
    (dict(slope="none"), "missing the hidden units' slope"),
    (dict(slope="z"), "belongs at the weighted sum"),
    (dict(sum=True), "sum over the samples"),
    (dict(transposed=True), "transposed"),
    (dict(no_ones=True), "no entry for v0"),
    (dict(sign=-1), "sign is flipped"),
    (dict(slope="A"), "A(1 − A) uses the weighted sum itself"),
    (dict(all_of_v=True), "bias weight v0 leads to no hidden unit: the hidden deltas use V[1:]"),
])
def test_ex4_names_the_typical_mistakes(what, words):
    feedback = ex.ex4.check(_changed(**what))
    assert feedback.status == "wrong" and words in feedback.message, feedback.message
    assert "DW" not in feedback.message and "DV" not in feedback.message   # code names keep their case


def test_ex4_unanswered_and_errors():
    def stub(X, t, W, V):
        dW = ...
        dV = ...
        return dW, dV

    assert ex.ex4.check(stub).status == "unanswered"

    def v0_in_the_hidden_delta(X, t, W, V):
        Z = np.column_stack([np.ones(len(X)), sigmoid(X @ W.T)])
        delta_hid = np.outer(Z @ V - t, V) * Z[:, 1:]  # (n, k+1) against (n, k)
        return delta_hid.T @ X, Z.T @ (Z @ V - t)

    feedback = ex.ex4.check(v0_in_the_hidden_delta)
    assert feedback.status == "wrong" and "delta_hid = np.outer(Z @ V - t, V)" in feedback.message
    # case 1: 4 samples, 2 hidden units, so (4, 3) against (4, 2); the words are numpy's
    assert error_line("import numpy as np\nnp.ones((4, 3)) * np.ones((4, 2))") in feedback.message
    assert ex.ex4.check(3).status == "wrong kind"
