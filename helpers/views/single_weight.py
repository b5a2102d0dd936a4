"""Pictures for notebook 03: the loss parabola with descent steps, and the learning-rate explorer.

The math lives in :mod:`helpers.maths.single_weight`; here it is only drawn, in the series'
notation (loss L, learning rate η). The explorer is the shared
:func:`helpers.views.learning_rate.learning_rate_explorer` with the parabola as its second panel;
its slider holds the two special rates 1/(2x²) and 1/x² exactly (2/9 and 4/9 for x = 1.5).
"""
from __future__ import annotations

from typing import Callable, Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from helpers.maths import roundoff
from helpers.maths import single_weight as sw
from helpers.views import style
from helpers.views.controls import SliderFigure
from helpers.views.learning_rate import Run, learning_rate_explorer, learning_rate_grid

__all__ = ["descent_figure", "parabola_panel", "describe", "explorer", "rates_side_by_side"]

W_RANGE = (-0.5, 1.2)  # shows the start 0.8, the minimum 1/3 and the bounce partner −0.133
LOSS_LIMITS = (1e-12, 1e4)
PATH_COLOUR = style.OKABE_ITO["vermillion"]


def _parabola(ax: Axes, x: float, t: float, w_range: tuple[float, float]) -> None:
    """The loss L(w) = (w·x − t)² over ``w_range`` with its minimum w* = t/x marked."""
    ws = np.linspace(*w_range, 200)
    losses = (ws * x - t) ** 2
    ax.plot(ws, losses, color=style.CURVE, linestyle="-", linewidth=2, label=f"L(w) = ({x:g}·w − {t:g})²")
    w_star = sw.best_weight(x, t)
    ax.axvline(w_star, color=style.GUIDE, linestyle=":", linewidth=1.5)
    ax.set_xlim(*w_range)
    ax.set_ylim(-0.05, 1.1 * float(losses.max()))
    # the minimum is named under the axis, where no moving path can cover it
    ax.set_xlabel(f"weight w   (dotted: the minimum, {w_star:.4f})")
    ax.set_ylabel("loss L")


def descent_figure(x: float = 1.5, t: float = 0.5, w0: float = 0.8, lr: float = 0.1, steps: int = 6,
                   w_range: tuple[float, float] = W_RANGE) -> Figure:
    """The loss parabola with the first ``steps`` descent steps drawn on it, the first weights labelled."""
    run = sw.trajectory(x, w0, t, lr, steps)
    fig = style.new_figure(640, 380)
    ax = fig.add_subplot()
    _parabola(ax, x, t, w_range)
    ax.plot(run.weights, run.losses, "o--", color=PATH_COLOUR, markersize=5, linewidth=1,
            label=f"descent steps, η = {lr:g}")
    for k, (w, loss) in enumerate(zip(run.weights[:3], run.losses[:3])):
        ax.annotate(f"w{k} = {w:.4g}", (w, loss), xytext=(8, -2), textcoords="offset points",
                    fontsize=style.FONT_PT)
    ax.legend(loc="upper center")
    return fig


def parabola_panel(x: float = 1.5, t: float = 0.5,
                   w_range: tuple[float, float] = W_RANGE) -> Callable[[Axes], Callable[[float, Run], None]]:
    """A panel for the learning-rate explorer: the path of w on the loss parabola (run.data is a Trajectory).

    A path that leaves the picture is cut at its edge and marked "off the chart".
    """
    def setup(ax: Axes) -> Callable[[float, Run], None]:
        _parabola(ax, x, t, w_range)
        (path,) = ax.plot([], [], "o--", color=PATH_COLOUR, markersize=4, linewidth=1)
        off = style.off_chart_marker(ax)

        def draw(lr: float, run: Run) -> None:
            ws, losses, left = style.clip_to_view(run.data.weights, run.data.losses, ax.get_xlim(), ax.get_ylim())
            path.set_data(ws, losses)
            if left and ws.size:
                off.show_at(ws[-1], losses[-1])
            else:
                off.hide()

        return draw

    return setup


def describe(x: float) -> Callable[[float, Run], str]:
    """A readout naming the regime for input ``x``: "rate 0.1: converges smoothly, final loss …" or "… diverged …"."""
    def readout(lr: float, run: Run) -> str:
        steps = run.losses.size - 1
        if run.diverged:
            return f"rate {lr:.3g}: diverged, loss {run.losses[-1]:.3g} after {steps} steps"
        loss = roundoff.text(run.losses[-1], '.3g')
        return f"rate {lr:.3g}: {sw.regime(lr, x)}, final loss {loss} after {steps} steps"

    return readout


def _train(x: float, t: float, w0: float, steps: int) -> Callable[[float], sw.Trajectory]:
    sw.trajectory(x, w0, t, 0.1, steps)  # check the inputs now, not at the first slider move
    return lambda lr: sw.trajectory(x, w0, t, lr, steps)


def explorer(x: float = 1.5, t: float = 0.5, w0: float = 0.8, lr: float = 0.1, steps: int = 20) -> SliderFigure:
    """The learning-rate slider driving, together, the loss curve (log y) and the path of w on the parabola.

    The slider holds round rates from 0.01 to 1 and exactly 1/(2x²) and 1/x², where the
    regime changes.
    """
    train = _train(x, t, w0, steps)
    return learning_rate_explorer(train, lr=lr, lr_min=0.01, lr_max=1.0,
                                  include=(sw.oscillation_rate(x), sw.divergence_rate(x)),
                                  panel=parabola_panel(x, t), describe=describe(x), loss_limits=LOSS_LIMITS,
                                  name="learning rate → loss curve and path of w")


def rates_side_by_side(lrs: Sequence[float] = (0.1, 2 / 9, 0.3, 0.5), x: float = 1.5, t: float = 0.5,
                       w0: float = 0.8, steps: int = 20) -> Figure:
    """The static version of the explorer: one row per learning rate, loss curve left, path of w right."""
    return learning_rate_grid(_train(x, t, w0, steps), list(lrs), panel=parabola_panel(x, t),
                              describe=describe(x), loss_limits=LOSS_LIMITS)
