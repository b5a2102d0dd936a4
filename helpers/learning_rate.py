"""A learning-rate explorer: one log-scale slider driving a loss curve (and an optional second panel).

Generic over *how* you train, so notebooks 03 (one weight), 04 (XOR) and 05 (training
in practice) share it. You supply ``train(rate)``; this module draws, labels a run that
blew up as "diverged" (on the plot and in the readout), and never warns about overflow.

API
---
``train(rate: float) -> result``
    Trains from the same start for the given learning rate and returns one of:
    a :class:`Run`; a tuple ``(losses, diverged)``; any object with ``.losses`` and
    ``.diverged`` attributes (e.g. ``single_weight.Trajectory``, kept as ``Run.data``);
    or a plain sequence of losses. Non-finite losses are cut off and mark the run diverged.
    Make it deterministic (seed any generator inside), so every redraw tells the same story.

``Run(losses, diverged=False, data=None)``
    The normalised result: ``losses`` a 1-D float array (entry k = loss after k steps),
    ``diverged`` a bool, ``data`` whatever else the panel needs (e.g. the weights).

``panel(ax) -> draw``  (optional second panel, right of the loss curve)
    Called once with an empty ``Axes``: draw the static parts (e.g. the cost parabola,
    the XOR points) and create the artists to move, then return ``draw(rate, run)``
    which only changes those artists' data (``set_data``, ``set_offsets``, ...).

``describe(rate, run) -> str``  (optional)
    The readout text; the default :func:`describe_run` says
    ``"rate 0.1: final cost 3.14e-06 after 30 steps"`` or ``"rate 0.5: diverged after 30 steps"``.

``learning_rate_explorer(train, *, rate=0.1, rate_min=1e-3, rate_max=1.0, panel=None,
describe=None, loss_label="cost", loss_limits=None, steps=None, name=..., figsize=(9, 3.4),
dpi=80, continuous_update=True) -> SliderFigure``
    One figure, built once; the slider is a ``FloatLogSlider`` named ``"rate"``, so a
    later cell does ``view.set(rate=0.5)`` and prints ``view.readout``. Moving it calls
    ``train`` and updates line data only (no new figure). ``loss_limits=(low, high)``
    fixes the log y axis (default: from the starting run); ``steps`` fixes the x axis
    (default: the starting run's length). Losses of exactly 0 sit on the axis floor.
    If one ``train`` call takes more than ~100 ms, pass ``continuous_update=False`` so
    the figure is redrawn when the slider is released, not for every pixel dragged.

``learning_rate_grid(train, rates, *, panel=None, describe=None, loss_label="cost",
loss_limits=None, figsize=None) -> Figure``
    The static version for readers where widgets do not run: one column per rate,
    loss curve on top, the optional panel beneath, each titled with its readout.
    Show it with ``helpers.widgets.show_figure(fig)``.

Example::

    def train(rate):
        return single_weight.trajectory(1.5, 0.8, 0.5, rate, 30)   # has .losses, .diverged
    view = learning_rate_explorer(train, rate=0.1, rate_max=1.0)
    view                      # in a cell: the slider and the figure
    view.set(rate=0.5)        # -> "rate 0.5: diverged after 30 steps"
"""
from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

import ipywidgets as widgets
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from helpers.widgets import SliderFigure

__all__ = ["Run", "as_run", "describe_run", "learning_rate_explorer", "learning_rate_grid"]

Panel = Callable[[Axes], Callable[[float, "Run"], None]]
DIVERGED_COLOUR, LOSS_COLOUR = "#c62828", "#1565c0"


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
        raise TypeError("train(rate) must return losses as a sequence of numbers, a (losses, diverged) "
                        f"tuple, or an object with .losses and .diverged; got {type(result).__name__}") from None
    if losses.ndim != 1 or losses.size == 0:
        raise ValueError(f"train(rate) must give a non-empty 1-D sequence of losses, got shape {losses.shape}")
    finite = np.isfinite(losses)
    if not finite.all():  # keep the part before the blow-up, and say so
        losses, diverged = losses[: int(np.argmin(finite))], True
    return Run(losses, bool(diverged), data)


def describe_run(rate: float, run: Run, loss_label: str = "cost") -> str:
    """The default readout: the final loss, or "diverged"."""
    steps = max(run.losses.size - 1, 0)
    if run.diverged:
        return f"rate {rate:.3g}: diverged after {steps} steps"
    return f"rate {rate:.3g}: final {loss_label} {run.losses[-1]:.3g} after {steps} steps"


def _limits(runs: Sequence[Run]) -> tuple[float, float]:
    """A log y range that shows these runs (the diverged ones only if all did): a decade of headroom."""
    shown = [run.losses for run in runs if not run.diverged] or [run.losses for run in runs]
    losses = np.concatenate(shown)
    positive = losses[losses > 0]
    if positive.size == 0:
        return 1e-12, 1.0
    top = 10.0 * float(positive.max())
    return max(float(positive.min()) / 10.0, top * 1e-12), top


