"""Checking code the learner wrote: run it on a few cases, compare with a reference, name the first difference.

A :class:`CodeExercise` holds a reference implementation and a few :class:`Case` s. A case
is any small function of the code under test (call it, build objects with it, run their
``backward``); what it returns for the learner's code is compared with what it returns for
the reference. The first case that differs is reported with its inputs, the expected and the
obtained value, and a hint: a declared :class:`Mistake` (a wrong implementation) that the
learner's results match on every case (the same values, or the same error), or a generic one that
says only what the numbers show (flipped sign, factor 2, transposed, a row missing, ``None``, ``nan``).
An error inside the learner's code becomes one message naming their own line.
"""
from __future__ import annotations

import copy
import inspect
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

import numpy as np

from .compare import Compare, Difference, show, show_pair
from .feedback import Feedback, Mistake
from .reading import describe, sentence
from .running import Outcome, error_text, is_stub, run_case

__all__ = ["Case", "call", "CodeExercise"]


@dataclass(frozen=True)
class Case:
    """One test of the learner's code: ``run(code)`` is compared with ``run(reference)``.

    ``label`` says what the case does (shown when it fails). ``numeric`` optionally computes
    the expected result independently of the reference (e.g. by central differences).
    Build calls with :func:`call` instead of writing ``run`` yourself.
    """

    label: str
    run: Callable[[Any], Any] | None = None
    args: tuple = ()
    kwargs: dict = field(default_factory=dict)
    numeric: Callable[[], Any] | None = None

    def apply(self, code: Any) -> Any:
        """Run this case on ``code`` (fresh copies of the arguments, so no run can change another's)."""
        if self.run is not None:
            return self.run(code)
        return code(*copy.deepcopy(self.args), **copy.deepcopy(self.kwargs))

    def describe(self, code: Any) -> str:
        """The label, or for a call ``name(param=value, ...)`` with the parameter names of ``code``."""
        if self.run is not None:
            return self.label
        try:
            bound = inspect.signature(code).bind(*self.args, **self.kwargs).arguments
            parts = [f"{k}={show(v)}" for k, v in bound.items()]
        except (TypeError, ValueError):
            parts = [show(v) for v in self.args] + [f"{k}={show(v)}" for k, v in self.kwargs.items()]
        return f"{getattr(code, '__name__', 'f')}({', '.join(parts)})"


_SHORT = 160  # characters of an expected or obtained value in a message


def _short(text: str) -> str:
    """A value's text cut to one short line."""
    return text if len(text) <= _SHORT else text[: _SHORT - 1] + "…"


def _shapes(case: Case, *functions: Any) -> str:
    """'X (1, 2), w (2,)': the shapes of a call's array arguments (what an error about shapes is about), named
    as the first of ``functions`` (the learner's, then the reference) names its parameters."""
    if case.run is not None:
        return ""
    named = [(f"argument {i + 1}", a) for i, a in enumerate(case.args)] + list(case.kwargs.items())
    for function in functions:
        try:
            named = list(inspect.signature(function).bind(*case.args, **case.kwargs).arguments.items())
            break
        except (TypeError, ValueError):
            continue
    return ", ".join(f"{name} {np.shape(a)}" for name, a in named if isinstance(a, np.ndarray))


def _sample_counts(case: Case) -> frozenset:
    """The numbers of rows of a call's array arguments: the case's numbers of samples."""
    values = [*case.args, *case.kwargs.values()] if case.run is None else []
    return frozenset(len(a) for a in values if isinstance(a, np.ndarray) and a.ndim >= 1)


def call(*args: Any, numeric: Callable[[], Any] | None = None, **kwargs: Any) -> Case:
    """A case that calls the learner's function with these arguments."""
    return Case("", None, args, kwargs, numeric)


