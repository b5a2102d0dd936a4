"""Build your own autograd (notebook 07): the reference engine, the XOR network in scalars, and the plumbing.

The learner writes an engine in the shape of notebook 02's: a ``Value`` holds ``data``, ``grad``
and ``parents``, a list of pairs (input node, local derivative ∂(this)/∂(input)). This module
holds the same engine written once more as the answer key:

- the operations ``add``, ``mul``, ``tanh``, ``sigmoid`` (each makes a new node of its first
  input's class, so they work on the learner's class too), ``topological_order`` and
  ``backward``. Like PyTorch's, ``backward`` *adds* to ``.grad`` and never resets it: the
  training loop zeroes the parameters' gradients before each step;
- :class:`Value`, a class whose operators (``+ - *``, ``.sigmoid()``, ``.backward()``) use them;
- the 2-k-1 XOR network of :mod:`helpers.maths.network` written with Values: ``parameters`` turns a
  ``network.Network`` into Values, ``xor_loss`` builds the loss mean ½(y − t)², ``train`` runs
  gradient descent, ``gradients`` reads ∂L/∂W, ∂L/∂V back as arrays;
- ``count`` and ``speed`` (why scalars are slow). Each operation also writes its name on the
  node it makes (``op``: "+", "×", "tanh", "σ"), which the drawing (:mod:`helpers.views.autograd`)
  shows; the engine itself never reads it.
  The learner's function or this one: :func:`helpers.exercises.reference.yours_or_reference`.

Notebook 02's ``helpers.maths.compgraph.Value`` is the same idea with names and pictures; the tests
check that both give the same gradients, and both against central differences.
"""
from __future__ import annotations

import math
import numbers
import time
from dataclasses import dataclass
from typing import Any, Callable, Sequence

import numpy as np

from helpers.maths import compgraph, network, neuron

__all__ = ["XOR", "Value", "as_value", "add", "mul", "tanh", "sigmoid", "topological_order", "backward",
           "parameters", "xor_loss", "train", "gradients", "to_network", "count",
           "Speed", "speed"]

#: The XOR truth table as plain floats: ((x1, x2), t) per sample.
XOR: list[tuple[tuple[float, float], float]] = [((float(a), float(b)), float(t))
                                                for (a, b), t in zip(network.XOR_X, network.XOR_T)]


# ---------------------------------------------------------------- the engine
class Value:
    """One number in a calculation, plus where it came from: pairs (input node, local derivative)."""

    def __init__(self, data: float, parents: Sequence = ()):
        self.data = float(data)
        self.grad = 0.0  # ∂L/∂(this node); backward adds to it
        self.parents = parents
        self.op = ""  # the operation that made it, for drawings ("" for an input)

    def __repr__(self) -> str:
        return f"Value({self.data:.4g}, grad={self.grad:.4g})"

    def __add__(self, other) -> Value:
        return add(self, as_value(other, self))

    def __radd__(self, other) -> Value:
        return add(as_value(other, self), self)

    def __mul__(self, other) -> Value:
        return mul(self, as_value(other, self))

    def __rmul__(self, other) -> Value:
        return mul(as_value(other, self), self)

    def __sub__(self, other) -> Value:  # a − b = a + (−1)·b: the engine needs only + and ×
        return self + (-1.0) * as_value(other, self)

    def __rsub__(self, other) -> Value:
        return as_value(other, self) + (-1.0) * self

    def tanh(self) -> Value:
        return tanh(self)

    def sigmoid(self) -> Value:
        return sigmoid(self)

    def backward(self) -> None:
        backward(self)


def _is_node(x: Any) -> bool:
    return hasattr(x, "data") and hasattr(x, "parents")


def as_value(x: Any, like: Any = None) -> Any:
    """A node as it is; a plain number (the 2 in 2 * w) as a node with no parents, of ``like``'s class."""
    if _is_node(x):
        return x
    if isinstance(x, bool) or not isinstance(x, numbers.Real):
        raise TypeError(f"a Value can only be combined with a Value or a plain number, got {type(x).__name__}")
    return (type(like) if _is_node(like) else Value)(float(x))


def add(a, b):
    """s = a + b; ∂s/∂a = 1, ∂s/∂b = 1."""
    return _made(type(a)(a.data + b.data, [(a, 1.0), (b, 1.0)]), "+")


def mul(a, b):
    """m = a·b; ∂m/∂a = b, ∂m/∂b = a (each input gets the other one's value)."""
    return _made(type(a)(a.data * b.data, [(a, b.data), (b, a.data)]), "×")


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


def topological_order(output) -> list:
    """Every node ``output`` depends on, each once, every node after the nodes it was made from.

    Depth first, like the learner's recursive ``visit``, but with a stack, so long chains work
    (notebook 02's engine orders its graphs the same way).
    """
    return compgraph.depth_first_order(output)


