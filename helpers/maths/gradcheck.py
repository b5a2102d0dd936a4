"""Analytic gradients checked against central finite differences.

``numerical_gradient(f, x)`` nudges every entry of ``x`` by ±eps and measures how a
scalar function changes; ``max_relative_error(analytic, numeric)`` says how far two
gradients are apart; ``check_network(net, X, y)`` does both for a network's backward pass.
A correct backward pass gives errors around 1e-9 or smaller; a wrong one gives ~1e-1.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from helpers.maths import network

__all__ = ["numerical_gradient", "max_relative_error", "check_network", "network_gradient_errors"]


def numerical_gradient(f: Callable[[np.ndarray], float], x, eps: float = 1e-6) -> np.ndarray:
    """Central differences (f(x + eps·e_i) − f(x − eps·e_i)) / 2eps for every entry i of x."""
    if not callable(f):
        raise TypeError(f"f must be a function of one array returning a number, got {type(f).__name__}")
    if not (isinstance(eps, (int, float)) and np.isfinite(eps) and eps > 0):
        raise ValueError(f"eps must be a small finite number > 0, got {eps!r}")
    x = np.array(x, dtype=float)  # a copy: the caller's array is never nudged
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        keep = x[i]
        x[i] = keep + eps
        up = float(f(x))
        x[i] = keep - eps
        down = float(f(x))
        x[i] = keep
        grad[i] = (up - down) / (2 * eps)
    return grad


def max_relative_error(analytic, numeric, floor: float = 1e-8) -> float:
    """max |a − n| / max(|a|, |n|, floor) over all entries (floor keeps near-zero entries absolute)."""
    a = np.asarray(analytic, dtype=float)
    n = np.asarray(numeric, dtype=float)
    if a.shape != n.shape:
        raise ValueError(f"the two gradients must have the same shape, got {a.shape} and {n.shape}")
    if a.size == 0:
        return 0.0
    scale = np.maximum(np.maximum(np.abs(a), np.abs(n)), floor)
    return float(np.max(np.abs(a - n) / scale))


def numerical_network_gradients(net: network.Network, X, y, eps: float = 1e-6) -> tuple[np.ndarray, np.ndarray]:
    """(dW, dV) of the network's loss() by central differences: independent of backward()."""
    def loss_with(W=net.W, V=net.V) -> float:
        return network.loss(network.Network(W, V, net.hidden, net.output), X, y)

    return (numerical_gradient(lambda W: loss_with(W=W), net.W, eps),
            numerical_gradient(lambda V: loss_with(V=V), net.V, eps))


def network_gradient_errors(net: network.Network, X, y, eps: float = 1e-6) -> dict[str, float]:
    """Max relative error of backward()'s dW and dV against finite differences of loss()."""
    grads = network.backward(net, X, y)
    dW, dV = numerical_network_gradients(net, X, y, eps)
    return {"W": max_relative_error(grads.dW, dW), "V": max_relative_error(grads.dV, dV)}


def check_network(net: network.Network, X, y, eps: float = 1e-6) -> float:
    """The largest relative error over every weight's gradient of a network's backward pass."""
    return max(network_gradient_errors(net, X, y, eps).values())
