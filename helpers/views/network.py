"""Pictures of the XOR network: its diagram, its decision boundary, and a learning-rate explorer.

- ``network_figure(weights, values=None)`` the 2-k-1 diagram with every weight on its link
  and every unit's value in its circle (names as in ``helpers.maths.xor_nodes``)
- ``BoundaryPanel(ax)`` the network's output over the input square with the four XOR points;
  ``.draw(net)`` recolours it in place
- the loss curve beside it is :class:`helpers.views.learning_rate.LossPanel`, the series' one loss panel
- ``rates_figure(runs, rates)`` the static picture: one column per learning rate
- ``XorRuns`` cached ``many_runs.train_many_rates`` results per (hidden units, seed): the fast path
- ``xor_explorer(runs)`` sliders for learning rate, hidden units and seed over one figure
"""
from __future__ import annotations

import math
from typing import Callable, Sequence

import numpy as np
from contourpy import contour_generator
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib import colormaps
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.figure import Figure

from helpers.maths import many_runs, network, roundoff
from helpers.views import style
from helpers.views.controls import SliderFigure, choice_buttons, dropdown, grid_slider
from helpers.views.learning_rate import LossPanel, Run

__all__ = ["network_figure", "draw_network", "BoundaryPanel", "TARGET_STYLE", "data_extent",
           "rates_figure", "XorRuns", "xor_explorer", "describe", "format_outputs", "hidden_units"]

DIVERGED = style.DIVERGED
LOSS_FLOOR, LOSS_TOP = 1e-16, 1e3


def _fmt(x: float) -> str:
    return f"{round(x, 3) + 0.0:g}"


def draw_network(ax: Axes, weights: dict, values: dict | None = None) -> None:
    """Units as circles (name and value), links labelled with their weights."""
    k = sum(1 for name in weights if name.startswith("V")) - 1
    tops = {"X": 3, "Z": k + 1, "D": 1}
    height = max(tops.values())

    def where(layer: str, i: int) -> tuple[float, float]:
        x = {"X": 0.0, "Z": 1.0, "D": 2.0}[layer]
        return x, (height - 1) / 2 - i + (tops[layer] - 1) / 2

    links = [(("X", i), ("Z", j), f"W{j}{i}", 0.2 if j % 2 else 0.4) for j in range(1, k + 1) for i in range(3)]
    links += [(("Z", j), ("D", 0), f"V{j}", 0.62) for j in range(k + 1)]
    for start, end, name, along in links:
        (x0, y0), (x1, y1) = where(*start), where(*end)
        ax.plot([x0, x1], [y0, y1], color="#90a4ae", linewidth=1, linestyle="-", zorder=1)
        ax.text(x0 + along * (x1 - x0), y0 + along * (y1 - y0), f"{name}={_fmt(weights[name])}",
                fontsize=style.FONT_PT, ha="center", va="center", zorder=3,
                bbox=dict(boxstyle="round,pad=0.1", facecolor="white", edgecolor="none", alpha=0.85))
    units = [("X", i) for i in range(3)] + [("Z", j) for j in range(k + 1)] + [("D", 0)]
    for layer, i in units:
        x, y = where(layer, i)
        bias = layer in "XZ" and i == 0
        ax.scatter([x], [y], s=1500, color="#eceff1" if bias else "#cfe3f7", edgecolor="#37474f", zorder=2)
        name = f"{layer}{i}"
        label = name if values is None or name not in values else f"{name}\n{_fmt(values[name])}"
        ax.text(x, y, label, ha="center", va="center", fontsize=style.FONT_PT, zorder=4, linespacing=1.1)
    ax.set_xlim(-0.3, 2.3)
    ax.set_ylim(-0.7, height - 0.3)
    ax.axis("off")


def network_figure(weights: dict, values: dict | None = None, title: str = "") -> Figure:
    """The diagram of a 2-k-1 network as its own figure (show it with ``show.show``)."""
    k = sum(1 for name in weights if name.startswith("V")) - 1
    fig = style.new_figure(style.CONTENT_WIDTH, 110 * (k + 1) + 50)
    ax = fig.add_subplot()
    draw_network(ax, weights, values)
    if title:
        ax.set_title(title)
    return fig


