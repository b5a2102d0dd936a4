"""The Value engine: numbers that remember where they came from, and the backward pass (notebooks 02 and 07).

In the spirit of karpathy/micrograd's engine.py. A :class:`Value` holds ``data``, ``grad`` and
``parents``, a list of pairs (input node, local derivative ∂(this)/∂(input)), each local derivative
computed from that one operation's own numbers during the forward pass:

    s = a + b       ∂s/∂a = 1,  ∂s/∂b = 1
    d = a − b       ∂d/∂a = 1,  ∂d/∂b = −1
    m = a · b       ∂m/∂a = b,  ∂m/∂b = a          (each input gets the other one's value)
    p = a ** n      ∂p/∂a = n · a^(n−1)            (n a plain number)
    z = exp(a)      ∂z/∂a = z
    z = tanh(a)     ∂z/∂a = 1 − z²                 (written with the output z)
    z = σ(a)        ∂z/∂a = z(1 − z)

``backward(L)`` sets ∂L/∂L = 1, then visits the nodes output first (reverse topological order) and
adds node.grad × local to each input's grad: local derivatives multiply along a path, paths add.
Like PyTorch's, it only adds and never resets: zero the grads (``zero_grad``, or a training loop's
``p.grad = 0.0``) before a second backward through the same nodes.

Each operation is a function that makes a node of its first input's class, ``type(a)(data, parents)``,
so it works on the class a learner writes in notebook 07 too; the operators of :class:`Value` call
them. Each also writes its name on the node it makes (``op``: "+", "−", "×", "^2", "exp", "tanh",
"σ") for the drawings (:mod:`helpers.views.compgraph`); the engine itself never reads it. Names are
for people: ``Value(0.8, label="w")`` or ``.named("w")``, and ``L["w"]`` finds the node called w.
"""
from __future__ import annotations

import math
from typing import Any, Callable

from helpers.maths import checks, neuron

__all__ = ["Value", "as_value", "add", "sub", "mul", "power", "exp", "tanh", "sigmoid",
           "topological_order", "backward", "zero_grad"]


# ---------------------------------------------------------------- the operations and their local derivatives
def add(a, b):
    """s = a + b; ∂s/∂a = 1, ∂s/∂b = 1."""
    return _made(type(a)(a.data + b.data, [(a, 1.0), (b, 1.0)]), "+")


def sub(a, b):
    """d = a − b; ∂d/∂a = 1, ∂d/∂b = −1."""
    return _made(type(a)(a.data - b.data, [(a, 1.0), (b, -1.0)]), "−")


def mul(a, b):
    """m = a·b; ∂m/∂a = b, ∂m/∂b = a (each input gets the other one's value)."""
    return _made(type(a)(a.data * b.data, [(a, b.data), (b, a.data)]), "×")


def power(a, n: float):
    """p = aⁿ for a plain number n; ∂p/∂a = n·aⁿ⁻¹."""
    n = checks.real("the exponent n", n, "2")
    return _made(type(a)(a.data ** n, [(a, n * a.data ** (n - 1))]), f"^{n:g}")


def exp(a):
    """z = eᵃ; ∂z/∂a = eᵃ = z."""
    z = math.exp(a.data)
    return _made(type(a)(z, [(a, z)]), "exp")


def tanh(a):
    """z = tanh(a); ∂z/∂a = 1 − z², written with the output z."""
    z = math.tanh(a.data)
    return _made(type(a)(z, [(a, 1.0 - z * z)]), "tanh")


def sigmoid(a):
    """z = σ(a) = 1/(1 + e^(−a)); ∂z/∂a = z(1 − z)."""
    z = neuron.sigmoid(a.data)
    return _made(type(a)(z, [(a, z * (1.0 - z))]), "σ")


def _made(node, op: str):
    """``node``, with the name of the operation that made it written on it (for drawings only)."""
    try:
        node.op = op
    except AttributeError:  # a learner's class with __slots__: drawn without the operation
        pass
    return node


