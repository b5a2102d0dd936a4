"""Notebook 00's pictures: the one-weight loss curve with the weight marked, as a still and behind a slider.

The slider moves in steps of 1/30, so 1/3 itself is one of its positions and its neighbours
0.300 and 0.367 read sensibly (same loss, on either side). The model is :mod:`helpers.maths.start_here`.
"""
from __future__ import annotations

from fractions import Fraction

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from helpers.maths.start_here import loss, output
from helpers.views import style
from helpers.views.show import show
from helpers.views.controls import SliderFigure, grid_slider, linear_grid

__all__ = ["W_RANGE", "weight_grid", "loss_figure", "plot_loss", "loss_slider"]

W_RANGE = (Fraction(-2, 5), Fraction(11, 10))  # -0.4 ... 1.1: the start 0.8, the best 1/3, both sides
SIZE = (640, 360)  # displayed pixels, the same for the static figure and the slider's picture


def weight_grid() -> list[float]:
    """The slider's positions: -0.4 to 1.1 in steps of 1/30 (46 positions, 1/3 and 0.8 among them)."""
    return linear_grid(W_RANGE[0], W_RANGE[1], Fraction(1, 30))


def _draw(ax: Axes, w: float):
    """Draw the loss curve and a dot at ``w``; return the dot so a slider can move it."""
    ws = np.linspace(float(W_RANGE[0]), float(W_RANGE[1]), 151)
    ax.plot(ws, [loss(v) for v in ws], color=style.CURVE, linestyle="-", linewidth=2,
            label="loss $L = (1.5\\,w - 0.5)^2$")
    (dot,) = ax.plot([w], [loss(w)], "o", color=style.MOVING, markersize=11, markeredgecolor="black",
                     label="current weight", zorder=3)
    top = max(loss(float(W_RANGE[0])), loss(float(W_RANGE[1])))
    ax.set(xlabel="weight w", ylabel="loss L", xlim=(float(W_RANGE[0]) - 0.05, float(W_RANGE[1]) + 0.05),
           ylim=(-0.08, top * 1.1), title="One weight, one loss curve")
    ax.legend(loc="upper center")  # above the bottom of the bowl, where neither the curve nor the dot comes
    return dot


def _readout(w: float) -> str:
    return f"w = {w:.3f}: output {output(w):.3f}, loss {loss(w):.4f}"


def loss_figure(w: float = 0.8) -> Figure:
    """The loss curve with the weight ``w`` marked and its numbers written beside it (a static figure)."""
    fig = style.new_figure(*SIZE)
    ax = fig.add_subplot()
    _draw(ax, w)
    # inside the bowl, where the curve never passes
    ax.annotate(_readout(w).replace(": ", ":\n"), (w, loss(w)), xytext=(0.42, 0.3), textcoords="axes fraction",
                ha="center", va="center", arrowprops={"arrowstyle": "->", "color": style.GUIDE})
    return fig


def plot_loss(w: float = 0.8) -> None:
    """Show :func:`loss_figure` (2x density, at its own width)."""
    show(loss_figure(w))


def loss_slider(w: float = 0.8) -> SliderFigure:
    """A slider for the weight that moves the dot along the loss curve."""
    fig = style.new_figure(*SIZE)
    dot = _draw(fig.add_subplot(), w)

    def update(w: float) -> str:
        dot.set_data([w], [loss(w)])
        return _readout(w)

    control = grid_slider(weight_grid(), w, "weight w", fmt=".3f")
    return SliderFigure(fig, {"w": control}, update, name="loss curve with a weight slider")
