"""A matplotlib figure redrawn in place behind controls (sliders, buttons, a play button).

Why not ``interact`` + inline plots: that makes a new figure per move (about 120 ms a
round trip here) and its Output widget prints differently under nbval. Instead one
:class:`matplotlib.figure.Figure` is kept, the ``update`` callback changes its artists'
data, and the figure is rendered to PNG into an ``ipywidgets.Image``. No extra package
is needed, and the saved notebook keeps the last picture in its widget state.

Sharp and the right size (issues 18, 20): the picture is rendered at
:data:`helpers.views.style.DENSITY` x its displayed size and shown at 1x, with an explicit
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
its readout ``bp-readout``, each control ``bp-control`` (a Play/Pause button also ``bp-play``,
its Start button ``bp-start``); in a view that plays, the picture also carries ``bp-frame-<value>``,
the played control's value it was drawn for, sent in the picture's own message; :func:`live_views`
lists the views made in this kernel with their ``values`` and ``readout``.

Speed: the picture is rendered by :class:`helpers.views.redraw.FastCanvas`, which redraws only
what moved (its rules are in that module).
"""
from __future__ import annotations

import bisect
import html
import math
import numbers
import time
import weakref
from fractions import Fraction
from typing import Any, Callable, Sequence

import ipywidgets as widgets
from matplotlib.figure import Figure

from helpers.views import style
from helpers.views.redraw import FastCanvas
from helpers.views.show import ipython_shell

__all__ = ["SliderFigure", "live_views", "grid_slider", "linear_grid", "log_grid", "NICE_MANTISSAS",
           "choice_buttons", "dropdown",
           "Player", "VIEW_CLASS", "PICTURE_CLASS", "READOUT_CLASS", "CONTROL_CLASS", "PLAY_CLASS", "START_CLASS",
           "FRAME_CLASS"]


VIEW_CLASS, PICTURE_CLASS, READOUT_CLASS, CONTROL_CLASS = "bp-view", "bp-picture", "bp-readout", "bp-control"
PLAY_CLASS, START_CLASS = "bp-play", "bp-start"  # a view's Play/Pause and Start buttons
FRAME_CLASS = "bp-frame-"  # + the played control's value: the frame a view's picture shows (for the browser test)
DESCRIPTION_WIDTH = 150  # px for a control's name (less where the notebook is narrow: NAME_WIDTH)
TRACK_WIDTH = 440        # px of slider track: room to drag on a projector
READOUT_WIDTH = 80       # px for the number beside the track
SLIDER_WIDTH = DESCRIPTION_WIDTH + TRACK_WIDTH + READOUT_WIDTH + 30  # + margins around the track
NAME_WIDTH = f"min({DESCRIPTION_WIDTH}px, 30%)"  # the name gives up room first when the notebook is narrow
NICE_MANTISSAS = (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8)  # ~10 per decade, each about 1.25x the last
MAX_PRESSES = 60         # arrow-key presses from one end of any slider to the other, at most
MAX_POSITIONS = 51       # a float slider handed to SliderFigure gets at most this many, leaving room for set()


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
    """The series' look for a control: class ``bp-control``, room to drag, a readable name.

    Every control shrinks with the space the notebook gives it (browser zoom, a narrow window, the
    file browser open) and is never wider than the notebook: a slider is at most SLIDER_WIDTH wide
    and its track takes what is left beside its name and number; short buttons are narrow, and
    when a row of them does not fit beside its name the name goes above them.
    """
    control.add_class(CONTROL_CLASS)
    if isinstance(control, (widgets.SelectionSlider, widgets.IntSlider, widgets.FloatSlider)):
        control.layout.width, control.layout.max_width = "100%", f"{SLIDER_WIDTH}px"
        control.layout.min_width = "0"
        control.style.description_width = NAME_WIDTH
    elif isinstance(control, widgets.ToggleButtons):
        control.style.description_width = NAME_WIDTH
        longest = max(len(str(label)) for label in control._options_labels)
        if longest <= 3:  # digits such as 1-6: a finger's width each, not a word's
            control.style.button_width = f"{1.4 + 0.6 * longest:.1f}em"
        control.layout.flex_flow, control.layout.max_width = "row wrap", "100%"
    elif isinstance(control, widgets.Dropdown):
        control.style.description_width = NAME_WIDTH
        control.layout.max_width = "calc(100% - 4px)"  # its 2 px margins included
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


# ---------------------------------------------------------------- the view
_LIVE: list[weakref.ref] = []


def compact_after_cells(shell=None) -> None:
    """After every cell the kernel runs, store the pictures code left in the views in 256 colours.

    Called by :func:`helpers.setup` in a kernel. The picture a notebook saves is the one
    the last cell left, so 2x pictures cost about a quarter of the bytes; moves made in the
    browser are not cells, so a learner dragging a slider always gets exact renders.
    """
    shell = ipython_shell() if shell is None else shell
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


