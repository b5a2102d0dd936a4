"""helpers.views.redraw: what the partial redraw notices by itself, without flags set by plotting code."""
import io

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure
from PIL import Image

from helpers.views.controls import SliderFigure
from helpers.views.show import render_png


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def test_a_mesh_given_new_colours_is_redrawn_without_being_flagged():
    fig = Figure(figsize=(3, 3))
    ax = fig.add_subplot()
    mesh = ax.pcolormesh(np.zeros((4, 4)), vmin=0, vmax=1)
    (line,) = ax.plot([0, 4], [2, 2], color="black")

    def update(level):
        mesh.set_array(np.full(16, level))  # matplotlib marks nothing stale here
        line.set_ydata([level * 4, level * 4])
        return f"level {level:.1f}"

    view = SliderFigure(fig, {"level": widgets.FloatSlider(value=0.2, max=1, step=0.1)}, update)
    for level in (0.5, 0.9, 0.3):
        view.set(level=level)
        np.testing.assert_array_equal(pixels(view.image.value), pixels(render_png(view.fig, view.dpi)))


def test_moves_that_change_only_data_leave_the_background_alone():
    fig = Figure(figsize=(3, 3))
    (line,) = fig.add_subplot().plot([0, 1], [0, 1])
    view = SliderFigure(fig, {"rate": widgets.FloatSlider(value=0.5, max=2, step=0.05)},
                        lambda rate: line.set_ydata([0, rate]) or "")
    draws, draw = [], view._canvas.canvas.draw
    view._canvas.canvas.draw = lambda: (draws.append(1), draw())
    view.set(rate=0.6)  # the second picture: the moving layer is found by a full draw
    view.set(rate=0.7)
    view.set(rate=0.8)
    assert len(draws) == 1
    np.testing.assert_array_equal(pixels(view.image.value), pixels(render_png(view.fig, view.dpi)))


def count_full_draws(view) -> list:
    draws, draw = [], view._canvas.canvas.draw
    view._canvas.canvas.draw = lambda: (draws.append(1), draw())
    return draws


def test_a_legend_drawn_over_a_moving_line_stays_in_the_background_until_the_line_reaches_it():
    fig = Figure(figsize=(4, 3))
    ax = fig.add_subplot()
    (line,) = ax.plot([0, 1], [0.1, 0.1], label="moving")
    ax.set(xlim=(0, 1), ylim=(0, 1))
    legend = ax.legend(loc="upper left")  # zorder 5: drawn after the line

    def update(height):
        line.set_ydata([height, height])
        return f"height {height:.2f}"

    view = SliderFigure(fig, {"height": widgets.FloatSlider(value=0.1, max=1, step=0.05)}, update)
    draws = count_full_draws(view)
    for height in (0.15, 0.2, 0.3, 0.25):  # low down, far from the legend
        view.set(height=height)
        np.testing.assert_array_equal(pixels(view.image.value), pixels(render_png(view.fig, view.dpi)))
    assert legend not in view._canvas.moving and len(draws) == 1
    view.set(height=0.95)  # through the legend: it must be painted over the line again
    assert legend in view._canvas.moving
    np.testing.assert_array_equal(pixels(view.image.value), pixels(render_png(view.fig, view.dpi)))


def test_an_axes_turned_off_paints_no_frame_under_a_moving_text():
    fig = Figure(figsize=(3, 2))
    ax = fig.add_subplot()
    ax.set_axis_off()
    text = ax.text(0.5, 0.5, "0", ha="center", bbox={"fc": "white"})

    def update(value):
        text.set_text(f"{value:.1f}")
        return ""

    view = SliderFigure(fig, {"value": widgets.FloatSlider(value=0, max=9, step=0.5)}, update)
    for value in (1.5, 8.0, 3.5):
        view.set(value=value)
        np.testing.assert_array_equal(pixels(view.image.value), pixels(render_png(view.fig, view.dpi)))
    assert not any(spine in view._canvas.moving for spine in ax.spines.values())
