"""A tiny computation graph: forward values on the nodes, local derivatives on the edges, a backward pass.

In the spirit of karpathy/micrograd: each :class:`Value` remembers the inputs it was
made from together with the local derivative ∂(it)/∂(input), computed from that one
operation's inputs and output during the forward pass. :meth:`Value.backward` walks the
graph from the output back to the inputs, multiplying local derivatives (the chain rule)
and *adding* the contributions of every path (a node used twice gets two). Notebook 02
writes the same engine in 20 lines; this one adds names, more operations and pictures.
``graph["w"]`` finds the node named ``w`` in the graph of ``graph``.
:func:`helpers.views.compgraph.draw` pictures the graph (no graphviz needed).

Names follow the series' notation: input x, weight w, weighted sum a, activation value z,
output y, target t, error e = y − t, loss L; a node's gradient is ∂L/∂(node).
"""
from __future__ import annotations

import math
import numbers

from helpers.maths import neuron

__all__ = ["Value", "nodes", "depth_first_order", "node_table", "single_weight_loss", "layer_chain"]


class Value:
    """One number in a calculation, plus the edges back to the numbers it was made from."""

    def __init__(self, data: float, label: str = "", _parents: tuple = (), _op: str = ""):
        if isinstance(data, bool) or not isinstance(data, numbers.Real):
            raise TypeError(f"a Value holds one real number such as 0.8, got {type(data).__name__} {data!r:.40}")
        if not isinstance(label, str):
            raise TypeError(f"label must be text such as 'w', got {type(label).__name__}")
        self.data = float(data)
        self.grad = 0.0  # ∂(output)/∂(this node), filled in by backward()
        self.label = label
        self.parents: tuple[tuple[Value, float], ...] = _parents  # (input, local derivative)
        self.op = _op
        self.constant = False  # True for numbers turned into Values automatically

    def __repr__(self) -> str:
        return f"Value({self.label or self.op or '?'}: data={self.data:.6g}, grad={self.grad:.6g})"

    def __getitem__(self, label: str) -> Value:
        """The node called ``label`` in the graph that computed this one, e.g. ``L["w"].grad``."""
        found = [n for n in nodes(self) if n.label == label and not n.constant]
        if len(found) != 1:
            known = ", ".join(repr(n.label) for n in nodes(self) if n.label and not n.constant)
            problem = "no node" if not found else f"{len(found)} nodes"
            raise KeyError(f"{problem} called {label!r} in this graph; its named nodes are {known}")
        return found[0]

    __iter__ = None  # a graph is looked up by name, not iterated: use nodes(output) for every node

    def named(self, label: str) -> Value:
        """Give this node a name (shown in drawings and in the backward trace); returns the node."""
        if not isinstance(label, str) or not label:
            raise TypeError(f"a node's name must be non-empty text such as 'a', got {label!r}")
        self.label = label
        return self

    # -- the operations, each with its local derivatives
    def __add__(self, other) -> Value:
        other = _as_value(other)
        return Value(self.data + other.data, "", ((self, 1.0), (other, 1.0)), "+")

    def __sub__(self, other) -> Value:
        other = _as_value(other)
        return Value(self.data - other.data, "", ((self, 1.0), (other, -1.0)), "−")

    def __mul__(self, other) -> Value:
        other = _as_value(other)
        return Value(self.data * other.data, "", ((self, other.data), (other, self.data)), "×")

    def __pow__(self, n: float) -> Value:
        if isinstance(n, bool) or not isinstance(n, numbers.Real):
            raise TypeError(f"the exponent must be a plain number such as 2, got {type(n).__name__}")
        return Value(self.data ** n, "", ((self, n * self.data ** (n - 1)),), f"^{n:g}")

    def __radd__(self, other) -> Value:
        return self + other

    def __rmul__(self, other) -> Value:
        return self * other

    def __rsub__(self, other) -> Value:
        return _as_value(other) - self

    def exp(self) -> Value:
        e = math.exp(self.data)
        return Value(e, "", ((self, e),), "exp")

    def sigmoid(self) -> Value:
        s = neuron.sigmoid(self.data)
        return Value(s, "", ((self, s * (1.0 - s)),), "σ")

    def tanh(self) -> Value:
        t = math.tanh(self.data)
        return Value(t, "", ((self, 1.0 - t * t),), "tanh")

    # -- the backward pass
    def backward(self, trace: list[str] | None = None) -> None:
        """Fill in every node's grad = ∂(this)/∂(node): local derivatives multiply along a path, paths add.

        If ``trace`` is a list, one line per edge is appended describing the step, e.g.
        "∂L/∂w += ∂L/∂y × ∂y/∂w = 1.4000 × 1.5000  → 2.1000". On the output's own edges the local
        factor is named by its operation, ∂(e²)/∂e, since ∂L/∂e already names the gradient being filled in.
        """
        order = nodes(self)
        for node in order:
            node.grad = 0.0
        self.grad = 1.0
        out = _name(self)
        for node in reversed(order):  # the output first, every node before its inputs
            for parent, local in node.parents:
                parent.grad += node.grad * local
                if trace is not None:
                    trace.append(f"∂{out}/∂{_name(parent)} += ∂{out}/∂{_name(node)} × {_local_name(node, parent, self)}"
                                 f" = {node.grad:.4f} × {local:.4f}  → {parent.grad:.4f}")