def backward(output) -> None:
    """Add ∂output/∂node to every node's grad: output first, each edge adds grad × local derivative."""
    output.grad = 1.0
    for node in reversed(topological_order(output)):
        for parent, local in node.parents:
            parent.grad += node.grad * local


# ---------------------------------------------------------------- the XOR network in Values
def parameters(net: network.Network, make: Callable = Value) -> tuple[list, list, list]:
    """W (k rows of 3 Values), V (k + 1 Values) and the flat list of all of them, from a Network's weights."""
    if not isinstance(net, network.Network):
        raise TypeError(f"expected a helpers.maths.network.Network (see network.init_network), got {type(net).__name__}")
    if (net.hidden, net.output) != ("sigmoid", "identity"):
        raise ValueError("the Value network has sigmoid hidden units and an identity output, like init_network's "
                         f"default; this one has hidden={net.hidden!r}, output={net.output!r}")
    W = [[make(float(w)) for w in row] for row in net.W]
    V = [make(float(v)) for v in net.V]
    return W, V, [w for row in W for w in row] + V


def xor_loss(W: list, V: list, data: Sequence = XOR):
    """L = mean over the samples of ½(y − t)², with z_j = σ(W_j0 + W_j1·x1 + W_j2·x2), y = V_0 + Σ V_j·z_j."""
    total = 0.0
    for (x1, x2), t in data:
        z = [(row[0] + row[1] * x1 + row[2] * x2).sigmoid() for row in W]
        y = V[0]
        for v, zj in zip(V[1:], z):
            y = y + v * zj
        e = y - t
        total = total + 0.5 * (e * e)
    return total * (1.0 / len(data))


def train(params: list, loss_of: Callable[[], Any], lr: float, epochs: int) -> list[float]:
    """Gradient descent: every epoch zero the grads, build the loss, backward, step. Returns each epoch's loss."""
    losses = []
    for _ in range(epochs):
        for p in params:
            p.grad = 0.0
        L = loss_of()
        L.backward()
        for p in params:
            p.data -= lr * p.grad
        losses.append(L.data)
    return losses


def gradients(W: list, V: list) -> tuple[np.ndarray, np.ndarray]:
    """The grads of W and V as arrays shaped like helpers.maths.network's dW (k, 3) and dV (k + 1,)."""
    return np.array([[w.grad for w in row] for row in W]), np.array([v.grad for v in V])


def to_network(W: list, V: list) -> network.Network:
    """The Values' current data as a helpers.maths.network.Network (sigmoid hidden units, identity output)."""
    return network.Network([[w.data for w in row] for row in W], [v.data for v in V])


def count(output) -> dict[str, int]:
    """How big a graph is: nodes, operations (nodes with inputs) and edges (one multiply-add each in backward)."""
    order = topological_order(output)
    return {"nodes": len(order), "operations": sum(1 for n in order if n.parents),
            "edges": sum(len(n.parents) for n in order)}


# ---------------------------------------------------------------- speed
@dataclass
class Speed:
    """One epoch of XOR training with the Value engine and with helpers.maths.network, on ``samples`` samples."""

    samples: int
    nodes: int            # nodes in the graph of one epoch (all but the weights are built anew each epoch)
    edges: int            # multiply-adds of its backward pass
    engine_seconds: float  # per epoch, the fastest of the repeats
    matrix_seconds: float

    @property
    def ratio(self) -> float:
        return self.engine_seconds / self.matrix_seconds


def speed(make: Callable = Value, copies: int = 1, epochs: int = 20, repeats: int = 3, seed: int = 4) -> Speed:
    """Time batch descent on XOR repeated ``copies`` times: the Value engine (nodes of class ``make``) vs network.train.

    Repeating the four samples leaves the loss and the gradients as they are; only the work grows.
    Each timing is the fastest of ``repeats`` runs (the others were slowed by something else).
    """
    if isinstance(copies, bool) or not isinstance(copies, numbers.Integral) or copies < 1:
        raise ValueError(f"copies must be a whole number >= 1, got {copies!r}")
    net = network.init_network(3, seed=seed)
    data = XOR * copies
    X, t = np.tile(network.XOR_X, (copies, 1)), np.tile(network.XOR_T, copies)
    W, V, params = parameters(net, make)
    size = count(xor_loss(W, V, data))
    engine, matrix = math.inf, math.inf
    for _ in range(repeats):  # interleaved, so a busy moment slows both alike
        start = time.perf_counter()
        train(params, lambda: xor_loss(W, V, data), lr=1.0, epochs=epochs)
        engine = min(engine, (time.perf_counter() - start) / epochs)
        start = time.perf_counter()
        network.train(net, X, t, lr=1.0, epochs=epochs)
        matrix = min(matrix, (time.perf_counter() - start) / epochs)
    return Speed(len(data), size["nodes"], size["edges"], engine, matrix)
