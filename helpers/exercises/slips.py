"""Typing slips that stop a cell before the checker runs, explained in one line.

``0.7^2`` raises ``TypeError`` (``^`` is not a power in Python), ``0.7²`` or a copied ``−``
is a ``SyntaxError``, ``2(a − t)`` calls the number 2, ``(1,2 - 0,5) ** 2`` computes with
tuples, ``answer = diverges`` names no variable. :func:`explain` turns exactly these into a
short sentence with the fix; :func:`install` (called when ``helpers.exercises`` is imported
in IPython) shows that sentence instead of the traceback when such an error is raised by a
cell's own line. Every other exception keeps IPython's normal traceback.
"""
from __future__ import annotations

import linecache
import re
from typing import Any, Iterable

from .reading import normal_text

__all__ = ["explain", "install", "remember_options"]

# characters that arrive by copying formulas from the text, and what Python writes instead
_UNICODE = {"−": "-", "–": "-", "×": "*", "·": "*", "⋅": "*", "∙": "*", "÷": "/", "²": "**2", "³": "**3",
            "“": '"', "”": '"', "‘": "'", "’": "'", "√": "math.sqrt"}
_MATH_NAMES = {"exp": "math.exp(x) or np.exp(x)", "log": "math.log(x) or np.log(x)",
               "ln": "math.log(x) (the natural logarithm)", "sqrt": "math.sqrt(x) or x ** 0.5",
               "tanh": "math.tanh(x) or np.tanh(x)", "sin": "math.sin(x)", "cos": "math.cos(x)",
               "pi": "math.pi", "π": "math.pi", "e": "math.e (and e to the x is math.exp(x))"}
_NUMBERS = {"int", "float", "complex", "bool", "Fraction", "Decimal"}  # operand types of a power typed as ^
_options: set[str] = set()  # option texts of the choice exercises made in this kernel, normalised


def remember_options(options: Iterable[str]) -> None:
    """Remember choice texts, so that an unquoted option (``answer = diverges``) gets a hint."""
    _options.update(normal_text(o) for o in options)


def _power_fix(line: str) -> str:
    return re.sub(r"\s*\^\s*", " ** ", line.strip())


def _unquoted_option(code: str) -> str | None:
    """'answer = diverges' -> 'answer = "diverges"' when the text after = is one of the options."""
    name, _, text = code.partition("=")
    if text and not text.startswith("=") and normal_text(text) in _options:
        return f'{name.strip()} = "{text.strip()}"'
    return None


def _type_error(message: str, line: str, code: str) -> str | None:
    operands = re.findall(r"'([\w.]+)'", message.split("for ^", 1)[-1]) if "for ^" in message else []
    if "bitwise_xor" in message or (operands and all(o in _NUMBERS or o.startswith("numpy.") for o in operands)):
        fix = f": {_power_fix(line)}" if "^" in line else ", e.g. 0.7 ** 2 for 0.7²"
        return f"^ is not a power in Python (it is bitwise 'xor'). Write ** instead{fix}"
    comma = re.search(r"\d+,\d+", code)
    if comma and ("'tuple'" in message or ("can't multiply sequence" in message and "[" not in code)):
        number = comma.group()
        return (f"a comma inside a number makes a tuple in Python: write {number.replace(',', '.')} "
                f"instead of {number}. Use a dot for decimals.")
    if re.search(r"'(int|float)' object is not callable", message) and re.search(r"(\d|\))\s*\(", code):
        fixed = re.sub(r"(\d|\))\s*\(", r"\1 * (", code)
        return f"Python needs * to multiply: {fixed}"
    return None


def _syntax_error(message: str, code: str) -> str | None:
    bad = re.search(r"invalid character '(.)'", message)
    if bad and bad.group(1) in _UNICODE:
        fixed = code
        for char, plain in _UNICODE.items():
            fixed = fixed.replace(char, plain)
        return (f"'{bad.group(1)}' is a typeset symbol (copied from the text?); Python writes "
                f"{_UNICODE[bad.group(1)]}: {fixed}")
    if "leading zeros" in message and re.search(r"\d,0\d", code):
        return "use a dot for decimals: 0.05, not 0,05 (a comma separates two numbers in Python)."
    if "invalid decimal literal" in message and re.search(r"\d[A-Za-z_]", code):
        return "Python needs * between a number and a name: write 2 * w, not 2w."
    quoted = _unquoted_option(code) if _options else None
    return f"text answers go in quotes: {quoted}" if quoted else None


def _name_error(error: NameError, message: str) -> str | None:
    name = getattr(error, "name", None) or (re.findall(r"'([^']+)'", message) or [""])[0]
    if _options and normal_text(name) in _options:
        return f'text answers go in quotes: "{name}", not {name}.'
    if name in _MATH_NAMES:
        return f"Python has no {name} of its own: write {_MATH_NAMES[name]}, after import math or import numpy as np."
    return None


def explain(error: BaseException, line: str | None = None) -> str | None:
    """One sentence explaining a typing slip with its fix, or None when ``error`` is not one we know.

    ``line`` is the source line that raised (it makes the advice precise and avoids guessing).
    """
    message = str(error)
    line = (line or getattr(error, "text", None) or "").rstrip("\n")
    if isinstance(error, TypeError):
        return _type_error(message, line, line.strip())
    if isinstance(error, SyntaxError):
        return _syntax_error(message, line.strip())
    if isinstance(error, NameError):
        return _name_error(error, message)
    return None


# -- the IPython side
def _is_cell(shell: Any, filename: str) -> bool:
    try:
        return shell.compile.format_code_name(filename) is not None
    except Exception:
        return filename.startswith("<ipython-input-")


def _innermost(tb):
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    return tb


def _slip_line(shell: Any, value: BaseException, tb) -> str | None:
    """The cell line that raised ``value``, if the error comes from a cell's own code, else None."""
    if isinstance(value, SyntaxError):
        return (value.text or "") if value.filename and _is_cell(shell, value.filename) else None
    last = _innermost(tb)
    if last is None or not _is_cell(shell, last.tb_frame.f_code.co_filename):
        return None  # raised inside a library: keep the full traceback
    return linecache.getline(last.tb_frame.f_code.co_filename, last.tb_lineno)


def _ran_cell_code(shell: Any, tb) -> bool:
    """True if the traceback passes through a cell (a run-time error), False for a parse error."""
    while tb is not None:
        if _is_cell(shell, tb.tb_frame.f_code.co_filename):
            return True
        tb = tb.tb_next
    return False


def _handler(shell, etype, value, tb, tb_offset=None):
    """IPython custom exception handler: one line for a known slip, the normal traceback otherwise."""
    line = _slip_line(shell, value, tb)
    text = explain(value, line) if line is not None else None
    if text is None:
        shell.showtraceback((etype, value, tb), tb_offset=tb_offset,
                            running_compiled_code=_ran_cell_code(shell, tb))
        return None
    shell._showtraceback(etype, value, [f"{etype.__name__}: {text}"])
    return None


def install() -> bool:
    """Register the handler in the running IPython (if any, and if no other handler is set)."""
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    if shell is None or not hasattr(shell, "set_custom_exc"):
        return False
    if shell.custom_exceptions and not getattr(shell, "_bp_slips", False):
        return False  # someone else's handler: leave it alone
    shell.set_custom_exc((TypeError, SyntaxError, NameError), _handler)
    shell._bp_slips = True
    return True