@dataclass
class CodeExercise:
    """An exercise whose answer is code: a function (``kind="function"``) or a class (``kind="class"``).

    ``reference`` is the right implementation; ``cases`` run code and give what to compare;
    ``mistakes`` are wrong implementations with the hint that names each; ``returns`` names the
    values a function returns (e.g. ``("dw", "db")``) for the messages.
    """

    title: str
    reference: Any
    cases: Sequence[Case]
    hint: str
    explanation: str = ""
    mistakes: Sequence[Mistake] = ()
    kind: str = "function"
    returns: Sequence[str] = ()
    rtol: float = 1e-6
    atol: float = 1e-9
    time_limit: float = 10.0
    _expected: list | None = field(default=None, init=False, repr=False)
    _wrong: dict = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self):
        if self.kind not in ("function", "class"):
            raise ValueError(f"kind must be 'function' or 'class', got {self.kind!r}")
        if not self.cases:
            raise ValueError("a CodeExercise needs at least one case")
        self.cases, self.mistakes = tuple(self.cases), tuple(self.mistakes)
        self._compare = Compare(self.rtol, self.atol, self.returns)

    # -- results of the reference and of the mistakes, computed once
    def expected(self) -> list[Any]:
        """What the reference gives on every case."""
        if self._expected is None:
            self._expected = [case.apply(self.reference) for case in self.cases]
        return self._expected

    def _mistake_results(self, i: int) -> list[Outcome]:
        if i not in self._wrong:
            self._wrong[i] = [run_case(case, self.mistakes[i].wrong, self.time_limit) for case in self.cases]
        return self._wrong[i]

    # -- checking
    def check(self, answer: Any) -> Feedback:
        """Run the learner's code on every case and say what the first difference is."""
        problem = self._wrong_kind(answer)
        if problem is not None:
            return problem
        expected = self.expected()
        outcomes: list[Outcome] = []
        for n, (case, want) in enumerate(zip(self.cases, expected), start=1):
            outcome = run_case(case, answer, self.time_limit)
            outcomes.append(outcome)
            head = f"{self.title}: not quite. Case {n} of {len(self.cases)}, {case.describe(answer)}"
            if outcome.timed_out:
                return Feedback("wrong", f"{head}:\n  your code was still running after {self.time_limit:g} s. "
                                         "An endless loop (a while whose condition never changes)?")
            if outcome.error is not None:
                lines = [f"{head}:", "  your code raised an error."]
                declared = self._declared_mistake(answer, outcomes, n)
                if declared:
                    lines.append(f"Hint: {sentence(declared)}")
                lines.append(error_text(outcome.error, case))
                shapes = _shapes(case, answer, self.reference)
                if shapes:
                    lines.append(f"  (the arguments' shapes: {shapes})")
                return Feedback("wrong", "\n".join(lines))
            self._compare.samples = _sample_counts(case)
            try:
                diff = self._compare(outcome.value, want)
            except Exception:  # a learner's object that breaks comparing (an __eq__ that raises): say so
                diff = Difference("", outcome.value, want, f"Your result ({describe(outcome.value)}) cannot be "
                                                           "compared with the expected one.")
            if diff is not None:
                return self._report(head, case, diff, answer, outcomes, n)
        extra = f" {sentence(self.explanation)}" if self.explanation else ""
        numeric = " and with central differences" if any(c.numeric for c in self.cases) else ""
        return Feedback("correct", f"{self.title}: correct! All {len(self.cases)} cases agree with the "
                                   f"reference{numeric}.{extra}")

    def _report(self, head: str, case: Case, diff: Difference, answer: Any, outcomes: list[Outcome],
                n: int) -> Feedback:
        """The first difference: the hint first, then expected and got, short (shapes when they differ)."""
        got, want = show_pair(diff.got, diff.want)
        got, want = _short(got), _short(want)
        part = f"{diff.where} " if diff.where else ""
        hint = self._declared_mistake(answer, outcomes, n) or diff.hint or self.hint
        lines = [f"{head}:", f"Hint: {sentence(hint)}", f"  expected {part}{want}", f"  got      {part}{got}"]
        if case.numeric is not None:
            numeric = case.numeric()
            if diff.where in self.returns and isinstance(numeric, (tuple, list)):
                numeric = numeric[self.returns.index(diff.where)]
            lines[2] += f"   (central differences: {_short(show(numeric))})"
        return Feedback("wrong", "\n".join(lines))

    def _declared_mistake(self, answer: Any, outcomes: list[Outcome], n: int) -> str | None:
        """The hint of the declared mistake whose results the learner's match on every case (a value to the
        tolerance, or the same error with the same message), else None: a mistake is named only when it fits."""
        for i, mistake in enumerate(self.mistakes):
            theirs = self._mistake_results(i)
            if theirs[n - 1].timed_out:
                continue
            if all(self._same(self._outcome(answer, k, outcomes), theirs[k]) for k in range(len(self.cases))):
                return mistake.hint
        return None

    def _outcome(self, answer: Any, k: int, outcomes: list[Outcome]) -> Outcome:
        while len(outcomes) <= k:
            outcomes.append(run_case(self.cases[len(outcomes)], answer, self.time_limit))
        return outcomes[k]

    def _same(self, a: Outcome, b: Outcome) -> bool:
        if a.error is not None or b.error is not None or a.timed_out or b.timed_out:
            return (type(a.error) is type(b.error) and str(a.error) == str(b.error)
                    and a.timed_out == b.timed_out)
        return self._compare(a.value, b.value) is None

    def _wrong_kind(self, answer: Any) -> Feedback | None:
        """A message when the answer is not the function/class asked for (or still has ... in it)."""
        thing = "function" if self.kind == "function" else "class"
        example = getattr(self.reference, "__name__", thing)
        if answer is ...:
            return Feedback("unanswered", f"{self.title}: write your {thing} in place of the ..., run that cell, "
                                          f"then pass it here: check({example}).")
        is_class = isinstance(answer, type)
        if self.kind == "class" and not is_class:
            what = (f"an object made with the class {type(answer).__name__}" if not callable(answer)
                    and hasattr(answer, "__dict__") else describe(answer))
            return Feedback("wrong kind", f"{self.title}: expected the class itself, as in check({example}); "
                                          f"got {what}.")
        if self.kind == "function" and (is_class or not callable(answer)):
            return Feedback("wrong kind", f"{self.title}: expected your function itself, as in check({example}) "
                                          f"(no brackets: pass it, do not call it); got {describe(answer)}.")
        if is_stub(answer):
            return Feedback("unanswered", f"{self.title}: replace every ... in {getattr(answer, '__name__', thing)} "
                                          "with your code and run the cell again.")
        calls = [case for case in self.cases if case.run is None]
        if calls and self.kind == "function":
            try:
                inspect.signature(answer).bind(*calls[0].args, **calls[0].kwargs)
            except TypeError:
                n = len(calls[0].args) + len(calls[0].kwargs)
                return Feedback("wrong kind", f"{self.title}: {describe(answer)} takes the parameters "
                                              f"{inspect.signature(answer)}, but it is called with {n} "
                                              f"arguments, like {calls[0].describe(self.reference)}.")
            except ValueError:
                pass  # no signature to read (a builtin): just call it
        return None

    # -- checking the exercise itself (for the tests)
    def verify(self) -> list[str]:
        """Problems with this exercise: the reference fails, a numeric check disagrees, a mistake goes unnamed."""
        problems = []
        loose = Compare(1e-5, 1e-7)  # central differences agree with exact gradients to about 1e-9
        for case, want in zip(self.cases, self.expected()):
            if case.numeric is not None and loose(case.numeric(), want) is not None:
                problems.append(f"{case.describe(self.reference)}: reference {show(want)} but central "
                                f"differences {show(case.numeric())}")
        if not self.check(self.reference).correct:
            problems.append(f"the reference fails its own check: {self.check(self.reference).message}")
        for mistake in self.mistakes:
            feedback = self.check(mistake.wrong)
            if feedback.correct:
                problems.append(f"mistake {mistake.hint!r} passes every case: add a case that tells it apart")
            elif sentence(mistake.hint) not in feedback.message:
                problems.append(f"mistake {mistake.hint!r} is not named; the checker says: {feedback.message}")
        return problems
