"""The warm-up of notebook 00: one weight and its loss.

The model multiplies the input 1.5 by the weight w and wants the output 0.5, so the loss
(1.5·w − 0.5)² is lowest at w = 1/3 -- the picture the whole series explains, met here
before any maths. Its pictures are in :mod:`helpers.views.start_here`.
"""
from __future__ import annotations

from helpers.maths import single_weight

__all__ = ["INPUT", "TARGET", "output", "loss"]

INPUT, TARGET = 1.5, 0.5


def output(w: float) -> float:
    """The one-weight model's output y = w·x with the input x = 1.5."""
    return single_weight.forward(INPUT, w)


def loss(w: float) -> float:
    """The loss L = (y − t)²: how far the output misses the target t = 0.5, squared."""
    return single_weight.loss(output(w), TARGET)
