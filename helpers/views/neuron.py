"""Pictures for notebook 04 (one neuron); the math is in :mod:`helpers.maths.neuron`, here it is only drawn.

- :func:`half_loss_figure` notebook 03's loss with and without the ½: same minimum, half the slope
- :func:`neuron_figure` the neuron as a diagram with the numbers of one forward pass
- :func:`sigmoid_figure` σ(a) and its slope σ′(a), with one weighted sum marked
- :class:`SquarePanel` the four corners of the input square, their targets, and the line where y = 0.5
- :func:`explorer` / :func:`rates_side_by_side` the learning-rate slider for the neuron without
  an activation on AND, and its static twin (one column per learning rate)
- :func:`gates_figure` AND, OR and XOR after training: output, boundary line, loss curves
- :func:`xor_lines_figure` the ways one line can split the XOR corners, and what each costs
"""
from __future__ import annotations

import math
from typing import Callable, Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from helpers.maths import neuron as nr
from helpers.maths import roundoff
from helpers.views import style
from helpers.views.controls import SliderFigure
from helpers.views.learning_rate import Run, learning_rate_explorer, learning_rate_grid
from helpers.views.scrubber import unit_line

__all__ = ["half_loss_figure", "neuron_figure", "sigmoid_figure", "SquarePanel", "square_panel", "describe",
           "explorer", "rates_side_by_side", "gates_figure", "xor_lines_figure", "START", "EXPLORER_EPOCHS"]

# The series' palette (helpers.views.style); every colour also comes with a marker or a line style.
BLUE, VERMILLION = style.OKABE_ITO["blue"], style.OKABE_ITO["vermillion"]
GREY, DARK = style.GUIDE, style.CURVE
SQUARE = (-0.3, 1.3)  # the input square with room around the corners
START = (np.array([0.8, -0.4]), 0.1)  # the walkthrough's weights, the start of every training run here
EXPLORER_EPOCHS = 60
LOSS_LIMITS = (1e-12, 1e4)
EXPLORER_SIZE = (style.CONTENT_WIDTH, 320)  # displayed pixels


def _fmt(x: float) -> str:
    """A weight or value for a label: at most 4 decimals, no trailing zeros, no "-0"."""
    return f"{round(x, 4) + 0.0:g}"


# ---------------------------------------------------------------- the ½
def half_loss_figure(x: float = 1.5, t: float = 0.5, w: float = 0.8) -> Figure:
    """(y − t)² and ½(y − t)² over the weight of notebook 03's model y = x·w, with their slopes at ``w``."""
    ws = np.linspace(-0.2, 1.0, 200)
    fig = style.new_figure(560, 300)
    ax = fig.add_subplot()
    w_star = t / x
    for scale, colour, dash, name in ((1.0, DARK, "-", "(y − t)²   (notebook 03)"), (0.5, BLUE, "--", "½(y − t)²   (from here on)")):
        ax.plot(ws, scale * (x * ws - t) ** 2, color=colour, linestyle=dash, linewidth=2, label=name)
        slope = scale * 2 * (x * w - t) * x
        height = scale * (x * w - t) ** 2
        near = np.array([w - 0.12, w + 0.12])
        ax.plot(near, height + slope * (near - w), color=colour, linewidth=1.2, linestyle=":")
        ax.plot([w], [height], "o", color=colour, markersize=6)
        ax.annotate(f"slope {slope:.2f}", (w, height), xytext=(-78, 6) if scale == 1 else (12, -22),
                    textcoords="offset points", fontsize=10, color=colour)
    ax.axvline(w_star, color=GREY, linestyle=":", linewidth=1)
    ax.annotate(f"both lowest at w = {w_star:.4f}", (w_star, 0), xytext=(0.05, 0.55), textcoords="axes fraction",
                fontsize=10, arrowprops={"arrowstyle": "->", "color": GREY})
    ax.set_xlabel("weight w")
    ax.set_ylabel("loss")
    ax.set_ylim(-0.03, 0.75)
    ax.legend(loc="upper left", fontsize=10)
    return fig


