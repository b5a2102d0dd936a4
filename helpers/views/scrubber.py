"""Watch one training run: copies of the network taken while it trains, an epoch scrubber over
them (a slider and a Play button), and a strip of stills that tells the same story on paper.

End states hide how a network got there (a long plateau looks like "stuck" at the wrong
moment). Here the run is trained once, keeping a copy every few epochs; scrubbing only
redraws, so it stays quick.

- the run itself, a :class:`helpers.maths.recording.Recording`, comes from
  :func:`helpers.maths.recording.record`
- ``scrubber(recording) -> SliderFigure``  an epoch slider + Play over the loss curve (with a
  marker at that epoch) and the boundary over the data (each hidden unit's line, the outputs)
- ``strip(recording, epochs) -> Figure``  the static twin: the loss curve with the chosen
  epochs marked, above one still of the boundary per epoch
- ``TrainingPanels``  the two panels, drawn for one snapshot (shared by both views)
"""
from __future__ import annotations

import string
from typing import Sequence

import ipywidgets as widgets
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from helpers.maths import network, roundoff
from helpers.maths.recording import Recording
from helpers.views import style
from helpers.views.controls import SliderFigure
from helpers.views.network import MAP_RESOLUTION, BoundaryPanel, format_outputs

__all__ = ["TrainingPanels", "scrubber", "strip", "unit_line", "describe", "draw_losses"]

UNIT_DASHES = ["--", ":", "-.", (0, (5, 1, 1, 1, 1, 1)), (0, (8, 2)), (0, (1, 3))]
TRAIN_COLOUR, HELD_COLOUR, MARK_COLOUR = style.LOSS, style.SERIES[1], style.CURVE
WIDTH_PX = style.CONTENT_WIDTH  # both views fill the notebook's width, no wider
LOSS_FLOOR = 1e-16  # losses below this sit on the plot's floor (round-off only down there)


def unit_line(weights: np.ndarray, extent: Sequence[float]) -> np.ndarray | None:
    """The part of the line w0 + w1·x1 + w2·x2 = 0 inside the box ``extent`` (x1 lo, hi, x2 lo, hi),
    as two end points, or None when the line misses the box (or the unit ignores both inputs)."""
    w0, w1, w2 = (float(w) for w in weights)
    lo1, hi1, lo2, hi2 = extent
    found = []
    if abs(w2) > 1e-12:  # where the line meets the left and right edges
        found += [(x1, -(w0 + w1 * x1) / w2) for x1 in (lo1, hi1)]
    if abs(w1) > 1e-12:  # ... and the bottom and top edges
        found += [(-(w0 + w2 * x2) / w1, x2) for x2 in (lo2, hi2)]
    tol = 1e-9 * max(hi1 - lo1, hi2 - lo2)
    inside = [p for p in found if lo1 - tol <= p[0] <= hi1 + tol and lo2 - tol <= p[1] <= hi2 + tol]
    if len(inside) < 2:
        return None
    points = np.clip(np.array(inside), [lo1, lo2], [hi1, hi2])
    far = np.argmax([np.hypot(*(p - points[0])) for p in points])  # the two ends of the chord
    ends = points[[0, far]]
    return ends if np.hypot(*(ends[1] - ends[0])) > tol else None


