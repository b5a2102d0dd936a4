"""helpers.maths.engine: every operation's local derivatives and the backward pass against central differences,
paths that add, backward that only adds (zero_grad resets), names, and the operations on a learner's class."""
import math
from collections.abc import Iterable

import numpy as np
import pytest

from helpers.maths import engine
from helpers.maths.engine import Value, backward, topological_order, zero_grad

RNG = np.random.default_rng(20260523)
H = 1e-6


# ---------------------------------------------------------------- each operation, alone
def _local_against_central_difference(op, f, points):
    """The local derivative ``op`` stores, and the node's value, against f and its central difference."""
    for a in points:
        node = op(Value(a))
        assert node.data == pytest.approx(f(a), rel=1e-14, abs=1e-15)
        [(parent, local)] = node.parents
        assert local == pytest.approx((f(a + H) - f(a - H)) / (2 * H), rel=1e-6, abs=1e-8)


@pytest.mark.parametrize("op, f", [
    (engine.exp, math.exp),
    (engine.tanh, math.tanh),
    (engine.sigmoid, lambda a: 1 / (1 + math.exp(-a))),
    (lambda a: engine.power(a, 3), lambda a: a ** 3),
    (lambda a: engine.power(a, 2), lambda a: a ** 2),
])
def test_one_input_operations_store_their_derivative(op, f):
    _local_against_central_difference(op, f, RNG.uniform(-2, 2, 5).tolist())
    _local_against_central_difference(lambda a: engine.power(a, 0.5), math.sqrt, [0.3, 1.7])


@pytest.mark.parametrize("op, f, ops", [
    (engine.add, lambda a, b: a + b, "+"), (engine.sub, lambda a, b: a - b, "−"), (engine.mul, lambda a, b: a * b, "×"),
])
def test_two_input_operations_store_both_derivatives(op, f, ops):
    for a, b in RNG.uniform(-2, 2, (4, 2)).tolist():
        node = op(Value(a), Value(b))
        assert node.data == f(a, b) and node.op == ops
        (_, da), (_, db) = node.parents
        assert da == pytest.approx((f(a + H, b) - f(a - H, b)) / (2 * H), rel=1e-6, abs=1e-8)
        assert db == pytest.approx((f(a, b + H) - f(a, b - H)) / (2 * H), rel=1e-6, abs=1e-8)


def test_local_derivatives_of_each_operation():
    a, b = Value(2.0), Value(-3.0)
    assert [d for _, d in engine.add(a, b).parents] == [1.0, 1.0]
    assert [d for _, d in engine.sub(a, b).parents] == [1.0, -1.0]
    assert [d for _, d in engine.mul(a, b).parents] == [-3.0, 2.0]
    d = Value(5.0) - 2
    assert d.data == 3.0 and d.op == "−" and (2 - Value(5.0)).data == -3.0  # a real subtract node
    assert (Value(5.0) ** 2).op == "^2" and (Value(5.0) ** 0.5).op == "^0.5"


def test_sigmoid_never_overflows():
    for a in (-800.0, -40.0, 0.0, 40.0, 800.0):
        z = engine.sigmoid(Value(a)).data
        assert 0.0 <= z <= 1.0 and math.isfinite(z)
    assert engine.sigmoid(Value(-800.0)).data == 0.0 and engine.sigmoid(Value(800.0)).data == 1.0


# ---------------------------------------------------------------- the backward pass
def test_gate_patterns():
    """Add passes the gradient on unchanged; multiply hands each input the other input's value."""
    for make, grads in [(lambda p, q: p + q, (1.0, 1.0)), (lambda p, q: p * q, (-3.0, 2.0)),
                        (lambda p, q: p - q, (1.0, -1.0))]:
        p, q = Value(2.0, label="p"), Value(-3.0, label="q")
        make(p, q).backward()
        assert (p.grad, q.grad) == grads


def expression(x1: float, x2: float, x3: float):
    """Every operation Value knows, mixed, with x1 used in four places and plain numbers on either side."""
    a, b, c = Value(x1, label="x1"), Value(x2, label="x2"), Value(x3, label="x3")
    u = (a * b + c.tanh()).sigmoid()
    v = 2.0 - a * (c * 0.5).exp() + 3 * u ** 2 + 3 * u * u
    out = (v * a + 1.5 + (b - a).tanh() ** 3 + (b - a).sigmoid() * b - 1).named("out")
    return out, (a, b, c)


@pytest.mark.parametrize("point", RNG.uniform(-1.5, 1.5, size=(6, 3)).tolist())
def test_backward_matches_central_differences(point):
    out, inputs = expression(*point)
    out.backward()
    for k, node in enumerate(inputs):
        up, down = list(point), list(point)
        up[k] += H
        down[k] -= H
        numeric = (expression(*up)[0].data - expression(*down)[0].data) / (2 * H)
        assert node.grad == pytest.approx(numeric, rel=1e-6, abs=1e-8), (node.label, point)