# ---------------------------------------------------------------- the neuron as a diagram
def neuron_figure(x: Sequence[float], w: Sequence[float], b: float | None, activation: str | None = "sigmoid",
                  t: float | None = None) -> Figure:
    """Inputs (and the bias's constant 1) on the left, weights on the links, the sum a, then f and y.

    ``b=None`` draws no bias; ``activation=None`` draws no activation (y = a).
    """
    x, w = np.asarray(x, dtype=float), np.asarray(w, dtype=float)
    inputs = [(f"x{k + 1} = {_fmt(v)}", f"w{k + 1} = {_fmt(wk)}") for k, (v, wk) in enumerate(zip(x, w))]
    if b is not None:
        inputs.append(("1", f"b = {_fmt(b)}"))
    a = float(x @ w + (b or 0.0))
    fig = style.new_figure(640, 90 + 55 * len(inputs))
    ax = fig.add_subplot()
    ys = np.linspace(1, 0, len(inputs)) if len(inputs) > 1 else np.array([0.5])
    sum_at, out_at = (2.2, 0.5), (4.6, 0.5)
    for (label, weight), y in zip(inputs, ys):
        ax.annotate("", sum_at, xytext=(0.55, y), arrowprops={"arrowstyle": "->", "color": GREY, "lw": 1.2})
        ax.text(0.5, y, label, ha="right", va="center", fontsize=11,
                bbox={"boxstyle": "round", "facecolor": "#f2f2f2" if label == "1" else "white", "edgecolor": DARK})
        ax.text(0.55 + 0.45 * (sum_at[0] - 0.55), y + 0.45 * (sum_at[1] - y), weight, ha="center", va="bottom",
                fontsize=10, color=BLUE)
    ax.text(*sum_at, "Σ", ha="center", va="center", fontsize=16,
            bbox={"boxstyle": "circle", "facecolor": "white", "edgecolor": DARK})
    if activation is None:
        ax.annotate("", out_at, xytext=(sum_at[0] + 0.25, 0.5), arrowprops={"arrowstyle": "->", "color": GREY})
        ax.text(sum_at[0] + 1.2, 0.56, f"a = {_fmt(a)}", ha="center", va="bottom", fontsize=11)
        y_out = a
    else:
        y_out = float(nr.forward(x, w, b or 0.0, activation))
        f_at = (3.5, 0.5)
        ax.annotate("", f_at, xytext=(sum_at[0] + 0.25, 0.5), arrowprops={"arrowstyle": "->", "color": GREY})
        ax.text((sum_at[0] + f_at[0]) / 2, 0.56, f"a = {_fmt(a)}", ha="center", va="bottom", fontsize=11)
        ax.text(*f_at, "σ", ha="center", va="center", fontsize=15,
                bbox={"boxstyle": "round", "facecolor": "white", "edgecolor": DARK})
        ax.annotate("", out_at, xytext=(f_at[0] + 0.25, 0.5), arrowprops={"arrowstyle": "->", "color": GREY})
    ax.text(out_at[0] + 0.05, 0.5, f"y = {_fmt(y_out)}" + ("" if t is None else f"\n(target t = {_fmt(t)})"),
            ha="left", va="center", fontsize=11, color=VERMILLION)
    ax.set_xlim(-0.9, 6.0)
    ax.set_ylim(-0.25, 1.25)
    ax.axis("off")
    return fig