#: how the two targets are drawn: a shape and a colour each (colour is never the only cue)
TARGET_STYLE = ({"marker": "o", "color": "#1565c0", "label": "target 0"},
                {"marker": "^", "color": "#ef6c00", "label": "target 1"})
#: the output in flat bands of 0.1 (quick to draw and to compress, unlike a smooth gradient), in
#: coolwarm mixed 60:40 with white: the look of a 0.6 alpha, drawn opaque (half the time per redraw)
OUTPUT_NORM = BoundaryNorm(np.linspace(0, 1, 11), 256, extend="both")
_COOLWARM = colormaps["coolwarm"]
OUTPUT_CMAP = ListedColormap(0.6 * _COOLWARM(np.linspace(0, 1, 256))[:, :3] + 0.4, name="output")
OUTPUT_CMAP.set_under(0.6 * np.array(_COOLWARM(0.0)[:3]) + 0.4)
OUTPUT_CMAP.set_over(0.6 * np.array(_COOLWARM(1.0)[:3]) + 0.4)


# Points per side of the output map: at 121 its cells are 2-3 px on screen (5 at a projector's 2x), so the
# coloured bands read as smooth next to the boundary line; 61 showed staircase edges. Drawing costs ~4 ms
# a move (1.5 ms at 61), measured with benchmarks/run.py.
MAP_RESOLUTION = 121


def data_extent(X: np.ndarray, margin: float = 0.25) -> tuple[float, float, float, float]:
    """(x1 low, x1 high, x2 low, x2 high): the data's box with ``margin`` × its size around it."""
    lo, hi = X.min(axis=0), X.max(axis=0)
    pad = margin * np.maximum(hi - lo, 1e-9)
    return float(lo[0] - pad[0]), float(hi[0] + pad[0]), float(lo[1] - pad[1]), float(hi[1] + pad[1])


class BoundaryPanel:
    """The network's output over the data's box (XOR: [−0.25, 1.25]²), its 0.5 level line and the samples.

    The one decision-boundary picture of the series (05's explorer and scrubber, 06's figures and
    slider). A colour mesh and a line collection whose data change in place (no new artists), drawn
    above the axis ticks (zorder > 3): a map under them meets them at its edge, and the quick redraw
    (:mod:`helpers.views.redraw`, its rule 2) would then repaint the ticks on every move.
    Circles are samples with target 0, triangles target 1; ``marker_size`` suits many samples (06) or four.
    """

    def __init__(self, ax: Axes, resolution: int = MAP_RESOLUTION, X=network.XOR_X, t=network.XOR_T, *,
                 extent: Sequence[float] | None = None, marker_size: float = 70, equal_aspect: bool = True):
        self.ax, self.X, self.t = ax, np.asarray(X, dtype=float), np.asarray(t, dtype=float)
        self.extent = lo1, hi1, lo2, hi2 = tuple(float(v) for v in extent) if extent is not None else data_extent(self.X)
        self.g1, self.g2 = np.linspace(lo1, hi1, resolution), np.linspace(lo2, hi2, resolution)
        m1, m2 = np.meshgrid(self.g1, self.g2)
        self.points = np.column_stack([m1.ravel(), m2.ravel()])
        self.mesh = ax.pcolormesh(m1, m2, np.full(m1.shape, 0.5), shading="nearest", cmap=OUTPUT_CMAP,
                                  norm=OUTPUT_NORM, zorder=3.05)
        self.boundary = LineCollection([], colors="black", linewidths=1.6, zorder=3.1)
        ax.add_collection(self.boundary)
        for target, look in enumerate(TARGET_STYLE):
            chosen = (self.t > 0.5) == bool(target)
            if chosen.any():
                ax.scatter(*self.X[chosen].T, s=marker_size, edgecolor="black", linewidth=1.0 if marker_size >= 50 else 0.6,
                           zorder=3.2, **look)
        ax.set(xlim=(lo1, hi1), ylim=(lo2, hi2), xlabel="$x_1$", ylabel="$x_2$")
        if equal_aspect:
            ax.set_aspect("equal")
        for spine in ax.spines.values():
            spine.set_zorder(3.4)

    def draw(self, net: network.Network | None, title: str | None = None) -> None:
        """Colour the box by the output of ``net`` and trace output = 0.5 (blank for None)."""
        self.show_output(None if net is None else (lambda Z: network.predict(net, Z)), title)

    def show_output(self, predict: Callable[[np.ndarray], np.ndarray] | None, title: str | None = None) -> None:
        """Colour the box by ``predict(points)`` (any classifier, e.g. one that normalises first) and trace
        output = 0.5; blank for None."""
        self.mesh.set_visible(predict is not None)
        if predict is None:
            self.boundary.set_segments([])
        else:
            with np.errstate(over="ignore", invalid="ignore"):
                out = np.asarray(predict(self.points), dtype=float).reshape(len(self.g2), len(self.g1))
            out = np.clip(np.nan_to_num(out, nan=0.5), -1.0, 2.0)
            self.mesh.set_array(out.ravel())
            self.boundary.set_segments(contour_generator(self.g1, self.g2, out, line_type="Separate").lines(0.5))
        if title is not None:
            self.ax.set_title(title)