class Player:
    """Play, Pause and Start buttons that step one control through the kernel, a film of its values.

    Buttons with words (Play/Pause, Start), not ipywidgets.Play's bare icons: a teacher projecting the
    class must see that Pause freezes the frame and Start goes back (Play's ■ stop jumped to the first
    epoch, so no frame could be frozen from it). ``button`` toggles between Play and Pause; Play shows the
    next frame at once, Pause stays on the frame it shows, Start pauses on the first frame; Play at the
    last frame plays from the first.

    The clock is an ``ipywidgets.Play`` kept out of sight (``display: none``): the browser ticks it every
    ``interval_ms`` and sends each tick here, where the control moves, and so the picture and readout, in
    the same kernel round; the slider's own message is held until the picture is drawn, so the three
    leave the kernel back to back (picture, readout, slider). A tick that arrives while the last redraw
    took longer than the interval (it queued up behind that redraw) is skipped, so playing never falls
    behind; a tick that left the browser before Pause or Start reached it is dropped. Moving the control
    moves the clock (to the frame at or before it), so playing goes on from where the learner put it,
    and the control stays exactly where it was put. ``target`` names the control and its stepped trait.
    """

    def __init__(self, clock: widgets.Play, control: widgets.ValueWidget, trait: str, interval_ms: int,
                 frames: list[int] | None = None):
        self.clock, self.target, self.interval_ms = clock, (control, trait), interval_ms
        self.frames = frames  # the control's value at each tick of the clock (None: the tick is the value)
        self.busy: Callable[[], float] = lambda: 0.0  # ms the last redraw took (set by the SliderFigure)
        self.skipped, self.dropped, self._due, self._following, self._clock_stays = 0, 0, 0.0, False, False
        clock.layout.display = "none"
        self.button = widgets.ToggleButton(value=False, description="Play", icon="play",
                                           tooltip="play the film; press again to pause on a frame",
                                           layout=widgets.Layout(width="6.5em", flex="0 0 auto"))
        self.start = widgets.Button(description="Start", icon="step-backward",
                                    tooltip="back to the first frame (paused)",
                                    layout=widgets.Layout(width="6em", flex="0 0 auto"))
        self.button.add_class(CONTROL_CLASS)
        self.button.add_class(PLAY_CLASS)
        self.start.add_class(START_CLASS)
        clock.observe(self._tick, names="value")
        clock.observe(self._playing, names="playing")
        control.observe(self._moved, names=trait)
        self.button.observe(self._pressed, names="value")
        self.start.on_click(self.to_start)
        self._moved(None)  # the clock starts where the control is

    def _value_at(self, tick: int):
        return tick if self.frames is None else self.frames[tick]

    def _tick(self, change) -> None:
        control, trait = self.target
        value = self._value_at(change.new)
        if self._following or getattr(control, trait) == value:
            return
        if not self.clock.playing:  # sent before Pause or Start reached the browser: stay on the frame
            self.dropped += 1
            self._moved(None)
            return
        if time.perf_counter() * 1000 < self._due:  # queued while we drew: skip
            self.skipped += 1
            return
        self._show(change.new)
        # A redraw slower than the interval let ticks queue up; they arrive right after it: skip those.
        self._due = time.perf_counter() * 1000 + 5.0 if self.busy() > self.interval_ms else 0.0

    def _show(self, tick: int, clock_follows: bool = True) -> None:
        control, trait = self.target
        self._clock_stays = not clock_follows
        try:
            with control.hold_sync():  # the slider's message leaves after the picture's and the readout's
                setattr(control, trait, self._value_at(tick))
        finally:
            self._clock_stays = False

    def _moved(self, _change) -> None:
        if self._clock_stays:
            return
        control, trait = self.target
        now = getattr(control, trait)
        tick = now if self.frames is None else bisect.bisect_right(self.frames, now) - 1
        if self.clock.value != tick and self.clock.min <= tick <= self.clock.max:
            self._following = True  # the clock follows the control, not the other way round
            try:
                self.clock.value = tick
            finally:
                self._following = False

    def _pressed(self, change) -> None:
        if change.new:  # Play answers in the round of the key press: the next frame now. The clock stays a
            # step behind: the page's first tick, sent at once when it starts, lands on this frame (no redraw).
            tick = self.clock.value + self.clock.step
            self._show(self.clock.min if tick > self.clock.max else tick, clock_follows=False)
        else:
            self._moved(None)  # paused before that tick came: the clock catches up
        self.clock.playing = change.new
        self.button.description, self.button.icon = ("Pause", "pause") if change.new else ("Play", "play")

    def _playing(self, change) -> None:  # the clock stops itself after the last frame
        self.button.value = change.new

    def to_start(self, _button=None) -> None:
        """Pause on the first frame (the Start button)."""
        self.button.value = False
        self._show(self.clock.min)