# ---------------------------------------------------------------- the sigmoid
def sigmoid_figure(a: float = 1.1) -> Figure:
    """σ(a) and σ′(a) = σ(a)(1 − σ(a)) side by side, with the weighted sum ``a`` marked on both."""
    grid = np.linspace(-6, 6, 241)
    fig = style.new_figure(760, 280)
    left, right = fig.subplots(1, 2)
    y, slope = nr.sigmoid(a), nr.sigmoid_slope(a)
    left.plot(grid, nr.sigmoid(grid), color=DARK, linewidth=2)
    left.plot([a], [y], "o", color=VERMILLION)
    left.annotate(f"σ({_fmt(a)}) = {y:.4f}", (a, y), xytext=(10, -22), textcoords="offset points", fontsize=10)
    near = np.array([a - 1.5, a + 1.5])
    left.plot(near, y + slope * (near - a), color=VERMILLION, linestyle="--", linewidth=1.2,
              label=f"slope σ′({_fmt(a)}) = {slope:.4f}")
    left.set_title("σ(a) = 1 / (1 + e^(−a))")
    left.set_ylim(-0.05, 1.05)
    left.legend(loc="upper left", fontsize=10)
    right.plot(grid, nr.sigmoid_slope(grid), color=BLUE, linewidth=2)
    right.plot([a], [slope], "s", color=VERMILLION)
    right.annotate(f"σ′({_fmt(a)}) = {slope:.4f}", (a, slope), xytext=(10, 4), textcoords="offset points", fontsize=10)
    right.set_title("its slope σ′(a) = σ(a)·(1 − σ(a))")
    right.set_ylim(-0.01, 0.28)
    right.axhline(0.25, color=GREY, linestyle=":", linewidth=1)
    right.text(-5.8, 0.255, "at most ¼", fontsize=10, color=GREY)
    for ax in (left, right):
        ax.set_xlabel("weighted sum a")
        ax.grid(True, alpha=0.3)
    return fig


# ---------------------------------------------------------------- the input square
class SquarePanel:
    """The input square: each corner with its target (filled circle = 1, open square = 0) and the line y = 0.5.

    :meth:`draw` moves the line (and, with ``shade=True``, recolours the output) in place.
    """

    def __init__(self, ax: Axes, t: Sequence[float], activation: str = "sigmoid", shade: bool = False,
                 title: str = ""):
        self.ax, self.activation = ax, activation
        t = np.asarray(t, dtype=float)
        self.mesh = None
        if shade:
            grid = np.linspace(*SQUARE, 61)
            self.g1, self.g2 = np.meshgrid(grid, grid)
            self.mesh = ax.imshow(np.full(self.g1.shape, 0.5), extent=(*SQUARE, *SQUARE), origin="lower",
                                  cmap="RdBu_r", vmin=0, vmax=1, alpha=0.45, interpolation="bilinear", zorder=0.5)
        (self.line,) = ax.plot([], [], color=DARK, linewidth=2, zorder=2, label="y = 0.5")
        # Says why there is no line, where there is none (a run that diverged, a line outside the square).
        self.note = ax.text(0.5, 0.5, "", transform=ax.transAxes, ha="center", va="center", color=DARK,
                            zorder=4, bbox=dict(facecolor="white", edgecolor="none", alpha=0.85))
        ones, zeros = nr.GATE_X[t == 1], nr.GATE_X[t == 0]
        ax.scatter(*ones.T, s=110, marker="o", color=VERMILLION, edgecolor=DARK, zorder=3, label="target 1")
        ax.scatter(*zeros.T, s=110, marker="s", facecolor="white", edgecolor=BLUE, linewidth=2, zorder=3,
                   label="target 0")
        ax.set_xlim(*SQUARE)
        ax.set_ylim(*SQUARE)
        ax.set_aspect("equal")
        ax.set_xticks([0, 1])
        ax.set_yticks([0, 1])
        ax.set_xlabel("x1", labelpad=-6)
        ax.set_ylabel("x2", labelpad=-6)
        if title:
            ax.set_title(title)

    def draw(self, w: Sequence[float], b: float, title: str | None = None) -> None:
        """Put the line where y = 0.5 for weights ``w`` and bias ``b`` (none if both weights are 0)."""
        w = np.asarray(w, dtype=float)
        if not (np.all(np.isfinite(w)) and math.isfinite(b)):
            self.line.set_data([], [])
            self.note.set_text("no line y = 0.5:\nthe weights diverged")
        elif np.abs(w).max() < 1e-9:
            self.line.set_data([], [])
            self.note.set_text("no line y = 0.5:\nboth weights are 0")
        else:
            c1, c2, c0 = nr.boundary(w, b, activation=self.activation)
            xs, ys = _segment(c1, c2, c0)
            self.line.set_data(xs, ys)
            self.note.set_text("" if xs.size else "the line y = 0.5\nlies outside the square")
        if self.mesh is not None:
            y = nr.forward(np.column_stack([self.g1.ravel(), self.g2.ravel()]), w, b, self.activation)
            self.mesh.set_data(np.clip(y, -1, 2).reshape(self.g1.shape))
        if title is not None:
            self.ax.set_title(title)


