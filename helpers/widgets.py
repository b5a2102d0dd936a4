"""A matplotlib figure redrawn in place behind controls (sliders, buttons, a play button).

Why not ``interact`` + inline plots: that makes a new figure per move (about 120 ms a
round trip here) and its Output widget prints differently under nbval. Instead one
:class:`matplotlib.figure.Figure` is kept, the ``update`` callback changes its artists'
data, and the figure is rendered to PNG into an ``ipywidgets.Image``. No extra package
is needed, and the saved notebook keeps the last picture in its widget state.

Sharp and the right size (issues 18, 20): the picture is rendered at
:data:`helpers.style.DENSITY` x its displayed size and shown at 1x, with an explicit
width and ``align_self="flex-start"`` so JupyterLab does not stretch it.

Controls stay where they were put (issue 19): a browser slider snaps every value the
kernel sends onto its own grid and, if that changed the value, sends its copy back; under
"Run All" that echo arrives after the last cell and undoes it. So every slider here is a
**grid slider**: an ``ipywidgets.SelectionSlider`` over an explicit list of values, synced
by position (an integer), so the browser has nothing to round and never echoes. Build one
with :func:`grid_slider` over :func:`linear_grid` or :func:`log_grid`; a ``FloatSlider``
or ``FloatLogSlider`` handed to :class:`SliderFigure` is turned into the equivalent grid
slider (with a coarser step if it had more than :data:`MAX_POSITIONS` positions, so the
arrow keys cross it in tens of presses), and an ``IntSlider``'s value is put on its step grid. Exact special values (say a
learning rate of exactly 2/9) go on the grid with ``include=``; :meth:`SliderFigure.set`
also adds a value that is not on the grid, so code can always show an exact value.

For the browser test: the view's box has CSS class ``bp-view``, its picture ``bp-picture``,
its readout ``bp-readout``, each control ``bp-control``; :func:`live_views` lists the views
made in this kernel with their ``values`` and ``readout``.

Speed: the parts ``update`` never touches (axes, ticks, labels, static curves) are drawn
once and kept as a background bitmap; a move redraws only the artists whose data changed
(found from matplotlib's ``stale`` flags) on top of it. Anything that could move the
background (new or removed artists, changed limits, images) triggers a full redraw, so
``update`` may do whatever it likes; it is only faster when it just sets data and text.
The figure's layout (e.g. ``layout="constrained"``) is computed once, at the first draw,
and then kept, so the axes stay put while a slider moves.
"""
from __future__ import annotations

import html
import io
import math
import numbers
import time
import weakref
from fractions import Fraction
from typing import Any, Callable, Sequence

import ipywidgets as widgets
import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure, SubFigure
from matplotlib.image import AxesImage
from matplotlib.patches import Patch

from helpers import style

__all__ = ["SliderFigure", "live_views", "grid_slider", "linear_grid", "log_grid", "NICE_MANTISSAS",
           "choice_buttons", "dropdown", "render_png", "show_figure",
           "VIEW_CLASS", "PICTURE_CLASS", "READOUT_CLASS", "CONTROL_CLASS"]

style.apply()

VIEW_CLASS, PICTURE_CLASS, READOUT_CLASS, CONTROL_CLASS = "bp-view", "bp-picture", "bp-readout", "bp-control"
DESCRIPTION_WIDTH = 150  # px for a control's name
TRACK_WIDTH = 440        # px of slider track: room to drag on a projector
READOUT_WIDTH = 80       # px for the number beside the track
SLIDER_WIDTH = DESCRIPTION_WIDTH + TRACK_WIDTH + READOUT_WIDTH + 30  # + margins around the track
NICE_MANTISSAS = (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8)  # ~10 per decade, each about 1.25x the last
MAX_PRESSES = 60         # arrow-key presses from one end of any slider to the other, at most
MAX_POSITIONS = 51       # a float slider handed to SliderFigure gets at most this many, leaving room for set()


