"""Checking code the learner wrote: run it on a few cases, compare with a reference, name the first difference.

A :class:`CodeExercise` holds a reference implementation and a few :class:`Case` s. A case
is any small function of the code under test (call it, build objects with it, run their
``backward``); what it returns for the learner's code is compared with what it returns for
the reference. The first case that differs is reported with its inputs, the expected and the
obtained value, and a hint: a declared :class:`Mistake` (a wrong implementation) that the
learner's results match on every case, or a generic one read off the numbers (flipped sign,
factor 2, a sum instead of a mean, transposed, a row or column missing, ``None``, ``nan``).
An error inside the learner's code becomes one message naming their own line.
"""
from __future__ import annotations

import ast
import contextlib
import copy
import inspect
import math
import numbers
import os
import re
import signal
import sysconfig
import textwrap
import threading
import traceback
import warnings
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

import numpy as np

from . import slips
from .feedback import Feedback, Mistake
from .reading import describe, sentence

__all__ = ["Case", "call", "CodeExercise"]

_HELPERS_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_LIBRARY_DIRS = tuple({os.path.abspath(sysconfig.get_paths()[k]) for k in ("stdlib", "platstdlib", "purelib", "platlib")})
_MAX_DEPTH = 8  # nesting of tuples/lists/dicts a result may have


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
            parts = [f"{k}={_show(v)}" for k, v in bound.items()]
        except (TypeError, ValueError):
            parts = [_show(v) for v in self.args] + [f"{k}={_show(v)}" for k, v in self.kwargs.items()]
        return f"{getattr(code, '__name__', 'f')}({', '.join(parts)})"


def call(*args: Any, numeric: Callable[[], Any] | None = None, **kwargs: Any) -> Case:
    """A case that calls the learner's function with these arguments."""
    return Case("", None, args, kwargs, numeric)


# -- showing values
def _show(value: Any, digits: int = 4, depth: int = 0) -> str:
    """A short one-line text for a value: 4 significant digits, arrays on one line."""
    if depth > _MAX_DEPTH:
        return "…"
    if isinstance(value, (bool, np.bool_)) or value is None:
        return repr(value)
    if isinstance(value, (numbers.Real, np.floating, np.integer)) and not isinstance(value, numbers.Integral):
        return f"{float(value):.{digits}g}"
    if isinstance(value, numbers.Integral):
        return describe(value).split(" ", 1)[-1] if abs(int(value)) > 10**18 else str(int(value))
    if isinstance(value, np.ndarray) and value.dtype.kind in "biuf":
        if value.size <= 24 and value.ndim >= 1:
            return _show(value.tolist(), digits)
        text = np.array2string(value, precision=digits, separator=", ", threshold=24, max_line_width=10**6)
        return " ".join(text.split()).replace("[ ", "[")
    if isinstance(value, (list, tuple)) and len(value) <= 24:
        inner = ", ".join(_show(v, digits, depth + 1) for v in value)
        return f"[{inner}]" if isinstance(value, list) else f"({inner}{',' if len(value) == 1 else ''})"
    return describe(value, width=60)


def _show_pair(got: Any, want: Any) -> tuple[str, str]:
    """Texts for got and expected with enough digits to see that they differ."""
    for digits in (4, 8, 12, 17):
        a, b = _show(got, digits), _show(want, digits)
        if a != b:
            break
    return a, b


# -- comparing results
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


def _ratio_hint(got: np.ndarray, want: np.ndarray, close: Callable) -> str:
    """A generic hint when got is a simple multiple (or the transpose) of want."""
    if np.any(want != 0):
        if close(got, -want):
            return "The sign is flipped."
        if close(got, 2 * want):
            return "Every value is twice the right one: a factor 2 too many."
        if close(got, want / 2):
            return "Every value is half the right one: a factor 2 missing (or a ½ too many)."
        nonzero = np.abs(want) > 1e-12
        ratio = float(np.median(got[nonzero] / want[nonzero]))
        if not math.isfinite(ratio):
            return ""
        if abs(ratio) >= 1:
            k = round(ratio)
            if 3 <= k <= 10**6 and close(got, k * want):
                return f"Every value is {k} times the right one: a sum over {k} samples where a mean was meant?"
        elif ratio != 0:
            k = round(1 / ratio)
            if 3 <= k <= 10**6 and close(got, want / k):
                return f"Every value is 1/{k} of the right one: divided by {k} once too often?"
    if want.ndim == 2 and want.shape[0] == want.shape[1] and close(got, want.T):
        return "Your result is the transpose of the right one: a .T too many or too few?"
    return ""


