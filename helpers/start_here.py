"""The warm-up of notebook 00: one weight, its cost curve, one slider.

The model is a = i*w with i = 1.5 and the wanted output 0.5, so the cost (a - 0.5)**2
is lowest at w = 1/3 -- the picture the whole series explains, met here before any maths.
"""
from __future__ import annotations

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from helpers import single_weight
from helpers.widgets import SliderFigure

__all__ = ["INPUT", "TARGET", "output", "cost", "plot_cost", "cost_slider"]

INPUT, TARGET = 1.5, 0.5
_W = np.linspace(-0.4, 1.1, 151).tolist()


def output(w: float) -> float:
    """The one-weight model's output a = i*w for the input i = 1.5."""
    return single_weight.forward(INPUT, w)


def cost(w: float) -> float:
    """How far the output misses the target, squared: (a - 0.5)**2."""
    return single_weight.cost(output(w), TARGET)


def _draw(ax: Axes, w: float):
    """Draw the cost curve and a dot at ``w``; return the dot so a slider can move it."""
    ax.plot(_W, [cost(v) for v in _W], color="tab:blue", label="cost $(1.5\\,w - 0.5)^2$")
    (dot,) = ax.plot([w], [cost(w)], "o", color="tab:red", markersize=10, label="current weight")
    ax.set(xlabel="weight w", ylabel="cost", ylim=(-0.05, 1.0), title="One weight, one cost curve")
    ax.legend(loc="lower right")
    return dot


def _readout(w: float) -> str:
    return f"w = {w:.2f}: output {output(w):.2f}, cost {cost(w):.4f}"


def plot_cost(w: float = 0.8) -> None:
    """Show the cost curve with the current weight marked (a static figure)."""
    fig, ax = plt.subplots(figsize=(6, 3.5))
    _draw(ax, w)
    ax.annotate(_readout(w), (w, cost(w)), xytext=(0.3, 0.85), ha="center",
                arrowprops={"arrowstyle": "->", "color": "gray"})
    plt.show()


def cost_slider(w: float = 0.8) -> SliderFigure:
    """A slider for the weight that moves the dot along the cost curve."""
    fig = Figure(figsize=(6, 3.5), layout="tight")
    dot = _draw(fig.add_subplot(), w)

    def update(w: float) -> str:
        dot.set_data([w], [cost(w)])
        return _readout(w)

    control = widgets.FloatSlider(value=w, min=-0.4, max=1.1, step=0.01, description="weight w")
    return SliderFigure(fig, {"w": control}, update, name="cost curve with a weight slider")