def _segment(c1: float, c2: float, c0: float) -> tuple[np.ndarray, np.ndarray]:
    """The part of the line c1·x1 + c2·x2 + c0 = 0 inside the drawn square, as (xs, ys) (empty if it misses it)."""
    ends = unit_line((c0, c1, c2), (*SQUARE, *SQUARE))
    return (np.array([]), np.array([])) if ends is None else (ends[:, 0], ends[:, 1])


def square_panel(t: Sequence[float], activation: str) -> Callable[[Axes], Callable[[float, Run], None]]:
    """A second panel for the learning-rate explorer: the line y = 0.5 after training (run.data is a Training)."""
    def setup(ax: Axes) -> Callable[[float, Run], None]:
        panel = SquarePanel(ax, t, activation)

        def draw(lr: float, run: Run) -> None:
            panel.draw(run.data.w, run.data.b)

        return draw

    return setup


# ---------------------------------------------------------------- the learning-rate slider
def _train_linear_on(t: np.ndarray, epochs: int) -> Callable[[float], Run]:
    """Training without an activation from :data:`START`; the losses are shown above the lowest possible loss."""
    w0, b0 = START
    lowest = nr.best_plane(nr.GATE_X, t)[2]

    def train(lr: float) -> Run:
        run = nr.train(nr.GATE_X, t, w0, b0, lr=lr, epochs=epochs, activation="identity")
        return Run(np.maximum(run.losses - lowest, 0.0), run.diverged, run)

    return train


def describe(curvature: float) -> Callable[[float, Run], str]:
    """The readout: the step factor 03's rule gives for the steepest curvature, the regime, and the loss reached.

    The loss is given above its lowest (as the curve shows it): every run that settles ends near 1/32, so
    "loss 0.0313" could not tell them apart. Gaps below 1e-12 are round-off and print as "< 1e-12".
    """
    def readout(lr: float, run: Run) -> str:
        losses = run.data.losses
        factor = 1 - lr * curvature
        rate = f"{lr:.4f}".rstrip("0").rstrip(".")  # 0.3, 1, and 1/λ, 2/λ as 0.6277, 1.2554
        if run.diverged:
            return f"rate {rate}: factor {factor:+.2f}, diverged (loss {losses[-1]:.2g} after {losses.size - 1} epochs)"
        gap = run.losses[-1]  # the loss above its lowest
        return (f"rate {rate}: factor {factor:+.2f}, {nr.regime(lr, curvature)}, "
                f"loss {roundoff.text(gap, '.1e')} above its lowest")

    return readout


LOSS_LABEL = "loss above its lowest"


def explorer(lr: float = 0.3, gate: str = "AND", epochs: int = EXPLORER_EPOCHS) -> SliderFigure:
    """A learning-rate slider training the neuron without activation on ``gate``: loss curve and the line y = 0.5.

    Besides round rates from 0.01 to 10 the slider holds 1/λ and 2/λ exactly (λ the steepest
    curvature), where 03's rule says the regime changes.
    """
    t = nr.GATES[gate]
    curvature = float(nr.curvatures(nr.GATE_X)[-1])
    return learning_rate_explorer(_train_linear_on(t, epochs), lr=lr, lr_min=0.01, lr_max=10.0,
                                  include=(1 / curvature, 2 / curvature), panel=square_panel(t, "identity"),
                                  describe=describe(curvature), loss_label=LOSS_LABEL, loss_limits=LOSS_LIMITS,
                                  steps=epochs, step_label="epoch",
                                  name="learning rate → loss curve and boundary line",
                                  size=EXPLORER_SIZE)