def _shape_hint(got: np.ndarray, want: np.ndarray) -> str:
    g, w = got.shape, want.shape
    if len(g) == 2 and g == w[::-1]:
        return "Transposed: a .T too many or too few (or the factors of @ the other way round)?"
    if got.size == want.size:
        column = " a column (n, 1) where a flat (n,) was meant?" if len(g) == 2 and g[1] == 1 else ""
        return f"The same number of values in another layout:{column} Reshape it, e.g. with .ravel()."
    if len(w) == 1 and g == (w[0], w[0]):
        return "An n×n table instead of n values: a column (n, 1) combined with a flat (n,) broadcasts to a table."
    if len(g) == len(w) and sum(a != b for a, b in zip(g, w)) == 1:
        (axis,) = [i for i, (a, b) in enumerate(zip(g, w)) if a != b]
        name = {0: "row", 1: "column"}.get(axis, "entry") if len(w) > 1 else "entry"
        more = "too many" if g[axis] > w[axis] else "missing"
        if abs(g[axis] - w[axis]) == 1:
            return f"One {name} {more}: the bias (the input that is always 1) forgotten, or added twice?"
    return ""


class _Compare:
    """Compares a result with the expected one to a tolerance; returns the first Difference or None."""

    def __init__(self, rtol: float, atol: float, names: Sequence[str] = ()):
        self.rtol, self.atol, self.names = rtol, atol, tuple(names)

    def close(self, a: np.ndarray, b: np.ndarray) -> bool:
        return a.shape == b.shape and bool(np.allclose(a, b, rtol=self.rtol, atol=self.atol))

    def __call__(self, got: Any, want: Any, where: str = "", depth: int = 0) -> Difference | None:
        if want is None:
            return None if got is None else Difference(where, got, want, "Expected nothing back (None).")
        if got is None:
            return Difference(where, got, want, "Your code gave None: did a function forget `return`?")
        if got is ...:
            return Difference(where, got, want, "Replace the ... with your code.")
        if isinstance(want, (bool, np.bool_, str)):
            return None if type(got) is type(want) and got == want else Difference(where, got, want)
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
            hint = _shape_hint(g, w) if w.ndim else "Expected one number, got several."
            return Difference(where, got, want, f"Shape {g.shape} where {w.shape} was expected. {hint}".strip())
        if self.close(g, w):
            return None
        if np.any(np.isnan(g)) and not np.any(np.isnan(w)):
            return Difference(where, got, want, "nan ('not a number') came out: look for 0/0, log(0) or an "
                                                "overflow such as exp of a large number.")
        return Difference(where, got, want, _ratio_hint(g, w, self.close))

    def _sequence(self, got: Any, want: Sequence, where: str, depth: int) -> Difference | None:
        if not isinstance(got, (tuple, list)) or depth >= _MAX_DEPTH:
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
        if not isinstance(got, dict) or depth >= _MAX_DEPTH:
            return Difference(where, got, want, f"Expected a dict, got {describe(got)}.")
        if set(got) != set(want):
            return Difference(where, sorted(map(str, got)), sorted(map(str, want)), "Different keys.")
        for key in want:
            diff = self(got[key], want[key], f"{where}[{key!r}]", depth + 1)
            if diff is not None:
                return diff
        return None


# -- running the learner's code
class _TimeUp(BaseException):
    """Raised inside learner code that runs past the time limit (BaseException: `except Exception` cannot eat it)."""


@contextlib.contextmanager
def _time_limit(seconds: float):
    """Interrupt the block after ``seconds`` where the platform allows it (Unix, main thread); else no limit."""
    if not seconds or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise _TimeUp()

    previous = signal.signal(signal.SIGALRM, stop)
    old_delay, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if old_delay:
            signal.setitimer(signal.ITIMER_REAL, max(old_delay - seconds, 1e-3))


@dataclass
class _Outcome:
    value: Any = None
    error: BaseException | None = None
    timed_out: bool = False


def _run(case: Case, code: Any, seconds: float) -> _Outcome:
    """Run one case on ``code``: its value, or the exception it raised, quietly (no numpy warnings)."""
    try:
        with _time_limit(seconds), np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return _Outcome(value=case.apply(code))
    except _TimeUp:
        return _Outcome(timed_out=True)
    except Exception as error:  # the learner's error, reported as a message; KeyboardInterrupt still stops
        return _Outcome(error=error)