def format_outputs(net: network.Network, X=network.XOR_X) -> str:
    """The network's outputs on ``X`` to two decimals (0.49 and 0.51 stay undecided, not "0" and "1")."""
    return " ".join(f"{round(float(p), 2) + 0.0:.2f}" for p in network.predict(net, X))


def describe(lr: float, losses: np.ndarray, diverged: bool, net: network.Network | None) -> str:
    """One line saying what a run did at learning rate ``lr``: final loss and the four outputs, or where it diverged."""
    if diverged:
        return f"rate {lr:.3g}: diverged at epoch {int(np.sum(np.isfinite(losses))) - 1}"
    return f"rate {lr:.3g}: final loss {roundoff.text(losses[-1])}, outputs {format_outputs(net)}"


def hidden_units(n: int) -> str:
    """"1 hidden unit", "3 hidden units"."""
    return f"{n} hidden unit{'' if n == 1 else 's'}"


class XorRuns:
    """Batch descent on XOR for a grid of learning rates, cached per (hidden units, seed).

    One :func:`helpers.maths.many_runs.train_many_rates` call fills every learning rate of a (hidden, seed) pair at
    once, so moving the rate slider only looks up a finished run.
    """

    def __init__(self, rates=np.logspace(-2, 1, 31), epochs: int = 2000, hidden: str = "sigmoid",
                 output: str = "identity"):
        self.rates = np.array(rates, dtype=float)  # a copy: the default grid is shared
        self.epochs, self.hidden, self.output = epochs, hidden, output
        self.cache: dict[tuple[int, int], many_runs.ManyRates] = {}
        self.fill_seconds: list[float] = []

    def runs(self, n_hidden: int, seed: int) -> many_runs.ManyRates:
        """Every learning rate's run from the seeded start with ``n_hidden`` hidden units."""
        key = (int(n_hidden), int(seed))
        if key not in self.cache:
            start = network.init_network(key[0], seed=key[1], hidden=self.hidden, output=self.output)
            self.cache[key] = many_runs.train_many_rates(start, network.XOR_X, network.XOR_T, self.rates,
                                                         epochs=self.epochs)
            self.fill_seconds.append(self.cache[key].seconds)
        return self.cache[key]

    def index(self, rate: float) -> int:
        """Position of the grid rate nearest to ``rate`` (on a log scale)."""
        return int(np.argmin(np.abs(np.log(self.rates) - math.log(rate))))

    def nearest(self, rate: float) -> float:
        """The grid rate nearest to ``rate``: the value to put the explorer's slider on (2.0 → 1.995)."""
        return float(self.rates[self.index(rate)])

    def get(self, rate: float, n_hidden: int, seed: int) -> tuple[float, np.ndarray, bool, network.Network]:
        """(grid rate, losses, diverged, final network) of one run."""
        many, i = self.runs(n_hidden, seed), self.index(rate)
        return float(self.rates[i]), many.losses[i], bool(many.diverged[i]), many.network(i)


