"""compgraph: notebook 02's graphs (the single-weight chain, layer chains) against formulas and finite differences,
their printed backward steps, and their drawings."""
import math

import numpy as np
import pytest

from helpers.maths.compgraph import backward_trace, layer_chain, node_table, single_weight_loss
from helpers.maths.engine import Value, topological_order, zero_grad

RNG = np.random.default_rng(20260523)


def by_label(output: Value) -> dict:
    return {n.label: n for n in topological_order(output) if n.label}


def test_single_weight_chain_reproduces_the_source_numbers():
    L = single_weight_loss(0.8)
    L.backward()
    node = by_label(L)
    y, w = node["y"], node["w"]
    assert y.data == pytest.approx(1.2) and L.data == pytest.approx(0.49)
    assert y.grad == pytest.approx(1.4)                        # ∂L/∂y = 2(y − t)
    assert dict((id(p), d) for p, d in y.parents)[id(w)] == pytest.approx(1.5)  # ∂y/∂w = x
    assert w.grad == pytest.approx(2.1)                        # ∂L/∂w = 1.4 × 1.5
    assert w.grad == pytest.approx(y.grad * 1.5)
    assert sorted(node) == ["L", "e", "t", "w", "x", "y"]     # the series' notation


@pytest.mark.parametrize("w", RNG.uniform(-2, 2, 5))
def test_single_weight_gradient_matches_the_formula_and_finite_differences(w):
    L = single_weight_loss(w)
    L.backward()
    assert L["w"].grad == pytest.approx(2 * (1.5 * w - 0.5) * 1.5)
    h = 1e-6
    numeric = (single_weight_loss(w + h).data - single_weight_loss(w - h).data) / (2 * h)
    assert L["w"].grad == pytest.approx(numeric, rel=1e-6, abs=1e-8)


def test_the_one_weight_graph_names_its_nodes_as_notebook_02_does():
    """The lookup itself (unknown and repeated names) is the engine's: tests/test_maths_engine.py."""
    L = single_weight_loss(0.8, x=2.0, t=1.0)
    L.backward()
    assert L["w"] is by_label(L)["w"] and L["x"].data == 2.0 and L["t"].data == 1.0
    assert L["L"] is L and {"w", "x", "t", "y", "e", "L"} <= set(by_label(L))


def test_backward_after_zero_grad_gives_the_same_grads_and_a_readable_trace():
    L = single_weight_loss(0.8)
    L.backward()
    first = {n.label: n.grad for n in topological_order(L)}
    L.backward()  # backward adds, at every node: e holds 2·1.4, so y gets 1.4 + 2.8, and w 2.1 + 4.2·1.5
    assert L["e"].grad == pytest.approx(2 * first["e"]) and L["w"].grad == pytest.approx(4 * first["w"])
    zero_grad(L)
    assert all(n.grad == 0.0 for n in topological_order(L))
    trace = backward_trace(L)
    assert {n.label: n.grad for n in topological_order(L)} == first
    assert len(trace) == 5  # one line per edge: L←e, e←y, e←t, y←w, y←x
    # the output's own local factor is named by its operation, so it cannot be read as the gradient ∂L/∂e
    assert trace[0] == "∂L/∂e += ∂L/∂L × ∂(e²)/∂e = 1.0000 × 1.4000  → 1.4000"
    assert not any(line.split(" = ")[0].endswith("× ∂L/∂e") for line in trace)
    assert "∂L/∂w += ∂L/∂y × ∂y/∂w = 1.4000 × 1.5000  → 2.1000" in trace
    assert "w: value   0.8000   ∂L/∂w =   2.1000" in node_table(L)


def test_nodes_come_inputs_first():
    L = single_weight_loss(0.8)
    order = [n.label or n.op for n in topological_order(L)]
    assert order.index("w") < order.index("y") < order.index("L") and order[-1] == "L"
    for k, node in enumerate(order_nodes := topological_order(L)):
        assert all(order_nodes.index(parent) < k for parent, _ in node.parents)


