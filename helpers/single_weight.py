"""The one-weight model a = i·w with cost C = (a − y)², trained by gradient descent.

Everything notebook 03 prints comes from here: the forward pass, the two local
derivatives and their chain-rule product, one descent step, a whole trajectory, and the
stability analysis. The error w − y/i is multiplied by ``1 − 2·r·i²`` at every step, so

- ``0 < r < 1/(2i²)``   the error shrinks and keeps its sign: "converges smoothly"
- ``r = 1/(2i²)``       the factor is 0: "one step to the minimum"
- ``1/(2i²) < r < 1/i²`` the error flips sign but shrinks: "oscillates but converges"
- ``r = 1/i²``          the factor is −1: "bounces forever" between two weights
- ``r > 1/i²``          the error grows: "diverges"

Arithmetic is done on Python floats, which turn into ``inf`` silently instead of
warning, and a run that blows up stops early with ``diverged=True``.
"""
from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = [
    "forward", "cost", "dcost_da", "da_dw", "dcost_dw", "step", "Trajectory", "trajectory",
    "best_weight", "error_factor", "oscillation_rate", "divergence_rate", "regime", "REGIMES",
]

REGIMES = ("converges smoothly", "one step to the minimum", "oscillates but converges",
           "bounces forever", "diverges")
BLOW_UP_COST = 1e12  # a run whose cost passes this is stopped and called diverged
_BOUNDARY_RTOL = 1e-9  # a rate this close to a threshold counts as exactly on it


def _real(name: str, value: Any) -> float:
    """``value`` as a finite float, or a clear TypeError/ValueError naming ``name``."""
    ok = isinstance(value, numbers.Real) and not isinstance(value, bool)
    ok = ok or (isinstance(value, np.ndarray) and value.shape == () and np.issubdtype(value.dtype, np.number)
                and not np.issubdtype(value.dtype, np.complexfloating) and value.dtype != bool)
    if not ok:
        raise TypeError(f"{name} must be a real number such as 0.5, got {type(value).__name__} {value!r:.40}")
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value}")
    return value


def _input(i: Any) -> float:
    """The input i, which must be non-zero for the weight to matter at all."""
    i = _real("input i", i)
    if i == 0:
        raise ValueError("input i must be non-zero: with i = 0 the output a = i·w ignores w, "
                         "so there is no best weight and no learning rate threshold")
    return i


def _rate(rate: Any) -> float:
    """The learning rate, which must be a positive finite number."""
    rate = _real("learning rate r", rate)
    if rate <= 0:
        raise ValueError(f"learning rate r must be positive (e.g. 0.1), got {rate}")
    return rate


def forward(i: float, w: float) -> float:
    """The network's output a = i·w."""
    return _real("input i", i) * _real("weight w", w)


def cost(a: float, y: float) -> float:
    """The squared error C = (a − y)² of output ``a`` against the target ``y``."""
    error = _real("output a", a) - _real("target y", y)
    return error * error


def dcost_da(a: float, y: float) -> float:
    """How fast the cost changes with the output: dC/da = 2(a − y)."""
    return 2.0 * (_real("output a", a) - _real("target y", y))


def da_dw(i: float) -> float:
    """How fast the output changes with the weight: da/dw = i."""
    return _real("input i", i)


def dcost_dw(i: float, w: float, y: float) -> float:
    """The chain rule: dC/dw = dC/da · da/dw = 2(i·w − y)·i."""
    return dcost_da(forward(i, w), y) * da_dw(i)


def step(i: float, w: float, y: float, rate: float) -> float:
    """One gradient-descent step: the new weight w − r·dC/dw."""
    return _real("weight w", w) - _rate(rate) * dcost_dw(i, w, y)


@dataclass(frozen=True)
class Trajectory:
    """Weights w_0 … w_n and their costs; ``diverged`` if the run blew up or ended worse than it began."""

    weights: np.ndarray
    costs: np.ndarray
    diverged: bool

    @property
    def losses(self) -> np.ndarray:
        """The costs under the generic name the learning-rate explorer uses."""
        return self.costs


def trajectory(i: float, w0: float, y: float, rate: float, steps: int) -> Trajectory:
    """Run ``steps`` descent steps from ``w0``; stop early (diverged) once the cost passes 1e12."""
    i, w, y, rate = _real("input i", i), _real("weight w0", w0), _real("target y", y), _rate(rate)
    if not isinstance(steps, numbers.Integral) or isinstance(steps, bool) or steps < 0:
        raise TypeError(f"steps must be a whole number ≥ 0 such as 20, got {type(steps).__name__} {steps!r:.40}")
    weights, costs = [w], [(i * w - y) * (i * w - y)]
    blew_up = False
    for _ in range(int(steps)):
        w = w - rate * 2.0 * (i * w - y) * i  # the step() formula; on floats, overflow is a silent inf
        c = (i * w - y) * (i * w - y)
        if not math.isfinite(c):
            blew_up = True
            break
        weights.append(w)
        costs.append(c)
        if c > BLOW_UP_COST:
            blew_up = True
            break
    grew = costs[-1] > costs[0] * (1 + 1e-9)
    return Trajectory(np.array(weights), np.array(costs), blew_up or grew)


def best_weight(i: float, y: float) -> float:
    """The weight with zero cost: w* = y / i."""
    return _real("target y", y) / _input(i)


def error_factor(rate: float, i: float) -> float:
    """What one step multiplies the error w − w* by: 1 − 2·r·i²."""
    i = _input(i)
    return 1.0 - 2.0 * _rate(rate) * i * i


def oscillation_rate(i: float) -> float:
    """Above this learning rate, 1/(2i²), the weight overshoots and the error flips sign each step."""
    i = _input(i)
    return 1.0 / (2.0 * i * i)


def divergence_rate(i: float) -> float:
    """Above this learning rate, 1/i², every step overshoots by more than it corrects."""
    i = _input(i)
    return 1.0 / (i * i)


def regime(rate: float, i: float) -> str:
    """Name what gradient descent does at learning rate ``rate`` for input ``i`` (one of REGIMES)."""
    rate, low, high = _rate(rate), oscillation_rate(i), divergence_rate(i)
    if math.isclose(rate, low, rel_tol=_BOUNDARY_RTOL):
        return "one step to the minimum"
    if math.isclose(rate, high, rel_tol=_BOUNDARY_RTOL):
        return "bounces forever"
    if rate < low:
        return "converges smoothly"
    return "oscillates but converges" if rate < high else "diverges"
