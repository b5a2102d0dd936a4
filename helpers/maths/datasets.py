"""Small seeded data sets for notebook 06: noisy XOR, two moons, a held-out split, normalisation.

Everything comes from ``np.random.default_rng(seed)``: the same seed gives the same points on
every machine, with no downloads. Inputs ``X`` have shape (n, 2); targets ``t`` (the series'
name for labels) have shape (n,) and hold 0.0 or 1.0.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from helpers.maths import checks
from helpers.maths.neuron import GATE_X, GATES

__all__ = ["XOR_CORNERS", "XOR_LABELS", "noisy_xor", "xor_truth", "best_accuracy", "two_moons", "flip_labels",
           "split", "Normaliser", "fit_normaliser", "rescale"]

XOR_CORNERS, XOR_LABELS = GATE_X, GATES["XOR"]  # the XOR truth table, as notebook 04 met it


def noisy_xor(n: int, noise: float = 0.1, seed: int = 0, label_noise: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """``n`` points scattered (Gaussian, sd ``noise``) around the four XOR corners, each labelled
    by its corner; the corners take turns so the classes stay balanced."""
    n = checks.whole("n", n, 4)
    noise = checks.between("noise", noise, 0.0, 10.0)
    rng = np.random.default_rng(seed)
    corner = rng.permutation(np.arange(n) % 4)
    X = XOR_CORNERS[corner] + noise * rng.standard_normal((n, 2))
    return X, flip_labels(XOR_LABELS[corner], label_noise, seed=seed + 1)


def xor_truth(X: Any) -> np.ndarray:
    """The labels of the ideal boundary for noisy XOR, the cross x1 = 0.5, x2 = 0.5: class 1 where
    exactly one input is above 0.5. No boundary does better on average (see :func:`best_accuracy`)."""
    X, _ = checks.samples(X)
    return ((X[:, 0] > 0.5) != (X[:, 1] > 0.5)).astype(float)


def best_accuracy(noise: float) -> float:
    """The highest accuracy any boundary can have on average on :func:`noisy_xor` points.

    Each input lands on its corner's side of 0.5 with probability p = Φ(0.5 / noise). The class
    densities differ by (φ(x1) − φ(x1 − 1))·(φ(x2 − 1) − φ(x2)), whose sign is exactly the cross's,
    so the cross is the best boundary, and it is right when both inputs are on their corner's side
    or both are not: p² + (1 − p)².
    """
    noise = checks.between("noise", noise, 0.0, 10.0)
    if noise == 0:
        return 1.0
    p = 0.5 * (1.0 + math.erf(0.5 / noise / math.sqrt(2.0)))
    return p * p + (1.0 - p) * (1.0 - p)


def two_moons(n: int, noise: float = 0.1, seed: int = 0, label_noise: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaved half circles of radius 1, ``n // 2`` points each (label 0 on top, 1 below),
    jittered by Gaussian noise of sd ``noise``: a boundary no straight line can draw."""
    n = checks.whole("n", n, 2)
    noise = checks.between("noise", noise, 0.0, 10.0)
    rng = np.random.default_rng(seed)
    top = n // 2
    angle = rng.uniform(0.0, np.pi, n)
    X = np.column_stack([np.cos(angle), np.sin(angle)])
    X[top:] = [1.0, 0.5] - X[top:]  # the lower moon: turned over and shifted into the upper one's gap
    t = (np.arange(n) >= top).astype(float)
    X = X + noise * rng.standard_normal((n, 2))
    order = rng.permutation(n)
    return X[order], flip_labels(t[order], label_noise, seed=seed + 1)


def flip_labels(t: Any, fraction: float, seed: int = 0) -> np.ndarray:
    """A copy of the 0/1 labels ``t`` with ``round(fraction * n)`` of them, chosen at random, flipped:
    data with mistakes in its answers."""
    t = np.asarray(t, dtype=float)
    if t.ndim != 1:
        raise ValueError(f"t must be a flat array of 0/1 labels, got shape {t.shape}")
    fraction = checks.between("label_noise fraction", fraction, 0.0, 1.0)
    flipped = t.copy()
    chosen = np.random.default_rng(seed).permutation(len(t))[: round(fraction * len(t))]
    flipped[chosen] = 1.0 - flipped[chosen]
    return flipped


def split(X: Any, t: Any, held_out: float = 0.25, seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Shuffle the examples and keep a fraction ``held_out`` aside for testing:
    returns (X_train, t_train, X_held, t_held)."""
    X, t = checks.samples(X, t)
    held_out = checks.between("held_out", held_out, 0.0, 1.0)
    n_held = round(held_out * len(X))
    if not 1 <= n_held <= len(X) - 1:
        raise ValueError(f"held_out={held_out} of {len(X)} examples leaves {n_held} held out; "
                         "both parts need at least one example")
    order = np.random.default_rng(seed).permutation(len(X))
    held, train = order[:n_held], order[n_held:]
    return X[train], t[train], X[held], t[held]


@dataclass(frozen=True)
class Normaliser:
    """The mean and standard deviation of each input, measured on the training data;
    calling it maps inputs to (x - mean) / std."""

    mean: np.ndarray
    std: np.ndarray

    def __call__(self, X: Any) -> np.ndarray:
        X, _ = checks.samples(X)
        return (X - self.mean) / self.std


def fit_normaliser(X: Any) -> Normaliser:
    """Measure each input's mean and standard deviation on ``X`` (the training inputs only, so the
    held-out data stays unseen) and return the :class:`Normaliser` that uses them."""
    X, _ = checks.samples(X)
    if len(X) < 2:
        raise ValueError("need at least two examples to measure a standard deviation")
    std = X.std(axis=0)
    if np.any(std == 0):
        raise ValueError(f"an input is constant (standard deviation {std.tolist()}); it cannot be normalised")
    return Normaliser(mean=X.mean(axis=0), std=std)


def rescale(X: Any, scale: Any, offset: Any) -> np.ndarray:
    """Inputs as raw measurements might come: each column times ``scale`` plus ``offset``
    (e.g. one in hundreds, one in thousandths), to show what normalising undoes."""
    X, _ = checks.samples(X)
    scale, offset = np.asarray(scale, dtype=float), np.asarray(offset, dtype=float)
    if scale.shape not in {(), (2,)} or offset.shape not in {(), (2,)}:
        raise ValueError(f"scale and offset must be numbers or pairs, got shapes {scale.shape} and {offset.shape}")
    return X * scale + offset
