"""A learning-rate explorer: one log-scale slider driving a loss curve (and an optional second panel).

Generic over *how* you train, so notebooks 03 (one weight), 05 (XOR) and 06 (training
in practice) share it. You supply ``train(lr)``; this module draws, labels a run that
blew up as "diverged" (on the plot and in the readout), and never warns about overflow.
The learning rate is ``lr`` (written η), as in the series' notation table.

API
---
``train(lr: float) -> result``
    Trains from the same start for the given learning rate and returns one of:
    a :class:`Run`; a tuple ``(losses, diverged)``; any object with ``.losses`` and
    ``.diverged`` attributes (e.g. ``single_weight.Trajectory``, kept as ``Run.data``);
    or a plain sequence of losses. Non-finite losses are cut off and mark the run diverged.
    Make it deterministic (seed any generator inside), so every redraw tells the same story.

``Run(losses, diverged=False, data=None)``
    The normalised result: ``losses`` a 1-D float array (entry k = loss after k steps),
    ``diverged`` a bool, ``data`` whatever else the panel needs (e.g. the weights).

``panel(ax) -> draw``  (optional second panel, right of the loss curve)
    Called once with an empty ``Axes``: draw the static parts (e.g. the loss parabola,
    the XOR points) and create the artists to move, then return ``draw(lr, run)``
    which only changes those artists' data (``set_data``, ``set_offsets``, ...).
    Keep moving artists inside the axes: :func:`helpers.views.style.clip_to_view` and
    :func:`helpers.views.style.off_chart_marker` do the cutting and the labelling.

``describe(lr, run) -> str``  (optional)
    The readout text; the default :func:`describe_run` says
    ``"rate 0.1: final loss 3.14e-06 after 30 steps"`` or ``"rate 0.5: diverged after 30 steps"``.

``learning_rate_explorer(train, *, lr=0.1, lr_min=0.01, lr_max=1.0, include=(), panel=None,
describe=None, loss_label="loss", loss_limits=None, steps=None, step_label="step", name=..., size=(840, 320),
continuous_update=True) -> SliderFigure``
    One figure, built once. The slider (control ``"lr"``) moves over round learning rates,
    about ten per decade (0.1, 0.12, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.8, 1, ...; see
    :func:`helpers.views.controls.log_grid`), plus ``lr`` itself, ``lr_min``, ``lr_max`` and the
    exact values in ``include`` (e.g. ``include=(2/9, 4/9)`` for the edges of a regime).
    A later cell does ``view.set(lr=0.5)`` and prints ``view.readout``; ``set`` puts any
    other exact value on the grid too. Moving the slider calls ``train`` and updates line
    data only (no new figure). ``loss_limits=(low, high)`` fixes the log y axis (default:
    from the starting run); ``steps`` fixes the x axis (default: the starting run's length) and
    ``step_label`` names it (say "epoch" when one step is a pass through the data).
    Losses of exactly 0 sit on the axis floor; a loss above the top is cut there and marked
    "off the chart". If one ``train`` call takes more than ~100 ms, pass
    ``continuous_update=False`` so the figure is redrawn when the slider is released.

``learning_rate_grid(train, lrs, *, panel=None, describe=None, loss_label="loss",
loss_limits=None, step_label="step", size=None) -> Figure``
    The static version for readers where widgets do not run: with a panel, one row per
    learning rate (loss curve left, panel right, the readout as the row's title), as in the
    explorer; without, two loss curves per row. Show it with :func:`helpers.views.show.show`.

Example::

    def train(lr):
        return single_weight.trajectory(1.5, 0.8, 0.5, lr, 30)   # has .losses, .diverged
    view = learning_rate_explorer(train, lr=0.1, lr_max=1.0)
    view                      # in a cell: the slider and the figure
    view.set(lr=0.5)          # -> "rate 0.5: diverged after 30 steps"
"""
from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from helpers.maths import checks, roundoff
from helpers.views import style
from helpers.views.controls import SliderFigure, grid_slider, log_grid

__all__ = ["Run", "LossPanel", "as_run", "describe_run", "learning_rate_explorer", "learning_rate_grid"]

Panel = Callable[[Axes], Callable[[float, "Run"], None]]
DIVERGED_COLOUR, LOSS_COLOUR = style.DIVERGED, style.LOSS


@dataclass
class Run:
    """One training run at one learning rate: the loss after each step, and whether it blew up."""

    losses: np.ndarray
    diverged: bool = False
    data: Any = field(default=None, repr=False)


