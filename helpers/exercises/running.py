"""Running the learner's code safely: quiet numpy, a time limit, and their own line when it raises.

:func:`run_case` runs a case on the learner's code and returns an :class:`Outcome` (a value, an
error, or "timed out"); :func:`error_text` turns an error into two or three short lines: the
learner's own line (never a frame inside helpers or a library), the error, and a hint for a
known slip. :func:`is_stub` tells whether a function or class still holds a ``...`` to fill in.
"""
from __future__ import annotations

import ast
import contextlib
import inspect
import os
import re
import signal
import sysconfig
import textwrap
import threading
import time
import traceback
import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np

from . import slips
from .reading import sentence

__all__ = ["Outcome", "run_case", "error_text", "is_stub"]

_HELPERS_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_LIBRARY_DIRS = tuple({os.path.abspath(sysconfig.get_paths()[k])
                       for k in ("stdlib", "platstdlib", "purelib", "platlib")})


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
    start = time.monotonic()
    old_delay, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if old_delay:
            signal.setitimer(signal.ITIMER_REAL, max(old_delay - (time.monotonic() - start), 1e-3))  # its time left


@dataclass
class Outcome:
    value: Any = None
    error: BaseException | None = None
    timed_out: bool = False


def run_case(case: Any, code: Any, seconds: float) -> Outcome:
    """Run one case on ``code``: its value, or the exception it raised, quietly (no numpy warnings)."""
    try:
        with _time_limit(seconds), np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return Outcome(value=case.apply(code))
    except _TimeUp:
        return Outcome(timed_out=True)
    except Exception as error:  # the learner's error, reported as a message; KeyboardInterrupt still stops
        return Outcome(error=error)


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


def _hint_for(error: BaseException, message: str, line: str | None) -> str | None:
    """A sentence for errors learners often meet: a typing slip, a missing return, shapes that do not fit."""
    hint = slips.explain(error, line)
    if hint is None and re.search(r"for (/|\*\* or pow\(\)): .*'Value'", message):
        hint = ("A Value knows only the operations its class defines: divide by multiplying with the "
                "reciprocal, total * (1 / 4), and square by multiplying, e * e.")
    if hint is None and "'NoneType' object has no attribute" in message:
        hint = "Something gave None: did a function or method forget `return`?"
    if hint is None and "matmul" in message and "mismatch" in message:
        sizes = re.search(r"size (\d+) is different from (\d+)", message)
        met = (f": here the left side ends in size {sizes[2]} and the right side starts with size {sizes[1]}"
               if sizes else "")
        hint = (f"The shapes do not fit for @{met}. A (n, k) @ (k, m) needs the same k on both sides: "
                "print the .shape of both sides.")
    if hint is None and "could not be broadcast together" in message:
        hint = ("These shapes do not combine value by value (numpy matches shapes from the right, and a size "
                "must be equal or 1): print the .shape of both sides.")
    if hint is None and re.search(r"float\(\) argument must be .*not '\w*Value'", message):
        hint = ("float() was given a Value: a new Value(…) needs a plain number, computed from the inputs' "
                "numbers (a.data, b.data), not a Value made by + or * of the nodes.")
    if hint is None and re.search(r"(bad operand type for unary -|must be real number, not|"
                                  r"not supported between instances of).*'?\w*Value'?", message):
        math_call = " math functions such as math.exp take plain numbers, and" if line and "math." in line else ""
        hint = (f"A Value where a plain number belongs:{math_call} a Value knows only the operations its class "
                "defines. Use its number, a.data.")
    return hint


def error_text(error: BaseException, case: Any) -> str:
    """The learner's own line that raised ``error``, the error, and a hint if we know one: short lines.

    The learner's frames are those outside helpers and the libraries, and outside the case's own code.
    """
    checker = _codes(case.run)
    frames = [traceback.FrameSummary(f.f_code.co_filename, line, f.f_code.co_name)
              for f, line in traceback.walk_tb(error.__traceback__)
              if _is_learner_file(f.f_code.co_filename) and f.f_code not in checker]
    message = " ".join(str(error).split())[:300]
    lines = [f"  {_where(frames[-1].filename, frames[-1].lineno)}:  {frames[-1].line}"] if frames else []
    lines.append(f"  {type(error).__name__}: {message}".rstrip(": "))
    hint = _hint_for(error, message, frames[-1].line if frames else None)
    if hint:
        lines.append(f"  {sentence(hint)}")
    return "\n".join(lines)


def is_stub(code: Any) -> bool:
    """True if the learner's function or class still contains a ``...`` to fill in."""
    if isinstance(code, type):  # a class defined in a notebook has no source file: look at its methods
        return any(is_stub(f) for f in vars(code).values() if inspect.isfunction(f))
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(code)))
    except (OSError, TypeError, SyntaxError, IndentationError):
        return False
    in_index = {id(n) for s in ast.walk(tree) if isinstance(s, ast.Subscript) for n in ast.walk(s.slice)}
    return any(isinstance(n, ast.Constant) and n.value is ... and id(n) not in in_index for n in ast.walk(tree))