def render_png(fig: Figure, dpi: float = style.RENDER_DPI) -> bytes:
    """Draw ``fig`` with Agg at ``dpi`` and return full-colour PNG bytes (no pyplot, so nothing is shown twice)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, facecolor="auto", edgecolor="auto")
    return buf.getvalue()


def show_figure(fig: Figure, dpi: float | None = None) -> None:
    """Display a static figure as a PNG only (no text repr) at 2x density: :func:`helpers.style.show`.

    ``dpi`` is ignored (kept so older calls still work): the density is the series' one.
    """
    style.show(fig)


# ---------------------------------------------------------------- grids and controls
def _fraction(x: Any, name: str) -> Fraction:
    """A number as the exact fraction it was written as (0.01 -> 1/100, not the binary float's value)."""
    if isinstance(x, Fraction):
        return x
    if isinstance(x, bool) or not isinstance(x, numbers.Real) or not math.isfinite(x):
        raise TypeError(f"{name} must be a finite number such as 0.1, got {x!r}")
    return Fraction(int(x)) if isinstance(x, numbers.Integral) else Fraction(repr(float(x)))


def linear_grid(start: float, stop: float, step: float) -> list[float]:
    """start, start + step, ..., up to stop, each value the float nearest the exact decimal or fraction.

    Exact arithmetic (``Fraction``), so ``linear_grid(-0.4, 1.1, 0.01)`` contains the float
    ``0.8`` itself (not 0.7999999999999999), and ``linear_grid(Fraction(-2, 5), Fraction(11, 10),
    Fraction(1, 30))`` contains 1/3 exactly as Python writes ``1 / 3``.
    """
    lo, hi, d = _fraction(start, "start"), _fraction(stop, "stop"), _fraction(step, "step")
    if d <= 0 or hi <= lo:
        raise ValueError(f"need start < stop and a positive step, got start {start}, stop {stop}, step {step}")
    count = math.floor((hi - lo) / d)
    if count > 2000:
        raise ValueError(f"{count + 1} positions are too many for a slider; use a larger step")
    return [float(lo + k * d) for k in range(count + 1)]


def log_grid(low: float, high: float, mantissas: Sequence[float] = NICE_MANTISSAS,
             include: Sequence[float] = ()) -> list[float]:
    """Round numbers m x 10^e between ``low`` and ``high`` (m from ``mantissas``), plus the exact values ``include``.

    The default mantissas give about ten positions per decade (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8),
    each the float nearest its decimal (``0.3`` is the float written 0.3). Use ``include``
    for special values that must be reachable exactly, e.g. ``include=(2/9, 4/9)``.
    """
    lo, hi = _fraction(low, "low"), _fraction(high, "high")
    if lo <= 0 or hi <= lo:
        raise ValueError(f"need 0 < low < high for a log grid, got low {low}, high {high}")
    ms = sorted(_fraction(m, "each mantissa") for m in mantissas)
    if not ms or ms[0] < 1 or ms[-1] >= 10:
        raise ValueError(f"mantissas must lie in [1, 10), e.g. (1, 2, 5), got {tuple(mantissas)}")
    values = []
    for e in range(math.floor(math.log10(low)) - 1, math.ceil(math.log10(high)) + 1):
        for m in ms:
            v = m * Fraction(10) ** e
            if lo <= v <= hi:
                values.append(float(v))
    for extra in include:
        _fraction(extra, "each included value")
        if not low <= extra <= high:
            raise ValueError(f"included value {extra} lies outside [{low}, {high}]")
    return sorted(set(values) | {float(v) for v in include})


def _labels(values: Sequence[float], fmt: str) -> list[str]:
    """Labels for the values in ``fmt``, with more digits where two would read the same."""
    for digits in range(0, 12):
        spec = fmt
        if digits:
            kind = fmt[-1] if fmt and fmt[-1] in "fgeFGE%" else "g"
            base = int("".join(ch for ch in fmt if ch.isdigit()) or 3)
            spec = f".{base + digits}{kind}"
        try:
            labels = [format(v, spec) for v in values]
        except (ValueError, TypeError):
            labels = [format(v, ".4g") for v in values]
        if len(set(labels)) == len(labels):
            return labels
    return [repr(v) for v in values]


def _style_control(control: widgets.DOMWidget) -> widgets.DOMWidget:
    """The series' look for a control: class ``bp-control``, room to drag, a readable name."""
    control.add_class(CONTROL_CLASS)
    if isinstance(control, (widgets.SelectionSlider, widgets.IntSlider, widgets.FloatSlider)):
        control.layout.width = f"{SLIDER_WIDTH}px"
        control.style.description_width = f"{DESCRIPTION_WIDTH}px"
    elif isinstance(control, (widgets.ToggleButtons, widgets.Dropdown)):
        control.style.description_width = f"{DESCRIPTION_WIDTH}px"
    return control


def grid_slider(values: Sequence[float], value: float, description: str, fmt: str = ".3g",
                continuous_update: bool = True) -> widgets.SelectionSlider:
    """A slider over exactly ``values`` (sorted), starting at ``value``; its readout shows each value in ``fmt``.

    It is synced by position, so the browser never rounds a value nor sends one back.
    ``value`` joins the grid if it is not on it, so the slider starts exactly there.
    One arrow key moves one position: choose 20-60 values so the keyboard crosses the
    range in tens of presses.
    """
    try:
        grid = sorted({float(v) for v in values})
    except (TypeError, ValueError):
        raise TypeError(f"values must be a list of numbers, got {values!r:.60}") from None
    if len(grid) < 2 or not all(math.isfinite(v) for v in grid):
        raise ValueError(f"a grid slider needs at least two finite values, got {values!r:.60}")
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not grid[0] <= value <= grid[-1]:
        raise ValueError(f"value must be a number between {grid[0]:g} and {grid[-1]:g}, got {value!r}")
    grid = sorted(set(grid) | {float(value)})
    slider = widgets.SelectionSlider(options=list(zip(_labels(grid, fmt), grid)), value=float(value),
                                     description=description, continuous_update=continuous_update)
    slider._bp_format = fmt
    return _style_control(slider)


def choice_buttons(options: Sequence, value: Any, description: str) -> widgets.ToggleButtons:
    """A row of buttons, one per option (e.g. hidden units 1-6): a discrete control that redraws at once."""
    return _style_control(widgets.ToggleButtons(options=list(options), value=value, description=description))


def dropdown(options: Sequence, value: Any, description: str) -> widgets.Dropdown:
    """A drop-down list of options: a discrete control for many choices."""
    return _style_control(widgets.Dropdown(options=list(options), value=value, description=description))


def _coarser_step(low: Fraction, high: Fraction, step: Fraction) -> Fraction:
    """``step``, or the smallest of its multiples x2, x2.5, x5, x10, ... that needs at most MAX_POSITIONS positions."""
    factor = Fraction(1)
    multipliers = (Fraction(1), Fraction(2), Fraction(5, 2), Fraction(5))
    while True:
        for m in multipliers:
            if (high - low) / (step * factor * m) <= MAX_POSITIONS - 1:
                return step * factor * m
        factor *= 10


def _exact(control: widgets.ValueWidget) -> widgets.ValueWidget:
    """The control itself, or its grid-slider equivalent: a value the browser will not round (see module doc).

    A ``FloatSlider``/``FloatLogSlider`` finer than :data:`MAX_POSITIONS` positions gets a
    coarser step (x2, x2.5, x5, x10 ...), so the keyboard crosses it in tens of presses; its
    starting value stays on the grid exactly.
    """
    if isinstance(control, widgets.FloatLogSlider):
        lo, hi = _fraction(control.min, "min"), _fraction(control.max, "max")
        step = _coarser_step(lo, hi, _fraction(control.step, "step"))
        count = math.floor((hi - lo) / step)
        grid = [float(control.base) ** float(lo + k * step) for k in range(count + 1)]
        return grid_slider(grid, control.value, control.description, control.readout_format or ".3g",
                           control.continuous_update)
    if isinstance(control, widgets.FloatSlider):
        lo, hi = _fraction(control.min, "min"), _fraction(control.max, "max")
        grid = linear_grid(lo, hi, _coarser_step(lo, hi, _fraction(control.step, "step")))
        return grid_slider(grid, control.value, control.description, control.readout_format or ".2f",
                           control.continuous_update)
    if isinstance(control, widgets.IntSlider):
        on_grid = control.min + round((control.value - control.min) / control.step) * control.step
        control.value = min(max(on_grid, control.min), control.max)
    return _style_control(control)


def _move(control: widgets.ValueWidget, value: Any) -> None:
    """Move a control from code to exactly ``value`` (adding it to a grid slider's grid if needed)."""
    if isinstance(control, widgets.SelectionSlider) and hasattr(control, "_bp_format"):
        grid = [v for _, v in control.options]
        if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(value):
            raise TypeError(f"{control.description!r} takes a number, got {value!r}")
        if not grid[0] <= value <= grid[-1]:
            raise ValueError(f"{value!r} lies outside the range of {control.description!r}, "
                             f"{grid[0]:g} to {grid[-1]:g}")
        value = float(value)
        same = [v for v in grid if math.isclose(v, value, rel_tol=1e-9, abs_tol=1e-12)]  # round-off only
        if same:
            control.value = same[0]
            return
        grid = sorted(grid + [value])
        with control.hold_sync():
            control.options = list(zip(_labels(grid, control._bp_format), grid))
            control.value = value
        return
    if isinstance(control, (widgets.IntSlider, widgets.Play)) and not isinstance(value, bool) \
            and isinstance(value, numbers.Integral):
        step = getattr(control, "step", 1) or 1
        if not control.min <= value <= control.max or (value - control.min) % step:
            raise ValueError(f"{control.description or 'this control'!r} takes whole numbers from {control.min} "
                             f"to {control.max} in steps of {step}, got {value!r}")
    control.value = value


# ---------------------------------------------------------------- fast rendering
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
    if isinstance(container, (Figure, SubFigure)):  # the background patch is drawn first, whatever its zorder
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
        # Drawing re-marks some artists stale (an annotation re-places its arrow each time);
        # clear that, so the next move sees only what update() changed.
        for artist in artists:
            artist.stale = False
        return style.encode_png(np.asarray(self.canvas.buffer_rgba()))

    def compact_png(self) -> bytes:
        """The picture last rendered, in 256 colours (about a quarter of the bytes)."""
        return style.compact_png(np.asarray(self.canvas.buffer_rgba())[..., :3])

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


# ---------------------------------------------------------------- the view
_LIVE: list[weakref.ref] = []


def compact_after_cells(shell=None) -> None:
    """After every cell the kernel runs, store the pictures code left in the views in 256 colours.

    Called when this module is imported in a kernel. The picture a notebook saves is the one
    the last cell left, so 2x pictures cost about a quarter of the bytes; moves made in the
    browser are not cells, so a learner dragging a slider always gets exact renders.
    """
    if shell is None:
        try:
            from IPython import get_ipython
        except ImportError:
            return
        shell = get_ipython()
    if shell is None or not hasattr(shell, "events"):
        return
    callbacks = shell.events.callbacks.get("post_run_cell", [])
    if _compact_views not in callbacks:
        shell.events.register("post_run_cell", _compact_views)


def _compact_views(*_args) -> None:
    for view in live_views():
        view.compact_picture()


def live_views() -> list["SliderFigure"]:
    """The SliderFigures made in this kernel and still alive, oldest first (for the browser test)."""
    alive = [ref() for ref in _LIVE]
    _LIVE[:] = [ref for ref, view in zip(_LIVE, alive) if view is not None]
    return [view for view in alive if view is not None]


class SliderFigure:
    """Controls + one figure: moving a control calls ``update(**values)`` and redraws.

    ``update`` changes the figure's artists and returns a short readout text (for
    example "final loss 0.0012" or "diverged"), shown in bold above the figure and kept in
    :attr:`readout` so a later notebook cell can print what the plot shows. Make it say
    what the picture does not (numbers), not repeat the figure's title.

    ``controls`` maps names to widgets: grid sliders (:func:`grid_slider`), ``IntSlider``,
    :func:`choice_buttons`, :func:`dropdown`, ... ``play="epoch"`` adds a play button that
    steps the control named ``epoch`` (a grid slider or an ``IntSlider``) every
    ``interval_ms``. ``density`` is pixels per displayed pixel (default
    :data:`helpers.style.DENSITY`). With ``compact_saved`` (the default), a picture that
    code leaves behind (the first one, or one after :meth:`set`) is re-sent in 256 colours
    when the cell finishes (:func:`compact_after_cells`): that is the picture a saved notebook
    keeps, a quarter of the bytes. Moves from the browser always show exact full-colour renders.
    """

    def __init__(self, fig: Figure, controls: dict[str, widgets.ValueWidget],
                 update: Callable[..., str], *, name: str = "interactive figure",
                 density: float = style.DENSITY, dpi: float | None = None, play: str | None = None,
                 interval_ms: int = 150, compact_saved: bool = True):
        if not isinstance(fig, Figure):
            raise TypeError(f"fig must be a matplotlib Figure, got {type(fig).__name__}")
        if not isinstance(controls, dict) or not controls:
            raise ValueError("controls must name at least one widget, e.g. {'lr': grid_slider(...)}")
        for key, control in controls.items():
            if not isinstance(control, widgets.ValueWidget):
                raise TypeError(f"control {key!r} must be an ipywidgets control (slider, buttons, ...), "
                                f"got {type(control).__name__}")
        if play is not None and play not in controls:
            raise ValueError(f"play={play!r} names no control; this figure has {sorted(controls)}")
        self.fig, self.update, self.name = fig, update, name
        self.controls = {key: _exact(control) for key, control in controls.items()}
        self.density = (dpi / style.DISPLAY_DPI) if dpi is not None else float(density)
        self.dpi = style.DISPLAY_DPI * self.density
        self.width, self.height = style.displayed_size(fig)
        self._canvas = _FastCanvas(fig, self.dpi)
        self.image = widgets.Image(format="png", layout=widgets.Layout(
            width=f"{self.width}px", height="auto", max_width="100%", align_self="flex-start"))
        self.image.add_class(PICTURE_CLASS)
        self.label = widgets.HTML(layout=widgets.Layout(width=f"{self.width}px", max_width="100%"))
        self.label.add_class(READOUT_CLASS)
        self.readout = ""
        self.last_redraw_ms = 0.0
        self._quiet = False
        for control in self.controls.values():
            control.observe(self._changed, names="value")
        rows = []
        self.play = self.play_link = None
        self.left_by_code = False
        for key, control in self.controls.items():
            if key == play:
                self.play, self.play_link = self._play_button(control, interval_ms)
                rows.append(widgets.HBox([self.play, control]))
            else:
                rows.append(control)
        self.box = widgets.VBox([widgets.VBox(rows), self.label, self.image],
                                layout=widgets.Layout(align_items="flex-start"))
        self.box.add_class(VIEW_CLASS)
        self.compact_saved = compact_saved
        self.redraw()
        self.left_by_code = True
        _LIVE.append(weakref.ref(self))

    @staticmethod
    def _play_button(control: widgets.ValueWidget, interval_ms: int) -> tuple[widgets.Play, widgets.Link]:
        """A play button linked in the browser to the control's position, so playing needs no round trip to start."""
        if isinstance(control, widgets.SelectionSlider):
            play = widgets.Play(min=0, max=len(control.options) - 1, value=control.index, interval=interval_ms)
            link = widgets.jslink((play, "value"), (control, "index"))
        elif isinstance(control, widgets.IntSlider):
            play = widgets.Play(min=control.min, max=control.max, step=control.step, value=control.value,
                                interval=interval_ms)
            link = widgets.jslink((play, "value"), (control, "value"))
        else:
            raise TypeError(f"a play button needs a grid slider or an IntSlider, got {type(control).__name__}")
        play.add_class(CONTROL_CLASS)
        return play, link

    def _changed(self, _change) -> None:
        if not self._quiet:
            self.redraw()
            self.left_by_code = False

    @property
    def values(self) -> dict:
        """The current value of every control, by name."""
        return {name: control.value for name, control in self.controls.items()}

    def redraw(self) -> None:
        """Run ``update`` with the controls' values and render the figure into the image."""
        start = time.perf_counter()
        self.readout = self.update(**self.values)
        self.label.value = f"<b>{html.escape(self.readout)}</b>"
        self.image.value = self._canvas.png()
        self.last_redraw_ms = (time.perf_counter() - start) * 1000

    def set(self, **values) -> str:
        """Move controls from code (as a learner would) and return the new readout.

        Each control lands exactly on the value given: on a grid slider, a value that is not
        on the grid (beyond round-off: 0.1 + 0.2 lands on 0.3) is added to the grid.
        """
        moves = dict(values)
        unknown = set(moves) - set(self.controls)
        if unknown:
            raise ValueError(f"unknown control(s) {sorted(unknown)}; this figure has {sorted(self.controls)}")
        before = self.values
        self._quiet = True
        try:
            for name, value in moves.items():
                _move(self.controls[name], value)
                if self.play is not None and isinstance(self.controls[name], widgets.SelectionSlider):
                    self.play.max = len(self.controls[name].options) - 1
        finally:
            self._quiet = False
        if self.values != before:
            self.redraw()
            self.left_by_code = True
        return self.readout

    def compact_picture(self) -> None:
        """Re-send the picture code left behind in 256 colours (see ``compact_saved``); else do nothing."""
        if self.compact_saved and self.left_by_code:
            self.image.value = self._canvas.compact_png()
            self.left_by_code = False

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.box._repr_mimebundle_(**kwargs)
        # A stable one-liner instead of the widget repr (which embeds PNG bytes), so
        # nbval compares something meaningful and static viewers show a plain note.
        bundle["text/plain"] = f"[{self.name}: move the controls in a live kernel]"
        return bundle


compact_after_cells()
