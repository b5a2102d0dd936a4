"""SliderFigure: redraws in place (blitting only what moved, pixel-identical to a full render), reports what it shows, rejects bad input clearly."""
import io

import ipywidgets as widgets
import numpy as np
import pytest
from matplotlib.figure import Figure
from PIL import Image

from helpers.views import style
from helpers.views.controls import SliderFigure, choice_buttons, dropdown, grid_slider, linear_grid, live_views, log_grid
from helpers.views.show import render_png


def make():
    fig = Figure(figsize=(4, 3))
    (line,) = fig.add_subplot().plot([0, 1], [0, 1])

    def update(rate):
        line.set_ydata([0, rate])
        return f"rate {rate:.2f}"

    return SliderFigure(fig, {"rate": widgets.FloatSlider(value=0.5, max=2, step=0.05)}, update, name="demo")


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
    # once to learn which artists move, and once more each time the line first reaches a frame edge
    # or the ticks drawn after it, which then join the moving layer
    learned = len(draws)
    assert 1 <= learned <= 3
    for rate in (0.1, 0.7, 1.9, 1.2, 0.3, 1.0):
        view.set(rate=rate)
        np.testing.assert_array_equal(pixels(view.image.value), full_render(view))
    assert len(draws) == learned  # every move over ground already seen is a blit


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

    view = SliderFigure(fig, {"top": widgets.FloatSlider(value=0.5, max=5, step=0.1)}, update)
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


# ---------------------------------------------------------------- density, layout, classes (issues 18, 20)
def png_size(data: bytes) -> tuple[int, int]:
    image = Image.open(io.BytesIO(data))
    return image.width, image.height


def test_picture_has_2x_pixels_and_is_shown_at_its_1x_width_without_stretching():
    view = make()  # a 4 x 3 inch figure: 384 x 288 displayed pixels
    assert (view.width, view.height) == (384, 288)
    assert png_size(view.image.value) == (768, 576)
    layout = view.image.layout
    assert (layout.width, layout.height, layout.align_self) == ("384px", "auto", "flex-start")
    assert layout.max_width == "100%"  # a narrow window shrinks it instead of cutting it off
    low = SliderFigure(Figure(figsize=(4, 3)), {"x": grid_slider([0, 1], 0, "x")}, lambda x: "", density=1)
    assert png_size(low.image.value) == (384, 288)


def test_css_classes_for_the_browser_test():
    view = SliderFigure(Figure(figsize=(4, 3)),
                        {"lr": grid_slider(log_grid(0.01, 1), 0.1, "learning rate"),
                         "units": choice_buttons([1, 2, 3], 2, "hidden units"),
                         "data": dropdown(["xor", "noisy xor"], "xor", "data")},
                        lambda lr, units, data: f"{lr} {units} {data}")
    assert "bp-view" in view.box._dom_classes
    assert "bp-picture" in view.image._dom_classes
    assert "bp-readout" in view.label._dom_classes
    assert all("bp-control" in control._dom_classes for control in view.controls.values())


def test_live_views_lists_views_in_creation_order_with_values_and_readout():
    import gc

    first, second = make(), make()
    second.set(rate=1.5)
    views = live_views()
    assert views.index(first) < views.index(second)
    assert second.values == {"rate": 1.5} and second.readout == "rate 1.50"
    del first
    gc.collect()
    assert all(view is not None for view in live_views()) and second in live_views()


def test_sliders_have_a_wide_track_and_one_row_each():
    from helpers.views.controls import SLIDER_WIDTH, TRACK_WIDTH

    view = SliderFigure(Figure(figsize=(4, 3)), {"a": grid_slider([0, 1, 2], 1, "a"), "b": grid_slider([0, 1], 0, "b")},
                        lambda a, b: "")
    assert TRACK_WIDTH >= 400
    for control in view.controls.values():  # as wide as the notebook allows, up to the full track (issue 26)
        assert (control.layout.width, control.layout.max_width) == ("100%", f"{SLIDER_WIDTH}px")
    rows = view.box.children[0].children
    assert list(rows) == list(view.controls.values())


