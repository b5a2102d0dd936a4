"""How every picture of the series looks: one palette, sizes, pixel density.

The rules (issues 18 and 20), in one place so every notebook follows them:

- **Sizes are displayed pixels.** A figure is designed for the notebook's content width,
  :data:`CONTENT_WIDTH` = 840 px (JupyterLab at a 1280 px window with the file browser
  open); wider pictures get shrunk by the browser, and their text with them.
  One figure inch is :data:`DISPLAY_DPI` = 96 CSS px, so a matplotlib point is a CSS point:
  ``fontsize=10`` shows as 10 pt text, as large as the notebook's body text at 10 pt.
- **Text is at least** :data:`MIN_FONT_PT` = 10 pt at its displayed size (tick labels,
  legends, annotations, edge labels). Titles are :data:`TITLE_PT`.
- **2x pixel density.** Every PNG holds :data:`DENSITY` = 2 device pixels per displayed
  pixel and is shown at its 1x width, so it stays sharp on a projector at 150-200 % zoom
  and on high-density screens. Static figures: :func:`helpers.views.show.show` (or plain
  ``plt.show()``, which :func:`helpers.views.show.apply` routes through the same renderer);
  slider pictures: :class:`helpers.views.controls.SliderFigure`.
- **Colour is never the only cue.** :data:`SERIES` is the Okabe-Ito palette (safe for
  the common colour-vision deficiencies); :func:`series` pairs each colour with its own
  line style and marker, and matplotlib's default cycle does the same.
- **Nothing leaves its axes.** A moving line or marker that would leave the plot is cut at
  the edge by :func:`clip_to_view`, and :func:`off_chart_marker` says so on the plot.
- **White figures**, also in JupyterLab's dark theme (a transparent PNG would put dark
  text on a dark page).

How a picture is rendered and reaches the screen is :mod:`helpers.views.show`.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np
from cycler import cycler
from matplotlib.axes import Axes
from matplotlib.figure import Figure

__all__ = ["DISPLAY_DPI", "DENSITY", "RENDER_DPI", "CONTENT_WIDTH", "MIN_FONT_PT", "FONT_PT", "TITLE_PT",
           "OKABE_ITO", "SERIES", "LINESTYLES", "MARKERS", "CURVE", "GUIDE", "MOVING", "LOSS", "DIVERGED",
           "RC", "series", "new_figure", "inches", "displayed_size", "clip_to_view", "off_chart_marker"]

DISPLAY_DPI = 96          # CSS px per figure inch: a matplotlib point is a CSS point
DENSITY = 2               # device pixels per displayed pixel in every PNG
RENDER_DPI = DISPLAY_DPI * DENSITY
CONTENT_WIDTH = 840       # px: the output width of a notebook at 1280 px with the file browser open
MIN_FONT_PT = 10          # the smallest text in any figure, at its displayed size
TIGHT_PAD_PX = 4          # the margin left around a figure cropped to its content (plt.show())
FONT_PT = 10              # tick labels, legends, annotations
TITLE_PT = 11

# Okabe & Ito (2008), "Color Universal Design": eight colours told apart by people with
# the common colour-vision deficiencies (and in greyscale, mostly by lightness).
OKABE_ITO = {"black": "#000000", "orange": "#E69F00", "sky blue": "#56B4E9", "bluish green": "#009E73",
             "yellow": "#F0E442", "blue": "#0072B2", "vermillion": "#D55E00", "reddish purple": "#CC79A7"}
# Series in this order; yellow is left out (too pale on white for thin lines).
SERIES = tuple(OKABE_ITO[name] for name in
               ("blue", "vermillion", "bluish green", "reddish purple", "orange", "sky blue", "black"))
LINESTYLES = ("-", "--", "-.", ":", (0, (5, 1, 1, 1, 1, 1)), (0, (8, 2)), (0, (1, 1)))
MARKERS = ("o", "s", "^", "D", "v", "P", "X")

# Roles, so the same idea has the same colour in every notebook.
CURVE = "#333333"                   # the function being studied (loss curve, parabola)
GUIDE = "#8c8c8c"                   # helper lines: minimum, zero, grid-like guides
MOVING = OKABE_ITO["vermillion"]    # the marker a slider moves ("current weight")
LOSS = OKABE_ITO["blue"]            # a loss curve over steps
DIVERGED = OKABE_ITO["vermillion"]  # a run that blew up (always with the word "diverged")

RC = {
    "figure.dpi": DISPLAY_DPI,
    "savefig.dpi": "figure",
    "figure.facecolor": "white",
    "savefig.facecolor": "auto",  # the figure's own white (an explicit colour would mark it changed per save)
    "axes.facecolor": "white",
    "font.size": FONT_PT,
    "axes.titlesize": TITLE_PT,
    "axes.labelsize": FONT_PT,
    "xtick.labelsize": FONT_PT,
    "ytick.labelsize": FONT_PT,
    "legend.fontsize": FONT_PT,
    "legend.title_fontsize": FONT_PT,
    "figure.titlesize": TITLE_PT + 1,
    "axes.prop_cycle": cycler(color=SERIES) + cycler(linestyle=LINESTYLES),
    "lines.linewidth": 1.8,
    "lines.markersize": 6,
}


def series(k: int) -> dict:
    """Colour, line style and marker of the k-th series (k = 0, 1, ...): pass as ``**series(k)``."""
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k < 0:
        raise TypeError(f"k must be a series number 0, 1, 2, ..., got {k!r}")
    k = int(k) % len(SERIES)
    return {"color": SERIES[k], "linestyle": LINESTYLES[k], "marker": MARKERS[k]}


# ---------------------------------------------------------------- sizes
def inches(width_px: float, height_px: float) -> tuple[float, float]:
    """A figure size in inches for a picture displayed at ``width_px`` x ``height_px``."""
    for name, value in (("width_px", width_px), ("height_px", height_px)):
        if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)) or value <= 0:
            raise ValueError(f"{name} must be a positive number of pixels such as 640, got {value!r}")
    if width_px > CONTENT_WIDTH:
        raise ValueError(f"width_px {width_px} is wider than the notebook ({CONTENT_WIDTH} px): the browser would "
                         "shrink the figure and its text; use two rows instead")
    return width_px / DISPLAY_DPI, height_px / DISPLAY_DPI


def new_figure(width_px: float = CONTENT_WIDTH, height_px: float = 360, layout: str | None = "constrained") -> Figure:
    """A figure (no pyplot) that is displayed ``width_px`` x ``height_px`` (at most :data:`CONTENT_WIDTH` wide)."""
    return Figure(figsize=inches(width_px, height_px), dpi=DISPLAY_DPI, layout=layout)


def displayed_size(fig: Figure) -> tuple[int, int]:
    """The size in CSS px at which :func:`show` and :class:`~helpers.views.controls.SliderFigure` display ``fig``."""
    width, height = fig.get_size_inches()
    return round(width * DISPLAY_DPI), round(height * DISPLAY_DPI)


# ---------------------------------------------------------------- nothing leaves its axes
def clip_to_view(x: Sequence[float], y: Sequence[float], xlim: tuple[float, float],
                 ylim: tuple[float, float], log_y: bool = False) -> tuple[np.ndarray, np.ndarray, bool]:
    """The start of the polyline (x, y) up to where it first leaves the box ``xlim`` x ``ylim``.

    Returns ``(x, y, left)``: the points inside, plus the point where the segment crosses
    the edge (interpolated, in log space when ``log_y``), and whether the line left the box
    (then mark it with :func:`off_chart_marker`). Non-finite points count as outside.
    """
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if x.shape != y.shape or x.ndim != 1:
        raise ValueError(f"x and y must be 1-D and of the same length, got shapes {x.shape} and {y.shape}")
    (x0, x1), (y0, y1) = sorted(xlim), sorted(ylim)
    ty = np.log10 if log_y else (lambda v: v)
    with np.errstate(divide="ignore", invalid="ignore"):
        inside = np.isfinite(x) & np.isfinite(y) & (x >= x0) & (x <= x1) & (y >= y0) & (y <= y1)
    if inside.all():
        return x, y, False
    first_out = int(np.argmin(inside))
    keep_x, keep_y = x[:first_out], y[:first_out]
    if first_out == 0:
        return keep_x, keep_y, True
    (ax_, ay_), (bx, by) = (x[first_out - 1], y[first_out - 1]), (x[first_out], y[first_out])
    if not (np.isfinite(bx) and np.isfinite(by)):
        return keep_x, keep_y, True
    with np.errstate(divide="ignore", invalid="ignore"):
        ya, yb, yl0, yl1 = ty(ay_), ty(by) if by > 0 or not log_y else -np.inf, ty(y0), ty(y1)
    # the largest t in [0, 1] that keeps a + t (b - a) inside every edge
    t = 1.0
    for start, end, low, high in ((ax_, bx, x0, x1), (ya, yb, yl0, yl1)):
        if end > high:
            t = min(t, (high - start) / (end - start))
        elif end < low:
            t = min(t, (low - start) / (end - start))
    t = max(0.0, min(1.0, float(t)))
    cross_x = ax_ + t * (bx - ax_)
    cross_y = ya + t * (yb - ya)
    cross_y = 10 ** cross_y if log_y else cross_y
    cross_x, cross_y = min(max(cross_x, x0), x1), min(max(cross_y, y0), y1)
    return np.append(keep_x, cross_x), np.append(keep_y, cross_y), True


def off_chart_marker(ax: Axes, **kwargs):
    """A hidden "off the chart" label for ``ax``; place it with ``marker.show_at(x, y)`` (data coordinates).

    The arrow in the text points the way the line left (↑ ↓ ← →); the label sits inside
    the axes next to the exit point. ``marker.hide()`` hides it again.
    """
    return _OffChart(ax, **kwargs)


class _OffChart:
    def __init__(self, ax: Axes, color: str = DIVERGED, fontsize: float = FONT_PT):
        self.ax = ax
        self.text = ax.text(0, 0, "", color=color, fontsize=fontsize, fontweight="bold", visible=False,
                            transform=ax.transAxes, zorder=5, clip_on=False,
                            bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": color, "lw": 0.8})

    def show_at(self, x: float, y: float) -> None:
        """Put the label next to the exit point (x, y), inside the edge the line crossed."""
        ax = self.ax
        px, py = ax.transLimits.transform(ax.transScale.transform((x, y)))  # 0..1 across the axes
        gaps = {"↑": 1 - py, "↓": py, "←": px, "→": 1 - px}
        arrow = min(gaps, key=gaps.get)
        right_half = px > 0.5  # the text runs away from the nearer side edge, so it stays inside
        self.text.set_text(f"off the chart {arrow}" if right_half else f"{arrow} off the chart")
        self.text.set_horizontalalignment("right" if right_half else "left")
        self.text.set_verticalalignment({"↑": "top", "↓": "bottom"}.get(arrow, "center"))
        margin_y = 0.03 if arrow in "↑↓" else 0.1
        self.text.set_position((min(max(px, 0.02), 0.98), min(max(py, margin_y), 1 - margin_y)))
        self.text.set_transform(ax.transAxes)
        self.text.set_visible(True)

    def hide(self) -> None:
        self.text.set_visible(False)
