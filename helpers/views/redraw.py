"""The partial redraw behind every slider picture: draw what never moves once, then only what moved.

The parts ``update`` never touches (axes, ticks, labels, static curves) are drawn
once and kept as a background bitmap; a move redraws only the artists whose data changed
(found from matplotlib's ``stale`` flags) on top of it. Anything that could move the
background (new or removed artists, changed limits, images) triggers a full redraw, so
``update`` may do whatever it likes; it is only faster when it just sets data and text.
The figure's layout (e.g. ``layout="constrained"``) is computed once, at the first draw,
and then kept, so the axes stay put while a slider moves.

What counts as changed: an artist matplotlib marked stale, or a mesh or image given a new
array (``set_array`` marks nothing). Plotting code only sets data; it needs no flags of its own.
Drawing code may put static artists (legends, keys) below the moving ones so they stay in the
background, but nothing here depends on it: an artist drawn after a moving one is redrawn with it.

Measured (benchmarks/redraw_compare.py, every control of every notebook, 20 moves each, kernel
side, 2 cores): p50 over the controls 23 ms with this partial redraw, 78 ms with a plain full
redraw of the same figures (worst control 59 ms against 124 ms), above the 30 ms the series
allows a control, so the partial redraw stays.
"""
from __future__ import annotations

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.cm import ScalarMappable
from matplotlib.figure import Figure, SubFigure
from matplotlib.image import AxesImage
from matplotlib.patches import Patch

from helpers.views.show import compact_png, encode_png

__all__ = ["FastCanvas"]


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
    ordered = sorted(children, key=lambda a: a.get_zorder())
    if container.patch in ordered:  # the background patch is drawn first, whatever its zorder (as Axes.draw does)
        ordered = [container.patch] + [a for a in ordered if a is not container.patch]
    return ordered


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
    if any(isinstance(a, Patch) and isinstance(getattr(a, "figure", None), Figure) and a is a.figure.patch
           for a in layer):  # the figure's background lies under every axes: redraw all of it
        return []
    return layer


class FastCanvas:
    """Agg rendering of one figure that keeps a background bitmap and redraws only what moved."""

    def __init__(self, fig: Figure, dpi: float):
        fig.set_dpi(dpi)
        self.fig, self.canvas = fig, FigureCanvasAgg(fig)
        self.background = None  # bitmap of everything except the moving layer
        self.moving: list[Artist] = []
        self.known: list[Artist] = []  # the artist tree when the background was made
        self.geometry = None
        self.colours: dict[int, object] = {}  # mappable (mesh, image) -> the array it was drawn with (kept alive)

    def _new_colours(self, artist: Artist) -> bool:
        """A mesh or image handed a new array: ``set_array`` does not mark it stale, so it is noticed here."""
        if not isinstance(artist, ScalarMappable) or id(artist) not in self.colours:
            return False
        return self.colours[id(artist)] is not artist.get_array()

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
        stale = [a for a in artists if a.stale or self._new_colours(a)]
        can_blit = (self.background is not None and artists == self.known
                    and all(id(a) in moving_ids for a in stale) and self._geometry() == self.geometry)
        if can_blit:
            self.canvas.restore_region(self.background)
        else:
            self._rebuild(leaves, stale)
        for artist in self.moving:
            self.fig.draw_artist(artist)
        # Drawing re-marks some artists stale (an annotation re-places its arrow each time);
        # clear that, so the next move sees only what update() changed.
        for artist in artists:
            artist.stale = False
        self.colours = {id(a): a.get_array() for a in artists if isinstance(a, ScalarMappable)}
        return encode_png(np.asarray(self.canvas.buffer_rgba()))

    def compact_png(self) -> bytes:
        """The picture last rendered, in 256 colours (about a quarter of the bytes)."""
        return compact_png(np.asarray(self.canvas.buffer_rgba())[..., :3])

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
