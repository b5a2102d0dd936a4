"""The learning-rate explorer: redraws in place, labels divergence, accepts what train() returns."""
import ipywidgets as widgets
import numpy as np
import pytest

from helpers import single_weight as sw
from helpers.learning_rate import Run, as_run, describe_run, learning_rate_explorer, learning_rate_grid


def train(rate):
    return sw.trajectory(1.5, 0.8, 0.5, rate, 30)


def parabola_panel(calls):
    def setup(ax):
        calls.append("setup")
        (dots,) = ax.plot([], [], "o")

        def draw(rate, run):
            calls.append((rate, run.data))
            dots.set_data(run.data.weights, run.losses)

        return draw

    return setup


def test_slider_is_a_log_slider_named_rate():
    view = learning_rate_explorer(train, rate=0.1, rate_min=1e-3, rate_max=1.0)
    slider = view.controls["rate"]
    assert isinstance(slider, widgets.FloatLogSlider)
    assert (slider.base, slider.min, slider.max, slider.value) == (10, -3, 0, 0.1)
    assert slider.continuous_update
    assert not learning_rate_explorer(train, continuous_update=False).controls["rate"].continuous_update


def test_moving_the_slider_updates_data_in_the_same_figure():
    view = learning_rate_explorer(train, rate=0.1)
    fig, (line,) = view.fig, view.fig.axes[0].get_lines()
    assert view.readout == describe_run(0.1, as_run(train(0.1)))
    assert view.readout.startswith("rate 0.1: final cost")
    view.set(rate=0.3)
    assert view.fig is fig and len(fig.axes) == 1 and fig.axes[0].get_lines() == [line]
    expected = train(0.3).costs
    low, _ = fig.axes[0].get_ylim()
    np.testing.assert_allclose(line.get_ydata(), np.maximum(expected, low))  # exact zeros sit on the floor
    assert "0.3" in fig.axes[0].get_title()


def test_a_diverging_rate_says_diverged_on_the_plot_and_in_the_readout():
    view = learning_rate_explorer(train, rate=0.1, rate_max=2.0)
    assert view.set(rate=0.5) == "rate 0.5: diverged after 30 steps"
    ax = view.fig.axes[0]
    labels = [t for t in ax.texts if t.get_text() == "diverged"]
    assert len(labels) == 1 and labels[0].get_visible()
    assert "diverged" in ax.get_title()
    view.set(rate=0.1)
    assert not labels[0].get_visible() and "diverged" not in view.readout
    # A rate that overflows within a few steps: stops early, no warning (pytest makes warnings errors).
    assert view.set(rate=2.0).startswith("rate 2: diverged after")


def test_the_panel_is_set_up_once_and_drawn_on_every_move():
    calls = []
    view = learning_rate_explorer(train, rate=0.1, panel=parabola_panel(calls))
    view.set(rate=0.2)
    view.set(rate=0.3)
    assert calls[0] == "setup" and calls.count("setup") == 1
    assert [c[0] for c in calls[1:]] == [0.1, 0.2, 0.3]
    assert isinstance(calls[-1][1], sw.Trajectory)
    assert len(view.fig.axes) == 2
    np.testing.assert_allclose(view.fig.axes[1].get_lines()[0].get_xdata(), train(0.3).weights)


def test_custom_readout():
    view = learning_rate_explorer(train, rate=0.3, describe=lambda rate, run: sw.regime(rate, 1.5))
    assert view.readout == "oscillates but converges"


def test_as_run_accepts_the_documented_shapes():
    assert as_run([3.0, 2.0, 1.0]).diverged is False
    run = as_run(([1.0, 2.0], True))
    assert run.diverged and run.losses.tolist() == [1.0, 2.0]
    traj = train(0.1)
    assert as_run(traj).data is traj and as_run(traj).losses is traj.costs
    same = Run(np.array([1.0]), False, "extra")
    assert as_run(same).data == "extra"


def test_non_finite_losses_are_cut_and_flagged():
    run = as_run([1.0, 10.0, float("inf"), float("nan")])
    assert run.diverged and run.losses.tolist() == [1.0, 10.0]
    view = learning_rate_explorer(lambda rate: [1.0, 1e3, float("nan")], rate=0.1)
    assert "diverged" in view.readout


def test_static_grid_has_one_column_per_rate_and_labels_divergence():
    calls = []
    fig = learning_rate_grid(train, [0.1, 0.3, 0.5], panel=parabola_panel(calls))
    assert len(fig.axes) == 6 and calls.count("setup") == 3
    titles = [ax.get_title() for ax in fig.axes[:3]]
    assert titles[0].startswith("rate 0.1: final cost") and titles[2] == "rate 0.5: diverged after 30 steps"
    flags = [[t.get_visible() for t in ax.texts if t.get_text() == "diverged"] for ax in fig.axes[:3]]
    assert flags == [[False], [False], [True]]


@pytest.mark.parametrize("call, error, message", [
    (lambda: learning_rate_explorer("train"), TypeError, "train must be a function"),
    (lambda: learning_rate_explorer(train, rate="0.1"), TypeError, "rate must be a positive number"),
    (lambda: learning_rate_explorer(train, rate=float("nan")), ValueError, "positive finite"),
    (lambda: learning_rate_explorer(train, rate=5.0, rate_max=1.0), ValueError, "between rate_min and rate_max"),
    (lambda: learning_rate_explorer(lambda r: "loss"), TypeError, "must return losses"),
    (lambda: learning_rate_explorer(lambda r: [[1.0, 2.0]]), ValueError, "1-D sequence of losses"),
    (lambda: learning_rate_grid(train, []), TypeError, "non-empty list of learning rates"),
    (lambda: learning_rate_grid(train, 0.1), TypeError, "non-empty list of learning rates"),
    (lambda: learning_rate_grid(train, [0.1, -1]), ValueError, "each rate must be a positive finite"),
])
def test_bad_input_is_named(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_the_fast_redraw_shows_exactly_what_a_full_render_shows():
    import io

    from PIL import Image

    from helpers.widgets import render_png

    def pixels(png):
        return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))

    view = learning_rate_explorer(train, rate=0.1, panel=parabola_panel([]))
    for rate in (0.3, 0.5, 0.05, 1.0, 0.2):  # in and out of "diverged": flag, colour, title all change
        view.set(rate=rate)
        np.testing.assert_array_equal(pixels(view.image.value), pixels(render_png(view.fig, view.dpi)))