class SliderFigure:
    """Controls + one figure: moving a control calls ``update(**values)`` and redraws.

    ``update`` changes the figure's artists and returns a short readout text (for
    example "final loss 0.0012" or "diverged"), shown in bold above the figure and kept in
    :attr:`readout` so a later notebook cell can print what the plot shows. Make it say
    what the picture does not (numbers), not repeat the figure's title.

    ``controls`` maps names to widgets: grid sliders (:func:`grid_slider`), ``IntSlider``,
    :func:`choice_buttons`, :func:`dropdown`, ... ``play="epoch"`` adds Play/Pause and Start
    buttons (:class:`Player`, in :attr:`player`) that step the control named ``epoch`` (a grid
    slider or an ``IntSlider``) every ``interval_ms``. ``density`` is pixels per displayed pixel (default
    :data:`helpers.views.style.DENSITY`). With ``compact_saved`` (the default), a picture that
    code leaves behind (the first one, or one after :meth:`set`) is re-sent in 256 colours
    when the cell finishes (:func:`compact_after_cells`): that is the picture a saved notebook
    keeps, a quarter of the bytes. Moves from the browser always show exact full-colour renders.
    """

    def __init__(self, fig: Figure, controls: dict[str, widgets.ValueWidget],
                 update: Callable[..., str], *, name: str = "interactive figure",
                 density: float = style.DENSITY, dpi: float | None = None, play: str | None = None,
                 interval_ms: int = 150, compact_saved: bool = True, frames: Sequence[int] | None = None):
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
        self._canvas = FastCanvas(fig, self.dpi)
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
        fit = dict(width="100%", max_width="100%", min_width="0")  # never wider than the notebook gives
        rows = []
        self.player = None
        self.left_by_code = False
        for key, control in self.controls.items():
            if key == play:
                self.player = self._player(control, interval_ms, frames)
                self.player.busy = lambda: self.last_redraw_ms
                control.layout.flex = "1 1 300px"  # beside the buttons, or on its own row when the notebook is narrow
                rows.append(widgets.HBox([self.player.button, self.player.start, self.player.clock, control],
                                         layout=widgets.Layout(flex_flow="row wrap", **fit)))
            else:
                rows.append(control)
        self.box = widgets.VBox([widgets.VBox(rows, layout=widgets.Layout(**fit)), self.label, self.image],
                                layout=widgets.Layout(align_items="flex-start", **fit))
        self.box.add_class(VIEW_CLASS)
        self.compact_saved = compact_saved
        self.redraw()
        self.left_by_code = True
        _LIVE.append(weakref.ref(self))

    @staticmethod
    def _player(control: widgets.ValueWidget, interval_ms: int, frames: Sequence[int] | None = None) -> Player:
        """Play/Pause and Start buttons that step ``control`` through the kernel, so slider, readout and
        picture show one frame at a time (a link in the browser moved the slider ahead of the picture).
        ``frames``: the values of an IntSlider it plays, in order (default: every position), e.g. denser
        where the story is."""
        if frames is not None:
            frames = [int(f) for f in frames]
            if not isinstance(control, widgets.IntSlider) or not frames or frames != sorted(set(frames)) \
                    or not control.min <= frames[0] <= frames[-1] <= control.max:
                raise ValueError("frames must be increasing values of the played IntSlider, within its range")
            clock = widgets.Play(min=0, max=len(frames) - 1, interval=interval_ms)
            return Player(clock, control, "value", interval_ms, frames)
        if isinstance(control, widgets.SelectionSlider):
            clock = widgets.Play(min=0, max=len(control.options) - 1, interval=interval_ms)
            return Player(clock, control, "index", interval_ms)
        if isinstance(control, widgets.IntSlider):
            clock = widgets.Play(min=control.min, max=control.max, step=control.step, interval=interval_ms)
            return Player(clock, control, "value", interval_ms)
        raise TypeError(f"a play button needs a grid slider or an IntSlider, got {type(control).__name__}")

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
        png = self._canvas.png()
        # Sent back to back once drawn: the picture first (the page shows it only once decoded), in one
        # message with the frame it shows, then the readout (and a played slider, held by the Player).
        with self.image.hold_sync():
            self.image.value = png
            if self.player is not None:
                self.image._dom_classes = (PICTURE_CLASS, f"{FRAME_CLASS}{self.player.target[0].value}")
        self.label.value = f"<b>{html.escape(self.readout)}</b>"
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
                if self.player is not None and isinstance(self.controls[name], widgets.SelectionSlider):
                    self.player.clock.max = len(self.controls[name].options) - 1
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
