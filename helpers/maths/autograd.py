"""Notebook 07's XOR network in Values, trained with the engine of :mod:`helpers.maths.engine`, and why it is slow.

- ``parameters`` turns a :class:`helpers.maths.network.Network` into Values (of the engine's class,
  or of the learner's), ``xor_loss`` builds the loss mean ½(y − t)², ``train`` runs gradient descent
  (zero, forward, backward, step: the engine's backward only adds), ``gradients`` reads ∂L/∂W, ∂L/∂V
  back as arrays shaped like helpers.maths.network's, ``to_network`` turns the Values back;
- ``count`` and ``speed``: how big one epoch's graph is, and how much slower than the matrices.

The learner writes the engine's pieces in notebook 07; the reference answers are the functions of
:mod:`helpers.maths.engine`, and the learner's function or the reference is picked by
:func:`helpers.exercises.reference.yours_or_reference`.
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Any, Callable, Sequence

import numpy as np

from helpers.maths import checks, engine, network

__all__ = ["XOR", "parameters", "xor_loss", "train", "gradients", "to_network", "count", "Speed", "speed"]

#: The XOR truth table as plain floats: ((x1, x2), t) per sample.
XOR: list[tuple[tuple[float, float], float]] = [((float(a), float(b)), float(t))
                                                for (a, b), t in zip(network.XOR_X, network.XOR_T)]


# ---------------------------------------------------------------- the XOR network in Values
def parameters(net: network.Network, make: Callable = engine.Value) -> tuple[list, list, list]:
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
    order = engine.topological_order(output)
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


def speed(make: Callable = engine.Value, copies: int = 1, epochs: int = 20, repeats: int = 3, seed: int = 4) -> Speed:
    """Time batch descent on XOR repeated ``copies`` times: the Value engine (nodes of class ``make``) vs network.train.

    Repeating the four samples leaves the loss and the gradients as they are; only the work grows.
    Each timing is the fastest of ``repeats`` runs (the others were slowed by something else).
    """
    copies = checks.whole("copies", copies, 1, "100")
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
