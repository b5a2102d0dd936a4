"""Pictures for notebook 01: secants turning into the tangent, finite-difference error against step size,
and the two activation functions σ and tanh.

Every line is told apart by more than its colour (line style, marker, a label on the plot),
and every line is cut at the edge of the picture, so nothing runs off the axes.
"""
from __future__ import annotations

import re
from typing import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from helpers.maths import calculus as c
from helpers.views import style
from helpers.views.controls import SliderFigure, grid_slider, linear_grid

__all__ = ["DX_GRID", "draw_secants", "secants_figure", "secant_view", "plot_step_errors", "step_errors_figure",
           "plot_squashers", "squashers_figure"]

# the secant slider's positions: 0.01 ... 0.1 in steps of 0.01, then 0.15 ... 1 in steps of 0.05
DX_GRID = sorted(set(linear_grid(0.01, 0.1, 0.01) + linear_grid(0.1, 1.0, 0.05)))
TANGENT = style.OKABE_ITO["blue"]
SECANT = style.OKABE_ITO["vermillion"]


def _output_name(label: str) -> str:
    """The letter a curve's label gives its output: "L" for "L(w) = ...", "y" for "y = f(x)"."""
    match = re.match(r"\s*([^\W\d_][\w′']*)\s*[(=]", label)
    return match.group(1) if match else "y"


def _curve(ax: Axes, fn, x0: float, span: tuple[float, float], label: str, var: str,
           out: str) -> tuple[float, float]:
    """The curve, its point at x0, axis labels and limits; returns the y limits."""
    xs = np.linspace(*span, 200)
    ys = fn(xs)
    ax.plot(xs, ys, color=style.CURVE, linestyle="-", lw=2, label=label)
    ax.plot([x0], [fn(x0)], "o", color=style.CURVE, markersize=7, zorder=4)
    ylim = (float(min(ys.min(), fn(x0))) - 0.3, float(ys.max()) * 1.05)
    ax.set_xlim(*span)
    ax.set_ylim(*ylim)
    ax.set_xlabel(var)
    ax.set_ylabel(f"{out}({var})")
    ax.grid(alpha=0.3)
    return ylim


def _line_in_view(ax: Axes, slope: float, x0: float, y0: float) -> tuple[np.ndarray, np.ndarray]:
    """The part of the line through (x0, y0) with this slope that lies inside the axes' limits."""
    (x_lo, x_hi), (y_lo, y_hi) = ax.get_xlim(), ax.get_ylim()
    xs = np.linspace(x_lo, x_hi, 400)
    ys = y0 + slope * (xs - x0)
    inside = (ys >= y_lo) & (ys <= y_hi)
    if not inside.any():
        return np.array([]), np.array([])
    xs, ys = xs[inside], ys[inside]
    return np.array([xs[0], xs[-1]]), np.array([ys[0], ys[-1]])


