"""The figures of notebook 06: data, loss curves by mode, learning-rate sweeps, chaos, decision boundaries.

Every static figure is designed for the notebook's content width (:data:`helpers.views.style.CONTENT_WIDTH`,
840 px; wide ones as two rows), with text of at least 10 pt at its displayed size, and shown at once
as a compact 2x PNG (the functions return None, so no figure repr is printed). Series that share a
plot differ by line style and marker as well as colour. :func:`boundary_panel` is the moving panel
for the learning-rate slider.
"""
from __future__ import annotations

from typing import Any, Callable, Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, FuncFormatter, LogLocator, NullLocator

from helpers.maths import many_runs, network
from helpers.maths.practice import ModeRun, RateSearch, relative_gap
from helpers.views import style
from helpers.views.network import BoundaryPanel
from helpers.views.show import show

__all__ = ["lighten", "plot_data", "plot_modes", "plot_rate_sweep", "plot_curves", "plot_gaps",
           "plot_normalising", "plot_boundaries", "plot_held_out", "boundary_panel"]

# the two classes: their own colour AND marker shape
CLASS_STYLE = ({"marker": "o", "color": style.SERIES[0], "label": "class 0 (t = 0)"},
               {"marker": "^", "color": style.SERIES[1], "label": "class 1 (t = 1)"})
MODE_STYLE = {mode: style.series(k) for k, mode in enumerate(("batch", "minibatch", "stochastic"))}
DIVERGED = style.DIVERGED
HALF_WIDTH = style.CONTENT_WIDTH // 2


def lighten(fig: Figure) -> Figure:
    """Give ``fig``'s log axes plain ticks at 1, 2, 5 × 10ⁿ and no minor ticks: laying those out (with
    their mathtext labels) cost about 0.6 s of 0.9 s for three log panels."""
    for ax in fig.axes:
        for axis, scale in ((ax.xaxis, ax.get_xscale()), (ax.yaxis, ax.get_yscale())):
            # ticks a plot placed itself stay (over more than 10 decades 1-2-5 ticks come out empty)
            if scale == "log" and not isinstance(axis.get_major_locator(), FixedLocator):
                axis.set_major_locator(LogLocator(subs=(1.0, 2.0, 5.0)))
                axis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:g}"))
                axis.set_minor_locator(NullLocator())
    return fig


def _figure(width_px: float, height_px: float) -> Figure:
    return style.new_figure(width_px, height_px)


def _scatter(ax: Axes, X: np.ndarray, t: np.ndarray, size: float = 30) -> None:
    for label, kind in enumerate(CLASS_STYLE):
        rows = t == label
        ax.scatter(X[rows, 0], X[rows, 1], s=size, edgecolors="white", linewidths=0.6, zorder=3, **kind)


def _draw_boundary(ax: Axes, predict: Callable, X: np.ndarray, t: np.ndarray,
                   extent: Sequence[float] | None = None) -> None:
    BoundaryPanel(ax, X=X, t=t, extent=extent, marker_size=30, equal_aspect=False).show_output(predict)


def plot_data(X: Any, t: Any, title: str = "") -> None:
    """Scatter the two classes."""
    fig = _figure(420, 380)
    ax = fig.subplots()
    _scatter(ax, np.asarray(X), np.asarray(t))
    ax.set(xlabel="$x_1$", ylabel="$x_2$", title=title)
    ax.legend(loc="center")
    show(lighten(fig))