# ---------------------------------------------------------------- controls stay where they were put (issue 19)
def test_linear_grid_holds_the_decimals_themselves():
    grid = linear_grid(-0.4, 1.1, 0.01)
    assert len(grid) == 151 and 0.8 in grid and 0.33 in grid and -0.4 in grid and 1.1 in grid
    assert 0.7999999999999999 not in grid  # what -0.4 + 120 * 0.01 gives in floating point
    from fractions import Fraction

    thirds = linear_grid(Fraction(-2, 5), Fraction(11, 10), Fraction(1, 30))
    assert len(thirds) == 46 and 1 / 3 in thirds and 0.8 in thirds and 0.5 in thirds
    with pytest.raises(ValueError, match="start < stop"):
        linear_grid(1, 0, 0.1)
    with pytest.raises(ValueError, match="too many"):
        linear_grid(0, 1, 1e-4)


def test_log_grid_is_round_numbers_plus_exact_specials():
    grid = log_grid(0.01, 1, include=(2 / 9, 4 / 9))
    assert grid[0] == 0.01 and grid[-1] == 1.0 and 0.3 in grid and 0.05 in grid
    assert 2 / 9 in grid and 4 / 9 in grid
    assert 20 <= len(grid) <= 60  # the keyboard crosses it in tens of presses
    ratios = np.array(grid[1:]) / np.array(grid[:-1])
    assert ratios.max() < 1.4
    assert log_grid(0.01, 10, mantissas=(1, 2, 5)) == [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0]
    with pytest.raises(ValueError, match="outside"):
        log_grid(0.01, 1, include=(2.0,))


def test_grid_slider_is_synced_by_position_and_starts_exactly_at_its_value():
    slider = grid_slider(log_grid(0.01, 1), 0.1, "learning rate")
    assert isinstance(slider, widgets.SelectionSlider)
    assert slider.value == 0.1 and slider.options[slider.index] == ("0.1", 0.1)
    off = grid_slider([0.0, 0.5, 1.0], 0.8035, "x")  # an off-grid start joins the grid
    assert off.value == 0.8035 and [v for _, v in off.options] == [0.0, 0.5, 0.8035, 1.0]
    with pytest.raises(ValueError, match="between"):
        grid_slider([0.0, 1.0], 2.0, "x")


def test_float_sliders_become_grid_sliders_on_their_own_decimals():
    view = SliderFigure(Figure(figsize=(3, 2)), {"w": widgets.FloatSlider(value=0.8, min=-0.4, max=1.1, step=0.01,
                                                                          description="weight w")},
                        lambda w: f"w = {w!r}")
    control = view.controls["w"]
    assert isinstance(control, widgets.SelectionSlider) and control.description == "weight w"
    assert view.values == {"w": 0.8} and view.readout == "w = 0.8"
    log = SliderFigure(Figure(figsize=(3, 2)),
                       {"lr": widgets.FloatLogSlider(value=0.1, min=-3, max=1, step=0.5, description="lr")},
                       lambda lr: f"{lr!r}")
    assert [v for _, v in log.controls["lr"].options][:3] == [10 ** -3.0, 10 ** -2.5, 10 ** -2.0]
    assert log.values == {"lr": 0.1}


def test_int_sliders_start_on_their_step_grid():
    view = SliderFigure(Figure(figsize=(3, 2)), {"n": widgets.IntSlider(value=7, min=0, max=20, step=5)},
                        lambda n: str(n))
    assert view.values == {"n": 5}
    view.set(n=15)
    assert view.readout == "15"
    with pytest.raises(ValueError, match="steps of 5"):
        view.set(n=12)


def test_set_lands_exactly_and_adds_special_values_to_the_grid():
    view = SliderFigure(Figure(figsize=(3, 2)), {"lr": grid_slider(log_grid(0.01, 1), 0.1, "learning rate")},
                        lambda lr: f"{lr!r}")
    control = view.controls["lr"]
    before = len(control.options)
    assert view.set(lr=0.3) == "0.3" and len(control.options) == before
    assert view.set(lr=0.1 + 0.2) == "0.3"  # round-off lands on the grid value
    assert view.set(lr=2 / 9) == repr(2 / 9) and len(control.options) == before + 1
    assert control.options[control.index] == ("0.222", 2 / 9)
    with pytest.raises(ValueError, match="outside the range"):
        view.set(lr=5.0)
    with pytest.raises(TypeError, match="takes a number"):
        view.set(lr="0.3")


