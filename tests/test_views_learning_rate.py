"""The learning-rate explorer: redraws in place, labels divergence, accepts what train() returns."""
import ipywidgets as widgets
import numpy as np
import pytest

from helpers.maths import single_weight as sw
from helpers.views.learning_rate import Run, as_run, describe_run, learning_rate_explorer, learning_rate_grid


def train(lr):
    return sw.trajectory(1.5, 0.8, 0.5, lr, 30)


def parabola_panel(calls):
    def setup(ax):
        calls.append("setup")
        (dots,) = ax.plot([], [], "o")

        def draw(lr, run):
            calls.append((lr, run.data))
            dots.set_data(run.data.weights, run.losses)

        return draw

    return setup


def test_slider_is_a_grid_of_round_learning_rates_named_lr():
    view = learning_rate_explorer(train, lr=0.1, lr_min=1e-3, lr_max=1.0)
    slider = view.controls["lr"]
    grid = [value for _, value in slider.options]
    assert isinstance(slider, widgets.SelectionSlider) and slider.description == "learning rate η"
    assert grid[0] == 0.001 and grid[-1] == 1.0 and slider.value == 0.1
    assert {0.001, 0.01, 0.1, 0.2, 0.3, 0.5, 1.0} <= set(grid) and 25 <= len(grid) <= 40
    assert slider.continuous_update
    assert not learning_rate_explorer(train, continuous_update=False).controls["lr"].continuous_update


def test_special_rates_are_exactly_on_the_slider():
    view = learning_rate_explorer(train, lr=0.1, include=(2 / 9, 4 / 9))
    grid = [value for _, value in view.controls["lr"].options]
    assert 2 / 9 in grid and 4 / 9 in grid
    assert view.set(lr=2 / 9).startswith("rate 0.222:")
    assert view.values == {"lr": 2 / 9}


def test_the_explorer_takes_its_size_in_displayed_pixels():
    view = learning_rate_explorer(train, lr=0.2, lr_min=0.01, lr_max=2.0, size=(768, 288))
    assert view.values == {"lr": 0.2} and view.width == 768


def test_moving_the_slider_updates_data_in_the_same_figure():
    view = learning_rate_explorer(train, lr=0.1)
    fig, (line,) = view.fig, view.fig.axes[0].get_lines()
    assert view.readout == describe_run(0.1, as_run(train(0.1)))
    assert view.readout.startswith("rate 0.1: final loss")
    view.set(lr=0.3)
    assert view.fig is fig and len(fig.axes) == 1 and fig.axes[0].get_lines() == [line]
    expected = train(0.3).losses
    low, _ = fig.axes[0].get_ylim()
    np.testing.assert_allclose(line.get_ydata(), np.maximum(expected, low))  # exact zeros sit on the floor
    assert fig.axes[0].get_title() == ""  # the readout above the picture says it: no title repeating it


def test_a_diverging_rate_says_diverged_on_the_plot_and_in_the_readout():
    view = learning_rate_explorer(train, lr=0.1, lr_max=2.0)
    assert view.set(lr=0.5) == "rate 0.5: diverged after 30 steps"
    ax = view.fig.axes[0]
    labels = [t for t in ax.texts if t.get_text() == "diverged"]
    assert len(labels) == 1 and labels[0].get_visible()
    (line,) = ax.get_lines()
    assert line.get_linestyle() == "--"  # not told by colour alone
    view.set(lr=0.1)
    assert not labels[0].get_visible() and "diverged" not in view.readout and line.get_linestyle() == "-"
    # A rate that overflows within a few steps: stops early, no warning (pytest makes warnings errors).
    assert view.set(lr=2.0).startswith("rate 2: diverged after")


def test_a_loss_above_the_top_is_cut_at_the_edge_and_marked_off_the_chart():
    view = learning_rate_explorer(train, lr=0.1, lr_max=2.0, loss_limits=(1e-12, 1e2))
    view.set(lr=0.5)
    ax = view.fig.axes[0]
    (line,) = ax.get_lines()
    assert line.get_ydata().max() == pytest.approx(1e2)
    marks = [t for t in ax.texts if "off the chart" in t.get_text()]
    assert len(marks) == 1 and marks[0].get_visible() and "↑" in marks[0].get_text()
    view.set(lr=0.1)
    assert not marks[0].get_visible()