def plot_modes(runs: dict[str, ModeRun], threshold: float | None = None) -> None:
    """Training loss of each mode against epochs and against weight updates (no wall-clock panel:
    timings differ from machine to machine). Modes differ by colour, line style and marker."""
    fig = _figure(style.CONTENT_WIDTH, 360)
    axes = fig.subplots(1, 2)
    for run in runs.values():
        losses = run.result.losses
        epochs = np.arange(losses.size)
        label = f"{run.mode} ({run.updates_per_epoch} update{'s' * (run.updates_per_epoch > 1)}/epoch)"
        every = max(1, losses.size // 8)
        for ax, x in ((axes[0], epochs), (axes[1], run.updates)):
            ax.plot(x[1:], losses[1:], label=label, markevery=every, ms=5, lw=1.5, **MODE_STYLE[run.mode])
    titles = ("per epoch (every example seen once)", "per weight update")
    xlabels = ("epoch (log scale)", "weight updates")
    for ax, title, xlabel in zip(axes, titles, xlabels):
        ax.set(yscale="log", title=title, xlabel=xlabel, ylabel="training loss")
        if threshold:
            ax.axhline(threshold, color=style.GUIDE, ls=":", lw=1)
        ax.grid(alpha=0.3)
    axes[0].set_xscale("log")
    axes[1].legend(loc="upper right")
    show(lighten(fig))


def plot_rate_sweep(runs: many_runs.ManyRates, budgets: Sequence[int]) -> None:
    """Loss after each epoch budget against the learning rate; the rates that blew up are marked."""
    fig = _figure(680, 380)
    ax = fig.subplots()
    for k, budget in enumerate(budgets):
        ax.plot(runs.rates, runs.losses[:, budget], ms=4, lw=1.5, label=f"after {budget} epochs", **style.series(k))
    ax.axhline(runs.losses[0, 0], color=style.GUIDE, ls=":", lw=1, label="loss before training")
    if runs.diverged.any():
        first = runs.rates[runs.diverged].min()
        ax.axvspan(first, runs.rates.max() * 1.2, color=DIVERGED, alpha=0.12)
        ax.text(np.sqrt(first * runs.rates.max()), 0.5, "diverged", transform=ax.get_xaxis_transform(),
                color=DIVERGED, fontsize=14, fontweight="bold", ha="center", rotation=90)
    ax.set(xscale="log", yscale="log", xlabel="learning rate η", ylabel="training loss",
           title="batch gradient descent: where each learning rate gets to")
    ax.legend(loc="upper left")
    ax.grid(alpha=0.3)
    show(lighten(fig))


def plot_curves(curves: dict[str, Any], title: str, xlabel: str = "epoch") -> None:
    """Several loss curves (one per label, each its own style) on one log axis."""
    fig = _figure(680, 340)
    ax = fig.subplots()
    for k, (label, losses) in enumerate(curves.items()):
        losses = np.asarray(losses, dtype=float)
        ax.plot(losses, label=label, lw=1.5, ms=5, markevery=max(1, losses.size // 10), **style.series(k))
    ax.set(yscale="log", xlabel=xlabel, ylabel="training loss", title=title)
    ax.legend()
    ax.grid(alpha=0.3)
    show(lighten(fig))


def plot_gaps(pairs: dict[str, tuple[Any, Any]], title: str = "") -> None:
    """For each (label: two loss curves) the relative gap |a − b| / a per epoch, on a log axis: a
    stable run keeps the gap of its nudge, a chaotic one grows it until the runs part."""
    fig = _figure(680, 340)
    ax = fig.subplots()
    for k, (label, (first, second)) in enumerate(pairs.items()):
        gap = relative_gap(first, second)
        ax.plot(np.maximum(gap, 1e-17), label=label, lw=1.5, ms=5, markevery=max(1, gap.size // 10), **style.series(k))
    ax.axhline(1e-2, color=style.GUIDE, ls=":", lw=1)
    ax.text(0.01, 2e-2, "1% apart", transform=ax.get_yaxis_transform(), color=style.GUIDE)
    ax.set(yscale="log", xlabel="epoch", ylabel="relative gap between the runs", title=title, ylim=(1e-17, 10))
    ax.set_yticks([1e-15, 1e-12, 1e-9, 1e-6, 1e-3, 1], ["1e-15", "1e-12", "1e-9", "1e-6", "0.001", "1"])
    ax.yaxis.set_minor_locator(NullLocator())
    ax.legend(loc="center right")
    ax.grid(alpha=0.3)
    show(lighten(fig))


def plot_normalising(datasets: dict[str, tuple[np.ndarray, np.ndarray]], searches: dict[str, RateSearch]) -> None:
    """Each version of the inputs as it looks (equal axis scales) in a row, and below it the loss of each
    at its best learning rate."""
    fig = _figure(style.CONTENT_WIDTH, 620)
    top, bottom = fig.subfigures(2, 1, height_ratios=[1, 1])
    for ax, (name, (X, t)) in zip(top.subplots(1, len(datasets), squeeze=False)[0], datasets.items()):
        _scatter(ax, X, t, size=18)
        ax.set(title=name, xlabel="$x_1$", ylabel="$x_2$")
        ax.set_aspect("equal", adjustable="datalim")
    ax = bottom.subplots()
    for k, (name, search) in enumerate(searches.items()):
        i = search.best
        losses = search.runs.losses[i]
        ax.plot(losses, label=f"{name} (η = {search.runs.rates[i]:.2g})", lw=1.5, ms=5,
                markevery=max(1, losses.size // 10), **style.series(k))
    ax.axhline(next(iter(searches.values())).threshold, color=style.GUIDE, ls=":", lw=1)
    ax.set(yscale="log", xlabel="epoch", ylabel="training loss", title="each at its best learning rate")
    ax.legend(loc="upper right")
    ax.grid(alpha=0.3)
    show(lighten(fig))


def plot_boundaries(cases: Sequence[tuple[str, Callable, np.ndarray, np.ndarray]], ncols: int = 2,
                    extent: Sequence[float] | None = None) -> None:
    """One panel per (title, predict, X, t): the data on the colour of the output ``predict(X)`` of a
    trained network (see :func:`helpers.maths.practice.classifier`), with the boundary (output 0.5) in black."""
    nrows = -(-len(cases) // ncols)
    fig = _figure(style.CONTENT_WIDTH, 340 * nrows)
    axes = fig.subplots(nrows, ncols, squeeze=False)
    for ax, (title, predict, X, t) in zip(axes.ravel(), cases):
        _draw_boundary(ax, predict, np.asarray(X), np.asarray(t), extent)
        ax.set_title(title)
    for ax in axes.ravel()[len(cases):]:
        ax.set_visible(False)
    show(lighten(fig))


def plot_held_out(results: dict[str, network.TrainResult], X_train: Any, t_train: Any, wrong: Any = None) -> None:
    """Training loss (solid) and held-out loss (dashed) against epochs, each network with its own
    marker, the held-out minimum circled; below, each network's boundary over its training points,
    with the points whose label is ``wrong`` (a boolean mask) ringed."""
    fig = _figure(style.CONTENT_WIDTH, 700)
    top, bottom = fig.subfigures(2, 1, height_ratios=[1, 1.25])
    loss_ax = top.subplots()
    X_train, t_train = np.asarray(X_train, dtype=float), np.asarray(t_train, dtype=float)
    for k, ((name, result), ax) in enumerate(zip(results.items(), bottom.subplots(1, len(results), squeeze=False)[0])):
        kind = style.series(k)
        every = max(1, result.losses.size // 10)
        loss_ax.plot(result.losses, color=kind["color"], ls="-", marker=kind["marker"], markevery=every, ms=5,
                     lw=1.5, label=f"{name}: training")
        loss_ax.plot(result.val_losses, color=kind["color"], ls="--", marker=kind["marker"], markevery=every,
                     ms=5, lw=1.5, mfc="white", label=f"{name}: held out")
        best = int(np.argmin(result.val_losses))
        loss_ax.plot([best], [result.val_losses[best]], "o", ms=11, mfc="none", mec=kind["color"], mew=2)
        _draw_boundary(ax, lambda Z, net=result.net: network.predict(net, Z), X_train, t_train)
        if wrong is not None and np.any(wrong):
            ringed = X_train[np.asarray(wrong, dtype=bool)]
            ax.scatter(ringed[:, 0], ringed[:, 1], s=180, facecolors="none", edgecolors="black", linewidths=1.5,
                       zorder=4, label="wrong label")
        ax.set_title(f"{name}: training points")
        ax.set(xlabel="$x_1$ (normalised)", ylabel="$x_2$ (normalised)")
    skip = min(10, min(r.losses.size for r in results.values()) // 2)  # the first epochs' drop sets no scale
    settled = np.concatenate([np.r_[r.losses[skip:], r.val_losses[skip:]] for r in results.values()])
    loss_ax.set(yscale="log", xlabel="epoch", ylabel="loss", title="training and held-out loss",
                ylim=(settled.min() / 1.3, settled.max() * 1.5))
    loss_ax.legend(loc="lower left", ncols=2)
    loss_ax.grid(alpha=0.3)
    bottom.legend(*ax.get_legend_handles_labels(), loc="outside lower center", ncols=3)
    show(lighten(fig))


def boundary_panel(X: Any, t: Any, extent: Sequence[float] | None = None) -> Callable[[Axes], Callable]:
    """A panel for :func:`helpers.views.learning_rate.learning_rate_explorer`: the data and the decision
    boundary of the run's trained network (``run.data`` is a :class:`~helpers.maths.network.TrainResult`),
    drawn by :class:`helpers.views.network.BoundaryPanel`. It also gives the figure's log axes plain
    ticks (:func:`lighten`), which halves the redraw time."""
    X, t = np.asarray(X, dtype=float), np.asarray(t, dtype=float)

    def make(ax: Axes) -> Callable:
        lighten(ax.figure)  # before the explorer's first (kept) layout: plain log ticks on the loss panel too
        panel = BoundaryPanel(ax, X=X, t=t, extent=extent, marker_size=30, equal_aspect=False)
        ax.set_title("decision boundary")
        flag = ax.text(0.5, 0.5, "diverged", transform=ax.transAxes, ha="center", va="center",
                       fontsize=20, fontweight="bold", color=DIVERGED, visible=False, zorder=5)

        def draw(rate: float, run: Any) -> None:
            flag.set_visible(run.diverged)
            panel.draw(None if run.diverged or run.data is None else run.data.net)

        return draw

    return make
