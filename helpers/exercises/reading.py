"""Reading what a learner typed: a number, a list of numbers, or one option's text.

Every reader returns the answer in plain form, or raises :class:`Unreadable` with a
status and a one-sentence message that names the slip: a decimal comma (``0,49`` is the
tuple ``(0, 49)`` in Python), quotes around a number, ``None`` from a function without
``return``, a number too big for a float, ``nan``, a complex number, a function that was
not called. Nothing a learner can type makes a reader raise anything else.
"""
from __future__ import annotations

import decimal
import math
import numbers
import re
import reprlib
from typing import Any, Sequence

import numpy as np

__all__ = ["Unreadable", "describe", "sentence", "read_number", "read_numbers", "read_choice", "decimals_typed",
           "normal_text"]

UNANSWERED = "replace ... with your answer and run the cell again."
_NUMBER_TEXT = re.compile(r"^[+\-−]?(\d+([.,]\d*)?|[.,]\d+)([eE][+\-−]?\d+)?$")
_EXPRESSION_TEXT = re.compile(r"^[\d\s.,+\-−*/×·÷()^²³eE]+$")


class Unreadable(Exception):
    """The answer is not of the kind asked for; ``status`` is "wrong kind", "wrong" or "unanswered"."""

    def __init__(self, status: str, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def describe(value: Any, width: int = 40) -> str:
    """A short, safe description such as "float 0.25" or "str '0.49'" (never raises, never huge)."""
    kind = type(value).__name__
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 64:
        return f"an int with {_digits(value)} digits"
    if isinstance(value, np.ndarray):
        return f"a numpy array of shape {value.shape}"
    if isinstance(value, type):
        return f"the class {value.__name__}"
    if callable(value) and hasattr(value, "__name__"):
        return f"the function {value.__name__}"
    try:
        shown = value.item() if isinstance(value, np.generic) else value  # numpy 2 writes np.float64(0.5)
        text = reprlib.repr(shown) if isinstance(shown, (list, tuple, dict, set)) else repr(shown)
    except Exception:  # a learner's class may have a broken __repr__, an int may be too long to print
        text = f"<{kind} object>"
    if len(text) > width:
        text = text[: width - 1] + "…"
    return f"{kind} {text}"


def sentence(text: str) -> str:
    """The text with its first word capitalised, so every message part starts like a sentence.

    Only a word is capitalised: "that is w1" -> "That is w1", "a node used twice" -> "A node …",
    but "y = 0.9", "dL/dw = 1.2" and "σ′ is missing" keep their symbols as written.
    """
    text = text.strip()
    words = [w.rstrip(",.;:!?") for w in text.split(maxsplit=2)]
    if not words or not words[0].isascii() or not words[0].isalpha():
        return text
    single = len(words[0]) == 1
    if single and not (words[0] in "ai" and len(words) > 1 and words[1][:1].isalpha() and words[1][:1].islower()):
        return text
    return text[:1].upper() + text[1:]


def _digits(n: int) -> int:
    """How many decimal digits the integer n has (without converting it to text)."""
    n = abs(n)
    if n == 0:
        return 1
    guess = int(n.bit_length() * math.log10(2))
    return guess + 1 if n >= 10 ** guess else guess


def _text_as_number(text: str) -> float | None:
    """'0.49', ' -0,49 ' or '1e-5' as a float; None when the text is not one plain number."""
    text = text.strip()
    if not _NUMBER_TEXT.match(text):
        return None
    return float(text.replace(",", ".").replace("−", "-"))


def _comma_number(pair: tuple) -> str | None:
    """(0, 49) -> '0.49': what a learner meant when Python read 0,49 as a tuple of two whole numbers."""
    if len(pair) == 2 and all(isinstance(p, numbers.Integral) and not isinstance(p, bool) for p in pair):
        whole, fraction = pair
        if fraction >= 0 and abs(whole) < 10**15 and fraction < 10**15:
            return f"{whole}.{fraction}"
    return None


def _finite_float(value: Any) -> float:
    """A real number as a finite float, or Unreadable naming what is wrong with it."""
    try:
        x = float(value)
    except OverflowError:
        digits = _digits(int(value)) if isinstance(value, numbers.Integral) else None
        size = f"has {digits} digits" if digits else "is too big for Python's floats"
        raise Unreadable("wrong", f"that number {size}: far too big (in Python ** is a power, "
                                  f"so 10**400 has 401 digits).") from None
    except ValueError:
        if not (isinstance(value, decimal.Decimal) and value.is_snan()):
            raise
        x = math.nan  # a signalling nan, Decimal("sNaN"), which float() refuses
    if math.isnan(x):
        raise Unreadable("wrong kind", "nan means 'not a number': a step like 0/0 or inf − inf produced it. "
                                       "Check the arithmetic.")
    if math.isinf(x):
        raise Unreadable("wrong", f"the answer is {x}, infinitely large: the arithmetic overflowed or divided by zero.")
    return x


def read_number(answer: Any) -> float:
    """The answer as one finite float, or Unreadable with a pointed message."""
    if answer is ...:
        raise Unreadable("unanswered", UNANSWERED)
    expected = "expected a single number"
    if answer is None:
        raise Unreadable("wrong kind", f"{expected}, got None. A function without `return`, or print(...), "
                                       "gives None: put the number itself after answer =.")
    if isinstance(answer, (bool, np.bool_)):
        raise Unreadable("wrong kind", f"{expected}, got {bool(answer)}, a yes/no value.")
    if isinstance(answer, (numbers.Real, np.number)) and not isinstance(answer, (complex, np.complexfloating)):
        return _finite_float(answer)
    if isinstance(answer, (numbers.Complex, np.complexfloating)):
        raise Unreadable("wrong kind", f"{expected}, got the complex number {describe(answer).split(' ', 1)[1]}. "
                                       "A negative number to a fractional power is complex in Python, "
                                       "e.g. (-8) ** (1/3).")
    if isinstance(answer, np.ndarray):
        if answer.shape == ():
            return read_number(answer[()])
        take = " Take the number out with float(answer)." if answer.size == 1 else ""
        raise Unreadable("wrong kind", f"{expected}, got a numpy array of shape {answer.shape}.{take}")
    if isinstance(answer, str):
        raise Unreadable("wrong kind", f"{expected}, got the text {describe(answer).split(' ', 1)[1]}: "
                                       f"{_advice_for_text(answer)}")
    if isinstance(answer, tuple):
        meant = _comma_number(answer)
        if meant is not None:
            raise Unreadable("wrong kind", f"{expected}: use a dot for decimals. Python reads "
                                           f"{meant.replace('.', ',')} as two numbers {answer}; write {meant}.")
        if len(answer) == 1:
            raise Unreadable("wrong kind", f"{expected}, got a tuple of one: remove the trailing comma.")
        raise Unreadable("wrong kind", f"{expected}, got {len(answer)} values separated by commas. "
                                       "For decimals use a dot (0.49, not 0,49).")
    if isinstance(answer, (list, dict, set)):
        one = " Remove the brackets." if isinstance(answer, list) and len(answer) == 1 else ""
        raise Unreadable("wrong kind", f"{expected}, got a {type(answer).__name__} of {len(answer)}.{one}")
    if isinstance(answer, type) or callable(answer):
        raise Unreadable("wrong kind", f"{expected}, got {describe(answer)}: call it to get its number.")
    if _has_number(answer, "grad") or _has_number(answer, "data"):
        raise Unreadable("wrong kind", f"{expected}, got a {type(answer).__name__} node: its number is "
                                       ".data (the value) or .grad (the gradient), e.g. x.grad.")
    if isinstance(answer, numbers.Number):  # e.g. decimal.Decimal
        return _finite_float(answer)
    raise Unreadable("wrong kind", f"{expected} such as 0.42, got {describe(answer)}.")


def _has_number(obj: Any, name: str) -> bool:
    try:
        return isinstance(getattr(obj, name, None), numbers.Real)
    except Exception:
        return False


def _advice_for_text(text: str) -> str:
    """What to do with a number or an expression typed in quotes."""
    number = _text_as_number(text)
    if number is not None:
        dot = " and use a dot for decimals" if "," in text else ""
        return f"remove the quotes{dot} ({number!r} without quotes is a number)."
    if _EXPRESSION_TEXT.match(text) and any(ch.isdigit() for ch in text):
        return "remove the quotes, so that Python computes it."
    return "type the number itself, e.g. 0.42."


def read_numbers(answer: Any, shape: tuple[int, ...]) -> np.ndarray:
    """The answer as a finite float array of ``shape``, or Unreadable with a pointed message."""
    if answer is ...:
        raise Unreadable("unanswered", UNANSWERED)
    size = int(np.prod(shape))
    expected = f"expected {size} numbers in a list (shape {shape})"
    if answer is None or isinstance(answer, (str, bool, numbers.Number, np.generic)) or callable(answer):
        raise Unreadable("wrong kind", f"{expected}, got {describe(answer)}.")
    if not isinstance(answer, (list, tuple, np.ndarray)):
        raise Unreadable("wrong kind", f"{expected}, got {describe(answer)}.")
    try:
        raw = np.asarray(answer, dtype=object)
    except ValueError:
        raise Unreadable("wrong kind", f"{expected}, got rows of different lengths.") from None
    if raw.shape != tuple(shape):
        raise Unreadable("wrong kind", f"{expected}, got shape {raw.shape}.")
    values = np.empty(raw.shape)
    for index, item in np.ndenumerate(raw):
        try:
            values[index] = read_number(item)
        except Unreadable as why:
            where = f"entry {index[0] if len(index) == 1 else index}"
            raise Unreadable("wrong kind" if why.status == "unanswered" else why.status,
                             f"{where}: {why.message}") from None
    return values


def normal_text(text: str) -> str:
    """Text compared without case, spaces, quotes or a final full stop: ' All but W11,W21 ' ~ 'all but w11, w21'."""
    text = re.sub(r"[\s\"'“”‘’`]", "", text).casefold()
    return text[:-1] if text.endswith(".") else text


_FILLER = {"a", "an", "the", "but", "to", "of", "and", "or", "all", "only", "it", "is"}


def _words(text: str) -> list[str]:
    return re.findall(r"\w+(?:[.+\-]\w+)*", text.casefold())


def _options_with_words(answer: str, choices: Sequence[str]) -> list[str]:
    """The options that say what the answer says once small words are left out ('same' -> 'the same'), if the
    answer has a word that says something (not only 'the' or 'but')."""
    def content(text: str) -> list[str]:
        return [w for w in _words(text) if w not in _FILLER]

    words = content(answer)
    return [choice for choice in choices if words and content(choice) == words]


def read_choice(answer: Any, choices: Sequence[str]) -> str:
    """The option the answer names (the option's own text), or Unreadable with a pointed message."""
    if answer is ...:
        raise Unreadable("unanswered", UNANSWERED)
    options = ", ".join(repr(c) for c in choices)
    numeric = {c: _text_as_number(c) for c in choices}
    if isinstance(answer, str):
        for choice in choices:
            if normal_text(answer) == normal_text(choice):
                return choice
        fitting = _options_with_words(answer, choices)
        if len(fitting) == 1:
            return fitting[0]
        if len(fitting) > 1:
            raise Unreadable("wrong kind", f"{answer.strip()!r} fits more than one option "
                                           f"({', '.join(repr(c) for c in fitting)}): give the whole option, one of {options}.")
        number = _text_as_number(answer)
    elif (isinstance(answer, (numbers.Real, np.number)) and not isinstance(answer, (bool, np.bool_, complex))
          and all(v is not None for v in numeric.values())):
        try:
            number = float(answer)
        except OverflowError:
            number = math.inf
    else:
        raise Unreadable("wrong kind", f"answer with one of the options as text, in quotes: {options}; "
                                       f"got {describe(answer)}.")
    if number is not None and all(v is not None for v in numeric.values()):
        for choice, value in numeric.items():
            if math.isclose(number, value, rel_tol=1e-9):
                return choice
    shown = describe(answer).split(" ", 1)[1] if isinstance(answer, str) else describe(answer)
    raise Unreadable("wrong kind", f"{shown} is not one of the options {options}.")


def decimals_typed(x: float) -> int:
    """How many decimals the number has as typed: 0.475 -> 3, 21.0 -> 0, 1/3 -> 16 or so."""
    for k in range(18):
        if float(f"{x:.{k}f}") == x:
            return k
    return 18
