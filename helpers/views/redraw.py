"""The partial redraw behind every slider picture: draw what never moves once, then only what moved.

The parts ``update`` never touches (axes, ticks, labels, static curves) are drawn
once and kept as a background bitmap; a move redraws only the artists whose data changed
(found from matplotlib's ``stale`` flags) on top of it. Anything that could move the
background (new or removed artists, changed limits, images) triggers a full redraw, so
``update`` may do whatever it likes; it is only faster when it just sets data and text.
The figure's layout (e.g. ``layout="constrained"``) is computed once, at the first draw,
and then kept, so the axes stay put while a slider moves.

The rules (plotting code needs to know none of them; z-order is only a picture choice):

1. Changed: an artist matplotlib marked stale, or a mesh or image given a new array (``set_array``
   marks nothing). Once an artist has changed it stays in the moving layer.
2. The moving layer: the changed artists, plus every artist drawn after one of the layer whose box on
   the canvas meets that one's (boxes are matplotlib's extents, cut to the clip box, widened by one
   point plus the artist's widest stroke). So a legend, key, title or tick drawn above a moving line
   stays in the background while the line keeps clear of it.
3. Every move re-measures the changed artists; if one now meets an artist outside the layer, that move
   is a full draw and the artist joins the layer (pictures are always what a full draw gives).
4. Full draw, no blit: new or removed artists, changed sizes, positions, limits or scales, an image
   in the layer (Agg draws images even when animated), or the figure's own background in the layer.
5. What an axes draws is read as ``Axes.draw`` picks it (no patch or spines when the frame or axis
   is off, no ticks when the axis is off), so ``set_axis_off`` works as in a plain draw.

Measured (benchmarks/redraw_compare.py, every control of every notebook, 20 moves each, kernel
side, 2 cores, with these rules): the median of the controls' p50 is 17 ms with this partial redraw
and 51 ms with a plain full redraw of the same figures (worst control 27 ms against 67 ms). Plain
redraw breaks the 30 ms the series allows a control on 11 of 12 controls, so the partial redraw stays.
Rule 2 replaced z-orders that plotting modules chose only to keep legends and keys out of the moving
layer (issue 25). A colour map under the axes' ticks still meets them at its edge, so the ticks would
be redrawn with it: the boundary panel keeps its map above the ticks.
"""
from __future__ import annotations

from typing import Callable

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.axis import Axis
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.cm import ScalarMappable
from matplotlib.collections import Collection
from matplotlib.figure import Figure, SubFigure
from matplotlib.image import AxesImage
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from helpers.views.show import compact_png, encode_png

__all__ = ["FastCanvas"]

#: points added around every box, plus its widest stroke: line widths, joins, marker edges and antialiasing
#: reach past matplotlib's extents
PAD_PT = 1.0


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


def _leaves(container: Figure | SubFigure | Axes) -> list[Artist]:
    """Every drawable artist in drawing order; axes and subfigures are opened, the rest are leaves."""
    found = []
    for artist in _drawn_children(container):
        if isinstance(artist, (Axes, SubFigure)):
            found.extend(_leaves(artist))
        else:
            found.append(artist)
    return found


def _box(artist: Artist, renderer, pad: float) -> Bbox | None:
    """Where ``artist`` paints on the canvas, in pixels, ``pad`` (one point) plus its widest stroke wider on every
    side (line widths, joins and antialiasing are not in matplotlib's extents); None if it paints nothing; the
    whole canvas if unknown."""
    if not artist.get_visible():
        return None
    everywhere = Bbox.from_extents(-np.inf, -np.inf, np.inf, np.inf)
    if isinstance(artist, Axis):  # ticks, tick labels, axis label, and the grid when it is on
        parts = [artist.get_tightbbox(renderer)]
        parts += [line.get_window_extent(renderer) for tick in artist.get_major_ticks() + artist.get_minor_ticks()
                  for line in (tick.tick1line, tick.tick2line, tick.gridline) if line.get_visible()]
        parts = [b for b in parts if b is not None and b.width >= 0]
        box = Bbox.union(parts) if parts else None
    elif isinstance(artist, Text):  # the text and the box around it, if any (its style's pad, in font sizes)
        box = artist.get_window_extent(renderer)
        frame = artist.get_bbox_patch()
        if frame is not None:
            box = box.padded(getattr(frame.get_boxstyle(), "pad", 1.0) * artist.get_fontsize() * renderer.dpi / 72)
    elif isinstance(artist, (Line2D, Collection, Patch, Legend)):
        box = artist.get_window_extent(renderer)
    else:
        return everywhere
    if box is None or not np.isfinite(box.get_points()).all():
        return everywhere
    clip = artist.get_clip_box() if artist.get_clip_on() else None
    if clip is not None:
        box = Bbox.intersection(box, clip)
        if box is None:
            return None
    return box.padded(pad * (1 + _line_width(artist)))


