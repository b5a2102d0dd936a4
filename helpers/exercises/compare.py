"""Comparing a result with the expected one, and saying in a hint how they differ.

:class:`Compare` walks numbers, numpy arrays, tuples/lists and dicts to a tolerance and returns
the first :class:`Difference` (where, got, expected, a hint). The hints are generic and say only
what the numbers show: a flipped sign, a factor 2 or ½, k times as large, the right values
transposed, in another layout or without the first or last row, values in the wrong order,
``None`` from a missing ``return``, ``nan``; never a cause they do not show (a forgotten bias). :func:`show` prints any value short and on one line.
"""
from __future__ import annotations

import math
import numbers
import warnings
from dataclasses import dataclass
from typing import Any, Callable, Sequence

import numpy as np

from .reading import describe

__all__ = ["Compare", "Difference", "Problem", "show", "show_pair"]

MAX_DEPTH = 8  # nesting of tuples/lists/dicts a result may have


@dataclass(frozen=True)
class Problem:
    """What a case found wrong about a result that cannot be compared as numbers (a Value where a number
    belongs, a graph cut off from its weights); ``what`` is shown as the result, ``hint`` says it in a sentence.
    A case returns one only after checking it, so it is an observation, never a guess."""

    what: str
    hint: str


def show(value: Any, digits: int = 4, depth: int = 0) -> str:
    """A short one-line text for a value: 4 significant digits, arrays on one line."""
    if depth > MAX_DEPTH:
        return "…"
    if isinstance(value, Problem):
        return value.what
    if isinstance(value, (bool, np.bool_)) or value is None:
        return repr(value if value is None else bool(value))  # True, not numpy 2's np.True_
    if isinstance(value, (numbers.Real, np.floating, np.integer)) and not isinstance(value, numbers.Integral):
        return f"{float(value):.{digits}g}"
    if isinstance(value, numbers.Integral):
        return describe(value).split(" ", 1)[-1] if abs(int(value)) > 10**18 else str(int(value))
    if isinstance(value, np.ndarray) and value.dtype.kind in "biuf":
        if value.size <= 24 and value.ndim >= 1:
            return show(value.tolist(), digits)
        text = np.array2string(value, precision=digits, separator=", ", threshold=24, max_line_width=10**6)
        return " ".join(text.split()).replace("[ ", "[")
    if isinstance(value, (list, tuple)) and len(value) <= 24:
        inner = ", ".join(show(v, digits, depth + 1) for v in value)
        return f"[{inner}]" if isinstance(value, list) else f"({inner}{',' if len(value) == 1 else ''})"
    return describe(value, width=60)


def show_pair(got: Any, want: Any) -> tuple[str, str]:
    """Texts for got and expected with enough digits to see that they differ."""
    for digits in (4, 8, 12, 17):
        a, b = show(got, digits), show(want, digits)
        if a != b:
            break
    return a, b


@dataclass
class Difference:
    """The first place where a result differs from the expected one."""

    where: str  # "" for the whole result, else e.g. "dw" or "the 2nd value"
    got: Any
    want: Any
    hint: str = ""


def _ordinal(i: int) -> str:
    return {1: "1st", 2: "2nd", 3: "3rd"}.get(i, f"{i}th")


def _is_number(x: Any) -> bool:
    return isinstance(x, (numbers.Real, np.number)) and not isinstance(x, (bool, np.bool_, complex, np.complexfloating))


def _as_floats(x: Any) -> np.ndarray | None:
    """x as a float array if it is numbers (nested lists, arrays, numbers), else None."""
    if isinstance(x, (str, bytes, dict)) or x is None:
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            arr = np.asarray(x)
            if arr.dtype.kind not in "biuf":
                return None
            return arr.astype(float)
    except Exception:
        return None


def _subject(want: np.ndarray, where: str) -> str:
    """What a ratio hint talks about, so that it is true: "Every value of dw", "Your db", "The 2nd value".

    A code name stays as the code spells it (never "Db"), so it follows "Your"."""
    if want.size > 1:
        return f"Every value of {where}" if where else "Every value"
    if not where:
        return "Your value"
    return "T" + where[1:] if where.startswith("the ") else f"Your {where}"


