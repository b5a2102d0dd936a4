"""Exercises with instant feedback that name the mistake.

Every checker returns a :class:`Feedback`: a box in JupyterLab (readable in the light and the
dark theme) and one plain line elsewhere, marked ✔ correct, ✘ wrong, ? wrong kind or … unanswered.
Answers and typical mistakes are computed with ``helpers``, never typed in as numbers.

A number or a choice: :class:`Exercise`
---------------------------------------
Give the right answer, the decimals it needs (unless it is a short exact decimal such as
0.4745 or 15, which must then be given exactly), a hint, and the typical mistakes, each
computed and with the sentence that names it::

    ex1 = Exercise(
        "Exercise 1 (the second step)",
        solution=lambda: sw.step(1.5, 0.59, 0.5, 0.1),                  # 0.4745
        hint="y = 1.5·0.59, dL/dw = 2(y − 0.5)·1.5, then w2 = w1 − 0.1·dL/dw.",
        mistakes=[Mistake(lambda: sw.dloss_dw(1.5, 0.59, 0.5),          # 1.155
                          "that is the gradient at w1; the new weight is w1 − η·dL/dw.")],
    )
    ex1.check(0.4745)   # ✔ Exercise 1 (the second step): correct!
    ex1.check(1.155)    # ✘ … not quite. That is the gradient at w1; …
    ex1.check(0.475)    # ✘ … right to 3 decimals — give 4.
    ex1.check((0, 4745))  # ? … use a dot for decimals …   (the learner typed 0,4745)

- ``decimals=d``: an answer right to d decimals (rounded or cut off) is correct, and the
  unanswered message asks for d decimals; without it ``rtol`` applies to inexact answers.
- A wrong number is matched, in this order, against a declared mistake typed in full, the right
  answer at the precision the learner typed ("right to 3 decimals — give 4"), then declared
  mistakes and generic slips (the sign, a factor 2, ½, 10, 100) rounded to the decimals typed,
  then "close" (rounded too early), else the ``hint`` is shown. A rounded match must be one the
  typed digits can tell apart: naming a mistake needs two significant digits (2 is not "10 times
  0.25", 0.5 is not "0.513"), a value halfway between two roundings (0.25 at 1 decimal) matches
  no rounding, and if several mistakes fit, the learner is asked for more decimals.
- ``choices=(...)`` makes a multiple-choice question. Options match without case, spaces or
  quotes; options that are numbers ("1e-5") also accept the number (1e-5, "1e-05"). A choice
  mistake is ``Mistake("diverges", "…")`` (or a function computing the option's text); a mistake
  whose text is not an option (a likely wrong number, "1e-8") is named too, not called the wrong kind.
- Answers of the wrong kind get a pointed word (quotes, a decimal comma, ``None`` from a
  missing ``return``, nan, inf, 10**400, complex, arrays, a function not called), never a
  traceback. In IPython, ``0.7^2``, ``0.7²``, a copied ``−``, ``2(y − t)``, ``0,05`` and an
  unquoted option are explained in one line (:mod:`helpers.exercises.slips`).

Code the learner writes: :class:`CodeExercise`
----------------------------------------------
Give a reference implementation, a few cases (include edge cases) and the typical mistakes as
wrong implementations. ``call(*args)`` calls the learner's function with these arguments;
``Case("what it does", run)`` runs any small function of the learner's code (build objects,
call ``backward``) and compares its result with ``run(reference)``. ``numeric=`` computes the
expected result independently (central differences for a gradient); ``returns=`` names the
returned values for the messages; ``kind="class"`` asks for a class::

    def forward(X, w, b):                                   # the reference
        return 1 / (1 + np.exp(-(X @ w + b)))

    ex2 = CodeExercise(
        "Exercise 2 (forward)", reference=forward,
        cases=[call(X_and, w0, 0.1), call(X_and[:1], w0, 0.1), call([[40.0, -40.0]], w0, 0.1)],
        hint="a = X·w + b for every row, then y = σ(a).",
        mistakes=[Mistake(lambda X, w, b: X @ w + b, "you return the weighted sum a; the output is y = σ(a).")],
    )
    ex2.check(forward)   # the learner passes their function (or class) itself

A wrong result names the first failing case and leads with a hint, then expected and got: the
declared mistake whose results the learner's match on every case (values, or the same error), else
a remark that only says what that case's numbers show (flipped sign, factor 2 or ½, k times as
large, the right values transposed, in another layout or without the first row, wrong order,
``None``, nan; the shapes when they differ), else ``hint``. It never guesses a cause the numbers do
not show (CONTRIBUTING.md, "The exercise checker"). A case may return a
:class:`~helpers.exercises.compare.Problem` it has checked (a Value where a number belongs, a graph
cut off from its weights). An error in the learner's code shows their own line, the error, what it
means and the arguments' shapes, never a traceback through helpers; code still holding ``...`` is "unanswered"; a case running past ``time_limit`` seconds
(Unix) is stopped. In the tests, ``ex.verify()`` must return ``[]``: the reference passes, the
``numeric`` checks agree, and every declared mistake is caught and named.

Modules: ``feedback`` (Feedback, Mistake), ``reading`` (what a typed answer is), ``slips``
(typing slips and the IPython handler), ``codecheck`` with ``compare`` and ``running`` (the
code checker); one module of exercises per notebook named like the maths module of the same idea (``calculus``, ``compgraph``, ``neuron``, ``network``, …).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal
from typing import Any, Callable, Sequence

import numpy as np

from . import slips
from .codecheck import Case, CodeExercise, call
from .feedback import Feedback, Mistake
from .reading import Unreadable, decimals_typed, describe, normal_text, read_choice, read_number, read_numbers, sentence

__all__ = ["Exercise", "Feedback", "Mistake", "CodeExercise", "Case", "call"]

_EXACT_DECIMALS = 6    # an answer with at most this many decimals counts as exact (0.4745, 15, 0.125)
_SAME = 1e-7           # relative difference that is round-off, not a mistake (float32 has 7 digits)
_CLOSE = 0.01          # a relative error below this is "close": rounded too early, a slip in the last digits
_SLIPS = ((-1.0, "the size is right but the sign is flipped"),
          (2.0, "that is twice the right answer: a factor 2 too many"),
          (0.5, "that is half the right answer: a factor 2 missing"),
          (10.0, "that is 10 times the right answer: check the decimal point"),
          (0.1, "that is a tenth of the right answer: check the decimal point"),
          (100.0, "that is 100 times the right answer: a percentage?"),
          (0.01, "that is a hundredth of the right answer: check the decimal point"))


def _cut(value: float, k: int) -> float:
    """``value`` cut off (truncated) to k decimals, read from its decimal digits.

    The digits are those of ``value`` to 15 significant figures, so a float that only represents a
    short decimal (0.15999999999999992 for 0.16) is cut as that decimal: 0.16, not 0.15.
    """
    digits = Decimal(f"{value:.15g}")
    return float(digits.quantize(Decimal(1).scaleb(-k), rounding=ROUND_DOWN))


def _agrees(got: float, want: float, k: int) -> bool:
    """True when ``got`` is ``want`` rounded or cut off to k decimals, or closer."""
    unit = 10.0 ** -k
    if abs(got - want) <= 0.5 * unit * (1 + 1e-9) + 1e-12:
        return True
    if abs(want) / unit > 1e15:  # too many digits to cut off exactly; rounding was checked above
        return False
    return math.isclose(got, _cut(want, k), rel_tol=1e-9, abs_tol=1e-12)


def _same(got: float, value: float) -> bool:
    """``got`` is ``value`` up to round-off: typed in full, or computed in Python."""
    return math.isclose(got, value, rel_tol=_SAME, abs_tol=1e-12)


def _is_tie(value: float, k: int) -> bool:
    """``value`` sits halfway between two k-decimal numbers (0.25 at 1 decimal, 2.5 at 0), so k decimals
    cannot say which side of it the learner is on."""
    scaled = abs(value) * 10.0 ** k
    return abs(scaled - math.floor(scaled) - 0.5) <= 1e-9 * max(1.0, scaled)


def _rounds_to(got: float, value: float, k: int, digits: int) -> bool:
    """``got`` (typed with k decimals) is ``value`` rounded or cut off to k decimals, and those k decimals
    carry at least ``digits`` significant digits of ``value``.

    One digit is enough to say "right to 1 decimal" (0.2 for 0.16), unless ``value`` is a tie at that
    digit (0.3 for 0.25 is no nearer than 0.2). Naming a mistake needs two digits: with one, 2 is as
    near 8 times 0.25 as 10 times, and 0.5 fits 0.4745 and 0.513 alike.
    """
    if value == 0 or abs(value) < 10.0 ** (digits - 1 - k):
        return False
    if abs(value) < 10.0 ** (1 - k) and _is_tie(value, k):  # one significant digit, halfway
        return False
    return _agrees(got, value, k)


def _plural(k: int) -> str:
    return f"{k} decimal" if k == 1 else f"{k} decimals"


@dataclass
class Exercise:
    """One question whose answer is a number, a list of numbers, or one of a few choices.

    ``solution`` computes the right answer with ``helpers``; ``hint`` is shown for a wrong
    value that no declared ``mistakes`` explains; ``decimals`` says how precise a single-number
    answer must be; ``choices`` (if given) makes it a multiple-choice question; ``rtol`` and
    ``atol`` compare lists of numbers, and single numbers that have neither ``decimals`` nor a
    short exact value.
    """

    title: str
    solution: Callable[[], Any]
    hint: str
    explanation: str = ""
    choices: tuple[str, ...] | None = None
    decimals: int | None = None
    mistakes: Sequence[Mistake] = field(default_factory=tuple)
    rtol: float = 1e-3
    atol: float = 1e-6

    def __post_init__(self):
        self.mistakes = tuple(self.mistakes)
        if self.choices is not None:
            slips.remember_options(self.choices)

    def answer(self) -> Any:
        """The right answer, computed."""
        return self.solution()

    def mistake_answers(self) -> list[tuple[Any, str]]:
        """Each declared mistake's wrong answer (computed) with its hint."""
        return [(m.wrong() if callable(m.wrong) else m.wrong, m.hint) for m in self.mistakes]

    def check(self, answer: Any) -> Feedback:
        """Compare a learner's answer with the computed one and say what to do next."""
        try:
            if self.choices is not None:
                return self._check_choice(self._read_option(answer))
            expected = self.answer()
            if np.ndim(expected) == 0:
                return self._check_number(read_number(answer), float(expected))
            expected = np.asarray(expected, dtype=float)
            return self._check_numbers(read_numbers(answer, expected.shape), expected)
        except Unreadable as why:
            return self._unreadable(why)
        except Exception:  # last resort: a learner's object broke something; the tests make sure this is rare
            return Feedback("wrong kind", f"{self.title}: could not read this answer ({describe(answer)}); "
                                          "type a plain number such as 0.42.")

    # -- messages
    def _unreadable(self, why: Unreadable) -> Feedback:
        if why.status == "unanswered":
            need = f" (to {_plural(self.decimals)})" if self.decimals is not None else ""
            return Feedback("unanswered", f"{self.title}: replace ... with your answer{need} and run the cell again.")
        if why.status == "wrong":
            return Feedback("wrong", f"{self.title}: not quite. {sentence(why.message)}")
        return Feedback(why.status, f"{self.title}: {why.message}")

    def _right(self) -> Feedback:
        extra = f" {sentence(self.explanation)}" if self.explanation else ""
        return Feedback("correct", f"{self.title}: correct!{extra}")

    def _wrong(self, why: str = "", with_hint: bool = True) -> Feedback:
        parts = [f"{self.title}: not quite."]
        if why:
            parts.append(sentence(why) + ("" if why.rstrip().endswith((".", "!", "?")) else "."))
        if with_hint:
            parts.append(f"Hint: {sentence(self.hint)}")
        return Feedback("wrong", " ".join(parts))

    # -- choices
    def _read_option(self, answer: Any) -> str:
        """The option the answer names; a declared mistake that is not an option (the forward difference's
        best step, where the central one's is asked) is returned as the mistake's text, to be named."""
        try:
            return read_choice(answer, self.choices)
        except Unreadable:
            for wrong, _ in self.mistake_answers():
                if str(wrong) not in self.choices:
                    try:
                        return read_choice(answer, (str(wrong),))
                    except Unreadable:
                        pass
            raise

    def _check_choice(self, option: str) -> Feedback:
        if normal_text(option) == normal_text(str(self.answer())):
            return self._right()
        for wrong, hint in self.mistake_answers():
            if normal_text(option) == normal_text(str(wrong)):
                return self._wrong(hint, with_hint=False)
        return self._wrong()

    # -- one number
    def _exact_decimals(self, expected: float) -> int | None:
        """The decimals of a short exact answer (0.4745 -> 4, also 0.49000000000000027 -> 2), else None."""
        limit = self.decimals if self.decimals is not None else _EXACT_DECIMALS
        for k in range(limit + 1):
            if abs(round(expected, k) - expected) <= 1e-12 * max(1.0, abs(expected)):
                return k
        return None

    def _is_right(self, got: float, expected: float) -> bool:
        if math.isclose(got, expected, rel_tol=_SAME, abs_tol=1e-12):
            return True
        if self._exact_decimals(expected) is not None:
            return False  # a short exact answer must be given exactly
        if self.decimals is not None:  # fewer typed decimals agree only as dropped trailing zeros: 0.5 for 0.50003
            return _agrees(got, expected, self.decimals)
        return math.isclose(got, expected, rel_tol=self.rtol, abs_tol=self.atol)

    def _check_number(self, got: float, expected: float) -> Feedback:
        """Name what the wrong number is, but only what the digits typed can tell apart.

        In order: a declared mistake typed in full; the right answer to fewer decimals ("right to 3
        decimals — give 4"); a declared mistake or a generic slip (sign, factor 2, 10, …) rounded to the
        decimals typed, if exactly one fits (several that fit ask for more decimals); "close"; the hint.
        """
        if self._is_right(got, expected):
            return self._right()
        k = decimals_typed(got)
        mistakes = [(float(wrong), hint) for wrong, hint in self.mistake_answers()]
        for wrong, hint in mistakes:
            if _same(got, wrong):
                return self._wrong(hint, with_hint=False)
        if _rounds_to(got, expected, k, digits=1):
            return Feedback("wrong", f"{self.title}: {self._fewer_decimals(got, k, expected)}")
        slips = [(factor * expected, why) for factor, why in _SLIPS if expected != 0]
        fits = [(value, hint, True) for value, hint in mistakes if _rounds_to(got, value, k, digits=2)]
        fits += [(value, why, False) for value, why in slips
                 if _same(got, value) or _rounds_to(got, value, k, digits=2)]
        if fits:
            values = {round(value, 12) for value, _, _ in fits}
            if len(values) > 1:
                return self._wrong(f"with {_plural(k)} this fits more than one typical mistake; give more "
                                   "decimals and the checker can say which")
            _, hint, declared = fits[0]
            return self._wrong(hint, with_hint=not declared)
        if expected != 0 and abs(got - expected) < _CLOSE * abs(expected):
            digits = f"to {_plural(self.decimals)}" if self.decimals is not None else "exactly"
            return self._wrong(f"close, but not right {digits}: keep every digit in the steps in between "
                               "(let Python do the arithmetic) and round only at the end.", with_hint=False)
        return self._wrong()

    def _needed_decimals(self, expected: float) -> int | None:
        """How many decimals a right answer needs: the declared ones, or those of a short exact answer."""
        need = self._exact_decimals(expected)
        return self.decimals if need is None else need

    def _fewer_decimals(self, got: float, k: int, expected: float) -> str:
        """The message for the right answer given to k decimals, fewer than it needs."""
        need = self._needed_decimals(expected)
        give = f"give {need}" if need is not None else "give more decimals"
        if k > 0:
            return f"right to {_plural(k)} — {give}."
        if not need:
            return f"right as a whole number — {give}."
        # Python drops trailing zeros: a learner who typed 2.0000 must not loop on "give 4"
        zeros = f"{got:.{need}f}"
        return (f"right as a whole number — {give}. (Python reads {zeros} as {got:g}: "
                "if that is what you typed, the decimals are not all 0.)")

    # -- several numbers
    def _check_numbers(self, got: np.ndarray, expected: np.ndarray) -> Feedback:
        def close(a, b) -> bool:
            return bool(np.allclose(a, b, rtol=self.rtol, atol=self.atol))

        if close(got, expected):
            return self._right()
        for wrong, hint in self.mistake_answers():
            if close(got, np.asarray(wrong, dtype=float)):
                return self._wrong(hint, with_hint=False)
        if np.any(expected != 0) and close(got, -expected):
            return self._wrong(_SLIPS[0][1])
        return self._wrong()

