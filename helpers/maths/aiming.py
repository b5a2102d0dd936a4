"""The gunner's picture of gradient descent: fire, see how far the shot missed, correct the aim.

A shell fired at angle θ (degrees) lands R(θ) = 100·sin(2θ) metres away (fixed speed, no air).
The miss is the error e = R(θ) − target and the loss L = ½·e². By the chain rule the loss changes
with the angle at the rate e · dR/dθ, so each correction is θ ← θ − η · e · dR/dθ (η, ``lr``, the
learning rate): a big miss moves the gun a lot, a small miss a little, and the direction comes
from the sign.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from helpers.maths import checks

__all__ = ["MAX_RANGE", "landing", "dlanding_dangle", "miss_cost", "miss_gradient", "Shots", "shots"]

MAX_RANGE = 100.0  # metres, reached at 45 degrees




def landing(angle: float) -> float:
    """Where a shell fired at ``angle`` degrees lands: 100·sin(2θ) metres away."""
    return MAX_RANGE * math.sin(2 * math.radians(checks.number("angle", angle)))


def dlanding_dangle(angle: float) -> float:
    """How many metres the landing point moves per degree of elevation: dR/dθ."""
    return MAX_RANGE * 2 * math.cos(2 * math.radians(checks.number("angle", angle))) * math.pi / 180


def miss_cost(angle: float, target: float) -> float:
    """The loss L = ½·(R(θ) − target)²: half the squared miss, what the gunner wants to shrink."""
    return 0.5 * (landing(angle) - checks.number("target", target)) ** 2


def miss_gradient(angle: float, target: float) -> float:
    """The chain rule: dL/dθ = e · dR/dθ (e = the miss)."""
    return (landing(angle) - checks.number("target", target)) * dlanding_dangle(angle)


@dataclass(frozen=True)
class Shots:
    """The angles fired and how far each shot missed (negative = short); ``lost`` if the gun left 0°–90°."""

    angles: np.ndarray
    misses: np.ndarray
    target: float
    lost: bool = False


def shots(target: float = 70.0, start: float = 15.0, lr: float = 0.1, n: int = 6) -> Shots:
    """Fire ``n`` shots, correcting the angle after each by ``lr`` (η) times the loss's slope."""
    target, angle, lr = checks.number("target", target), checks.number("start", start), checks.number("lr", lr)
    if not 0 < target < MAX_RANGE:
        raise ValueError(f"target must lie between 0 and {MAX_RANGE:g} metres, got {target}")
    if not 0 < angle < 90:
        raise ValueError(f"start angle must lie between 0 and 90 degrees, got {angle}")
    n = checks.whole("number of shots n", n, 1, "6")
    angles = [angle]
    for _ in range(n - 1):
        angle = angle - lr * miss_gradient(angle, target)
        if not 0 < angle < 90:  # pointing into the ground or backwards: stop, do not fire
            break
        angles.append(angle)
    angles = np.array(angles)
    return Shots(angles, np.array([landing(a) - target for a in angles]), target, lost=len(angles) < n)
