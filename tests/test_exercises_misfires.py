"""Issue 24's table: wrong answers written the way learners write them, and what the checker must say.

The rule (CONTRIBUTING.md, "The exercise checker"): a mistake is named only when the answer matches it (on
every case, for code); otherwise the message says what differs, the first failing case with expected and got,
and the hint. Each test below was a misfire before: a wrong name, a raw error, a garbled line or a pass.
"""
import itertools
import linecache
import math
import textwrap

import numpy as np
import pytest
from test_exercises_autograd import notebook_namespace

from helpers.maths import autograd as ag
from helpers.maths import engine
from helpers.maths import neuron as nr
from helpers.exercises import autograd as e07
from helpers.exercises import compgraph as chain_rule, neuron as one_neuron, network as xor, single_weight, start_here


def _backward_parts(X, t, W, V):
    A = X @ W.T
    z = nr.sigmoid(A)
    Z = np.column_stack([np.ones(len(X)), z])
    return z, Z, Z @ V - t


_CELLS = itertools.count()


def learner(code: str, name: str):
    """``name`` defined as in a JupyterLab cell (whose file is a path, as ipykernel's are), with notebook 07's
    Value and the reference add, mul and topological_order."""
    space = notebook_namespace()  # the dict the notebook's Value class looks its functions up in
    space.update(add=engine.add, mul=engine.mul, topological_order=engine.topological_order)
    text = textwrap.dedent(code)
    filename = f"/ipykernel_24/cell{next(_CELLS)}.py"
    linecache.cache[filename] = (len(text), None, text.splitlines(True), filename)
    exec(compile(text, filename, "exec"), space)
    return space[name]


def no_traceback(message: str) -> bool:
    return "Traceback" not in message and 'File "' not in message


# ---------------------------------------------------------------- numbers: the cut-off of 0.15999999999999992
@pytest.mark.parametrize("ex, answer", [(start_here.ex1, 0.15), (chain_rule.ex2, 1.1)])
def test_a_wrong_answer_to_the_asked_decimals_is_not_called_right_to_those_decimals(ex, answer):
    message = ex.check(answer).message
    assert not ex.check(answer).correct and "right to" not in message, message


def test_the_rounded_answers_are_still_accepted_and_fewer_decimals_still_told():
    assert start_here.ex1.check(0.16).correct and chain_rule.ex2.check(1.2).correct
    assert "right to 1 decimal — give 2" in start_here.ex1.check(0.2).message


# ---------------------------------------------------------------- 04
def test_04_w_at_X_is_named_and_no_bias_column_is_guessed():
    message = one_neuron.ex_forward.check(lambda X, w, b: nr.sigmoid(w @ X + b)).message
    assert "w @ X puts the factors the other way round" in message and "bias column" not in message
    assert "X (1, 2), w (2,)" in message and no_traceback(message)


def test_04_X_at_delta_is_named_and_no_bias_column_is_guessed():
    def gradients(X, t, w, b):
        y = nr.sigmoid(X @ w + b)
        delta = (y - t) * y * (1 - y)
        return X @ delta / len(X), np.mean(delta)
    message = one_neuron.ex_gradients.check(gradients).message
    assert "X @ delta does not fit" in message and "bias column" not in message


def test_04_shapes_that_do_not_broadcast_are_said_with_the_shapes():
    def gradients(X, t, w, b):
        y = nr.sigmoid(X @ w + b)
        delta = (y - t) * y * (1 - y)
        return np.mean(delta * X, axis=0), np.mean(delta)
    message = one_neuron.ex_gradients.check(gradients).message
    assert "shapes (4,) (4,2)" in message and "print the .shape of both sides" in message
    assert "X (4, 2)" in message and no_traceback(message)


def test_04_one_sum_over_the_whole_batch_is_named_not_reshaped():
    message = one_neuron.ex_forward.check(lambda X, w, b: nr.sigmoid(np.sum(X * w) + b)).message
    assert "one number for the whole batch" in message and "ravel" not in message


def test_04_the_bias_sign_is_named():
    assert "the bias is added, not subtracted" in one_neuron.ex_forward.check(
        lambda X, w, b: nr.sigmoid(X @ w - b)).message.lower()


def test_04_db_without_the_mean_is_named():
    def gradients(X, t, w, b):
        y = nr.sigmoid(X @ w + b)
        delta = (y - t) * y * (1 - y)
        return X.T @ delta / len(X), delta
    message = one_neuron.ex_gradients.check(gradients).message
    assert "the mean of delta over the samples" in message and "got several" not in message


@pytest.mark.parametrize("answer", ["same", "Same", " same. ", "THE SAME"])
def test_04_ex2_accepts_the_option_without_its_small_words(answer):
    assert one_neuron.ex2.check(answer).correct


def test_an_option_word_is_accepted_only_when_it_is_the_whole_option_without_small_words():
    assert single_weight.ex3.check("oscillates").status == "wrong kind"  # a part of an option is no answer
    assert xor.ex2.check("W11").status == "wrong kind"
    assert one_neuron.ex2.check("the").status == "wrong kind"


