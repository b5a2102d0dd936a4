"""Exercises with instant feedback: right answer, a hint for a wrong value, a clear word for a wrong kind.

An :class:`Exercise` computes its own answer with ``helpers`` (nothing is hard-coded),
and :meth:`Exercise.check` turns a learner's answer into a :class:`Feedback` that shows
as a coloured box in JupyterLab and as one plain line everywhere else.
"""
from __future__ import annotations

import html
import numbers
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

__all__ = ["Exercise", "Feedback"]


@dataclass(frozen=True)
class Feedback:
    """What the checker says about one answer."""

    status: str  # "correct", "wrong", "wrong kind" or "unanswered"
    message: str

    @property
    def correct(self) -> bool:
        return self.status == "correct"

    def __repr__(self) -> str:
        mark = {"correct": "✔", "wrong": "✘", "wrong kind": "?", "unanswered": "…"}[self.status]
        return f"{mark} {self.message}"

    def _repr_html_(self) -> str:
        colour = {"correct": "#e6f4ea", "wrong": "#fdecea", "wrong kind": "#fff4e5", "unanswered": "#eef2f7"}[self.status]
        return (f'<div style="background:{colour};padding:6px 10px;border-radius:4px">'
                f"{html.escape(repr(self))}</div>")


def _as_number(answer: Any) -> float | None:
    """The answer as a float, or None when it is not a single real number."""
    if isinstance(answer, bool):
        return None
    if isinstance(answer, numbers.Real):
        return float(answer)
    if isinstance(answer, np.ndarray) and answer.shape == () and np.issubdtype(answer.dtype, np.number):
        return float(answer)
    return None


@dataclass
class Exercise:
    """One question whose answer is a number, a list of numbers, or one of a few choices.

    ``solution`` computes the right answer with ``helpers``; ``hint`` is shown for a
    wrong value; ``choices`` (if given) makes it a multiple-choice question.
    """

    title: str
    solution: Callable[[], Any]
    hint: str
    explanation: str = ""
    choices: tuple[str, ...] | None = None
    rtol: float = 1e-3
    atol: float = 1e-6

    def answer(self) -> Any:
        """The right answer, computed."""
        return self.solution()

    def check(self, answer: Any) -> Feedback:
        """Compare a learner's answer with the computed one and say what to do next."""
        if answer is ... or answer is None:
            return Feedback("unanswered", f"{self.title}: replace ... with your answer and run the cell again.")
        if self.choices is not None:
            return self._check_choice(answer)
        expected = self.answer()
        if np.ndim(expected) == 0:
            return self._check_number(answer, float(expected))
        return self._check_numbers(answer, np.asarray(expected, dtype=float))

    def _right(self) -> Feedback:
        extra = f" {self.explanation}" if self.explanation else ""
        return Feedback("correct", f"{self.title}: correct!{extra}")

    def _wrong(self) -> Feedback:
        return Feedback("wrong", f"{self.title}: not quite. Hint: {self.hint}")

    def _check_choice(self, answer: Any) -> Feedback:
        options = ", ".join(repr(c) for c in self.choices)
        if not isinstance(answer, str):
            return Feedback("wrong kind", f"{self.title}: answer with one of the options as text: {options}.")
        if answer.strip().lower() not in {c.lower() for c in self.choices}:
            return Feedback("wrong kind", f"{self.title}: {answer!r} is not one of the options {options}.")
        return self._right() if answer.strip().lower() == str(self.answer()).lower() else self._wrong()

    def _close(self, got: np.ndarray | float, want: np.ndarray | float) -> bool:
        return bool(np.all(np.isclose(got, want, rtol=self.rtol, atol=self.atol)))

    def _check_number(self, answer: Any, expected: float) -> Feedback:
        got = _as_number(answer)
        if got is None:
            return Feedback("wrong kind", f"{self.title}: expected a single number such as 0.42, "
                                          f"got {type(answer).__name__} {answer!r:.40}.")
        return self._right() if self._close(got, expected) else self._wrong()

    def _check_numbers(self, answer: Any, expected: np.ndarray) -> Feedback:
        try:
            got = np.asarray(answer, dtype=float)
        except (TypeError, ValueError):
            got = None
        if got is None or got.shape != expected.shape:
            return Feedback("wrong kind", f"{self.title}: expected {expected.size} numbers in a list "
                                          f"(shape {expected.shape}), got {type(answer).__name__} {answer!r:.40}.")
        return self._right() if self._close(got, expected) else self._wrong()
