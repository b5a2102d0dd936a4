"""Notebook 02's computation graphs, built with the Value engine of :mod:`helpers.maths.engine`.

- ``single_weight_loss(w)``: the one-weight example, output y = w·x, error e = y − t, loss L = e²;
- ``layer_chain(x, weights, t)``: one-neuron tanh layers in a row, then L = (y − t)²;
- ``backward_trace(L)``: run the backward pass and write each step down as notebook 02 prints it;
- ``node_table(L)``: each named node's value and gradient.

:func:`helpers.views.compgraph.draw` pictures any of them. Names follow the series' notation:
input x, weight w, weighted sum a, activation value z, output y, target t, error e = y − t, loss L;
a node's gradient is ∂L/∂(node).
"""
from __future__ import annotations

from helpers.maths import checks
from helpers.maths.engine import Value, topological_order

__all__ = ["single_weight_loss", "layer_chain", "backward_trace", "node_table", "name"]


def single_weight_loss(w: float, x: float = 1.5, t: float = 0.5) -> Value:
    """The one-weight example as a graph: output y = w·x, error e = y − t, loss L = e²."""
    w, x, t = Value(w, label="w"), Value(x, label="x"), Value(t, label="t")
    y = (w * x).named("y")
    return ((y - t).named("e") ** 2).named("L")


def layer_chain(x: float, weights, t: float) -> Value:
    """One-neuron layers in a row: a1 = w1·x, z1 = tanh(a1), a2 = w2·z1, z2 = tanh(a2), …,
    the output y = wN·z(N−1) (no tanh on the last layer), then L = (y − t)².

    With three weights this is notebook 02's three-layer chain; with many it shows why one
    backward pass is cheaper than a central difference per weight.
    """
    if not isinstance(weights, (tuple, list)) or not weights or not all(map(checks.is_real, weights)):
        raise ValueError(f"weights must be a list of numbers (w1, w2, …), one per layer, got {weights!r:.60}")
    z = Value(x, label="x")
    for k, weight in enumerate(weights[:-1], start=1):
        a = (Value(weight, label=f"w{k}") * z).named(f"a{k}")
        z = a.tanh().named(f"z{k}")
    y = (Value(weights[-1], label=f"w{len(weights)}") * z).named("y")
    return ((y - Value(t, label="t")).named("e") ** 2).named("L")


# ---------------------------------------------------------------- printing a graph
def name(node) -> str:
    """How a node is written: its label, else its operation in brackets, else (a constant) its number."""
    label = getattr(node, "label", "")
    if label:
        return label
    op = getattr(node, "op", "")
    return f"({op})" if op else ("" if node.parents else f"{node.data:g}")


def node_table(output: Value) -> str:
    """One line per named node: value and gradient, rounded, for printing."""
    out = name(output)
    return "\n".join(f"{n.label:>6}: value {n.data:8.4f}   ∂{out}/∂{n.label} = {n.grad:8.4f}"
                     for n in topological_order(output) if n.label)


def backward_trace(output: Value) -> list[str]:
    """Run ``output.backward()`` and write down each step, one line per edge, e.g.
    "∂L/∂w += ∂L/∂y × ∂y/∂w = 1.4000 × 1.5000  → 2.1000".

    On the output's own edges the local factor is named by its operation, ∂(e²)/∂e, since ∂L/∂e
    already names the gradient being filled in.
    """
    out, lines = name(output), []

    def write(node, parent, local):
        lines.append(f"∂{out}/∂{name(parent)} += ∂{out}/∂{name(node)} × {_local_name(node, parent, output)}"
                     f" = {node.grad:.4f} × {local:.4f}  → {parent.grad:.4f}")

    output.backward(write)
    return lines


_SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _expression(node: Value) -> str:
    """The one operation that made ``node``, written with its inputs' names: e², y − t, w × x, σ(a)."""
    names = [name(parent) for parent, _ in node.parents]
    if len(names) == 2:
        return f"{names[0]} {node.op} {names[1]}"
    if node.op.startswith("^"):  # e² for whole powers, e^0.5 otherwise
        power = node.op[1:]
        return names[0] + (power.translate(_SUPERSCRIPTS) if power.isdigit() else node.op)
    return f"{node.op}({names[0]})"


def _local_name(node: Value, parent: Value, output: Value) -> str:
    """The local derivative ∂(node)/∂(parent) as a trace line writes it: ∂(e²)/∂e on the output's own edges."""
    top = f"({_expression(node)})" if node is output else name(node)
    return f"∂{top}/∂{name(parent)}"