def _ratio_hint(got: np.ndarray, want: np.ndarray, close: Callable, where: str = "",
                samples: frozenset = frozenset()) -> str:
    """A generic hint when got is a simple multiple (or the transpose) of want; ``where`` names the part compared.

    k times as large is called a sum where a mean was meant only when the case has k samples (``samples``)."""
    subject = _subject(want, where)
    if np.any(want != 0):
        if close(got, -want):
            return "The sign is flipped."
        if close(got, 2 * want):
            return f"{subject} is twice the right one: a factor 2 too many."
        if close(got, want / 2):
            return f"{subject} is half the right one: a factor 2 missing (or a ½ too many)."
        nonzero = np.abs(want) > 1e-12
        ratio = float(np.median(got[nonzero] / want[nonzero]))
        if not math.isfinite(ratio):
            return ""
        if abs(ratio) >= 1:
            k = round(ratio)
            if 3 <= k <= 10**6 and close(got, k * want):
                cause = f": a sum over {k} samples where a mean was meant?" if k in samples else "."
                return f"{subject} is {k} times the right one{cause}"
        elif ratio != 0:
            k = round(1 / ratio)
            if 3 <= k <= 10**6 and close(got, want / k):
                cause = f": divided by the {k} samples once too often?" if k in samples else "."
                return f"{subject} is 1/{k} of the right one{cause}"
    if want.ndim == 2 and want.shape[0] == want.shape[1] and close(got, want.T):
        return "Your result is the transpose of the right one: a .T too many or too few?"
    return ""


def _shape_hint(got: np.ndarray, want: np.ndarray, close: Callable) -> str:
    """What the values say about a result of the wrong shape: only what they show, never a guess at the cause."""
    g, w = got.shape, want.shape
    if want.ndim == 0:
        what = f"{got.size} values (shape {g})" if got.size != 1 else f"an array of shape {g} holding one"
        mean = f"; {'their mean' if got.size > 1 else 'it'} is the right number" if got.size and close(
            np.mean(got).reshape(()), want) else ""
        return f"Expected one number, got {what}{mean}."
    if got.ndim == 0:
        return f"One number where an array of shape {w} was expected."
    if got.ndim == 2 and want.ndim == 2 and g == w[::-1] and close(got.T, want):
        return "Transposed: these are the right values, a .T too many or too few (or the factors of @ swapped)."
    if got.size == want.size and close(got.reshape(w), want):
        column = " a column (n, 1) where a flat (n,) was meant:" if got.ndim == 2 and g[1] == 1 else ""
        return f"The right values in another layout:{column} reshape it, e.g. with .ravel()."
    if want.ndim == 1 and g == (w[0], w[0]) and close(np.diagonal(got), want):
        return ("An n×n table whose diagonal holds the right values: a column (n, 1) met a flat (n,) and "
                "broadcast to a table.")
    if got.ndim == want.ndim and sum(a != b for a, b in zip(g, w)) == 1:
        (axis,) = [i for i, (a, b) in enumerate(zip(g, w)) if a != b]
        name = {0: "row", 1: "column"}.get(axis, "entry") if want.ndim > 1 else "entry"
        if g[axis] + 1 == w[axis]:
            for k, which in ((0, "first"), (w[axis] - 1, "last")):
                if close(got, np.delete(want, k, axis=axis)):
                    return f"One {name} missing: these are the right values without the {which} {name}."
    return ""