def test_the_panel_is_set_up_once_and_drawn_on_every_move():
    calls = []
    view = learning_rate_explorer(train, lr=0.1, panel=parabola_panel(calls))
    view.set(lr=0.2)
    view.set(lr=0.3)
    assert calls[0] == "setup" and calls.count("setup") == 1
    assert [c[0] for c in calls[1:]] == [0.1, 0.2, 0.3]
    assert isinstance(calls[-1][1], sw.Trajectory)
    assert len(view.fig.axes) == 2
    np.testing.assert_allclose(view.fig.axes[1].get_lines()[0].get_xdata(), train(0.3).weights)


def test_custom_readout():
    view = learning_rate_explorer(train, lr=0.3, describe=lambda lr, run: sw.regime(lr, 1.5))
    assert view.readout == "oscillates but converges"


def test_as_run_accepts_the_documented_shapes():
    assert as_run([3.0, 2.0, 1.0]).diverged is False
    run = as_run(([1.0, 2.0], True))
    assert run.diverged and run.losses.tolist() == [1.0, 2.0]
    traj = train(0.1)
    assert as_run(traj).data is traj and as_run(traj).losses is traj.losses
    same = Run(np.array([1.0]), False, "extra")
    assert as_run(same).data == "extra"


def test_non_finite_losses_are_cut_and_flagged():
    run = as_run([1.0, 10.0, float("inf"), float("nan")])
    assert run.diverged and run.losses.tolist() == [1.0, 10.0]
    view = learning_rate_explorer(lambda lr: [1.0, 1e3, float("nan")], lr=0.1)
    assert "diverged" in view.readout


def test_static_grid_has_one_row_per_rate_and_labels_divergence():
    from helpers.views import style

    calls = []
    fig = learning_rate_grid(train, [0.1, 0.3, 0.5], panel=parabola_panel(calls))
    assert len(fig.axes) == 6 and calls.count("setup") == 3
    assert style.displayed_size(fig)[0] == style.CONTENT_WIDTH  # designed for the notebook's width
    titles = [sub._suptitle.get_text() for sub in fig.subfigs]
    assert titles[0].startswith("rate 0.1: final loss") and titles[2] == "rate 0.5: diverged after 30 steps"
    flags = [[t.get_visible() for t in ax.texts if t.get_text() == "diverged"] for ax in fig.axes[::2]]
    assert flags == [[False], [False], [True]]
    plain = learning_rate_grid(train, [0.1, 0.3, 0.5])  # no panel: two loss curves per row
    assert len([ax for ax in plain.axes if ax.get_visible()]) == 3 and plain.axes[1].get_title().startswith("rate 0.3")


@pytest.mark.parametrize("call, error, message", [
    (lambda: learning_rate_explorer("train"), TypeError, "train must be a function"),
    (lambda: learning_rate_explorer(train, lr="0.1"), TypeError, "lr must be a real number"),
    (lambda: learning_rate_explorer(train, lr=float("nan")), ValueError, "positive finite"),
    (lambda: learning_rate_explorer(train, lr=5.0, lr_max=1.0), ValueError, "between lr_min and lr_max"),
    (lambda: learning_rate_explorer(lambda r: "loss"), TypeError, "must return losses"),
    (lambda: learning_rate_explorer(lambda r: [[1.0, 2.0]]), ValueError, "1-D sequence of losses"),
    (lambda: learning_rate_grid(train, []), TypeError, "non-empty list of learning rates"),
    (lambda: learning_rate_grid(train, 0.1), TypeError, "non-empty list of learning rates"),
    (lambda: learning_rate_grid(train, [0.1, -1]), ValueError, "each learning rate must be a positive finite"),
])
def test_bad_input_is_named(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_the_fast_redraw_shows_exactly_what_a_full_render_shows():
    import io

    from PIL import Image

    from helpers.views.show import render_png

    def pixels(png):
        return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))

    view = learning_rate_explorer(train, lr=0.1, panel=parabola_panel([]))
    for lr in (0.3, 0.5, 0.05, 1.0, 0.2):  # in and out of "diverged": flag, colour, off-chart mark all change
        view.set(lr=lr)
        np.testing.assert_array_equal(pixels(view.image.value), pixels(render_png(view.fig, view.dpi)))
