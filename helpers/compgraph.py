"""A tiny computation graph: forward values on the nodes, local derivatives on the edges, a backward pass.

In the spirit of karpathy/micrograd: each :class:`Value` remembers the inputs it was
made from together with the local derivative ∂(it)/∂(input), computed from that one
operation's inputs and output during the forward pass. :meth:`Value.backward` walks the
graph from the output back to the inputs, multiplying local derivatives (the chain rule)
and *adding* the contributions of every path (a node used twice gets two). Notebook 02
writes the same engine in 20 lines; this one adds names, more operations and pictures.
``graph["w"]`` finds the node named ``w`` in the graph of ``graph``.
:func:`draw` pictures the graph with matplotlib (no graphviz needed).

Names follow the series' notation: input x, weight w, weighted sum a, activation value z,
output y, target t, error e = y − t, loss L; a node's gradient is ∂L/∂(node).
"""
from __future__ import annotations

import math
import numbers
from typing import Callable

import ipywidgets as widgets
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from .widgets import SliderFigure

__all__ = ["Value", "nodes", "node_table", "draw", "graph_view", "single_weight_loss", "layer_chain"]


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
        s = 0.5 * (1.0 + math.tanh(0.5 * self.data))  # 1/(1+e^-x) without overflow
        return Value(s, "", ((self, s * (1.0 - s)),), "σ")

    def tanh(self) -> Value:
        t = math.tanh(self.data)
        return Value(t, "", ((self, 1.0 - t * t),), "tanh")

    # -- the backward pass
    def backward(self, trace: list[str] | None = None) -> None:
        """Fill in every node's grad = ∂(this)/∂(node): local derivatives multiply along a path, paths add.

        If ``trace`` is a list, one line per edge is appended describing the step.
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
                    trace.append(f"∂{out}/∂{_name(parent)} += ∂{out}/∂{_name(node)} × ∂{_name(node)}/∂{_name(parent)}"
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
    return node.label or f"({node.op})"


def nodes(output: Value) -> list[Value]:
    """Every node the output depends on, inputs before the nodes made from them (topological order)."""
    if not isinstance(output, Value):
        raise TypeError(f"expected a compgraph.Value (the output of a calculation), got {type(output).__name__}")
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


# ---------------------------------------------------------------- drawing
def _layout(order: list[Value]) -> dict[int, tuple[float, float]]:
    """Columns by depth (inputs left, output right); a leaf sits just left of its first user."""
    depth: dict[int, int] = {}
    for node in order:
        depth[id(node)] = 1 + max((depth[id(p)] for p, _ in node.parents), default=-1)
    for node in order:  # pull each leaf (weight, constant) next to the node that uses it
        for parent, _ in node.parents:
            if not parent.parents:
                depth[id(parent)] = max(depth[id(parent)], depth[id(node)] - 1)
    columns: dict[int, list[Value]] = {}
    for node in order:
        columns.setdefault(depth[id(node)], []).append(node)
    neighbours: dict[int, list[Value]] = {id(n): [p for p, _ in n.parents] for n in order}
    for node in order:
        for parent, _ in node.parents:
            neighbours[id(parent)].append(node)
    pos: dict[int, tuple[float, float]] = {}
    for sweep in range(3):  # order each column by its neighbours' heights, to avoid crossing edges
        for col in sorted(columns):
            members = columns[col]
            if sweep:
                members.sort(key=lambda n: -np.mean([pos[id(m)][1] for m in neighbours[id(n)]] or [0.0]))
            for k, node in enumerate(members):
                pos[id(node)] = (float(col), (len(members) - 1) / 2 - k)
    return pos


def _node_text(node: Value, out: str, show_grad: bool) -> str:
    text = f"{node.label} ({node.op})" if node.label and node.parents else _name(node)
    text += f"\n{node.data:.4f}"
    return text + (f"\n∂{out}/∂{_name(node)} = {node.grad:.4f}" if show_grad else "")


def _texts(order: list[Value], out: str, show_grad: bool) -> list[str]:
    """Every text of a drawing, in drawing order: the node boxes, then the edge labels."""
    return ([_node_text(node, out, show_grad) for node in order]
            + [f"{local:.3g}" for node in order for _, local in node.parents])


def draw(output: Value, ax: Axes, show_grad: bool = True, fontsize: float = 9) -> list:
    """Draw the graph of ``output`` on ``ax``: boxes with value (and gradient), blue local derivatives on the edges.

    Returns the text artists in the order of :func:`_texts`, so a slider can update them in place.
    """
    order = nodes(output)
    pos = _layout(order)
    texts = iter(_texts(order, _name(output), show_grad))
    ax.clear()
    # hide frame and ticks one by one (not set_axis_off: SliderFigure's fast redraw would still paint the spines)
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(False)
    boxes = {}
    for node in order:
        colour = "#eeeeee" if node.constant else ("#fff4e5" if not node.parents else "#e6f4ea")
        boxes[id(node)] = ax.text(*pos[id(node)], next(texts), ha="center", va="center", fontsize=fontsize,
                                  bbox=dict(boxstyle="round,pad=0.4", fc=colour, ec="grey"))
    labels = []
    for node in order:
        for parent, _ in node.parents:
            # arrows run from the right edge of the input's box to the left edge of this node's box
            ax.annotate("", xy=(0, 0.5), xycoords=boxes[id(node)], xytext=(1, 0.5), textcoords=boxes[id(parent)],
                        arrowprops=dict(arrowstyle="->", color="grey", lw=1.2, shrinkA=6, shrinkB=6))
            (x, y), (px, py) = pos[id(node)], pos[id(parent)]
            labels.append(ax.text((x + px) / 2, (y + py) / 2, next(texts), ha="center", va="center",
                                  fontsize=fontsize - 1, color="tab:blue",
                                  bbox=dict(boxstyle="square,pad=0.1", fc="white", ec="none")))
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    ax.set_xlim(min(xs) - 0.5, max(xs) + 0.5)
    ax.set_ylim(min(ys) - 0.6, max(ys) + 0.6)
    return list(boxes.values()) + labels


def graph_view(build: Callable[[float], Value], name: str, slider: widgets.FloatSlider,
               figsize: tuple[float, float] = (9, 3.2)) -> SliderFigure:
    """A slider for one input: ``build(value)`` makes the graph, backward runs, the drawing updates.

    The readout says where the slider is, the output's value and its gradient with respect to
    the slider's node, e.g. "w = 0.80: L = 0.4900, ∂L/∂w = 2.1000"; the picture shows the rest.
    """
    if not callable(build):
        raise TypeError(f"build must be a function from a number to a compgraph.Value, got {type(build).__name__}")
    fig = Figure(figsize=figsize)
    ax = fig.add_axes((0, 0, 1, 1))
    drawn: list = []  # the text artists of the current drawing

    def update(**values) -> str:
        output = build(*values.values())
        if not isinstance(output, Value):
            raise TypeError(f"build must return a compgraph.Value, got {type(output).__name__}")
        output.backward()
        order, out = nodes(output), _name(output)
        texts = _texts(order, out, True)
        if len(texts) == len(drawn):  # same graph shape: change the numbers only (a fast redraw)
            for artist, text in zip(drawn, texts):
                artist.set_text(text)
        else:
            drawn[:] = draw(output, ax)
        node = output[name]
        return f"{name} = {node.data:.2f}: {out} = {output.data:.4f}, ∂{out}/∂{name} = {node.grad:.4f}"

    return SliderFigure(fig, {name: slider}, update, name=f"computation graph, slider {name}")