def test_set_redraws_once_for_several_controls_and_not_for_no_change():
    calls = []

    def update(a, b):
        calls.append((a, b))
        return f"{a} {b}"

    view = SliderFigure(Figure(figsize=(3, 2)), {"a": grid_slider([0, 1, 2], 0, "a"), "b": grid_slider([0, 1], 0, "b")},
                        update)
    calls.clear()
    assert view.set(a=2, b=1) == "2.0 1.0" and calls == [(2, 1)]
    view.set(a=2)
    assert calls == [(2, 1)]


def test_an_old_control_name_is_refused_with_the_names_there_are():
    view = SliderFigure(Figure(figsize=(3, 2)), {"lr": grid_slider([0.1, 0.5], 0.1, "lr")}, lambda lr: f"{lr}")
    with pytest.raises(ValueError, match=r"unknown control\(s\) \['rate'\]; this figure has \['lr'\]"):
        view.set(rate=0.5)
    assert view.values == {"lr": 0.1}


def test_discrete_controls_redraw_at_once():
    view = SliderFigure(Figure(figsize=(3, 2)), {"units": choice_buttons([1, 2, 3], 3, "hidden units")},
                        lambda units: f"{units} hidden units")
    view.controls["units"].value = 1  # as a click in the browser does
    assert view.readout == "1 hidden units"


def test_play_button_steps_the_named_control_through_the_kernel():
    """Issue 26: slider, readout and picture show one frame at a time while playing (a browser-side link
    moved the slider ahead of the picture); a tick that queued behind a slow redraw is skipped."""
    drawn = []
    view = SliderFigure(Figure(figsize=(3, 2)), {"epoch": grid_slider([0, 10, 100, 1000], 0, "epoch")},
                        lambda epoch: drawn.append(epoch) or f"epoch {epoch:g}", play="epoch", interval_ms=200)
    player, clock, slider = view.player, view.player.clock, view.controls["epoch"]
    assert isinstance(clock, widgets.Play) and (clock.min, clock.max, clock.interval) == (0, 3, 200)
    assert clock.layout.display == "none"    # the browser's clock, out of sight: the buttons say what they do
    assert player.target == (slider, "index")
    assert "bp-control" in player.button._dom_classes and "bp-play" in player.button._dom_classes
    assert "bp-start" in player.start._dom_classes
    assert view.image._dom_classes == ("bp-picture", "bp-frame-0.0")
    player.button.value = True               # Play pressed: the next frame at once, and the browser's clock starts
    assert clock.playing and player.button.description == "Pause" and slider.value == 10 and drawn == [0, 10]
    clock.value = 1                          # the clock's first tick, sent at once: that frame is already shown
    assert slider.value == 10 and drawn == [0, 10]
    clock.value = 2                          # a tick sent by the browser's clock
    assert slider.value == 100 and view.readout == "epoch 100"
    assert view.image._dom_classes == ("bp-picture", "bp-frame-100.0")   # the picture says which frame it is
    slider.value = 10                        # the learner drags the slider: playing goes on from there
    assert clock.value == 1
    player.busy = lambda: 500.0              # a redraw slower than the 200 ms tick: the queued tick is skipped
    clock.value = 2
    clock.value = 3
    assert slider.value == 100 and player.skipped == 1
    view.set(epoch=50)  # a value added to the grid: the clock's range follows
    assert clock.max == 4
    with pytest.raises(ValueError, match="names no control"):
        SliderFigure(Figure(figsize=(3, 2)), {"x": grid_slider([0, 1], 0, "x")}, lambda x: "", play="y")


def test_pause_stays_on_its_frame_and_start_goes_back_to_the_first():
    """Issue 26: a teacher freezes a frame with Pause; Start is a separate button that goes back to the first."""
    view = SliderFigure(Figure(figsize=(3, 2)), {"epoch": widgets.IntSlider(0, min=0, max=100, step=10,
                                                                            description="epoch")},
                        lambda epoch: f"epoch {epoch}", play="epoch")
    player, clock, slider = view.player, view.player.clock, view.controls["epoch"]
    assert (player.button.description, player.start.description) == ("Play", "Start")
    player.button.value = True
    assert slider.value == 10
    clock.value = 40
    player.button.value = False              # Pause
    assert not clock.playing and player.button.description == "Play" and view.readout == "epoch 40"
    clock.value = 50                         # a tick that left the browser before the pause reached it
    assert slider.value == 40 and view.readout == "epoch 40" and clock.value == 40 and player.dropped == 1
    player.button.value = True
    clock.value = 100
    clock.playing = False                    # the browser's clock stopped itself after the last frame
    assert player.button.value is False and player.button.description == "Play" and slider.value == 100
    player.button.value = True               # Play at the last frame plays from the first
    assert slider.value == 0 and clock.playing
    player.button.value = False
    player.start.click()                     # Start: the first frame, paused
    assert slider.value == 0 and clock.value == 0 and not clock.playing and view.readout == "epoch 0"
    assert view.image._dom_classes == ("bp-picture", "bp-frame-0")