def _is_learner_file(filename: str) -> bool:
    if filename.startswith("<") and not filename.startswith("<ipython-input"):
        return False
    path = os.path.abspath(filename)
    return not (path.startswith(_HELPERS_DIR + os.sep) or path.startswith(_LIBRARY_DIRS))


def _where(filename: str, lineno: int) -> str:
    """'Cell In[7], line 3' for a notebook cell, else 'file.py, line 3'."""
    try:
        from IPython import get_ipython
        shell = get_ipython()
        name = shell.compile.format_code_name(filename) if shell is not None else None
        if name:
            return f"{name[0]} {name[1]}, line {lineno}"
    except Exception:
        pass
    return f"{os.path.basename(filename)}, line {lineno}"


def _codes(function: Any) -> set:
    """The code objects of a function and of the functions defined inside it."""
    found, todo = set(), [getattr(function, "__code__", None)]
    while todo:
        code = todo.pop()
        if code is not None and code not in found:
            found.add(code)
            todo.extend(c for c in code.co_consts if inspect.iscode(c))
    return found


def _error_text(error: BaseException, case: Case) -> str:
    """Where the learner's own code raised ``error`` (their line) and the error, in two short lines.

    The learner's frames are those outside helpers and the libraries, and outside the case's own code.
    """
    checker = _codes(case.run)
    frames = [traceback.FrameSummary(f.f_code.co_filename, line, f.f_code.co_name)
              for f, line in traceback.walk_tb(error.__traceback__)
              if _is_learner_file(f.f_code.co_filename) and f.f_code not in checker]
    name = type(error).__name__
    message = " ".join(str(error).split())[:300]
    line = frames[-1].line if frames else None
    lines = []
    if frames:
        lines.append(f"  {_where(frames[-1].filename, frames[-1].lineno)}:  {line}")
    lines.append(f"  {name}: {message}" if message else f"  {name}")
    extra = slips.explain(error, line)
    if extra is None and "'NoneType' object has no attribute" in message:
        extra = "Something gave None: did a function or method forget `return`?"
    if extra is None and "matmul" in message and "mismatch" in message:
        extra = "The shapes do not fit for @: print the .shape of both sides (a (n, k) @ (k, m) needs the same k)."
        sizes = [int(n) for n in re.findall(r"size (\d+) is different from (\d+)", message)[0]] \
            if "is different from" in message else []
        if len(sizes) == 2 and abs(sizes[0] - sizes[1]) == 1:
            extra += " One off: a forgotten (or extra) bias column of ones?"
    if extra:
        lines.append(f"  {sentence(extra)}")
    return "\n".join(lines)


def _stub(code: Any) -> bool:
    """True if the learner's function or class still contains a ``...`` to fill in."""
    if isinstance(code, type):  # a class defined in a notebook has no source file: look at its methods
        return any(_stub(f) for f in vars(code).values() if inspect.isfunction(f))
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(code)))
    except (OSError, TypeError, SyntaxError, IndentationError):
        return False
    in_index = {id(n) for s in ast.walk(tree) if isinstance(s, ast.Subscript) for n in ast.walk(s.slice)}
    return any(isinstance(n, ast.Constant) and n.value is ... and id(n) not in in_index for n in ast.walk(tree))