def test_a_node_used_twice_gets_the_sum_of_both_paths():
    a = Value(0.5, label="a")
    z = a.sigmoid().named("z")
    y = (3 * z + z ** 2).named("y")
    y.backward()
    s = 1 / (1 + math.exp(-0.5))
    path_p, path_q = 3.0, 2 * s                  # ∂y/∂z along each branch
    assert z.grad == pytest.approx(path_p + path_q)
    assert a.grad == pytest.approx((path_p + path_q) * s * (1 - s))
    f = lambda t: 3 / (1 + math.exp(-t)) + 1 / (1 + math.exp(-t)) ** 2  # noqa: E731
    assert a.grad == pytest.approx((f(0.5 + 1e-6) - f(0.5 - 1e-6)) / 2e-6, rel=1e-7)
    square = Value(3.0, label="s")
    (square * square).backward()
    assert square.grad == 6.0                    # x·x: each factor's path gives 3


def test_backward_only_adds_like_pytorch_and_zero_grad_resets():
    a, b = Value(2.0), Value(-3.0)
    L = a * b + a
    L.backward()
    assert (a.grad, b.grad) == (-2.0, 2.0)
    again = a * b + a  # a new graph from the same leaves, as in the next training step without zeroing
    again.backward()
    assert (a.grad, b.grad) == (-4.0, 4.0)  # backward never zeroes: the leaves hold both passes
    zero_grad(again)
    assert all(node.grad == 0.0 for node in topological_order(again))
    again.backward()
    assert (a.grad, b.grad) == (-2.0, 2.0)


def test_backward_reports_each_step_after_adding_it():
    w, x = Value(0.8, label="w"), Value(1.5, label="x")
    y = (w * x).named("y")
    L = (y ** 2).named("L")
    steps = []
    backward(L, lambda node, parent, local: steps.append((node.label, parent.label, local, parent.grad)))
    assert steps == [("L", "y", pytest.approx(2.4), pytest.approx(2.4)), ("y", "w", 1.5, pytest.approx(3.6)),
                     ("y", "x", 0.8, pytest.approx(1.92))]


def test_topological_order_each_node_once_inputs_first_and_deep_chains():
    out, leaves = expression(0.3, -0.7, 1.1)
    order = topological_order(out)
    position = {id(n): k for k, n in enumerate(order)}
    assert len(position) == len(order) and order[-1] is out
    assert all(id(leaf) in position for leaf in leaves)
    assert all(position[id(p)] < position[id(n)] for n in order for p, _ in n.parents)
    x = Value(1.0)
    y = x
    for _ in range(20000):  # far deeper than Python's recursion limit
        y = y * 1.0001
    backward(y)
    assert len(topological_order(y)) == 40001
    assert x.grad == pytest.approx(1.0001 ** 20000)


# ---------------------------------------------------------------- names, plain numbers, other classes
def test_lookup_by_name_finds_the_node_and_says_which_names_exist():
    w, x = Value(0.8, label="w"), Value(2.0).named("x")
    L = (w * x).named("L")
    assert L["w"] is w and L["x"] is x and L["L"] is L
    with pytest.raises(KeyError, match="no node called 'b'.*'w'"):
        L["b"]
    twice = (x * 2 + x.tanh().named("x")).named("y")
    with pytest.raises(KeyError, match="2 nodes called 'x'"):
        twice["x"]
    assert not isinstance(L, Iterable)  # __iter__ = None: Python says so with a TypeError
    with pytest.raises(TypeError):
        list(L)
    assert repr(w) == "Value(w: 0.8, grad=0)" and repr(Value(-3.0)) == "Value(-3, grad=0)"


def test_operations_make_nodes_of_the_first_inputs_class():
    class Mine(Value):
        pass

    class Plain:  # a learner's class: data, grad, parents and nothing else
        def __init__(self, data, parents=()):
            self.data, self.grad, self.parents = data, 0.0, parents

    a, b = Mine(1.0), Value(2.0)
    for node in (engine.add(a, b), engine.mul(a, b), engine.sub(a, b), engine.tanh(a), engine.sigmoid(a),
                 engine.exp(a), engine.power(a, 2), a + 1, 2 * a, a - b, 1 - a):
        assert type(node) is Mine
    p, q = Plain(2.0), Plain(-3.0)
    L = engine.mul(engine.add(p, q), p)
    backward(L)
    assert type(L) is Plain and L.op == "×" and (p.grad, q.grad) == (1.0, 2.0)


def test_as_value_turns_numbers_into_leaves_and_refuses_anything_else():
    node = engine.as_value(2)
    assert isinstance(node, Value) and node.data == 2.0 and node.parents == () and node.label == ""
    assert type(engine.as_value(np.float64(0.5)).data) is float
    for bad in ("2", None, True, [1.0]):
        with pytest.raises(TypeError, match="a Value or a plain number"):
            Value(1.0) + bad


@pytest.mark.parametrize("call, error, words", [
    (lambda: Value("0.8"), TypeError, "real number"),
    (lambda: Value(True), TypeError, "real number"),
    (lambda: Value(0.8, label=3), TypeError, "label"),
    (lambda: Value(0.8, (), "w"), TypeError, "positional"),  # names are keywords: Value(0.8, label="w")
    (lambda: Value(0.8) ** Value(2.0), TypeError, "exponent"),
    (lambda: Value(0.8).named(""), TypeError, "non-empty text"),
    (lambda: topological_order(0.49), TypeError, "output node"),
])
def test_bad_input_says_what_was_expected(call, error, words):
    with pytest.raises(error, match=words):
        call()