def as_run(result: Any) -> Run:
    """Normalise whatever ``train`` returned into a :class:`Run` (see the module docstring)."""
    data = None
    if isinstance(result, Run):
        losses, diverged, data = result.losses, result.diverged, result.data
    elif hasattr(result, "losses") and hasattr(result, "diverged"):
        losses, diverged, data = result.losses, result.diverged, result
    elif isinstance(result, tuple) and len(result) == 2 and isinstance(result[1], (bool, np.bool_)):
        losses, diverged = result
    else:
        losses, diverged = result, False
    try:
        losses = np.asarray(losses, dtype=float)
    except (TypeError, ValueError):
        raise TypeError("train(lr) must return losses as a sequence of numbers, a (losses, diverged) "
                        f"tuple, or an object with .losses and .diverged; got {type(result).__name__}") from None
    if losses.ndim != 1 or losses.size == 0:
        raise ValueError(f"train(lr) must give a non-empty 1-D sequence of losses, got shape {losses.shape}")
    finite = np.isfinite(losses)
    if not finite.all():  # keep the part before the blow-up, and say so
        losses, diverged = losses[: int(np.argmin(finite))], True
    return Run(losses, bool(diverged), data)


def describe_run(lr: float, run: Run, loss_label: str = "loss") -> str:
    """The default readout: the final loss, or "diverged"."""
    steps = max(run.losses.size - 1, 0)
    if run.diverged:
        return f"rate {lr:.3g}: diverged after {steps} steps"
    return f"rate {lr:.3g}: final {loss_label} {roundoff.text(run.losses[-1], '.3g')} after {steps} steps"


def _limits(runs: Sequence[Run]) -> tuple[float, float]:
    """A log y range that shows these runs (the diverged ones only if all did): a decade of headroom."""
    shown = [run.losses for run in runs if not run.diverged] or [run.losses for run in runs]
    losses = np.concatenate(shown)
    positive = losses[losses > 0]
    if positive.size == 0:
        return 1e-12, 1.0
    top = 10.0 * float(positive.max())
    return max(float(positive.min()) / 10.0, top * 1e-12), top


class LossPanel:
    """A log-scale loss curve whose line, colour and "diverged" label follow the latest run.

    The one loss panel of the series: the learning-rate explorers and grids of 03, 04 and 06, and 05's
    XOR explorer and training figure. ``markers`` marks every step (a run of a few steps); a long
    run of epochs is drawn as a plain line.
    """

    def __init__(self, ax: Axes, loss_label: str, limits: tuple[float, float], steps: int, step_label: str = "step",
                 markers: bool = True):
        self.ax, self.limits, self.steps = ax, limits, max(steps, 1)
        ax.set_yscale("log")
        ax.set_ylim(*limits)
        ax.set_xlim(0, self.steps)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
        ax.set_xlabel(step_label)
        ax.set_ylabel(f"{loss_label} (log scale)")
        ax.grid(True, which="major", alpha=0.3)
        (self.line,) = ax.plot([], [], "o-" if markers else "-", color=LOSS_COLOUR, markersize=3, linewidth=1.5)
        self.flag = ax.text(0.5, 0.5, "diverged", transform=ax.transAxes, ha="center", va="center",
                            fontsize=20, fontweight="bold", color=DIVERGED_COLOUR, visible=False)
        self.off = style.off_chart_marker(ax)

    def draw(self, run: Run) -> None:
        low, high = self.limits
        steps = np.arange(run.losses.size)
        shown = np.maximum(run.losses, low)  # exact zeros sit on the floor
        x, y, left = style.clip_to_view(steps, shown, (0, self.steps), (low, high), log_y=True)
        self.line.set_data(x, y)
        colour = DIVERGED_COLOUR if run.diverged else LOSS_COLOUR
        if self.line.get_color() != colour:  # set_color always marks the line for redrawing
            self.line.set_color(colour)
        self.line.set_linestyle("--" if run.diverged else "-")  # not colour alone
        self.flag.set_visible(run.diverged)
        if left and x.size:
            self.off.show_at(x[-1], y[-1])
        else:
            self.off.hide()


def _check_train(train: Any) -> None:
    if not callable(train):
        raise TypeError(f"train must be a function train(lr) -> losses, got {type(train).__name__}")