def test_readout_is_escaped_html():
    view = SliderFigure(Figure(figsize=(3, 2)), {"x": grid_slider([0, 1], 0, "x")}, lambda x: "error < 1e-9 & done")
    assert view.label.value == "<b>error &lt; 1e-9 &amp; done</b>"


def test_show_figure_displays_at_2x(monkeypatch):
    import IPython.display

    from helpers.views.show import show as show_figure

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda data, metadata=None, raw=False: shown.append(metadata))
    fig = Figure(figsize=(3, 2))
    fig.add_subplot()
    show_figure(fig)
    assert shown == [{"image/png": {"width": 288, "height": 192}}]
    assert style.DENSITY == 2


def test_a_changed_figure_background_is_not_painted_over_the_axes():
    fig = Figure(figsize=(3, 2))
    (line,) = fig.add_subplot().plot([0, 1], [0, 1])

    def update(rate):
        line.set_ydata([0, rate])
        fig.patch.set_facecolor("white" if rate < 1 else "#eeeeee")
        return ""

    view = SliderFigure(fig, {"rate": grid_slider([0.2, 0.5, 1.5, 1.8], 0.2, "rate")}, update)
    for rate in (0.5, 1.5, 1.8, 0.2):
        view.set(rate=rate)
        np.testing.assert_array_equal(pixels(view.image.value), full_render(view))


def test_a_float_slider_too_fine_for_the_keyboard_gets_a_coarser_step():
    from helpers.views.controls import MAX_POSITIONS

    view = SliderFigure(Figure(figsize=(3, 2)), {"w": widgets.FloatSlider(value=0.8, min=0, max=1.2, step=0.01)},
                        lambda w: f"{w!r}")
    grid = [v for _, v in view.controls["w"].options]
    assert len(grid) <= MAX_POSITIONS and grid[:3] == [0.0, 0.025, 0.05] and view.readout == "0.8"
    assert view.set(w=1 / 3) == repr(1 / 3)  # an exact value still lands exactly
    log = SliderFigure(Figure(figsize=(3, 2)), {"lr": widgets.FloatLogSlider(value=0.1, min=-3, max=1, step=0.01)},
                       lambda lr: f"{lr!r}")
    assert len(log.controls["lr"].options) <= MAX_POSITIONS and log.readout == "0.1"


def test_pictures_left_by_code_are_stored_compact_after_the_cell():
    from IPython.core.interactiveshell import InteractiveShell

    from helpers.views.controls import compact_after_cells

    view = make()
    view.set(rate=1.5)
    np.testing.assert_array_equal(pixels(view.image.value), full_render(view))  # exact until the cell ends
    shell = InteractiveShell.instance()
    try:
        compact_after_cells(shell)
        compact_after_cells(shell)  # registering twice does no harm
        shell.user_ns["view"] = view
        shell.run_cell("view.set(rate=1.0)", store_history=False)
    finally:
        InteractiveShell.clear_instance()
    saved = Image.open(io.BytesIO(view.image.value))
    assert saved.mode == "P"  # 256 colours: what the notebook stores stays small
    shown, full = pixels(view.image.value), full_render(view)
    assert np.abs(shown.astype(int) - full.astype(int)).mean() < 1.0
    white = (full == 255).all(axis=-1)
    assert (shown[white] == 255).all()  # the background stays pure white
    view.controls["rate"].value = 0.5  # a drag in the browser: exact, and not compacted afterwards
    view.compact_picture()
    assert Image.open(io.BytesIO(view.image.value)).mode in ("RGB", "RGBA")
    np.testing.assert_array_equal(pixels(view.image.value), full_render(view))