class Compare:
    """Compares a result with the expected one to a tolerance; returns the first Difference or None."""

    def __init__(self, rtol: float, atol: float, names: Sequence[str] = ()):
        self.rtol, self.atol, self.names = rtol, atol, tuple(names)
        self.samples: frozenset = frozenset()  # the case's numbers of samples (rows), set by the caller

    def close(self, a: np.ndarray, b: np.ndarray) -> bool:
        return a.shape == b.shape and bool(np.allclose(a, b, rtol=self.rtol, atol=self.atol))

    def __call__(self, got: Any, want: Any, where: str = "", depth: int = 0) -> Difference | None:
        if want is None:
            return None if got is None else Difference(where, got, want, "Expected nothing back (None).")
        if got is None:
            return Difference(where, got, want, "Your code gave None: did a function forget `return`?")
        if got is ...:
            return Difference(where, got, want, "Replace the ... with your code.")
        if isinstance(got, Problem) or isinstance(want, Problem):
            same = isinstance(got, Problem) and isinstance(want, Problem) and got == want
            return None if same else Difference(where, got, want, got.hint if isinstance(got, Problem) else "")
        if isinstance(want, (bool, np.bool_)):
            same = isinstance(got, (bool, np.bool_)) and bool(got) == bool(want)
            return None if same else Difference(where, got, want)
        if isinstance(want, str):
            return None if isinstance(got, str) and got == want else Difference(where, got, want)
        if _is_number(want) or isinstance(want, np.ndarray):
            return self._numbers(got, want, where)
        if isinstance(want, (tuple, list)):
            return self._sequence(got, want, where, depth)
        if isinstance(want, dict):
            return self._mapping(got, want, where, depth)
        try:
            same = bool(got == want)
        except Exception:
            same = False
        return None if same else Difference(where, got, want)

    def _numbers(self, got: Any, want: Any, where: str) -> Difference | None:
        w = np.asarray(want, dtype=float)
        if isinstance(got, (bool, np.bool_, str)) or (w.ndim == 0 and isinstance(got, (list, tuple))):
            return Difference(where, got, want, f"Expected a number, got {describe(got)}.")
        g = _as_floats(got)
        if g is None:
            return Difference(where, got, want, f"Expected {'a number' if w.ndim == 0 else 'numbers'}, "
                                                f"got {describe(got)}.")
        if g.shape != w.shape:
            hint = _shape_hint(g, w, lambda a, b: a.shape == b.shape and self.close(a, b))
            if g.ndim and w.ndim:
                hint = f"Shape {g.shape} where {w.shape} was expected. {hint}".strip()
            return Difference(where, got, want, hint)
        if self.close(g, w):
            return None
        if np.any(np.isnan(g)) and not np.any(np.isnan(w)):
            return Difference(where, got, want, "A nan ('not a number') came out: look for 0/0, log(0) or an "
                                                "overflow such as exp of a large number.")
        if np.any(np.isinf(g)) and not np.any(np.isinf(w)):
            return Difference(where, got, want, "An inf (infinity) came out: an overflow (exp of a large "
                                                "number?) or a division by zero.")
        return Difference(where, got, want, _ratio_hint(g, w, self.close, where, self.samples))

    def _sequence(self, got: Any, want: Sequence, where: str, depth: int) -> Difference | None:
        if not isinstance(got, (tuple, list)) or depth >= MAX_DEPTH:
            return Difference(where, got, want, f"Expected {len(want)} values (a {type(want).__name__}), "
                                                f"got {describe(got)}.")
        if len(got) != len(want):
            return Difference(where, got, want, f"Expected {len(want)} values, got {len(got)}.")
        diff = self._items(got, want, where, depth)
        if diff is not None and depth == 0 and len(want) > 1 and self._items(got[::-1], want, where, depth) is None:
            order = f" ({', '.join(self.names)})" if self.names else ""
            diff.hint = f"The right values in the wrong order: return them as{order} in the order asked for."
        return diff

    def _items(self, got: Sequence, want: Sequence, where: str, depth: int) -> Difference | None:
        for i, (g, w) in enumerate(zip(got, want)):
            if depth == 0 and i < len(self.names):
                part = self.names[i]
            else:
                part = f"{where}[{i}]" if where else f"the {_ordinal(i + 1)} value"
            diff = self(g, w, part, depth + 1)
            if diff is not None:
                return diff
        return None

    def _mapping(self, got: Any, want: dict, where: str, depth: int) -> Difference | None:
        if not isinstance(got, dict) or depth >= MAX_DEPTH:
            return Difference(where, got, want, f"Expected a dict, got {describe(got)}.")
        if set(got) != set(want):
            return Difference(where, sorted(map(str, got)), sorted(map(str, want)), "Different keys.")
        for key in want:
            diff = self(got[key], want[key], f"{where}[{key!r}]", depth + 1)
            if diff is not None:
                return diff
        return None