# -- the exercise
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
        self._compare = _Compare(self.rtol, self.atol, self.returns)

    # -- results of the reference and of the mistakes, computed once
    def expected(self) -> list[Any]:
        """What the reference gives on every case."""
        if self._expected is None:
            self._expected = [case.apply(self.reference) for case in self.cases]
        return self._expected

    def _mistake_results(self, i: int) -> list[_Outcome]:
        if i not in self._wrong:
            self._wrong[i] = [_run(case, self.mistakes[i].wrong, self.time_limit) for case in self.cases]
        return self._wrong[i]

    # -- checking
    def check(self, answer: Any) -> Feedback:
        """Run the learner's code on every case and say what the first difference is."""
        problem = self._wrong_kind(answer)
        if problem is not None:
            return problem
        expected = self.expected()
        outcomes: list[_Outcome] = []
        for n, (case, want) in enumerate(zip(self.cases, expected), start=1):
            outcome = _run(case, answer, self.time_limit)
            outcomes.append(outcome)
            head = f"{self.title}: not quite. Case {n} of {len(self.cases)}, {case.describe(answer)}"
            if outcome.timed_out:
                return Feedback("wrong", f"{head}:\n  your code was still running after {self.time_limit:g} s. "
                                         "An endless loop (a while whose condition never changes)?")
            if outcome.error is not None:
                return Feedback("wrong", f"{head}:\n  your code raised an error.\n{_error_text(outcome.error, case)}")
            diff = self._compare(outcome.value, want)
            if diff is not None:
                return self._report(head, case, diff, answer, outcomes, n)
        extra = f" {sentence(self.explanation)}" if self.explanation else ""
        numeric = " and with central differences" if any(c.numeric for c in self.cases) else ""
        return Feedback("correct", f"{self.title}: correct! All {len(self.cases)} cases agree with the "
                                   f"reference{numeric}.{extra}")

    def _report(self, head: str, case: Case, diff: Difference, answer: Any, outcomes: list[_Outcome],
                n: int) -> Feedback:
        got, want = _show_pair(diff.got, diff.want)
        part = f"{diff.where} " if diff.where else ""
        lines = [f"{head}:", f"  expected {part}{want}", f"  got      {part}{got}"]
        if case.numeric is not None:
            numeric = case.numeric()
            if diff.where in self.returns and isinstance(numeric, (tuple, list)):
                numeric = numeric[self.returns.index(diff.where)]
            lines[1] += f"   (central differences: {_show(numeric)})"
        hint = self._declared_mistake(answer, outcomes, n) or diff.hint or self.hint
        lines.append(f"Hint: {sentence(hint)}")
        return Feedback("wrong", "\n".join(lines))

    def _declared_mistake(self, answer: Any, outcomes: list[_Outcome], n: int) -> str | None:
        """The hint of the declared mistake whose results the learner's match on every case."""
        for i, mistake in enumerate(self.mistakes):
            theirs = self._mistake_results(i)
            if theirs[n - 1].error is not None or theirs[n - 1].timed_out:
                continue
            if all(self._same(self._outcome(answer, k, outcomes), theirs[k]) for k in range(len(self.cases))):
                return mistake.hint
        return None

    def _outcome(self, answer: Any, k: int, outcomes: list[_Outcome]) -> _Outcome:
        while len(outcomes) <= k:
            outcomes.append(_run(self.cases[len(outcomes)], answer, self.time_limit))
        return outcomes[k]

    def _same(self, a: _Outcome, b: _Outcome) -> bool:
        if a.error is not None or b.error is not None or a.timed_out or b.timed_out:
            return type(a.error) is type(b.error) and a.timed_out == b.timed_out
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
        if _stub(answer):
            return Feedback("unanswered", f"{self.title}: replace every ... in {getattr(answer, '__name__', thing)} "
                                          "with your code and run the cell again.")
        for case in self.cases:
            if case.run is None and self.kind == "function":
                try:
                    inspect.signature(answer).bind(*case.args, **case.kwargs)
                except TypeError:
                    n = len(case.args) + len(case.kwargs)
                    return Feedback("wrong kind", f"{self.title}: {describe(answer)} takes the parameters "
                                                  f"{inspect.signature(answer)}, but it is called with {n} "
                                                  f"arguments, like {case.describe(self.reference)}.")
                except ValueError:
                    pass  # no signature to read (a builtin): just call it
                break
        return None

    # -- checking the exercise itself (for the tests)
    def verify(self) -> list[str]:
        """Problems with this exercise: the reference fails, a numeric check disagrees, a mistake goes unnamed."""
        problems = []
        loose = _Compare(1e-5, 1e-7)  # central differences agree with exact gradients to about 1e-9
        for case, want in zip(self.cases, self.expected()):
            if case.numeric is not None and loose(case.numeric(), want) is not None:
                problems.append(f"{case.describe(self.reference)}: reference {_show(want)} but central "
                                f"differences {_show(case.numeric())}")
        if not self.check(self.reference).correct:
            problems.append(f"the reference fails its own check: {self.check(self.reference).message}")
        for mistake in self.mistakes:
            feedback = self.check(mistake.wrong)
            if feedback.correct:
                problems.append(f"mistake {mistake.hint!r} passes every case: add a case that tells it apart")
            elif sentence(mistake.hint) not in feedback.message:
                problems.append(f"mistake {mistake.hint!r} is not named; the checker says: {feedback.message}")
        return problems
