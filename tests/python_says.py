"""What the running Python (or a library) says when something fails, for tests to compare with.

A test never copies an error text that Python or a library writes: those change between
versions (Python 3.14 says "division by zero" where 3.11-3.13 said "float division by
zero"). It runs the same failing code here and compares with what this interpreter says;
what is ours (the layout around it, our own hints) is pinned as usual.
"""
from __future__ import annotations

import warnings


def raised(code: str) -> BaseException:
    """The exception that running ``code`` raises (compile errors included)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", SyntaxWarning)  # "perhaps you missed a comma?" for 2(...)
            exec(compile(code, "<cell>", "exec"), {})
    except BaseException as error:  # noqa: BLE001  the point is to catch anything
        return error
    raise AssertionError(f"{code!r} did not raise")


def error_line(code: str) -> str:
    """``Type: message`` for what ``code`` raises here, as the checkers print an error (the
    message's white space collapsed to single spaces, helpers/exercises/running.py)."""
    error = raised(code)
    return f"{type(error).__name__}: {' '.join(str(error).split())}"
