"""How every picture of the series looks and reaches the screen: one palette, sizes, pixel density.

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
  and on high-density screens. Static figures: :func:`show` (or plain ``plt.show()``,
  which :func:`apply` routes through the same renderer); slider pictures:
  :class:`helpers.widgets.SliderFigure`.
- **Colour is never the only cue.** :data:`SERIES` is the Okabe-Ito palette (safe for
  the common colour-vision deficiencies); :func:`series` pairs each colour with its own
  line style and marker, and matplotlib's default cycle does the same.
- **Nothing leaves its axes.** A moving line or marker that would leave the plot is cut at
  the edge by :func:`clip_to_view`, and :func:`off_chart_marker` says so on the plot.
- **White figures**, also in JupyterLab's dark theme (a transparent PNG would put dark
  text on a dark page).

Importing :mod:`helpers.widgets` (which every plotting module does) calls :func:`apply`.
"""
from __future__ import annotations

import base64
import io
import struct
import zlib
from typing import Sequence

import matplotlib as mpl
import numpy as np
from cycler import cycler
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from PIL import Image

__all__ = ["DISPLAY_DPI", "DENSITY", "RENDER_DPI", "CONTENT_WIDTH", "MIN_FONT_PT", "FONT_PT", "TITLE_PT",
           "OKABE_ITO", "SERIES", "LINESTYLES", "MARKERS", "CURVE", "GUIDE", "MOVING", "LOSS", "DIVERGED",
           "series", "apply", "new_figure", "inches", "displayed_size", "png", "show", "encode_png", "compact_png",
           "clip_to_view", "off_chart_marker", "add_render_listener", "remove_render_listener"]

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
    """The size in CSS px at which :func:`show` and :class:`~helpers.widgets.SliderFigure` display ``fig``."""
    width, height = fig.get_size_inches()
    return round(width * DISPLAY_DPI), round(height * DISPLAY_DPI)


# ---------------------------------------------------------------- rendering
_render_listeners: list = []


def add_render_listener(listener) -> None:
    """Call ``listener(fig, png_bytes, displayed_width)`` after each picture rendered for display (for tests)."""
    _render_listeners.append(listener)


def remove_render_listener(listener) -> None:
    _render_listeners.remove(listener)


def _announce(fig: Figure, data: bytes, width: int) -> None:
    for listener in list(_render_listeners):
        listener(fig, data, width)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def encode_png(pixels: np.ndarray, level: int = 1) -> bytes:
    """An RGB or RGBA uint8 array as PNG bytes, fast: the "up" row filter, zlib at ``level``.

    About four times faster than Pillow's encoder on a 2x plot picture, at a similar size
    (flat areas and smooth shading both become runs of zeros); this keeps a 2x slider picture within the
    latency budget. Pass Agg's RGBA buffer as it is: copying out the RGB channels costs
    more than the alpha channel adds. The decoded pixels are exactly ``pixels``.
    """
    pixels = np.asarray(pixels)
    if pixels.dtype != np.uint8 or pixels.ndim != 3 or pixels.shape[2] not in (3, 4):
        raise ValueError(f"expected a uint8 RGB or RGBA image of shape (height, width, 3 or 4), "
                         f"got {pixels.dtype} of shape {pixels.shape}")
    height, width, channels = pixels.shape
    rows = pixels.reshape(height, width * channels)
    raw = np.empty((height, width * channels + 1), dtype=np.uint8)
    raw[:, 0] = 2  # filter type "up" on every row: each byte minus the one above it (mod 256)
    raw[:, 1:] = rows
    raw[1:, 1:] -= rows[:-1]
    header = struct.pack(">IIBBBBB", width, height, 8, 2 if channels == 3 else 6, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(raw, level))
            + _chunk(b"IEND", b""))


def compact_png(pixels: np.ndarray, optimize: bool = False) -> bytes:
    """An RGB or RGBA picture (alpha ignored) as a 256-colour PNG: about a quarter of the bytes of a full-colour one.

    Plot pictures hold few colours, so lines and text keep their look (anti-aliased edges
    share the nearest of the 256). zlib runs at its default level 6: ``optimize`` (level 9)
    saves ~13 % more bytes for ~5x the encoding time (0.07 s instead of 0.013 s on an
    840 x 800 px figure at 2x).
    """
    pixels = np.asarray(pixels)
    if pixels.dtype != np.uint8 or pixels.ndim != 3 or pixels.shape[2] not in (3, 4):
        raise ValueError(f"expected a uint8 RGB or RGBA image of shape (height, width, 3 or 4), "
                         f"got {pixels.dtype} of shape {pixels.shape}")
    image = Image.fromarray(np.ascontiguousarray(pixels[..., :3])).quantize(
        colors=256, method=Image.Quantize.FASTOCTREE)
    palette = np.array(image.getpalette(), dtype=np.uint8).reshape(-1, 3)
    palette[(palette >= 252).all(axis=1)] = 255  # the octree averages white into 254: keep the page white
    palette[(palette <= 3).all(axis=1)] = 0
    image.putpalette(palette.ravel().tolist())
    out = io.BytesIO()
    image.save(out, format="png", optimize=optimize, compress_level=9 if optimize else 6)
    return out.getvalue()


