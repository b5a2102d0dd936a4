"""A matplotlib figure redrawn in place behind sliders.

Why not ``interact`` + inline plots: that makes a new figure per move (about 120 ms a
round trip here) and its Output widget prints differently under nbval. Instead one
:class:`matplotlib.figure.Figure` is kept, the ``update`` callback changes its artists'
data, and the figure is rendered to PNG into an ``ipywidgets.Image``. No extra package
is needed, and the saved notebook keeps the last picture in its widget state.

Speed: the parts ``update`` never touches (axes, ticks, labels, static curves) are drawn
once and kept as a background bitmap; a move redraws only the artists whose data changed
(found from matplotlib's ``stale`` flags) on top of it. Anything that could move the
background (new or removed artists, changed limits, images) triggers a full redraw, so
``update`` may do whatever it likes; it is only faster when it just sets data and text.
The figure's layout (e.g. ``layout="constrained"``) is computed once, at the first draw,
and then kept, so the axes stay put while a slider moves.
"""
from __future__ import annotations

import io
import time
from typing import Callable

import ipywidgets as widgets
import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure, SubFigure
from matplotlib.image import AxesImage
from PIL import Image

__all__ = ["SliderFigure", "render_png", "show_figure"]



def render_png(fig: Figure, dpi: float = 80) -> bytes:
    """Draw ``fig`` with Agg and return PNG bytes (no pyplot, so nothing is shown twice)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()


def show_figure(fig: Figure, dpi: float = 80) -> None:
    """Display a static figure as a PNG only (no text repr), for the picture beside every widget."""
    from IPython.display import display

    display({"image/png": render_png(fig, dpi)}, raw=True)


def _drawn_children(container: Figure | SubFigure | Axes) -> list[Artist]:
    """The children matplotlib actually draws, as ``Axes.draw`` picks them (no frame when the axis is off)."""
    children = container.get_children()
    if isinstance(container, Axes):
        if not container.get_visible():
            return []
        hidden = {id(container.patch)} if not (container.axison and container.get_frame_on()) else set()
        if not (container.axison and container.get_frame_on()):
            hidden |= {id(spine) for spine in container.spines.values()}
        if not container.axison:
            hidden |= {id(axis) for axis in container._axis_map.values()}
        children = [a for a in children if id(a) not in hidden]
    return sorted(children, key=lambda a: a.get_zorder())


def _overlap_groups(fig: Figure) -> dict[int, int]:
    """Axes id -> group id, where axes that overlap (twinx, insets) share a group and so one moving layer."""
    groups: list[tuple[int, list]] = []
    owner = {}
    for ax in fig.axes:
        box = ax.get_position()
        group = next((g for g, boxes in groups if any(box.overlaps(b) for b in boxes)), None)
        if group is None:
            group = id(ax)
            groups.append((group, []))
        next(boxes for g, boxes in groups if g == group).append(box)
        owner[id(ax)] = group
    return owner


def _leaves(container: Figure | SubFigure | Axes, groups: dict[int, int] | None = None) -> list[tuple[int, Artist]]:
    """(group id, artist) for every drawable artist, in drawing order; axes are opened, the rest are leaves."""
    if groups is None:
        groups = _overlap_groups(container) if isinstance(container, Figure) else {}
    found = []
    for artist in _drawn_children(container):
        if isinstance(artist, (Axes, SubFigure)):
            found.extend(_leaves(artist, groups))
        else:
            found.append((groups.get(id(container), id(container)), artist))
    return found


def _moving_layer(leaves: list[tuple[int, Artist]], changed: list[Artist]) -> list[Artist]:
    """Within each axes (or group of overlapping axes), the first changed artist and all drawn after it."""
    changed_ids = {id(a) for a in changed}
    started: set[int] = {owner for owner, artist in leaves if id(artist) in changed_ids}
    layer, open_owners = [], set()
    for owner, artist in leaves:
        if owner in started and (owner in open_owners or id(artist) in changed_ids):
            open_owners.add(owner)
            layer.append(artist)
    if any(isinstance(a, AxesImage) for a in layer):  # Agg draws images even when animated: no blitting
        return []
    return layer


class _FastCanvas:
    """Agg rendering of one figure that keeps a background bitmap and redraws only what moved."""

    def __init__(self, fig: Figure, dpi: float):
        fig.set_dpi(dpi)
        self.fig, self.canvas = fig, FigureCanvasAgg(fig)
        self.background = None  # bitmap of everything except the moving layer
        self.moving: list[Artist] = []
        self.known: list[Artist] = []  # the artist tree when the background was made
        self.geometry = None

    def _geometry(self) -> tuple:
        """Everything that moves pixels of the background: sizes, axes positions, limits, scales."""
        axes = [(tuple(ax.get_position().bounds), tuple(ax.viewLim.bounds), ax.get_xscale(), ax.get_yscale())
                for ax in self.fig.axes]
        return tuple(self.fig.get_size_inches()), self.fig.dpi, tuple(axes)

    def png(self) -> bytes:
        """Render the figure as PNG: blit the moving layer when only it changed, else draw everything."""
        leaves = _leaves(self.fig)
        artists = [artist for _, artist in leaves]
        moving_ids = {id(a) for a in self.moving}
        stale = [a for a in artists if a.stale]
        can_blit = (self.background is not None and artists == self.known
                    and all(id(a) in moving_ids for a in stale) and self._geometry() == self.geometry)
        if can_blit:
            self.canvas.restore_region(self.background)
        else:
            self._rebuild(leaves, stale)
        for artist in self.moving:
            self.fig.draw_artist(artist)
        rgba = np.asarray(self.canvas.buffer_rgba())
        buf = io.BytesIO()
        Image.fromarray(rgba[..., :3]).save(buf, format="png", compress_level=1)
        return buf.getvalue()

    def _rebuild(self, leaves: list[tuple[int, Artist]], stale: list[Artist]) -> None:
        """Full draw; what changed since the last draw becomes the moving layer (from the second draw on)."""
        if self.background is not None:
            self.moving = _moving_layer(leaves, self.moving + stale)
        moving_ids = {id(a) for a in self.moving}
        for _, artist in leaves:
            artist.set_animated(id(artist) in moving_ids)
        self.canvas.draw()
        # Keep the first layout: axes that shift while a slider moves are hard to read, and
        # re-running constrained layout costs ~100 ms per full draw.
        self.fig.set_layout_engine("none")
        self.background = self.canvas.copy_from_bbox(self.fig.bbox)
        self.known, self.geometry = [artist for _, artist in leaves], self._geometry()


def _set_without_echo(control: widgets.ValueWidget, value) -> None:
    """Set a control's value from code so the browser does not send a snapped copy back.

    A browser slider snaps a value it receives onto its step grid and, while
    ``continuous_update`` is on, sends the snapped value back. Under "Run All" those
    echoes reach the kernel after the last cell, so a cell that tried several values
    would end on an earlier one. Switching ``continuous_update`` off around the move
    (the browser applies the three messages in order) stops the echo; drags stay live.
    """
    live = getattr(control, "continuous_update", None)
    if live:
        control.continuous_update = False
    try:
        control.value = value
    finally:
        if live:
            control.continuous_update = True


class SliderFigure:
    """Controls + one figure: moving a control calls ``update(**values)`` and redraws.

    ``update`` changes the figure's artists and returns a short readout text (for
    example "final cost 0.0012" or "diverged"), shown above the figure and kept in
    :attr:`readout` so a later notebook cell can print what the plot shows.
    """

    def __init__(self, fig: Figure, controls: dict[str, widgets.ValueWidget],
                 update: Callable[..., str], *, name: str = "interactive figure", dpi: float = 80):
        if not isinstance(fig, Figure):
            raise TypeError(f"fig must be a matplotlib Figure, got {type(fig).__name__}")
        if not controls:
            raise ValueError("controls must name at least one widget, e.g. {'rate': FloatLogSlider()}")
        self.fig, self.controls, self.update, self.name, self.dpi = fig, controls, update, name, dpi
        self._canvas = _FastCanvas(fig, dpi)
        self.image = widgets.Image(format="png")
        self.label = widgets.HTML()
        self.readout = ""
        self.last_redraw_ms = 0.0
        for control in controls.values():
            control.observe(lambda _change: self.redraw(), names="value")
        self.box = widgets.VBox([widgets.HBox(list(controls.values())), self.label, self.image])
        self.redraw()

    def values(self) -> dict:
        """The current value of every control, by name."""
        return {name: control.value for name, control in self.controls.items()}

    def redraw(self) -> None:
        """Run ``update`` with the controls' values and render the figure into the image."""
        start = time.perf_counter()
        self.readout = self.update(**self.values())
        self.label.value = f"<b>{self.readout}</b>"
        self.image.value = self._canvas.png()
        self.last_redraw_ms = (time.perf_counter() - start) * 1000

    def set(self, **values) -> str:
        """Move controls from code (as a learner would) and return the new readout."""
        unknown = set(values) - set(self.controls)
        if unknown:
            raise ValueError(f"unknown control(s) {sorted(unknown)}; this figure has {sorted(self.controls)}")
        for name, value in values.items():
            _set_without_echo(self.controls[name], value)
        return self.readout

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.box._repr_mimebundle_(**kwargs)
        # A stable one-liner instead of the widget repr (which embeds PNG bytes), so
        # nbval compares something meaningful and static viewers show a plain note.
        bundle["text/plain"] = f"[{self.name}: move the controls in a live kernel]"
        return bundle