def draw_secants(ax: Axes, fn, x0: float, dxs: Sequence[float], span: tuple[float, float] = (-0.2, 1.9),
                 label: str = "y = f(x)", var: str = "x", out: str | None = None) -> None:
    """The curve, the tangent at x0 (dashed) and one secant per step Δx, each labelled with its Δx on the plot.

    ``fn`` is any function of one number that also works on numpy arrays; the tangent's slope
    is exact for a :class:`calculus.Function` and a central difference otherwise. ``out`` names
    the output (default: from ``label``, e.g. "L" for "L(w) = ..."). Slopes go to the legend
    with 4 decimals, as the notebook prints them.
    """
    c._check_callable(fn, "fn")
    out = out or _output_name(label)
    _curve(ax, fn, x0, span, label, var, out)
    y0 = float(fn(x0))
    tangent = c.tangent_line(fn, x0)
    for k, dx in enumerate(dxs):
        look = style.series(k + 1)  # series 0 (blue) is the tangent's
        slope = c.secant_slope(fn, x0, dx)
        (x_lo, x_hi), (y_lo, y_hi) = _line_in_view(ax, slope, x0, y0)
        x1, y1 = x0 + dx, float(fn(x0 + dx))
        # one line through the second point, marked there, so the legend shows line style and marker
        ax.plot([x_lo, x1, x_hi], [y_lo, y1, y_hi], color=look["color"], linestyle=look["linestyle"], lw=1.5,
                marker=look["marker"], markevery=[1], markersize=8, label=f"Δ{var} = {dx:g}: slope {slope:.4f}")
        near_right = x1 > span[0] + 0.85 * (span[1] - span[0])  # keep the label inside the axes
        text = {"color": look["color"], "fontsize": style.FONT_PT, "fontweight": "bold",
                "bbox": {"boxstyle": "square,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.85}}
        if near_right:
            ax.annotate(f"Δ{var} = {dx:g}", (x1, y1), xytext=(-10, 6), textcoords="offset points",
                        ha="right", va="bottom", **text)
            continue
        # below the tangent, where no line runs when the curve bends up; a thin leader when that is far
        height = ax.get_ylim()[1] - ax.get_ylim()[0]
        x_text = x1 + 0.015 * (span[1] - span[0])
        y_text = min(y1, tangent(x_text)) - 0.02 * height
        far = y1 - y_text > 0.08 * height
        ax.annotate(f"Δ{var} = {dx:g}", (x1, y1), xytext=(x_text, y_text), ha="left", va="top",
                    arrowprops={"arrowstyle": "-", "color": look["color"], "lw": 1, "shrinkB": 5} if far else None,
                    **text)
    xs, ys = _line_in_view(ax, tangent.slope, x0, y0)
    ax.plot(xs, ys, linestyle=(0, (6, 2)), color=TANGENT, lw=2, label=f"tangent: slope {tangent.slope:.4f}")
    ax.legend(loc="upper left")


def secants_figure(fn, x0: float, dxs: Sequence[float], span: tuple[float, float] = (-0.2, 1.9),
                   label: str = "y = f(x)", var: str = "x", out: str | None = None, title: str = "") -> Figure:
    """:func:`draw_secants` on its own figure sized for the notebook (show it with ``show.show``)."""
    fig = style.new_figure(720, 460)
    ax = fig.add_subplot()
    draw_secants(ax, fn, x0, dxs, span, label, var, out)
    if title:
        ax.set_title(title)
    return fig


def secant_view(fn, x0: float, dx: float = 0.5, span: tuple[float, float] = (-0.2, 1.9),
                label: str = "y = f(x)", var: str = "x", out: str | None = None,
                dxs: Sequence[float] = DX_GRID) -> SliderFigure:
    """A Δx slider (control ``dx``): the secant through x0 and x0+Δx swings onto the tangent as Δx shrinks.

    The picture draws the step as a right triangle, its legs labelled Δx and Δ(output);
    the readout gives both slopes and their gap. ``dxs`` are the slider's positions; ``fn`` as
    in :func:`draw_secants`.
    """
    c._check_callable(fn, "fn")
    out = out or _output_name(label)
    fig = style.new_figure(640, 420)
    ax = fig.add_subplot()
    _curve(ax, fn, x0, span, label, var, out)
    y0 = float(fn(x0))
    tangent = c.tangent_line(fn, x0)
    xs, ys = _line_in_view(ax, tangent.slope, x0, y0)
    ax.plot(xs, ys, linestyle=(0, (6, 2)), color=TANGENT, lw=2, label=f"tangent: slope {tangent.slope:.4f}")
    (secant,) = ax.plot([], [], color=SECANT, linestyle="-", lw=1.5, label="secant")
    (point,) = ax.plot([], [], "s", color=SECANT, markersize=7, zorder=4)
    (legs,) = ax.plot([], [], color=style.GUIDE, linestyle=":", lw=1.5)
    run = ax.text(0, 0, "", ha="center", va="top", fontsize=style.FONT_PT)
    rise = ax.text(0, 0, "", ha="left", va="center", fontsize=style.FONT_PT)
    # a character's width in data units, about 0.6 em, on axes about 85% of the figure's width (a bound
    # for placing the label; measuring would need a draw)
    (x_lo, x_hi), axes_inches = ax.get_xlim(), 0.85 * fig.get_size_inches()[0]
    char_width = 0.6 * style.FONT_PT / 72 / axes_inches * (x_hi - x_lo)
    ax.legend(loc="upper left")  # none of the lines reaches the upper left

    def update(dx: float) -> str:
        slope = c.secant_slope(fn, x0, dx)
        x1, y1 = x0 + dx, float(fn(x0 + dx))
        secant.set_data(*_line_in_view(ax, slope, x0, y0))
        point.set_data([x1], [y1])
        legs.set_data([x0, x1, x1], [y0, y0, y1])
        run.set_position(((x0 + x1) / 2, y0 - 0.08))
        run.set_text(f"Δ{var} = {dx:.2f}")
        text = f"Δ{out} = {y1 - y0:.4f}"
        # right of the vertical leg, half-way up, where no line passes (the tangent and the secant run
        # above it), when it fits; else left of the leg just above the horizontal one, under the tangent
        right = x1 + 0.03 + len(text) * char_width <= ax.get_xlim()[1]
        rise.set_horizontalalignment("left" if right else "right")
        rise.set_verticalalignment("center" if right else "bottom")
        rise.set_position((x1 + 0.03, (y0 + y1) / 2) if right else (x1 - 0.03, y0 + 0.08))
        rise.set_text(text)
        return (f"Δ{var} = {dx:.3f}: secant slope = {slope:.4f}, "
                f"tangent slope = {tangent.slope:.4f}, gap = {slope - tangent.slope:.4f}")

    slider = grid_slider(dxs, dx, f"Δ{var}", fmt=".2f")
    return SliderFigure(fig, {"dx": slider}, update, name="secant → tangent")


def plot_step_errors(ax: Axes, hs, errors: dict[str, np.ndarray]) -> None:
    """Log–log error against step h for each method (h grows to the right), the best step of each starred."""
    for k, method in enumerate(("forward", "central")):
        look = style.series(1 - k)  # central: blue circles, forward: vermillion squares
        err = np.maximum(errors[method], 1e-17)  # an exact 0 has no logarithm
        best = int(np.argmin(err))
        ax.loglog(hs, err, color=look["color"], linestyle=look["linestyle"], marker=look["marker"],
                  markersize=5, label=f"{method} difference")
        ax.loglog([hs[best]], [err[best]], "*", color=look["color"], markersize=16, markeredgecolor="black",
                  zorder=4)
    ax.set_xlabel("step h")
    ax.set_ylabel("|numeric − exact| derivative")
    ax.grid(alpha=0.3, which="major")
    ax.legend(loc="upper center")


def step_errors_figure(hs, errors: dict[str, np.ndarray], title: str = "") -> Figure:
    """:func:`plot_step_errors` on its own figure sized for the notebook (show it with ``show.show``)."""
    fig = style.new_figure(720, 440)
    ax = fig.add_subplot()
    plot_step_errors(ax, hs, errors)
    if title:
        ax.set_title(title)
    return fig


def plot_squashers(ax: Axes, span: tuple[float, float] = (-5.0, 5.0)) -> None:
    """σ(x) and tanh(x) side by side, with the levels they approach far out (told apart by line style and label)."""
    xs = np.linspace(*span, 401)
    sigma, tanh = style.series(0), style.series(1)
    ax.plot(xs, c.sigmoid(xs), color=sigma["color"], linestyle=sigma["linestyle"], lw=2,
            label="σ(x) = 1/(1 + e⁻ˣ): from 0 to 1")
    ax.plot(xs, c.tanh(xs), color=tanh["color"], linestyle=tanh["linestyle"], lw=2, label="tanh(x): from −1 to 1")
    for level in (-1.0, 0.0, 1.0):
        ax.axhline(level, color=style.GUIDE, lw=0.8, ls=":")
    ax.set_xlim(*span)
    ax.set_ylim(-1.15, 1.15)
    ax.set_xlabel("x (for a unit: its weighted sum a)")
    ax.set_ylabel("activation value")
    ax.set_title("Two S-shaped squashing functions")
    ax.grid(alpha=0.3)
    ax.legend(loc="upper left")


def squashers_figure() -> Figure:
    """:func:`plot_squashers` on its own figure sized for the notebook (show it with ``show.show``)."""
    fig = style.new_figure(640, 340)
    plot_squashers(fig.add_subplot())
    return fig
