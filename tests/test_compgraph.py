"""compgraph: backward-pass gradients against finite differences, reused nodes add, the single-weight chain."""
import math

import ipywidgets as widgets
import numpy as np
import pytest
from matplotlib.figure import Figure

from helpers.compgraph import Value, draw, graph_view, layer_chain, node_table, nodes, single_weight_cost

RNG = np.random.default_rng(20260523)


def by_label(output: Value) -> dict:
    return {n.label: n for n in nodes(output) if n.label}


def test_single_weight_chain_reproduces_the_source_numbers():
    C = single_weight_cost(0.8)
    C.backward()
    node = by_label(C)
    a, w = node["a"], node["w"]
    assert a.data == pytest.approx(1.2) and C.data == pytest.approx(0.49)
    assert a.grad == pytest.approx(1.4)                        # dC/da = 2(a − y)
    assert dict((id(p), d) for p, d in a.parents)[id(w)] == pytest.approx(1.5)  # da/dw = i
    assert w.grad == pytest.approx(2.1)                        # dC/dw = 1.4 × 1.5
    assert w.grad == pytest.approx(a.grad * 1.5)


@pytest.mark.parametrize("w", RNG.uniform(-2, 2, 5))
def test_single_weight_gradient_matches_the_formula_and_finite_differences(w):
    C = single_weight_cost(w)
    C.backward()
    assert by_label(C)["w"].grad == pytest.approx(2 * (1.5 * w - 0.5) * 1.5)
    h = 1e-6
    numeric = (single_weight_cost(w + h).data - single_weight_cost(w - h).data) / (2 * h)
    assert by_label(C)["w"].grad == pytest.approx(numeric, rel=1e-6, abs=1e-8)


def expression(x1: float, x2: float, x3: float):
    """Every operation Value knows, mixed, with x1 used in three places."""
    a, b, c = Value(x1, "x1"), Value(x2, "x2"), Value(x3, "x3")
    u = (a * b + c.tanh()).sigmoid()
    v = 2.0 - a * (c * 0.5).exp() + 3 * u ** 2
    out = (v * a + 1.5 + (b - a).tanh() ** 3).named("out")
    return out, (a, b, c)


@pytest.mark.parametrize("point", RNG.uniform(-1.5, 1.5, size=(6, 3)).tolist())
def test_backward_matches_central_differences(point):
    out, inputs = expression(*point)
    out.backward()
    h = 1e-6
    for k, node in enumerate(inputs):
        up, down = list(point), list(point)
        up[k] += h
        down[k] -= h
        numeric = (expression(*up)[0].data - expression(*down)[0].data) / (2 * h)
        assert node.grad == pytest.approx(numeric, rel=1e-6, abs=1e-8), (node.label, point)


def test_a_node_used_twice_gets_the_sum_of_both_paths():
    x = Value(0.5, "x")
    h = x.sigmoid().named("h")
    y = (3 * h + h ** 2).named("y")
    y.backward()
    s = 1 / (1 + math.exp(-0.5))
    path_p, path_q = 3.0, 2 * s                  # dy/dh along each branch
    assert h.grad == pytest.approx(path_p + path_q)
    assert x.grad == pytest.approx((path_p + path_q) * s * (1 - s))
    f = lambda t: 3 / (1 + math.exp(-t)) + 1 / (1 + math.exp(-t)) ** 2  # noqa: E731
    assert x.grad == pytest.approx((f(0.5 + 1e-6) - f(0.5 - 1e-6)) / 2e-6, rel=1e-7)
    square = Value(3.0, "s")
    (square * square).backward()
    assert square.grad == 6.0                    # x·x: each factor's path gives 3


def test_backward_twice_gives_the_same_grads_and_a_readable_trace():
    C = single_weight_cost(0.8)
    C.backward()
    first = {n.label: n.grad for n in nodes(C)}
    trace = []
    C.backward(trace)
    assert {n.label: n.grad for n in nodes(C)} == first
    assert len(trace) == 5  # one line per edge: C←e, e←a, e←y, a←i, a←w
    assert trace[-1] == "dC/dw += dC/da × ∂a/∂w = 1.4000 × 1.5000  → 2.1000"
    assert "w: value   0.8000   dC/dw =   2.1000" in node_table(C)