def rates_side_by_side(lrs: Sequence[float], gate: str = "AND", epochs: int = EXPLORER_EPOCHS) -> Figure:
    """The explorer's static twin: one row per learning rate, loss curve left, boundary line right."""
    t = nr.GATES[gate]
    curvature = float(nr.curvatures(nr.GATE_X)[-1])
    return learning_rate_grid(_train_linear_on(t, epochs), list(lrs), panel=square_panel(t, "identity"),
                              describe=describe(curvature), loss_label=LOSS_LABEL, loss_limits=LOSS_LIMITS,
                              step_label="epoch")


# ---------------------------------------------------------------- the gates after training
def gates_figure(runs: dict[str, nr.Training]) -> Figure:
    """One square per gate, shaded by the trained neuron's output with its line y = 0.5; the loss curves below."""
    fig = style.new_figure(840, 520)
    top, bottom = fig.subfigures(2, 1, height_ratios=[1.25, 1])
    squares = top.subplots(1, len(runs))
    for ax, (gate, run) in zip(np.atleast_1d(squares), runs.items()):
        t = nr.GATES[gate]
        right = nr.right_count(nr.GATE_X, t, run.w, run.b, run.activation)
        panel = SquarePanel(ax, t, run.activation, shade=True)
        panel.draw(run.w, run.b, f"{gate}: loss {run.losses[-1]:.4f}, {right} of 4 right")
    top.legend(*squares[0].get_legend_handles_labels(), loc="outside lower center", ncol=3, fontsize=10,
               frameon=False)
    ax = bottom.subplots()
    for k, (gate, run) in enumerate(runs.items()):
        ax.plot(np.arange(run.losses.size), run.losses, color=(VERMILLION, BLUE, DARK)[k % 3],
                linestyle=("-", "--", "-.")[k % 3], linewidth=2, label=gate)
    ax.set_yscale("log")
    ax.set_xlabel("epoch")
    ax.set_ylabel("loss (log scale)")
    ax.grid(True, which="major", alpha=0.3)
    ax.legend(loc="lower left", fontsize=10)
    return fig


def xor_lines_figure() -> Figure:
    """Three kinds of split of the XOR corners: one corner off (1/12), two neighbours off (1/8), the diagonal (no line)."""
    t = nr.GATES["XOR"]
    fig = style.new_figure(840, 300)
    axes = fig.subplots(1, 3)
    one_corner = np.array([True, False, False, False])
    neighbours = np.array([True, True, False, False])
    cases = [(one_corner, (1.0, 1.0, -0.5)), (neighbours, (1.0, 0.0, -0.5))]
    for ax, (mask, line) in zip(axes, cases):
        SquarePanel(ax, t, "identity")
        ax.get_lines()[0].set_data(*_segment(*line))
        outputs = nr.split_outputs(t, mask)
        for (x1, x2), y in zip(nr.GATE_X, outputs):
            ax.annotate(f"{y:.2f}", (x1, x2), xytext=(9, 7), textcoords="offset points", fontsize=10)
        ax.set_title(f"loss {nr.split_loss(t, mask):.4f}, {nr.count_right(outputs, t)} of 4 right")
    ax = axes[2]
    SquarePanel(ax, t, "identity")
    for c0 in (-0.5, -1.5):  # the band between x1 + x2 = 0.5 and x1 + x2 = 1.5
        ax.plot(*_segment(1.0, 1.0, c0), color=DARK, linestyle="--", linewidth=2)
    ax.set_title("the split XOR needs: two lines")
    return fig
