"""SliderFigure: redraws in place (blitting only what moved, pixel-identical to a full render), reports what it shows, rejects bad input clearly."""
import io

import ipywidgets as widgets
import numpy as np
import pytest
from matplotlib.figure import Figure
from PIL import Image

from helpers.widgets import SliderFigure, render_png


def make():
    fig = Figure(figsize=(4, 3))
    (line,) = fig.add_subplot().plot([0, 1], [0, 1])

    def update(rate):
        line.set_ydata([0, rate])
        return f"rate {rate:.2f}"

    return SliderFigure(fig, {"rate": widgets.FloatSlider(value=0.5, max=2)}, update, name="demo")


def test_moving_the_slider_redraws_the_image():
    view = make()
    before = bytes(view.image.value)
    assert view.readout == "rate 0.50"
    assert view.set(rate=1.5) == "rate 1.50"
    after = bytes(view.image.value)
    assert after != before and after.startswith(b"\x89PNG")
    assert view.last_redraw_ms > 0


def test_text_repr_is_stable():
    assert make()._repr_mimebundle_()["text/plain"] == "[demo: move the controls in a live kernel]"


def test_bad_input_is_named():
    with pytest.raises(ValueError, match="unknown control"):
        make().set(speed=1)
    with pytest.raises(TypeError, match="matplotlib Figure"):
        SliderFigure("not a figure", {"x": widgets.FloatSlider()}, lambda x: "")


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def full_render(view) -> np.ndarray:
    return pixels(render_png(view.fig, view.dpi))


def count_full_draws(view) -> list:
    draws, draw = [], view._canvas.canvas.draw
    view._canvas.canvas.draw = lambda: (draws.append(1), draw())
    return draws


def test_moving_only_data_redraws_just_the_moving_layer_and_matches_a_full_render():
    view = make()
    draws = count_full_draws(view)
    for rate in (0.1, 0.7, 1.9, 1.2, 0.3):
        view.set(rate=rate)
        np.testing.assert_array_equal(pixels(view.image.value), full_render(view))
    assert len(draws) == 1  # once to learn which artists move; the rest are blits


def test_changed_limits_or_new_artists_force_a_full_redraw():
    fig = Figure(figsize=(4, 3))
    ax = fig.add_subplot()
    (line,) = ax.plot([0, 1], [0, 1])
    ax.plot([0, 1], [1, 0], color="gray")  # a static line that must follow the new limits

    def update(top):
        line.set_ydata([0, top])
        ax.set_ylim(0, max(1.0, top))
        if top > 2:
            ax.axhline(2, color="red")
        return f"top {top}"

    view = SliderFigure(fig, {"top": widgets.FloatSlider(value=0.5, max=5)}, update)
    draws = count_full_draws(view)
    for top in (0.8, 1.5, 3.0, 4.0):
        view.set(top=top)
        np.testing.assert_array_equal(pixels(view.image.value), full_render(view))
    assert len(draws) >= 3  # limits changed at 1.5, 3.0 (plus a new line), 4.0


def test_latency_benchmark_times_real_redraws():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "benchmarks" / "widget_latency.py"
    spec = importlib.util.spec_from_file_location("widget_latency", path)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    view = make()
    result = bench.measure(view, "rate", [0.1, 0.9, 1.7])
    assert result["moves"] == 3 and 0 < result["p50"] <= result["p95"] <= result["max"]
    with pytest.raises(RuntimeError, match="did not redraw"):
        bench.measure(view, "rate", [1.7])  # same value: no change event, nothing to time
    with pytest.raises(ValueError, match="unknown control"):
        bench.measure(view, "speed", [1.0])


def test_an_axes_without_frame_stays_without_frame():
    fig = Figure(figsize=(4, 3))
    ax = fig.add_subplot()
    ax.set_axis_off()
    (line,) = ax.plot([0, 1], [0, 1])
    label = ax.text(0.5, 0.5, "")

    def update(rate):
        line.set_ydata([0, rate])
        label.set_text(f"rate {rate:.1f}")
        return label.get_text()

    view = SliderFigure(fig, {"rate": widgets.FloatSlider(value=0.5, max=2)}, update)
    for rate in (0.8, 1.6, 0.2):
        view.set(rate=rate)
        np.testing.assert_array_equal(pixels(view.image.value), full_render(view))


def test_overlapping_axes_keep_their_stacking():
    fig = Figure(figsize=(4, 3))
    ax = fig.add_subplot()
    (line,) = ax.plot([0, 1], [0, 1], linewidth=6)
    twin = ax.twinx()
    twin.plot([0, 1], [1, 0], color="black", linewidth=6)  # static, drawn above the moving line

    def update(rate):
        line.set_ydata([0, rate])
        return ""

    view = SliderFigure(fig, {"rate": widgets.FloatSlider(value=0.5, max=2)}, update)
    for rate in (0.8, 1.6, 0.2):
        view.set(rate=rate)
        np.testing.assert_array_equal(pixels(view.image.value), full_render(view))


def test_set_from_code_keeps_the_slider_live():
    """set() switches continuous_update off only around the move (to stop browser echoes)."""
    view = make()
    slider = view.controls["rate"]
    assert slider.continuous_update
    seen = []
    slider.observe(lambda change: seen.append(change["new"]), names="continuous_update")
    view.set(rate=1.25)
    assert slider.value == 1.25 and slider.continuous_update
    assert seen == [False, True]
