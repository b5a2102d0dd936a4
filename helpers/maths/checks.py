"""Argument checks shared by the maths modules, with one message style.

Every message says what the argument must be, with an example, and what it got:
"learning rate lr must be a positive finite number such as 0.1, got -1.0". A wrong type is a
TypeError, a number out of range (or an array of the wrong shape) a ValueError. The maths modules
check once, where a learner's call comes in, never inside a training loop.
"""
from __future__ import annotations

import math
import numbers
from typing import Any

import numpy as np

__all__ = ["is_real", "real", "number", "whole", "between", "learning_rate", "array", "targets", "samples"]


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


def array(name: str, value: Any, ndims: tuple[int, ...], example: str, shape: str = "") -> np.ndarray:
    """``value`` as a non-empty float array of finite numbers with one of the numbers of dimensions
    ``ndims``, or an error naming ``name`` (``shape``, e.g. "(n, 2)", goes into the message)."""
    kind = f"numbers of shape {shape} such as {example}" if shape else f"numbers such as {example}"
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be {kind}, got {type(value).__name__} {value!r:.40}") from None
    if arr.ndim not in ndims or arr.size == 0:
        raise ValueError(f"{name} must be {kind}, got shape {arr.shape}")
    if not np.isfinite(arr).all():
        raise ValueError(f"{name} must be finite numbers, got {value!r:.60}")
    return arr


def targets(t: Any, n: int, name: str = "targets t") -> np.ndarray:
    """``t`` as ``n`` finite floats, one target per sample (a column (n, 1) is fine too)."""
    t = array(name, t, (0, 1, 2), "[0, 1, 1, 0] (one per sample)")
    if t.size != n or (t.ndim == 2 and t.shape[1] != 1):
        raise ValueError(f"{name} must have shape ({n},), one target per sample: there are {n} samples but "
                         f"{t.size} targets (shape {t.shape})")
    return t.reshape(n)


def samples(X: Any, t: Any = None, name: str = "inputs X",
            t_name: str = "targets t") -> tuple[np.ndarray, np.ndarray | None]:
    """Inputs as an (n, 2) float array, one row (x1, x2) per sample (one sample may come as (x1, x2)),
    and targets ``t``, if given, as an (n,) float array: the data of notebooks 05 and 06."""
    X = array(name, X, (1, 2), "[[0, 1], [1, 1]]", "(n, 2)")
    if X.shape == (2,):
        X = X[None, :]
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"{name} must have shape (n, 2), one row (x1, x2) per sample, got shape {X.shape}")
    return X, None if t is None else targets(t, len(X), t_name)