class _LossPanel:
    """A log-scale loss curve whose line, colour and "diverged" label follow the latest run."""

    def __init__(self, ax: Axes, loss_label: str, limits: tuple[float, float], steps: int, wrap: int = 0):
        self.ax, self.limits, self.wrap = ax, limits, wrap
        ax.set_yscale("log")
        ax.set_ylim(*limits)
        ax.set_xlim(0, max(steps, 1))
        ax.xaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
        ax.set_xlabel("step")
        ax.set_ylabel(f"{loss_label} (log scale)")
        ax.grid(True, which="major", alpha=0.3)
        (self.line,) = ax.plot([], [], "o-", color=LOSS_COLOUR, markersize=3, linewidth=1.5)
        self.flag = ax.text(0.5, 0.5, "diverged", transform=ax.transAxes, ha="center", va="center",
                            fontsize=20, fontweight="bold", color=DIVERGED_COLOUR, visible=False)

    def draw(self, run: Run, readout: str) -> None:
        low, high = self.limits
        shown = np.clip(run.losses, low, high * 10.0)  # zeros sit on the floor, huge values just off the top
        self.line.set_data(np.arange(shown.size), shown)
        self.line.set_color(DIVERGED_COLOUR if run.diverged else LOSS_COLOUR)
        self.flag.set_visible(run.diverged)
        title = textwrap.fill(readout, self.wrap) if self.wrap else readout
        self.ax.set_title(title, fontsize=10 if not self.wrap else 9, color=DIVERGED_COLOUR if run.diverged else "black")


def _check_train(train: Any) -> None:
    if not callable(train):
        raise TypeError(f"train must be a function train(rate) -> losses, got {type(train).__name__}")


def _positive(name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.floating, np.integer)):
        raise TypeError(f"{name} must be a positive number such as 0.1, got {type(value).__name__} {value!r:.40}")
    if not (math.isfinite(value) and value > 0):
        raise ValueError(f"{name} must be a positive finite number such as 0.1, got {value}")
    return float(value)


def learning_rate_explorer(train: Callable[[float], Any], *, rate: float = 0.1, rate_min: float = 1e-3,
                           rate_max: float = 1.0, panel: Panel | None = None,
                           describe: Callable[[float, Run], str] | None = None, loss_label: str = "cost",
                           loss_limits: tuple[float, float] | None = None, steps: int | None = None,
                           name: str = "learning-rate explorer", figsize: tuple[float, float] = (9, 3.4),
                           dpi: float = 80, continuous_update: bool = True) -> SliderFigure:
    """A log-scale learning-rate slider over one figure: loss curve (+ optional panel), redrawn in place."""
    _check_train(train)
    rate, rate_min, rate_max = (_positive(n, v) for n, v in
                                (("rate", rate), ("rate_min", rate_min), ("rate_max", rate_max)))
    if not rate_min <= rate <= rate_max:
        raise ValueError(f"rate must lie between rate_min and rate_max, got {rate} outside [{rate_min}, {rate_max}]")
    describe = describe or (lambda r, run: describe_run(r, run, loss_label))
    start = as_run(train(rate))
    fig = Figure(figsize=figsize, layout="constrained")
    axes = fig.subplots(1, 2 if panel else 1, squeeze=False)[0]
    losses = _LossPanel(axes[0], loss_label, loss_limits or _limits([start]), steps or start.losses.size - 1)
    draw_panel = panel(axes[1]) if panel else None
    slider = widgets.FloatLogSlider(value=rate, base=10, min=math.log10(rate_min), max=math.log10(rate_max),
                                    step=(math.log10(rate_max) - math.log10(rate_min)) / 200,
                                    description="learning rate", readout_format=".3g",
                                    continuous_update=continuous_update,
                                    style={"description_width": "initial"},
                                    layout=widgets.Layout(width="480px"))
    first = {rate: start}  # the starting run, already computed: used once instead of training twice

    def update(rate: float) -> str:
        run = first.pop(rate) if rate in first else as_run(train(rate))
        first.clear()
        readout = describe(rate, run)
        losses.draw(run, readout)
        if draw_panel:
            draw_panel(rate, run)
        return readout

    return SliderFigure(fig, {"rate": slider}, update, name=name, dpi=dpi)


def learning_rate_grid(train: Callable[[float], Any], rates: Sequence[float], *, panel: Panel | None = None,
                       describe: Callable[[float, Run], str] | None = None, loss_label: str = "cost",
                       loss_limits: tuple[float, float] | None = None,
                       figsize: tuple[float, float] | None = None) -> Figure:
    """Several learning rates side by side (a static figure): one column per rate, panel beneath."""
    _check_train(train)
    if isinstance(rates, (str, bytes)) or not isinstance(rates, Sequence) or not rates:
        raise TypeError(f"rates must be a non-empty list of learning rates such as [0.1, 0.3, 0.5], got {rates!r:.40}")
    rates = [_positive("each rate", r) for r in rates]
    describe = describe or (lambda r, run: describe_run(r, run, loss_label))
    runs = [as_run(train(r)) for r in rates]
    limits = loss_limits or _limits(runs)
    steps = max(run.losses.size for run in runs) - 1
    rows = 2 if panel else 1
    fig = Figure(figsize=figsize or (3.2 * len(rates), 2.8 * rows), layout="constrained")
    axes = fig.subplots(rows, len(rates), squeeze=False)
    for column, (rate, run) in enumerate(zip(rates, runs)):
        _LossPanel(axes[0, column], loss_label, limits, steps, wrap=34).draw(run, describe(rate, run))
        if panel:
            panel(axes[1, column])(rate, run)
    return fig