# ---------------------------------------------------------------- 05
def test_05_outer_with_all_of_V_names_v0_instead_of_a_raw_error():
    def backward(X, t, W, V):
        z, Z, delta_out = _backward_parts(X, t, W, V)
        delta_hid = np.outer(delta_out, V) * z * (1 - z)
        return delta_hid.T @ X / len(t), Z.T @ delta_out / len(t)
    message = xor.ex4.check(backward).message
    assert "v0 leads to no hidden unit" in message and no_traceback(message)


def test_05_a_mean_over_the_wrong_axis_is_not_called_a_forgotten_bias():
    def backward(X, t, W, V):
        z, Z, delta_out = _backward_parts(X, t, W, V)
        delta_hid = np.outer(delta_out, V[1:]) * z * (1 - z)
        return delta_hid.T @ X / len(t), np.mean(Z.T * delta_out, axis=0)
    message = xor.ex4.check(backward).message
    assert "Shape (4,) where (3,) was expected" in message and "bias" not in message.split("Hint:")[1]


def test_05_the_hint_leads_and_the_arrays_follow_short():
    def backward(X, t, W, V):
        dW, dV = xor._reference_backward(X, t, W, V)
        return dW.T + 1, dV
    lines = xor.ex4.check(backward).message.splitlines()
    assert lines[1].startswith("Hint: Shape (3, 2) where (2, 3) was expected")
    assert lines[2].lstrip().startswith("expected dW") and lines[3].lstrip().startswith("got      dW")
    assert all(len(line) < 420 for line in lines[2:])


# ---------------------------------------------------------------- 07
def test_07_ex3_a_value_as_the_local_derivative_is_said_plainly():
    sigmoid = learner("""
        def sigmoid(a):
            z = Value(1 / (1 + math.exp(-a.data)))
            return Value(z.data, [(a, z * (1 - z))])
        """, "sigmoid")
    message = e07.ex3.check(sigmoid).message
    assert "the local derivative stored in parents is a value" in message.lower() and "str '" not in message


def test_07_ex1_value_of_a_sum_of_values_is_explained():
    add = learner("""
        def add(a, b):
            return Value(a + b, [(a, 1.0), (b, 1.0)])
        """, "add")
    message = e07.ex1.check(add).message
    assert "float() was given a Value" in message and "a.data, b.data" in message


def test_07_ex3_math_exp_of_a_value_is_explained():
    sigmoid = learner("""
        def sigmoid(a):
            z = 1 / (1 + math.exp(-a))
            return Value(z, [(a, z * (1 - z))])
        """, "sigmoid")
    message = e07.ex3.check(sigmoid).message
    assert "z = 1 / (1 + math.exp(-a))" in message  # the learner's own line
    assert "math functions such as math.exp take plain numbers" in message and "a.data" in message


def test_07_ex6_a_cut_graph_is_detected():
    xor_loss = learner("""
        def xor_loss(W, V):
            total = 0.0
            for (x1, x2), t in XOR:
                z = [(row[0] + row[1] * x1 + row[2] * x2).sigmoid().data for row in W]
                y = V[0]
                for v, zj in zip(V[1:], z):
                    y = y + v * zj
                total = total + 0.5 * ((y - t) * (y - t))
            return total * (1.0 / len(XOR))
        """, "xor_loss")
    message = e07.ex6.check(xor_loss).message
    assert "the graph is cut" in message.lower() and "not connected to L" in message


def test_07_ex5_skipped_leaves_are_not_told_to_set_output_grad():
    backward = learner("""
        def backward(output):
            output.grad = 1.0
            for node in reversed(topological_order(output)):
                for parent, local in node.parents:
                    if parent.parents:
                        parent.grad += node.grad * local
        """, "backward")
    message = e07.ex5.check(backward).message
    assert "output.grad = 1.0 before the loop" not in message and "never receive their gradient" in message


def test_07_ex5_a_backward_that_zeroes_the_grads_is_rejected_and_told_why():
    backward = learner("""
        def backward(output):
            order = topological_order(output)
            for node in order:
                node.grad = 0.0
            output.grad = 1.0
            for node in reversed(order):
                for parent, local in node.parents:
                    parent.grad += node.grad * local
        """, "backward")
    feedback = e07.ex5.check(backward)
    assert not feedback.correct and "zeroing belongs to the training loop" in feedback.message


def test_07_ex5_the_left_over_case_shows_that_backward_adds():
    a, b = engine.Value(2.0), engine.Value(-3.0)
    a.grad, b.grad = 0.5, 0.25
    engine.backward(a * b)
    assert (a.grad, b.grad) == (0.5 - 3.0, 0.25 + 2.0)
    assert math.isclose(e07.ex5.cases[-1].numeric()[0], a.grad)


def test_k_times_the_right_one_is_called_a_sum_only_when_the_case_has_k_samples():
    def times(k):
        return lambda X, t, w, b: tuple(k * g for g in one_neuron.gradients(X, t, w, b))
    for k in (3.0, 4.0):  # case 1 has one sample: 4 times is no sum over 4 samples there
        message = one_neuron.ex_gradients.check(times(k)).message
        assert "Case 1 of 3" in message and f"{k:g} times the right one." in message and "sum over" not in message

    def summed(X, t, w, b):  # the same on one sample; on case 2's four, 4 times the mean
        return tuple(len(X) * g for g in one_neuron.gradients(X, t, w, b))
    message = one_neuron.ex_gradients.check(summed).message
    assert "Case 2 of 3" in message and "That is the sum over the samples" in message  # the declared mistake
