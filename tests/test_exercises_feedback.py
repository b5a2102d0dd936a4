"""Feedback boxes: one plain line as text, a box readable in JupyterLab's light and dark themes and without them.

The box's inline style is evaluated the way a browser does (the last declaration of a property
wins; ``var()`` takes the theme's value or the fallback; ``color-mix`` mixes in sRGB) against the
theme CSS shipped with the installed JupyterLab, and the text must have WCAG contrast >= 4.5.
"""
import functools
import re
from pathlib import Path

import pytest

from helpers.exercises import Feedback
from helpers.exercises.feedback import MARKS, box_style

jupyterlab = pytest.importorskip("jupyterlab")
THEMES = Path(jupyterlab.__file__).parent / "themes" / "@jupyterlab"


@functools.lru_cache(maxsize=1)
def material_palette() -> dict[str, str]:
    """JupyterLab's --md-* colours (themes refer to them; they are defined in the core bundle)."""
    for bundle in sorted((Path(jupyterlab.__file__).parent / "static").glob("*.js")):
        text = bundle.read_text(errors="ignore")
        if "--md-green-500:" in text:
            return dict(re.findall(r"(--md-[\w-]+)\s*:\s*(#[0-9a-fA-F]{3,6})", text))
    return {}


def theme_variables(name: str) -> dict[str, str]:
    css = (THEMES / name / "index.css").read_text()
    return {**material_palette(), **{k: v.strip() for k, v in re.findall(r"(--[\w-]+)\s*:\s*([^;}]+)", css)}}


def split_args(text: str) -> list[str]:
    """Split 'a, f(b, c), d' at top-level commas."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        depth += ch == "("
        depth -= ch == ")"
        if ch == "," and depth == 0:
            parts.append(text[start:i].strip())
            start = i + 1
    return parts + [text[start:].strip()]


def rgba(value: str, variables: dict[str, str]) -> tuple[float, float, float, float]:
    """A CSS colour (hex, rgb(a), var(), color-mix in srgb) as RGBA in 0..1."""
    value = value.strip()
    if value.startswith("var("):
        name, *fallback = split_args(value[4:-1])
        return rgba(variables[name] if name in variables else fallback[0], variables)
    if value.startswith("color-mix("):
        _, first, second = split_args(value[len("color-mix("):-1])
        colour, percent = first.rsplit(" ", 1)
        p = float(percent.rstrip("%")) / 100
        a, b = rgba(colour, variables), rgba(second, variables)
        return tuple(p * x + (1 - p) * y for x, y in zip(a, b))
    if value.startswith("#"):
        digits = value[1:]
        if len(digits) == 3:
            digits = "".join(d * 2 for d in digits)
        return tuple(int(digits[i:i + 2], 16) / 255 for i in (0, 2, 4)) + (1.0,)
    if value.startswith("rgb"):
        numbers = [float(x) for x in split_args(value[value.index("(") + 1:-1])]
        return tuple(x / 255 for x in numbers[:3]) + (numbers[3] if len(numbers) > 3 else 1.0,)
    named = {"white": "#ffffff", "black": "#000000"}
    return rgba(named[value], variables)


def luminance(rgb) -> float:
    def channel(c):
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(text, background) -> float:
    """WCAG contrast of (possibly translucent) text over an opaque background."""
    alpha = text[3]
    seen = [alpha * t + (1 - alpha) * b for t, b in zip(text[:3], background[:3])]
    light, dark = sorted([luminance(seen), luminance(background)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


def effective(style: str, prop: str) -> str:
    """The value a browser uses: the last declaration of ``prop``."""
    values = [d.split(":", 1)[1] for d in style.split(";") if d.split(":", 1)[0].strip() == prop]
    return values[-1]


@pytest.mark.parametrize("theme", ["theme-light-extension", "theme-dark-extension",
                                   "theme-dark-high-contrast-extension", None])
@pytest.mark.parametrize("status", list(MARKS))
def test_box_text_is_readable_in_every_theme(theme, status):
    variables = theme_variables(theme) if theme else {}
    style = box_style(status)
    text = rgba(effective(style, "color"), variables)
    background = rgba(effective(style, "background"), variables)
    assert contrast(text, background) >= 4.5, (theme, status)
    if theme == "theme-dark-extension":  # follows the theme: light text on a dark tint
        assert luminance(background) < 0.1


def test_box_sets_both_colours_and_a_non_colour_cue():
    for status, mark in MARKS.items():
        html = Feedback(status, "Ex: hello <b>").__repr__(), Feedback(status, "Ex: hello <b>")._repr_html_()
        assert html[0] == f"{mark} Ex: hello <b>"  # the plain text: mark, title, message
        assert f"{mark} Ex: hello &lt;b&gt;" in html[1] and "color:" in html[1] and "background:" in html[1]


def test_unknown_status_is_refused():
    with pytest.raises(ValueError):
        Feedback("maybe", "x")
