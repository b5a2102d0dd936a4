"""Pictures for notebook 03: the cost parabola with descent steps, and the learning-rate explorer.

The math lives in :mod:`helpers.single_weight`; here it is only drawn. The explorer is the
shared :func:`helpers.learning_rate.learning_rate_explorer` with the parabola as its second panel.
"""
from __future__ import annotations

from typing import Callable, Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from helpers import single_weight as sw
from helpers.learning_rate import Run, learning_rate_explorer, learning_rate_grid
from helpers.widgets import SliderFigure

__all__ = ["descent_figure", "parabola_panel", "describe", "explorer", "rates_side_by_side"]

W_RANGE = (-0.5, 1.2)  # shows the start 0.8, the minimum 1/3 and the bounce partner −0.133
LOSS_LIMITS = (1e-12, 1e4)
PATH_COLOUR = "#e65100"


def _parabola(ax: Axes, i: float, y: float, w_range: tuple[float, float]) -> None:
    """The cost C(w) = (i·w − y)² over ``w_range`` with its minimum w* = y/i marked."""
    ws = np.linspace(*w_range, 200)
    costs = (i * ws - y) ** 2
    ax.plot(ws, costs, color="#455a64", linewidth=2, label=f"C(w) = ({i:g}·w − {y:g})²")
    w_star = sw.best_weight(i, y)
    ax.axvline(w_star, color="#9e9e9e", linestyle=":", linewidth=1)
    ax.annotate(f"minimum at w = {y:g}/{i:g} = {w_star:.4f}", (w_star, 0), xytext=(0.5, 0.88),
                textcoords="axes fraction", ha="center", fontsize=9,
                arrowprops={"arrowstyle": "->", "color": "#9e9e9e"})
    ax.set_xlim(*w_range)
    ax.set_ylim(-0.05, 1.1 * float(costs.max()))
    ax.set_xlabel("weight w")
    ax.set_ylabel("cost C")


def descent_figure(i: float = 1.5, y: float = 0.5, w0: float = 0.8, rate: float = 0.1, steps: int = 6,
                   w_range: tuple[float, float] = W_RANGE) -> Figure:
    """The cost parabola with the first ``steps`` descent steps drawn on it, each weight labelled."""
    run = sw.trajectory(i, w0, y, rate, steps)
    fig = Figure(figsize=(6.5, 3.8), layout="constrained")
    ax = fig.add_subplot()
    _parabola(ax, i, y, w_range)
    ax.plot(run.weights, run.costs, "o-", color=PATH_COLOUR, markersize=5, linewidth=1,
            label=f"descent steps, r = {rate:g}")
    for k, (w, c) in enumerate(zip(run.weights[:3], run.costs[:3])):
        ax.annotate(f"w{k} = {w:.4g}", (w, c), xytext=(8, -2), textcoords="offset points", fontsize=8)
    ax.legend(loc="upper left", fontsize=8)
    return fig


def parabola_panel(i: float = 1.5, y: float = 0.5,
                   w_range: tuple[float, float] = W_RANGE) -> Callable[[Axes], Callable[[float, Run], None]]:
    """A panel for the learning-rate explorer: the path of w on the cost parabola (run.data is a Trajectory)."""
    def setup(ax: Axes) -> Callable[[float, Run], None]:
        _parabola(ax, i, y, w_range)
        (path,) = ax.plot([], [], "o-", color=PATH_COLOUR, markersize=4, linewidth=1)

        def draw(rate: float, run: Run) -> None:
            path.set_data(run.data.weights, run.data.costs)

        return draw

    return setup


def describe(i: float) -> Callable[[float, Run], str]:
    """A readout naming the regime for input ``i``: "rate 0.1: converges smoothly, final cost …" or "… diverged …"."""
    def readout(rate: float, run: Run) -> str:
        steps = run.losses.size - 1
        if run.diverged:
            return f"rate {rate:.3g}: diverged, cost {run.losses[-1]:.3g} after {steps} steps"
        return f"rate {rate:.3g}: {sw.regime(rate, i)}, final cost {run.losses[-1]:.3g} after {steps} steps"

    return readout


def _train(i: float, y: float, w0: float, steps: int) -> Callable[[float], sw.Trajectory]:
    sw.trajectory(i, w0, y, 0.1, steps)  # check the inputs now, not at the first slider move
    return lambda rate: sw.trajectory(i, w0, y, rate, steps)


def explorer(i: float = 1.5, y: float = 0.5, w0: float = 0.8, rate: float = 0.1, steps: int = 20) -> SliderFigure:
    """The learning-rate slider driving, together, the loss curve (log y) and the path of w on the parabola."""
    return learning_rate_explorer(_train(i, y, w0, steps), rate=rate, rate_min=0.01, rate_max=1.0,
                                  panel=parabola_panel(i, y), describe=describe(i), loss_limits=LOSS_LIMITS,
                                  name="learning rate → loss curve and path of w", figsize=(10, 3.6))


def rates_side_by_side(rates: Sequence[float] = (0.1, 2 / 9, 0.3, 0.5), i: float = 1.5, y: float = 0.5,
                       w0: float = 0.8, steps: int = 20) -> Figure:
    """The static version of the explorer: one column per learning rate, loss curve above, path of w below."""
    return learning_rate_grid(_train(i, y, w0, steps), list(rates), panel=parabola_panel(i, y),
                              describe=describe(i), loss_limits=LOSS_LIMITS)