# ---------------------------------------------------------------- the backward pass
def topological_order(output) -> list:
    """Every node ``output`` depends on, each once, every node after the nodes it was made from.

    Depth first, like notebook 07's recursive ``visit``, but with a stack, so long chains work.
    """
    if not _is_node(output):
        raise TypeError(f"expected the output node of a graph (a Value), got {type(output).__name__}")
    order, seen = [], {id(output)}
    stack = [(output, iter(output.parents))]
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


def backward(output, step: Callable | None = None) -> None:
    """Add ∂output/∂node to every node's grad: ∂output/∂output = 1, then each edge adds grad × local derivative.

    ``step(node, parent, local)``, if given, is called after each edge's addition (notebook 02 prints them).
    """
    output.grad = 1.0
    for node in reversed(topological_order(output)):  # the output first, every node before its inputs
        for parent, local in node.parents:
            parent.grad += node.grad * local
            if step is not None:
                step(node, parent, local)


def zero_grad(output) -> None:
    """Set the grad of every node ``output`` depends on back to 0, before a fresh backward over the same nodes."""
    for node in topological_order(output):
        node.grad = 0.0


# ---------------------------------------------------------------- the class
def _is_node(x: Any) -> bool:
    return hasattr(x, "data") and hasattr(x, "parents")


def as_value(x: Any, like: Any = None) -> Any:
    """A node as it is; a plain number (the 2 in 2 * w) as a node with no parents, of ``like``'s class."""
    if _is_node(x):
        return x
    if not checks.is_real(x):
        raise TypeError(f"a Value can only be combined with a Value or a plain number, got {type(x).__name__}")
    return (type(like) if _is_node(like) else Value)(float(x))


class Value:
    """One number in a calculation, plus where it came from: pairs (input node, local derivative)."""

    def __init__(self, data: float, parents=(), *, label: str = "", op: str = ""):
        self.data = data if type(data) is float else checks.real("a Value's data", data, "0.8")
        self.grad = 0.0         # ∂(output)/∂(this node); backward adds to it
        self.parents = parents  # pairs (input node, local derivative ∂(this)/∂(input))
        if not isinstance(label, str):
            raise TypeError(f"label must be text such as 'w', got {type(label).__name__}")
        self.label = label      # a name for people ("" for none)
        self.op = op            # the operation that made it, for drawings ("" for an input)

    def __repr__(self) -> str:
        name = f"{self.label}: " if self.label else ""
        return f"Value({name}{self.data:.4g}, grad={self.grad:.4g})"

    def named(self, label: str) -> Value:
        """Give this node a name (shown in drawings and in notebook 02's trace); returns the node."""
        if not isinstance(label, str) or not label:
            raise TypeError(f"a node's name must be non-empty text such as 'a', got {label!r}")
        self.label = label
        return self

    def __getitem__(self, label: str) -> Value:
        """The node called ``label`` in the graph that computed this one, e.g. ``L["w"].grad``."""
        order = topological_order(self)
        found = [n for n in order if n.label == label]
        if len(found) != 1:
            known = ", ".join(repr(n.label) for n in order if n.label)
            problem = "no node" if not found else f"{len(found)} nodes"
            raise KeyError(f"{problem} called {label!r} in this graph; its named nodes are {known}")
        return found[0]

    __iter__ = None  # a graph is looked up by name, not iterated: use topological_order(output) for every node

    def __add__(self, other) -> Value:
        return add(self, as_value(other, self))

    def __radd__(self, other) -> Value:
        return add(as_value(other, self), self)

    def __sub__(self, other) -> Value:
        return sub(self, as_value(other, self))

    def __rsub__(self, other) -> Value:
        return sub(as_value(other, self), self)

    def __mul__(self, other) -> Value:
        return mul(self, as_value(other, self))

    def __rmul__(self, other) -> Value:
        return mul(as_value(other, self), self)

    def __pow__(self, n: float) -> Value:
        return power(self, n)

    def exp(self) -> Value:
        return exp(self)

    def tanh(self) -> Value:
        return tanh(self)

    def sigmoid(self) -> Value:
        return sigmoid(self)

    def backward(self, step: Callable | None = None) -> None:
        backward(self, step)
