"""Argument checks shared by the maths modules, with one message style.

Every message says what the argument must be, with an example, and what it got:
"learning rate lr must be a positive finite number such as 0.1, got -1.0". A wrong type is a
TypeError, a number out of range a ValueError.
"""
from __future__ import annotations

import math
import numbers
from typing import Any

import numpy as np

__all__ = ["is_real", "real", "number", "whole", "between", "learning_rate"]


def is_real(value: Any) -> bool:
    """A real number: an int or a float (numpy's too, or a 0-d array of one), not a bool or a complex."""
    if isinstance(value, np.ndarray):
        return (value.shape == () and np.issubdtype(value.dtype, np.number)
                and not np.issubdtype(value.dtype, np.complexfloating) and value.dtype != bool)
    return isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_))


def real(name: str, value: Any, example: str = "0.5") -> float:
    """``value`` as a float (inf and nan included), or a TypeError naming ``name``."""
    if not is_real(value):
        raise TypeError(f"{name} must be a real number such as {example}, got {type(value).__name__} {value!r:.40}")
    return float(value)


def number(name: str, value: Any, example: str = "0.5", positive: bool = False) -> float:
    """``value`` as a finite float (and > 0 if ``positive``), or an error naming ``name``."""
    x = real(name, value, example)
    if not math.isfinite(x) or (positive and x <= 0):
        kind = "a positive finite number" if positive else "a finite number"
        raise ValueError(f"{name} must be {kind} such as {example}, got {x!r}")
    return x


def whole(name: str, value: Any, least: int = 0, example: str = "40") -> int:
    """``value`` as an int of at least ``least``, or an error naming ``name``."""
    if not isinstance(value, numbers.Integral) or isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be a whole number such as {example}, got {type(value).__name__} {value!r:.40}")
    if value < least:
        raise ValueError(f"{name} must be a whole number of at least {least} such as {example}, got {value}")
    return int(value)


def between(name: str, value: Any, low: float, high: float, example: str = "0.1") -> float:
    """``value`` as a float from ``low`` to ``high``, or an error naming ``name``."""
    x = number(name, value, example)
    if not low <= x <= high:
        raise ValueError(f"{name} must be a number between {low} and {high} such as {example}, got {x!r}")
    return x


def learning_rate(value: Any, name: str = "learning rate lr") -> float:
    """A learning rate: a positive finite number such as 0.1."""
    return number(name, value, "0.1", positive=True)
