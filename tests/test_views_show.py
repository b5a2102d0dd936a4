"""helpers.views.show: 2x PNGs shown at their 1x width, compact encoding, render listeners."""
import io

import numpy as np
import pytest
from PIL import Image

from helpers.views import show, style


def png_size(data):
    image = Image.open(io.BytesIO(data))
    return image.width, image.height


def test_png_has_twice_the_pixels_of_its_displayed_width():
    fig = style.new_figure(400, 250)
    fig.add_subplot().plot([0, 1], [0, 1])
    data, width = show.png(fig)
    assert width == 400 and png_size(data) == (800, 500)
    full, _ = show.png(fig, compact=False)
    assert len(data) < len(full)  # 256 colours: smaller
    one, width_one = show.png(fig, density=1)
    assert width_one == 400 and png_size(one) == (400, 250)


def test_show_displays_2x_pixels_at_1x_width(monkeypatch):
    import IPython.display

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda data, metadata=None, raw=False: shown.append((data, metadata)))
    fig = style.new_figure(300, 200)
    fig.add_subplot()
    show.show(fig)
    (data, metadata), = shown
    assert set(data) == {"image/png"} and png_size(data["image/png"]) == (600, 400)
    assert metadata == {"image/png": {"width": 300, "height": 200}}


def test_render_listeners_see_every_displayed_picture():
    seen = []
    listener = lambda fig, data, width: seen.append((fig, width))  # noqa: E731
    show.add_render_listener(listener)
    try:
        fig = style.new_figure(300, 200)
        show.png(fig)
    finally:
        show.remove_render_listener(listener)
    show.png(fig)
    assert seen == [(fig, 300)]


def test_encode_png_round_trips_exactly():
    rng = np.random.default_rng(0)
    rgb = rng.integers(0, 256, size=(37, 53, 3), dtype=np.uint8)
    assert np.array_equal(np.asarray(Image.open(io.BytesIO(show.encode_png(rgb))).convert("RGB")), rgb)
    rgba = np.concatenate([rgb, np.full((37, 53, 1), 255, np.uint8)], axis=2)
    decoded = Image.open(io.BytesIO(show.encode_png(rgba)))
    assert decoded.mode == "RGBA" and np.array_equal(np.asarray(decoded), rgba)
    with pytest.raises(ValueError, match="RGB or RGBA"):
        show.encode_png(rgb[..., 0])