def _line_width(artist: Artist) -> float:
    """The widest stroke ``artist`` draws, in points (a mitred corner reaches out about this far)."""
    if isinstance(artist, Text):
        artist = artist.get_bbox_patch()
        if artist is None:
            return 0.0
    widths = [0.0]
    for name in ("get_linewidth", "get_markeredgewidth"):
        if hasattr(artist, name):
            widths += list(np.ravel(getattr(artist, name)()))
    return float(max(widths))


def _moving_layer(leaves: list[Artist], changing: set[int], box: Callable[[Artist], Bbox | None]) -> list[Artist] | None:
    """The artists that change, and every artist drawn after one of the layer that meets it on the canvas;
    None when the layer cannot be blitted (an image, or the figure's own background, is in it)."""
    layer, reach, pending = [], [], []  # pending: layer artists not measured yet (measured only if needed)
    for artist in leaves:
        if id(artist) in changing:
            layer.append(artist)
            pending.append(artist)
            continue
        if not layer:
            continue
        own = box(artist)
        if own is None:
            continue
        reach += [b for b in map(box, pending) if b is not None]
        pending = []
        if any(own.overlaps(r) for r in reach):
            layer.append(artist)
            reach.append(own)
    if any(isinstance(a, AxesImage) for a in layer):  # Agg draws images even when animated: no blitting
        return None
    if any(isinstance(a, Patch) and isinstance(getattr(a, "figure", None), Figure) and a is a.figure.patch
           for a in layer):  # the figure's background lies under every axes: redraw all of it
        return None
    return layer


class FastCanvas:
    """Agg rendering of one figure that keeps a background bitmap and redraws only what moved."""

    def __init__(self, fig: Figure, dpi: float):
        fig.set_dpi(dpi)
        self.fig, self.canvas = fig, FigureCanvasAgg(fig)
        self.background = None  # bitmap of everything except the moving layer
        self.moving: list[Artist] = []
        self.changing: set[int] = set()  # artists that changed since the first draw
        self.boxes: dict[int, Bbox | None] = {}  # where each artist that does not change paints
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

    def _box(self, fresh: set[int]) -> Callable[[Artist], Bbox | None]:
        """An artist's box on the canvas: measured now for those in ``fresh`` (what changes), else as kept."""
        renderer, pad = self.canvas.get_renderer(), PAD_PT * self.fig.dpi / 72

        def box(artist: Artist) -> Bbox | None:
            if id(artist) in fresh or id(artist) not in self.boxes:
                return _box(artist, renderer, pad)
            return self.boxes[id(artist)]
        return box

    def png(self) -> bytes:
        """Render the figure as PNG: blit the moving layer when only it changed, else draw everything."""
        leaves = _leaves(self.fig)
        stale = [a for a in leaves if a.stale or self._new_colours(a)]
        can_blit = self.background is not None and leaves == self.known and self._geometry() == self.geometry
        if can_blit:  # still right if what changed now meets nothing outside the layer
            changing = self.changing | {id(a) for a in stale}
            layer = _moving_layer(leaves, changing, self._box(changing))
            moving_ids = {id(a) for a in self.moving}
            can_blit = layer is not None and all(id(a) in moving_ids for a in layer)
        if can_blit:
            self.canvas.restore_region(self.background)
        else:
            self._rebuild(leaves, stale)
        for artist in self.moving:
            self.fig.draw_artist(artist)
        # Drawing re-marks some artists stale (an annotation re-places its arrow each time);
        # clear that, so the next move sees only what update() changed.
        for artist in leaves:
            artist.stale = False
        self.colours = {id(a): a.get_array() for a in leaves if isinstance(a, ScalarMappable)}
        return encode_png(np.asarray(self.canvas.buffer_rgba()))

    def compact_png(self) -> bytes:
        """The picture last rendered, in 256 colours (about a quarter of the bytes)."""
        return compact_png(np.asarray(self.canvas.buffer_rgba())[..., :3])

    def _rebuild(self, leaves: list[Artist], stale: list[Artist]) -> None:
        """Full draw; what changed since the first draw, and what it meets, becomes the moving layer."""
        if self.background is not None:
            self.changing |= {id(a) for a in stale}
            if leaves != self.known or self._geometry() != self.geometry:
                self.boxes = {}
            self.moving = _moving_layer(leaves, self.changing, self._box(self.changing)) or []
        moving_ids = {id(a) for a in self.moving}
        for artist in leaves:
            artist.set_animated(id(artist) in moving_ids)
        self.canvas.draw()
        # Keep the first layout: axes that shift while a slider moves are hard to read, and
        # re-running constrained layout costs ~100 ms per full draw.
        self.fig.set_layout_engine("none")
        self.background = self.canvas.copy_from_bbox(self.fig.bbox)
        self.known, self.geometry = leaves, self._geometry()
        box = self._box({id(a) for a in leaves})
        self.boxes = {id(a): box(a) for a in leaves if id(a) not in self.changing}
