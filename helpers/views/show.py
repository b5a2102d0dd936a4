"""How a picture reaches the screen: rendered with Agg at 2x density, encoded as a compact PNG, displayed.

One way to show a static figure, :func:`show`; ``plt.show()`` and a figure left as a cell's
value go through the same renderer once :func:`apply` has run (the notebooks call
:func:`helpers.setup`, which does). The look itself (palette, sizes) is :mod:`helpers.views.style`.
"""
from __future__ import annotations

import base64
import io
import struct
import zlib

import matplotlib as mpl
import numpy as np
from matplotlib.figure import Figure
from PIL import Image

from helpers.views.style import DENSITY, DISPLAY_DPI, RC, RENDER_DPI, TIGHT_PAD_PX

__all__ = ["png", "show", "render_png", "encode_png", "compact_png", "apply", "add_render_listener", "remove_render_listener"]


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


def ipython_shell():
    """The running IPython shell (a notebook's kernel), or None outside IPython."""
    try:
        from IPython import get_ipython
    except ImportError:
        return None
    return get_ipython()


def apply() -> None:
    """Use the series style: matplotlib defaults (sizes, palette with line styles) and 2x figures in IPython.

    Safe to call more than once. In a kernel, figures shown with ``plt.show()`` (the inline
    backend) are rendered by :func:`png`; should anything re-select the inline formats
    later, they stay 2x ("retina").
    """
    mpl.rcParams.update(RC)
    shell = ipython_shell()
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


def render_png(fig: Figure, dpi: float = RENDER_DPI) -> bytes:
    """Draw ``fig`` with Agg at ``dpi`` and return full-colour PNG bytes (no pyplot, so nothing is shown twice)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, facecolor="auto", edgecolor="auto")
    return buf.getvalue()