def test_deep_graphs_need_no_recursion():
    L = layer_chain(1.0, [0.9] * 2000, 0.5)  # ~6000 nodes deep: a recursive walk would pass Python's limit
    L.backward()
    assert len(topological_order(L)) == 2000 + 1999 + 1999 + 1 + 4  # weights, products a, tanhs z, y, then x, t, e, L
    z = 1.0
    for _ in range(1999):
        z = math.tanh(0.9 * z)
    assert L["y"].data == pytest.approx(0.9 * z)
    assert L["w2000"].grad == pytest.approx(2 * (0.9 * z - 0.5) * z)


def layer_loss(x, w1, w2, w3, t):
    return (w3 * math.tanh(w2 * math.tanh(w1 * x)) - t) ** 2


@pytest.mark.parametrize("weights", RNG.uniform(-1.5, 1.5, size=(4, 3)).tolist())
def test_layer_chain_weight_grads_match_finite_differences(weights):
    L = layer_chain(1.0, weights, 0.5)
    L.backward()
    assert L.data == pytest.approx(layer_loss(1.0, *weights, 0.5))
    assert sorted(by_label(L)) == ["L", "a1", "a2", "e", "t", "w1", "w2", "w3", "x", "y", "z1", "z2"]
    h = 1e-6
    for k in range(3):
        up, down = list(weights), list(weights)
        up[k] += h
        down[k] -= h
        numeric = (layer_loss(1.0, *up, 0.5) - layer_loss(1.0, *down, 0.5)) / (2 * h)
        assert L[f"w{k + 1}"].grad == pytest.approx(numeric, rel=1e-6, abs=1e-8)
    # each layer hands back ∂L/∂(its input) = ∂L/∂(its output) × local slope
    assert L["z1"].grad == pytest.approx(L["z2"].grad * (1 - L["z2"].data ** 2) * weights[1])


@pytest.mark.parametrize("n", [1, 2, 5])
def test_layer_chain_of_any_length_matches_finite_differences(n):
    weights = RNG.uniform(-1.5, 1.5, n).tolist()

    def loss(ws):
        z = 0.7
        for w in ws[:-1]:
            z = math.tanh(w * z)
        return (ws[-1] * z - 0.2) ** 2

    L = layer_chain(0.7, weights, 0.2)
    L.backward()
    assert L.data == pytest.approx(loss(weights))
    for k in range(n):
        up, down = list(weights), list(weights)
        up[k] += 1e-6
        down[k] -= 1e-6
        assert L[f"w{k + 1}"].grad == pytest.approx((loss(up) - loss(down)) / 2e-6, rel=1e-6, abs=1e-8)


@pytest.mark.parametrize("call, error, words", [
    (lambda: layer_chain(1.0, (), 0.5), ValueError, "one per layer"),
    (lambda: layer_chain(1.0, 0.5, 0.5), ValueError, "one per layer"),
    (lambda: layer_chain(1.0, ("0.5", 0.2), 0.5), ValueError, "list of numbers"),
    (lambda: layer_chain(1.0, (True, 0.2), 0.5), ValueError, "list of numbers"),
])
def test_bad_input_says_what_was_expected(call, error, words):
    with pytest.raises(error, match=words):
        call()


def test_the_trace_names_the_outputs_local_factor_by_its_operation():
    """Review 00-03 item 10: ∂z/∂z × ∂z/∂a looked circular; the output's edges write ∂(σ(a))/∂a etc."""
    a, b = Value(0.5, label="a"), Value(-2.0, label="b")
    cases = [(a.sigmoid(), "∂(σ(a))/∂a"), (a.tanh(), "∂(tanh(a))/∂a"), (a.exp(), "∂(exp(a))/∂a"),
             (a ** 3, "∂(a³)/∂a"), (a ** 0.5, "∂(a^0.5)/∂a"), (a * b, "∂(a × b)/∂a"), (a - b, "∂(a − b)/∂b")]
    for output, local in cases:
        trace = backward_trace(output.named("out"))
        assert any(f"∂out/∂out × {local} = " in line for line in trace), trace
    # below the output, local factors keep the ∂(node)/∂(input) form of the drawings
    q = ((a * b).named("p") + 1.0).named("q")
    zero_grad(q)  # a and b still hold the grads of the cases above: backward adds
    trace = backward_trace(q)
    assert "∂q/∂a += ∂q/∂p × ∂p/∂a = 1.0000 × -2.0000  → -2.0000" in trace
