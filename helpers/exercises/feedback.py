"""What a checker says: a :class:`Feedback` (one plain line, or a box in JupyterLab) and a :class:`Mistake`.

The box follows JupyterLab's theme through its CSS variables (text and background both
come from the theme, so it reads in the light and the dark theme alike); where those
variables do not exist (nbviewer, GitHub, VS Code) the fallbacks give dark text on a pale
tint. The status is told by a mark (✔ ✘ ? …) and a coloured bar, never by colour alone.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

__all__ = ["Feedback", "Mistake", "MARKS"]

MARKS = {"correct": "✔", "wrong": "✘", "wrong kind": "?", "unanswered": "…"}

# status -> (JupyterLab variable for the accent, its light-theme value as a fallback)
_ACCENTS = {
    "correct": ("--jp-success-color1", "#388e3c"),
    "wrong": ("--jp-error-color1", "#d32f2f"),
    "wrong kind": ("--jp-warn-color1", "#f57c00"),
    "unanswered": ("--jp-info-color1", "#0097a7"),
}
_TEXT = "#1f1f1f"      # fallback text colour, dark
_PAGE = "#ffffff"      # fallback page colour, white
_TINT = 16             # per cent of the accent mixed into the page colour


def box_style(status: str) -> str:
    """The inline CSS of a feedback box: theme colours with readable fallbacks, later declarations win."""
    var, accent = _ACCENTS[status]
    return ";".join([
        f"color:{_TEXT}", f"background:color-mix(in srgb,{accent} {_TINT}%,{_PAGE})",
        f"color:var(--jp-content-font-color1,{_TEXT})",
        f"background:color-mix(in srgb,var({var},{accent}) {_TINT}%,var(--jp-layout-color1,{_PAGE}))",
        f"border-left:5px solid var({var},{accent})",
        "padding:6px 10px", "border-radius:4px", "white-space:pre-wrap", "margin:2px 0",
    ])


@dataclass(frozen=True)
class Feedback:
    """What the checker says about one answer: a status and a message."""

    status: str  # "correct", "wrong", "wrong kind" or "unanswered"
    message: str

    def __post_init__(self):
        if self.status not in MARKS:
            raise ValueError(f"status must be one of {', '.join(MARKS)}, got {self.status!r}")

    @property
    def correct(self) -> bool:
        return self.status == "correct"

    def __repr__(self) -> str:
        return f"{MARKS[self.status]} {self.message}"

    def _repr_html_(self) -> str:
        return f'<div class="bp-feedback" style="{box_style(self.status)}">{html.escape(repr(self))}</div>'


@dataclass(frozen=True)
class Mistake:
    """A typical wrong answer and the hint that names it.

    For a number or choice exercise ``wrong`` computes the wrong answer (a function of no
    arguments, e.g. ``lambda: 1.5 * 0.8``) or is the wrong choice's text; for a code
    exercise it is a wrong implementation (a function or class written with the mistake).
    """

    wrong: Any
    hint: str

    def __post_init__(self):
        if not isinstance(self.hint, str) or not self.hint.strip():
            raise TypeError("a Mistake needs a hint: a sentence naming the mistake")