def test_nodes_come_inputs_first():
    C = single_weight_cost(0.8)
    order = [n.label or n.op for n in nodes(C)]
    assert order.index("w") < order.index("a") < order.index("C") and order[-1] == "C"


def test_draw_puts_one_box_per_node_and_one_label_per_edge():
    C = single_weight_cost(0.8)
    C.backward()
    ax = Figure().add_subplot()
    draw(C, ax)
    texts = [t.get_text() for t in ax.texts if t.get_text()]
    arrows = [t for t in ax.texts if not t.get_text()]  # annotate() arrows are text-less Annotations
    assert len(texts) == 6 + 5 and len(arrows) == 5  # nodes w, i, a, y, e, C
    assert "w\n0.8000\n∂C/∂w = 2.1000" in texts
    assert texts.count("1.5") == 1 and "0.8" in texts and "-1" in texts  # local derivatives on the edges


def test_graph_view_moves_the_weight_and_reports_every_node():
    view = graph_view(single_weight_cost, "w", widgets.FloatSlider(value=0.8, min=0, max=1.2, step=0.01))
    assert view.readout == "w = 0.80: C = 0.4900, ∂C/∂w = 2.1000"
    assert view.set(w=0.5) == "w = 0.50: C = 0.0625, ∂C/∂w = 0.7500"
    assert view.set(w=1 / 3) == "w = 0.33: C = 0.0000, ∂C/∂w = 0.0000"


def test_graph_view_fast_update_draws_the_same_picture_as_a_fresh_view():
    moved = graph_view(single_weight_cost, "w", widgets.FloatSlider(value=0.8, min=0, max=1.2, step=0.01))
    moved.set(w=0.6)
    moved.set(w=0.5)  # numbers changed in place
    fresh = graph_view(single_weight_cost, "w", widgets.FloatSlider(value=0.5, min=0, max=1.2, step=0.01))
    assert moved.readout == fresh.readout
    assert bytes(moved.image.value) == bytes(fresh.image.value)
    assert "w\n0.5000\n∂C/∂w = 0.7500" in [t.get_text() for t in moved.fig.axes[0].texts]


def layer_cost(x, w1, w2, w3, y):
    return (w3 * math.tanh(w2 * math.tanh(w1 * x)) - y) ** 2


@pytest.mark.parametrize("weights", RNG.uniform(-1.5, 1.5, size=(4, 3)).tolist())
def test_layer_chain_weight_grads_match_finite_differences(weights):
    C = layer_chain(1.0, weights, 0.5)
    C.backward()
    node = by_label(C)
    assert C.data == pytest.approx(layer_cost(1.0, *weights, 0.5))
    h = 1e-6
    for k in range(3):
        up, down = list(weights), list(weights)
        up[k] += h
        down[k] -= h
        numeric = (layer_cost(1.0, *up, 0.5) - layer_cost(1.0, *down, 0.5)) / (2 * h)
        assert node[f"w{k + 1}"].grad == pytest.approx(numeric, rel=1e-6, abs=1e-8)
    # each layer hands back dC/d(its input) = dC/d(its output) × local slope
    assert node["h1"].grad == pytest.approx(node["h2"].grad * (1 - node["h2"].data ** 2) * weights[1])


@pytest.mark.parametrize("call, error, words", [
    (lambda: layer_chain(1.0, (0.5, 0.2), 0.5), ValueError, "three numbers"),
    (lambda: Value("0.8"), TypeError, "real number"),
    (lambda: Value(True), TypeError, "real number"),
    (lambda: Value(0.8, label=3), TypeError, "label"),
    (lambda: Value(0.8) + "1", TypeError, "Value or a real number"),
    (lambda: Value(0.8) ** Value(2.0), TypeError, "plain number"),
    (lambda: Value(0.8).named(""), TypeError, "non-empty text"),
    (lambda: nodes(0.49), TypeError, "compgraph.Value"),
    (lambda: graph_view("C", "w", widgets.FloatSlider()), TypeError, "build must be a function"),
    (lambda: graph_view(lambda w: w * 2, "w", widgets.FloatSlider()), TypeError, "build must return"),
])
def test_bad_input_says_what_was_expected(call, error, words):
    with pytest.raises(error, match=words):
        call()