class TrainingPanels:
    """The loss of the whole run with a marker at one epoch, and the boundary at that epoch.

    The loss curves are drawn once; a new epoch moves the marker, recolours the output mesh,
    and moves the level line, the hidden units' lines and the output labels (all in place).
    ``units`` draws each hidden unit's line (where its weighted sum is 0: the unit is halfway);
    ``outputs`` writes the network's output next to every training point (for a few points).
    """

    def __init__(self, loss_ax: Axes | None, boundary_ax: Axes, recording: Recording, *, units: bool = True,
                 outputs: bool = True, resolution: int = MAP_RESOLUTION):
        self.recording, self.loss_ax, self.ax = recording, loss_ax, boundary_ax
        self.boundary = BoundaryPanel(boundary_ax, resolution, recording.X, recording.t)
        self.extent = self.boundary.extent
        if loss_ax is not None:
            self.floor = draw_losses(loss_ax, recording.result)
            # above the frame it crosses at the top and bottom (spines are at zorder 2.5)
            self.epoch_line = loss_ax.axvline(0, color=MARK_COLOUR, lw=1.2, zorder=3.5)
            (self.marks,) = loss_ax.plot([], [], "o", color=MARK_COLOUR, ms=6, zorder=3.6)
        self._units_and_outputs(recording, units, outputs)

    def _units_and_outputs(self, recording: Recording, units: bool, outputs: bool) -> None:
        ax, (_, _, lo2, hi2) = self.ax, self.extent
        self.unit_lines = []
        if units:
            for j in range(recording.nets[0].n_hidden):
                (line,) = ax.plot([], [], color="#263238", lw=1.1, ls=UNIT_DASHES[j % len(UNIT_DASHES)], zorder=3.15)
                label = ax.text(0, 0, f"z{j + 1}", fontsize=10, ha="center", va="center", zorder=3.25, visible=False,
                                bbox=dict(boxstyle="square,pad=0.15", facecolor="white", edgecolor="none", alpha=0.8))
                self.unit_lines.append((line, label))
        self.output_labels = []
        if outputs:  # each output written beside its point, on the side towards the middle
            for x1, x2 in recording.X:
                below = x2 > (lo2 + hi2) / 2
                self.output_labels.append(ax.text(
                    x1, x2 + (-0.07 if below else 0.07) * (hi2 - lo2), "", fontsize=10, ha="center",
                    va="top" if below else "bottom", zorder=3.3,
                    bbox=dict(boxstyle="square,pad=0.15", facecolor="white", edgecolor="none", alpha=0.85)))

    def _label_place(self, ends: np.ndarray) -> np.ndarray:
        """Where a unit's label goes: near the end of its line that is farther from the samples (and
        their output labels), far enough inside the square that the whole label fits."""
        lo1, hi1, lo2, hi2 = self.extent
        margin = 0.07 * np.array([hi1 - lo1, hi2 - lo2])
        places = [np.clip(ends[0] + f * (ends[1] - ends[0]), [lo1, lo2] + margin, [hi1, hi2] - margin)
                  for f in (0.15, 0.85)]
        crowd = np.vstack([self.recording.X] + [label.get_position() for label in self.output_labels])
        return max(places, key=lambda p: np.min(np.hypot(*(crowd - p).T)))

    def draw(self, epoch: int) -> tuple[int, network.Network]:
        """Show the kept epoch nearest to ``epoch``; returns that epoch and its network."""
        epoch, net = self.recording.at(epoch)
        result = self.recording.result
        if self.loss_ax is not None:
            self.epoch_line.set_xdata([epoch, epoch])
            losses = [result.losses[epoch]] + ([result.val_losses[epoch]] if result.val_losses is not None else [])
            self.marks.set_data([epoch] * len(losses), np.clip(losses, self.floor, None))
        self.boundary.draw(net)
        for (line, label), weights in zip(self.unit_lines, net.W):
            ends = unit_line(weights, self.extent)
            line.set_data(*(ends.T if ends is not None else ([], [])))
            label.set_visible(ends is not None)
            if ends is not None:
                label.set_position(self._label_place(ends))
        if self.output_labels:
            for label, value in zip(self.output_labels, network.predict(net, self.recording.X)):
                label.set_text(f"{round(value, 2) + 0.0:.2f}")
        return epoch, net


def draw_losses(ax: Axes, result: network.TrainResult) -> float:
    """The run's loss per epoch on a log scale (held-out loss dashed); returns the loss below which
    points are drawn at that loss (LOSS_FLOOR, or the lowest loss), inside the axes."""
    epochs = np.arange(result.losses.size)
    shown = [result.losses] + ([result.val_losses] if result.val_losses is not None else [])
    floor = max(LOSS_FLOOR, min(float(np.nanmin(s)) for s in shown))
    top = max(float(np.nanmax(s)) for s in shown)
    # Room above the highest and below the lowest loss, so the epoch marker there stays whole: a factor 2,
    # or 6 % of the decades shown when they are many (05's quick run spans 6 decades: 0.36 of one).
    room = 10 ** max(np.log10(2), 0.06 * np.log10(top / floor))
    ax.plot(epochs, np.clip(result.losses, floor, None), color=TRAIN_COLOUR, lw=1.6,
            label="training loss" if result.val_losses is not None else "loss")
    if result.val_losses is not None:
        ax.plot(epochs, np.clip(result.val_losses, floor, None), color=HELD_COLOUR, lw=1.6, ls="--",
                label="held-out loss")
        ax.legend(loc="upper right")
    pad = 0.02 * epochs[-1]  # the epoch marker at 0 and at the last epoch stays whole inside the axes
    ax.set(yscale="log", ylim=(floor / room, top * room), xlim=(-pad, epochs[-1] + pad), xlabel="epoch",
           ylabel="loss (log scale)")
    ax.grid(True, alpha=0.3)
    return floor


