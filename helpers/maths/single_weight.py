"""The one-weight model y = w·x with loss L = (y − t)², trained by gradient descent (notebook 03).

Names follow the series' notation table: input ``x``, weight ``w``, output ``y`` (the
weighted sum a = w·x, passed on unchanged: no activation), target ``t``, loss ``L``,
learning rate ``lr`` (written η). The single-weight article calls them i, w, a, y, C and r.

Everything notebook 03 prints comes from here: the forward pass, the two local
derivatives and their chain-rule product, one descent step, a whole trajectory, and the
stability analysis. The error e = y − t (and the distance w − w* = e/x) is multiplied by
``1 − 2·lr·x²`` at every step, so

- ``0 < lr < 1/(2x²)``    the error shrinks and keeps its sign: "converges smoothly"
- ``lr = 1/(2x²)``        the factor is 0: "one step to the minimum"
- ``1/(2x²) < lr < 1/x²`` the error flips sign but shrinks: "oscillates but converges"
- ``lr = 1/x²``           the factor is −1: "bounces forever" between two weights
- ``lr > 1/x²``           the error grows: "diverges"

Arithmetic is done on Python floats, which turn into ``inf`` silently instead of
warning, and a run that blows up stops early with ``diverged=True``.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from helpers.maths import checks

__all__ = [
    "forward", "loss", "dloss_dy", "dy_dw", "dloss_dw", "step", "Trajectory", "trajectory",
    "best_weight", "error_factor", "oscillation_rate", "divergence_rate", "regime", "regime_between", "REGIMES",
]

REGIMES = ("converges smoothly", "one step to the minimum", "oscillates but converges",
           "bounces forever", "diverges")
BLOW_UP_LOSS = 1e12  # a run whose loss passes this is stopped and called diverged
_BOUNDARY_RTOL = 1e-9  # a learning rate this close to a threshold counts as exactly on it




def _input(x: Any) -> float:
    """The input x, which must be non-zero for the weight to matter at all."""
    x = checks.number("input x", x)
    if x == 0:
        raise ValueError("input x must be non-zero: with x = 0 the output y = w·x ignores w, "
                         "so there is no best weight and no learning rate threshold")
    return x




def forward(x: float, w: float) -> float:
    """The network's output y = w·x."""
    return checks.number("weight w", w) * checks.number("input x", x)


def loss(y: float, t: float) -> float:
    """The squared error L = (y − t)² of output ``y`` against the target ``t``."""
    error = checks.number("output y", y) - checks.number("target t", t)
    return error * error


def dloss_dy(y: float, t: float) -> float:
    """How fast the loss changes with the output: dL/dy = 2(y − t)."""
    return 2.0 * (checks.number("output y", y) - checks.number("target t", t))


def dy_dw(x: float) -> float:
    """How fast the output changes with the weight: dy/dw = x."""
    return checks.number("input x", x)


def dloss_dw(x: float, w: float, t: float) -> float:
    """The chain rule: dL/dw = dL/dy · dy/dw = 2(w·x − t)·x."""
    return dloss_dy(forward(x, w), t) * dy_dw(x)


def step(x: float, w: float, t: float, lr: float) -> float:
    """One gradient-descent step: the new weight w − lr·dL/dw."""
    return checks.number("weight w", w) - checks.learning_rate(lr) * dloss_dw(x, w, t)


@dataclass(frozen=True)
class Trajectory:
    """Weights w_0 … w_n and their losses; ``diverged`` if the run blew up or ended worse than it began."""

    weights: np.ndarray
    losses: np.ndarray
    diverged: bool


def trajectory(x: float, w0: float, t: float, lr: float, steps: int) -> Trajectory:
    """Run ``steps`` descent steps from ``w0``; stop early (diverged) once the loss passes 1e12."""
    x, w, t = checks.number("input x", x), checks.number("weight w0", w0), checks.number("target t", t)
    lr = checks.learning_rate(lr)
    steps = checks.whole("steps", steps, 0, "20")
    weights, losses = [w], [(w * x - t) * (w * x - t)]
    blew_up = False
    for _ in range(steps):
        w = w - lr * 2.0 * (w * x - t) * x  # the step() formula; on floats, overflow is a silent inf
        current = (w * x - t) * (w * x - t)
        if not math.isfinite(current):
            blew_up = True
            break
        weights.append(w)
        losses.append(current)
        if current > BLOW_UP_LOSS:
            blew_up = True
            break
    grew = losses[-1] > losses[0] * (1 + 1e-9)
    return Trajectory(np.array(weights), np.array(losses), blew_up or grew)


def best_weight(x: float, t: float) -> float:
    """The weight with zero loss: w* = t / x."""
    return checks.number("target t", t) / _input(x)


def error_factor(lr: float, x: float) -> float:
    """What one step multiplies the error y − t (and the distance w − w*) by: 1 − 2·lr·x²."""
    x = _input(x)
    return 1.0 - 2.0 * checks.learning_rate(lr) * x * x


def oscillation_rate(x: float) -> float:
    """Above this learning rate, 1/(2x²), the weight overshoots and the error flips sign each step."""
    x = _input(x)
    return 1.0 / (2.0 * x * x)


def divergence_rate(x: float) -> float:
    """Above this learning rate, 1/x², every step overshoots by more than it corrects."""
    x = _input(x)
    return 1.0 / (x * x)


def regime(lr: float, x: float) -> str:
    """Name what gradient descent does at learning rate ``lr`` for input ``x`` (one of REGIMES)."""
    return regime_between(lr, oscillation_rate(x), divergence_rate(x))


def regime_between(lr: float, one_step: float, bounce: float) -> str:
    """The regime of ``lr`` given the rate that lands in one step and the rate that bounces for ever.

    Any loss that is a parabola near its minimum follows this rule (notebook 04 uses it
    with the loss's curvature: one step at 1/curvature, bouncing at 2/curvature).
    """
    lr = checks.learning_rate(lr)
    if math.isclose(lr, one_step, rel_tol=_BOUNDARY_RTOL):
        return "one step to the minimum"
    if math.isclose(lr, bounce, rel_tol=_BOUNDARY_RTOL):
        return "bounces forever"
    if lr < one_step:
        return "converges smoothly"
    return "oscillates but converges" if lr < bounce else "diverges"