def _as_value(x) -> Value:
    if isinstance(x, Value):
        return x
    if isinstance(x, bool) or not isinstance(x, numbers.Real):
        raise TypeError(f"can only combine a Value with a Value or a real number, got {type(x).__name__}")
    v = Value(x, f"{x:g}")
    v.constant = True
    return v


def _name(node: Value) -> str:
    return node.label or (f"({node.op})" if node.op else "")


_SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _expression(node: Value) -> str:
    """The one operation that made ``node``, written with its inputs' names: e², y − t, w × x, σ(a)."""
    names = [_name(parent) for parent, _ in node.parents]
    if len(names) == 2:
        return f"{names[0]} {node.op} {names[1]}"
    if node.op.startswith("^"):  # e² for whole powers, e^0.5 otherwise
        power = node.op[1:]
        return names[0] + (power.translate(_SUPERSCRIPTS) if power.isdigit() else node.op)
    return f"{node.op}({names[0]})"


def _local_name(node: Value, parent: Value, output: Value) -> str:
    """The local derivative ∂(node)/∂(parent) as a trace line writes it.

    For the output's own edges ∂L/∂e would read like the gradient ∂L/∂e that the line fills in,
    so the local factor is named by the operation instead: ∂(e²)/∂e.
    """
    top = f"({_expression(node)})" if node is output else _name(node)
    return f"∂{top}/∂{_name(parent)}"


def nodes(output: Value) -> list[Value]:
    """Every node the output depends on, inputs before the nodes made from them (topological order)."""
    if not isinstance(output, Value):
        raise TypeError(f"expected a compgraph.Value (the output of a calculation), got {type(output).__name__}")
    return depth_first_order(output)


def depth_first_order(output) -> list:
    """Topological order of any graph whose nodes list ``.parents`` as (input, local derivative) pairs:
    each node once, after every node it was made from (notebook 07's engine uses it too)."""
    order, seen = [], {id(output)}
    stack = [(output, iter(output.parents))]  # depth first without recursion, so deep chains work
    while stack:
        node, parents = stack[-1]
        for parent, _ in parents:
            if id(parent) not in seen:
                seen.add(id(parent))
                stack.append((parent, iter(parent.parents)))
                break
        else:  # every input of this node is placed: place the node
            stack.pop()
            order.append(node)
    return order


def node_table(output: Value) -> str:
    """One line per named node: value and gradient, rounded, for printing."""
    out = _name(output)
    return "\n".join(f"{n.label:>6}: value {n.data:8.4f}   ∂{out}/∂{n.label} = {n.grad:8.4f}"
                     for n in nodes(output) if n.label and not n.constant)


# ---------------------------------------------------------------- the graphs notebook 02 works through
def single_weight_loss(w: float, x: float = 1.5, t: float = 0.5) -> Value:
    """The one-weight example as a graph: output y = w·x, error e = y − t, loss L = e²."""
    w, x, t = Value(w, "w"), Value(x, "x"), Value(t, "t")
    y = (w * x).named("y")
    return ((y - t).named("e") ** 2).named("L")


def layer_chain(x: float, weights, t: float) -> Value:
    """One-neuron layers in a row: a1 = w1·x, z1 = tanh(a1), a2 = w2·z1, z2 = tanh(a2), …,
    the output y = wN·z(N−1) (no tanh on the last layer), then L = (y − t)².

    With three weights this is notebook 02's three-layer chain; with many it shows why one
    backward pass is cheaper than a central difference per weight.
    """
    if (not isinstance(weights, (tuple, list)) or not weights
            or not all(isinstance(w, numbers.Real) and not isinstance(w, bool) for w in weights)):
        raise ValueError(f"weights must be a list of numbers (w1, w2, …), one per layer, got {weights!r:.60}")
    z = Value(x, "x")
    for k, weight in enumerate(weights[:-1], start=1):
        a = (Value(weight, f"w{k}") * z).named(f"a{k}")
        z = a.tanh().named(f"z{k}")
    y = (Value(weights[-1], f"w{len(weights)}") * z).named("y")
    return ((y - Value(t, "t")).named("e") ** 2).named("L")