def _draw_rgba(fig: Figure, dpi: float):
    """Draw ``fig`` once with Agg at ``dpi`` (its layout engine runs first, as in savefig): (RGBA pixels, the canvas).

    The figure keeps its own dpi and canvas afterwards; the Agg canvas is returned for its renderer.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    original_canvas, original_dpi = fig.canvas, fig.dpi
    canvas = FigureCanvasAgg(fig)  # (attaches itself to fig)
    try:
        fig.dpi = dpi
        canvas.draw()
        return np.array(canvas.buffer_rgba()), canvas
    finally:
        fig.dpi = original_dpi
        original_canvas.figure = fig
        fig.set_canvas(original_canvas)


def _tight_crop(fig: Figure, canvas, pixels: np.ndarray, dpi: float) -> np.ndarray | None:
    """``pixels`` cropped to the drawn content plus :data:`TIGHT_PAD_PX` (savefig's bbox_inches="tight"),
    or None when the content reaches past the figure's edge (then only savefig can show all of it)."""
    original_dpi = fig.dpi
    fig.dpi = dpi  # the renderer of the draw just made, not a new one at the figure's own dpi
    try:
        box = fig.get_tightbbox(canvas.get_renderer()).padded(TIGHT_PAD_PX / DISPLAY_DPI)
    finally:
        fig.dpi = original_dpi
    height, width = pixels.shape[:2]
    x0, x1 = int(np.floor(box.x0 * dpi)), int(np.ceil(box.x1 * dpi))
    y0, y1 = int(np.floor(box.y0 * dpi)), int(np.ceil(box.y1 * dpi))
    if x0 < 0 or y0 < 0 or x1 > width or y1 > height:
        return None
    return pixels[height - y1:height - y0, x0:x1]  # (rows count from the top)


def png(fig: Figure, density: float = DENSITY, tight: bool = False, compact: bool = True) -> tuple[bytes, int]:
    """Render ``fig`` for display: PNG bytes with ``density`` pixels per displayed pixel, and the displayed width.

    ``tight`` crops to the drawn content plus :data:`TIGHT_PAD_PX` (as ``plt.show()`` does,
    so a figure shown that way may be up to 2 x 4 px wider than it was designed); ``compact`` stores 256
    colours, about a third of the bytes of a full-colour PNG, so committed notebooks
    stay small (anti-aliased edges keep their look; the palette is taken from the picture).

    The figure is drawn once with Agg and its pixels are encoded straight from the canvas
    (no full-colour PNG written and decoded again first): ~0.45 s instead of ~0.8 s for a
    840 x 800 px figure at 2x.
    """
    if not isinstance(fig, Figure):
        raise TypeError(f"expected a matplotlib Figure, got {type(fig).__name__}")
    dpi = DISPLAY_DPI * density
    pixels, canvas = _draw_rgba(fig, dpi)
    if tight:
        pixels = _tight_crop(fig, canvas, pixels, dpi)
    if pixels is None:  # content past the figure's edge: savefig grows the picture to hold it
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight", pad_inches=TIGHT_PAD_PX / DISPLAY_DPI)
        pixels = np.asarray(Image.open(io.BytesIO(buf.getvalue())).convert("RGBA"))
    data = compact_png(pixels) if compact else encode_png(np.ascontiguousarray(pixels), level=6)
    width = round(pixels.shape[1] / density)
    _announce(fig, data, width)
    return data, width


def show(fig: Figure, density: float = DENSITY) -> None:
    """Display a static figure: PNG only (no text repr), ``density`` x the pixels, shown at its 1x width."""
    from IPython.display import display

    data, width = png(fig, density)
    height = round(Image.open(io.BytesIO(data)).height / density)
    display({"image/png": data}, metadata={"image/png": {"width": width, "height": height}}, raw=True)


def _ipython_png(fig: Figure) -> tuple[str, dict] | None:
    """The IPython formatter for figures shown by ``plt.show()`` or as a cell's value: 2x, cropped, compact."""
    if not fig.axes and not fig.texts and not fig.images:
        return None  # like IPython's own formatter: an empty figure shows nothing
    data, width = png(fig, tight=True)
    height = round(Image.open(io.BytesIO(data)).height / DENSITY)
    return base64.b64encode(data).decode("ascii"), {"width": width, "height": height}


def apply() -> None:
    """Use the series style: matplotlib defaults (sizes, palette with line styles) and 2x figures in IPython.

    Safe to call more than once. In a kernel, figures shown with ``plt.show()`` (the inline
    backend) are rendered by :func:`png`; should anything re-select the inline formats
    later, they stay 2x ("retina").
    """
    mpl.rcParams.update(RC)
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is None or not hasattr(shell, "display_formatter"):
        return
    backend = mpl.get_backend(auto_select=False) if mpl.__version_info__ >= (3, 10) else mpl.rcParams._get("backend")
    if backend in ("inline", "module://matplotlib_inline.backend_inline"):
        from matplotlib_inline.config import InlineBackend

        InlineBackend.instance(parent=shell).figure_formats = {"retina"}
        import matplotlib.pyplot as plt

        plt.switch_backend(backend)  # loads the backend now, so its own formatter cannot replace ours later
        mpl.rcParams.update(RC)
    shell.display_formatter.formatters["image/png"].for_type(Figure, _ipython_png)


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