def rates_figure(runs: XorRuns, rates: list[float], n_hidden: int = 3, seed: int = 0) -> Figure:
    """Static picture: the loss curves of a few learning rates in one panel (each with its own line
    style and a label at its end), above the output over the square for each rate."""
    fig = style.new_figure(style.CONTENT_WIDTH, 470)
    grid = fig.add_gridspec(2, len(rates), height_ratios=[250, 200])
    loss_ax = fig.add_subplot(grid[0, :])
    loss_ax.set(yscale="log", ylim=(LOSS_FLOOR, LOSS_TOP), xlim=(0, runs.epochs * 1.13), xlabel="epoch",
                ylabel="loss (log scale)", title=f"{hidden_units(n_hidden)}, seed {seed}: loss per epoch")
    loss_ax.set_xticks(np.linspace(0, runs.epochs, 5))
    loss_ax.grid(True, alpha=0.3)
    for k, wanted in enumerate(rates):
        rate, losses, diverged, net = runs.get(wanted, n_hidden, seed)
        look = style.series(k)
        shown = np.clip(losses[np.isfinite(losses)], LOSS_FLOOR, None)
        x, y, left = style.clip_to_view(np.arange(shown.size), shown, (0, runs.epochs), (LOSS_FLOOR, LOSS_TOP),
                                        log_y=True)
        loss_ax.plot(x, y, color=look["color"], linestyle=look["linestyle"])
        label = f"{rate:.3g}: diverged at epoch {shown.size - 1} ↑" if diverged else f"{rate:.3g}"
        where = (x[-1], y[-1]) if not diverged else (x[-1], LOSS_TOP)
        loss_ax.annotate(label, where, xytext=(6, -8 if diverged else 0), textcoords="offset points",
                         va="top" if diverged else "center", color=look["color"], fontweight="bold")
        ax = fig.add_subplot(grid[1, k])
        BoundaryPanel(ax).draw(None if diverged else net, f"rate {rate:.3g}")
        ax.set(xlabel="", ylabel="", xticks=[0, 1], yticks=[0, 1])
        if diverged:
            ax.text(0.5, 0.5, "diverged", transform=ax.transAxes, ha="center", va="center", color=DIVERGED,
                    fontweight="bold", zorder=5)
    return fig


def xor_explorer(runs: XorRuns, *, lr: float = 1.0, n_hidden: int = 3, seed: int = 0,
                 max_hidden: int = 6, max_seed: int = 9) -> SliderFigure:
    """A learning-rate slider and buttons for hidden units and seed; loss curve and boundary follow.

    Hidden units and seed are buttons and a list, not sliders: a new (units, seed) pair trains
    a grid of runs (~0.15 s), and a click changes the picture once instead of lagging a drag.
    The slider holds exactly the grid's rates (move it from code with ``view.set(lr=runs.nearest(lr))``).
    """
    controls = {
        "lr": grid_slider(runs.rates, runs.nearest(lr), "learning rate η", ".3g"),
        "n_hidden": choice_buttons(list(range(1, max_hidden + 1)), n_hidden, "hidden units"),
        "seed": dropdown(list(range(max_seed + 1)), seed, "seed"),
    }
    fig = style.new_figure(style.CONTENT_WIDTH, 330)
    left, right = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.45, 1]})
    loss_panel = LossPanel(left, "loss", (LOSS_FLOOR, LOSS_TOP), runs.epochs, "epoch", markers=False)
    boundary = BoundaryPanel(right)

    def update(lr: float, n_hidden: int, seed: int) -> str:
        grid_lr, losses, diverged, net = runs.get(lr, n_hidden, seed)
        readout = f"{hidden_units(n_hidden)}, seed {seed}, " + describe(grid_lr, losses, diverged, net)
        loss_panel.draw(Run(losses, bool(diverged)))
        left.set_title("loss per epoch", color=DIVERGED if diverged else "black")
        boundary.draw(None if diverged else net, "diverged" if diverged else "output (black line: 0.5)")
        return readout

    return SliderFigure(fig, controls, update, name="XOR learning-rate explorer")