def learning_rate_explorer(train: Callable[[float], Any], *, lr: float = 0.1, lr_min: float = 0.01,
                           lr_max: float = 1.0, include: Sequence[float] = (), panel: Panel | None = None,
                           describe: Callable[[float, Run], str] | None = None, loss_label: str = "loss",
                           loss_limits: tuple[float, float] | None = None, steps: int | None = None,
                           step_label: str = "step", name: str = "learning-rate explorer",
                           size: tuple[float, float] | None = None,
                           continuous_update: bool = True) -> SliderFigure:
    """A log-scale learning-rate slider over one figure: loss curve (+ optional panel), redrawn in place."""
    _check_train(train)
    lr, lr_min, lr_max = (checks.number(n, v, "0.1", positive=True)
                          for n, v in (("lr", lr), ("lr_min", lr_min), ("lr_max", lr_max)))
    if not lr_min <= lr <= lr_max:
        raise ValueError(f"lr must lie between lr_min and lr_max, got {lr} outside [{lr_min}, {lr_max}]")
    describe = describe or (lambda r, run: describe_run(r, run, loss_label))
    start = as_run(train(lr))
    width, height = size or (style.CONTENT_WIDTH, 320)
    fig = Figure(figsize=(width / style.DISPLAY_DPI, height / style.DISPLAY_DPI), layout="constrained")
    axes = fig.subplots(1, 2 if panel else 1, squeeze=False)[0]
    losses = LossPanel(axes[0], loss_label, loss_limits or _limits([start]), steps or start.losses.size - 1, step_label)
    draw_panel = panel(axes[1]) if panel else None
    grid = log_grid(lr_min, lr_max, include=(lr, lr_min, lr_max, *include))
    slider = grid_slider(grid, lr, "learning rate η", fmt=".3g", continuous_update=continuous_update)
    first = {lr: start}  # the starting run, already computed: used once instead of training twice

    def update(lr: float) -> str:
        run = first.pop(lr) if lr in first else as_run(train(lr))
        first.clear()
        losses.draw(run)
        if draw_panel:
            draw_panel(lr, run)
        return describe(lr, run)

    return SliderFigure(fig, {"lr": slider}, update, name=name)


def learning_rate_grid(train: Callable[[float], Any], lrs: Sequence[float], *, panel: Panel | None = None,
                       describe: Callable[[float, Run], str] | None = None, loss_label: str = "loss",
                       loss_limits: tuple[float, float] | None = None, step_label: str = "step",
                       size: tuple[float, float] | None = None) -> Figure:
    """Several learning rates at once (a static figure) laid out for the notebook's width.

    With a panel: one row per learning rate, loss curve left and panel right (as in the
    explorer), the readout above the row. Without: two loss curves per row, each titled
    with its readout.
    """
    _check_train(train)
    if isinstance(lrs, (str, bytes)) or not isinstance(lrs, Sequence) or not lrs:
        raise TypeError(f"lrs must be a non-empty list of learning rates such as [0.1, 0.3, 0.5], got {lrs!r:.40}")
    lrs = [checks.number("each learning rate", r, "0.1", positive=True) for r in lrs]
    describe = describe or (lambda r, run: describe_run(r, run, loss_label))
    runs = [as_run(train(r)) for r in lrs]
    limits = loss_limits or _limits(runs)
    steps = max(run.losses.size for run in runs) - 1
    per_row = 1 if panel else 2
    rows = math.ceil(len(lrs) / per_row)
    width, height = size or (style.CONTENT_WIDTH, (230 if panel else 270) * rows)
    fig = Figure(figsize=(width / style.DISPLAY_DPI, height / style.DISPLAY_DPI), layout="constrained")
    if panel:
        for row, (rate, run) in zip(np.atleast_1d(fig.subfigures(rows, 1)), zip(lrs, runs)):
            loss_ax, panel_ax = row.subplots(1, 2)
            LossPanel(loss_ax, loss_label, limits, steps, step_label).draw(run)
            panel(panel_ax)(rate, run)
            row.suptitle(describe(rate, run), fontsize=style.TITLE_PT,
                         color=DIVERGED_COLOUR if run.diverged else "black")
        return fig
    axes = fig.subplots(rows, per_row, squeeze=False).ravel()
    chars = int(width / per_row / (0.6 * style.TITLE_PT * style.DISPLAY_DPI / 72))  # ~ characters per title line
    for ax, rate, run in zip(axes, lrs, runs):
        LossPanel(ax, loss_label, limits, steps, step_label).draw(run)
        ax.set_title(textwrap.fill(describe(rate, run), chars), fontsize=style.TITLE_PT,
                     color=DIVERGED_COLOUR if run.diverged else "black")
    for ax in axes[len(lrs):]:
        ax.set_visible(False)
    return fig