def describe(recording: Recording, epoch: int, outputs: bool = True) -> str:
    """The readout at one kept epoch: its loss(es) and, for a few points, the outputs to two decimals."""
    epoch, net = recording.at(epoch)
    result = recording.result
    if result.val_losses is None:
        text = f"epoch {epoch}: loss {roundoff.text(result.losses[epoch])}"
    else:
        text = (f"epoch {epoch}: training loss {roundoff.text(result.losses[epoch])}, "
                f"held-out loss {roundoff.text(result.val_losses[epoch])}")
    if outputs:
        text += f", outputs {format_outputs(net, recording.X)}"
    return text


def _figure(recording: Recording, units: bool, outputs: bool) -> tuple[Figure, TrainingPanels]:
    fig = style.new_figure(WIDTH_PX, 340)
    loss_ax, boundary_ax = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.45, 1]})
    return fig, TrainingPanels(loss_ax, boundary_ax, recording, units=units, outputs=outputs)


def scrubber(recording: Recording, *, title: str = "", units: bool = True, outputs: bool | None = None,
             epoch: int = 0, interval_ms: int = 150) -> SliderFigure:
    """An epoch slider and a Play button over one recorded run; the picture follows every move.

    ``outputs`` defaults to writing the outputs when there are at most 4 training points (XOR).
    """
    outputs = len(recording.t) <= 4 if outputs is None else outputs
    last, every = int(recording.epochs[-1]), recording.every
    slider = widgets.IntSlider(value=recording.at(epoch)[0], min=0, max=last, step=every, description="epoch",
                               continuous_update=True)
    fig, panels = _figure(recording, units, outputs)
    if title:
        panels.loss_ax.set_title(title)

    def update(epoch: int) -> str:
        shown, _ = panels.draw(epoch)
        return describe(recording, shown, outputs)

    return SliderFigure(fig, {"epoch": slider}, update, name="epoch scrubber", play="epoch",
                        interval_ms=interval_ms, frames=film_frames(recording))


def film_frames(recording: Recording, even: int = 60, busy: int = 40) -> list[int] | None:
    """The epochs Play shows when the run keeps more than ``even + busy`` of them (None: every kept one):
    ``even`` evenly spaced, and the ``busy`` kept epochs after which the network's outputs on the
    training points moved most, so what happens fast (an escape from a plateau) gets screen time."""
    epochs = recording.epochs
    if len(epochs) <= even + busy:
        return None
    outputs = np.array([network.predict(net, recording.X) for net in recording.nets])
    moved = np.abs(np.diff(np.nan_to_num(outputs, nan=0.0, posinf=0.0, neginf=0.0), axis=0)).sum(axis=1)
    chosen = set(np.linspace(0, len(epochs) - 1, even).round().astype(int)) | set(np.argsort(moved)[-busy:] + 1)
    return [int(epochs[i]) for i in sorted(chosen)]


def strip(recording: Recording, epochs: Sequence[int], *, title: str = "", units: bool = True,
          outputs: bool | None = None) -> Figure:
    """The scrubber on paper: the loss curve with ``epochs`` marked A, B, … above one still per epoch."""
    outputs = len(recording.t) <= 4 if outputs is None else outputs
    epochs = [recording.at(e)[0] for e in epochs]
    if not 1 <= len(epochs) <= 6:
        raise ValueError(f"give 1 to 6 epochs for the stills, got {len(epochs)}")
    n = len(epochs)
    still = min(WIDTH_PX / n, 200)  # px: each still is square
    fig = style.new_figure(WIDTH_PX, 210 + still + 40)
    grid = fig.add_gridspec(2, n, height_ratios=[210, still])
    loss_ax = fig.add_subplot(grid[0, :])
    floor = draw_losses(loss_ax, recording.result)
    low, high = loss_ax.get_ylim()
    loss_ax.set_ylim(low, high * 30)  # head room for the letters above the marks
    for i, epoch in enumerate(epochs):
        ax = fig.add_subplot(grid[1, i])
        still_panels = TrainingPanels(None, ax, recording, units=units, outputs=outputs)
        still_panels.draw(epoch)
        for _, label in still_panels.unit_lines:  # too small for names: the scrubber has them
            label.set_visible(False)
        letter = string.ascii_uppercase[i]
        ax.set_title(f"{letter}: epoch {epoch}")
        ax.set(xlabel="", ylabel="", xticks=[], yticks=[])
        where = (epoch, max(recording.result.losses[epoch], floor))
        loss_ax.plot(*where, "o", color=MARK_COLOUR, ms=6, zorder=4)
        loss_ax.annotate(letter, where, xytext=(0, 7), textcoords="offset points", ha="center",
                         fontsize=10, fontweight="bold")
    if title:
        loss_ax.set_title(title)
    return fig
