"""Notebook 06's figures: each draws what it says, without warnings; the slider panel follows the run."""
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.ticker import NullLocator, ScalarFormatter

from helpers.maths import datasets
from helpers.maths import many_runs
from helpers.maths import network
from helpers.maths import practice
from helpers.views import practice as plots
from helpers.views.network import MAP_RESOLUTION
from helpers.views.learning_rate import as_run

X, t = datasets.noisy_xor(40, noise=0.15, seed=0)
START = network.init_network(4, seed=2, scale=1.0)


@pytest.fixture
def shown(monkeypatch):
    figures = []
    monkeypatch.setattr(plots, "show", figures.append)
    yield figures
    plt.close("all")


def test_plot_modes_puts_each_curve_on_two_clocks_told_apart_without_colour(shown):
    runs = practice.compare_modes(START, X, t, lr=0.5, updates=40, seed=0)
    plots.plot_modes(runs, threshold=0.05)
    fig = shown[0]
    # no wall-clock panel: timings differ from machine to machine
    assert [ax.get_xlabel() for ax in fig.axes] == ["epoch (log scale)", "weight updates"]
    per_update = fig.axes[1].get_lines()[:3]
    for line, run in zip(per_update, runs.values()):
        assert np.array_equal(line.get_xdata(), run.updates[1:]) and np.allclose(line.get_ydata(), run.result.losses[1:])
    # colour is not the only cue: each mode has its own line style and marker, named in the legend
    assert len({(line.get_linestyle(), line.get_marker()) for line in per_update}) == 3
    legend = [text.get_text() for text in fig.axes[1].get_legend().get_texts()]
    assert [entry.split()[0] for entry in legend] == list(runs)


def test_rate_sweep_marks_divergence(shown):
    sweep = many_runs.train_many_rates(START, X, t, [0.1, 1.0, 5.0], epochs=20)
    plots.plot_rate_sweep(sweep, budgets=(5, 20))
    ax = shown[0].axes[0]
    assert sweep.diverged.tolist() == [False, False, True]
    assert any(text.get_text() == "diverged" for text in ax.texts)
    assert np.allclose(ax.get_lines()[1].get_ydata()[:2], sweep.losses[:2, 20])


def test_boundaries_and_held_out_plots(shown):
    net = network.train(START, X, t, lr=1.0, epochs=50).net
    plots.plot_boundaries([("a", practice.classifier(net), X, t)] * 3, ncols=2)
    assert [ax.get_visible() for ax in shown[0].axes[:4]] == [True, True, True, False]
    run = network.train(START, X[:30], t[:30], lr=1.0, epochs=30, X_val=X[30:], t_val=t[30:])
    plots.plot_held_out({"k=4": run}, X[:30], t[:30])
    loss_ax = shown[1].axes[0]
    assert np.allclose(loss_ax.get_lines()[1].get_ydata(), run.val_losses)


def test_plot_data_and_normalising(shown):
    plots.plot_data(X, t, title="t")
    searches = {"raw": practice.fastest_rate(START, X, t, [0.5, 1.0], epochs=30, threshold=0.1)}
    plots.plot_normalising({"raw": (X, t)}, searches)
    assert len(shown) == 2 and len(shown[1].axes) == 2


def test_lighten_drops_minor_ticks_of_log_axes():
    fig = Figure()
    ax = fig.add_subplot()
    ax.set_yscale("log")
    plots.lighten(fig)
    assert isinstance(ax.yaxis.get_minor_locator(), NullLocator)
    assert ax.yaxis.get_major_formatter()(0.05, 0) == "0.05"
    assert isinstance(ax.xaxis.get_major_formatter(), ScalarFormatter)  # linear axes untouched


def test_lighten_keeps_ticks_a_plot_placed_itself(shown):
    """The gap figure spans 18 decades, where 1-2-5 ticks come out empty: its own decade ticks stay."""
    plots.plot_gaps({"pair": (np.array([1.0, 0.5]), np.array([1.0, 0.6]))})
    ax = shown[0].axes[0]
    plots.lighten(shown[0])
    shown[0].canvas.draw()
    assert [label.get_text() for label in ax.get_yticklabels()] == ["1e-15", "1e-12", "1e-9", "1e-6", "0.001", "1"]


def test_boundary_panel_follows_the_run():
    fig = Figure()
    ax = fig.add_subplot()
    draw = plots.boundary_panel(X, t)(ax)
    mesh, boundary = ax.collections[0], ax.collections[1]
    good = as_run(network.train(START, X, t, lr=1.0, epochs=100))
    draw(1.0, good)
    flag = next(t for t in ax.texts if t.get_text() == "diverged")
    assert not flag.get_visible()
    # the mesh holds the trained network's output at the grid points; the line is where it crosses 0.5
    assert mesh.get_visible() and mesh.get_array().size == MAP_RESOLUTION ** 2
    on_line = np.concatenate(boundary.get_segments())
    assert len(on_line) > 0
    assert np.allclose(network.predict(good.data.net, on_line), 0.5, atol=0.05)
    blown = as_run(network.train(START, X, t, lr=5.0, epochs=100))
    assert blown.diverged
    draw(5.0, blown)
    assert flag.get_visible() and not mesh.get_visible() and len(boundary.get_segments()) == 0


def test_plot_curves_draws_each_curve(shown):
    plots.plot_curves({"a": [0.5, 0.2, 0.1], "b": [0.5, 0.4]}, title="t")
    lines = shown[0].axes[0].get_lines()
    assert [list(line.get_ydata()) for line in lines] == [[0.5, 0.2, 0.1], [0.5, 0.4]]
    assert shown[0].axes[0].get_yscale() == "log"


def test_plot_gaps_draws_the_relative_gap(shown):
    a, b = np.array([1.0, 0.5, 0.25]), np.array([1.0, 0.5 * (1 + 1e-9), 0.3])
    plots.plot_gaps({"pair": (a, b)}, title="t")
    line = shown[0].axes[0].get_lines()[0]
    assert np.allclose(line.get_ydata(), [1e-17, 1e-9, 0.2])  # an exact 0 sits on the axis floor


def test_held_out_plot_rings_the_wrong_labels(shown):
    run = network.train(START, X[:30], t[:30], lr=1.0, epochs=5, X_val=X[30:], t_val=t[30:])
    wrong = np.zeros(30, dtype=bool)
    wrong[[2, 7]] = True
    plots.plot_held_out({"k=4": run}, X[:30], t[:30], wrong=wrong)
    boundary_ax = shown[0].axes[1]
    rings = [c for c in boundary_ax.collections if c.get_label() == "wrong label"]
    assert len(rings) == 1 and np.allclose(rings[0].get_offsets(), X[:30][wrong])


def test_every_figure_fits_the_notebook_width(shown):
    from helpers.views import style
    runs = practice.compare_modes(START, X, t, lr=0.5, updates=40, seed=0)
    plots.plot_modes(runs)
    plots.plot_rate_sweep(many_runs.train_many_rates(START, X, t, [0.1, 1.0], epochs=5), budgets=(5,))
    searches = {"raw": practice.fastest_rate(START, X, t, [0.5, 1.0], epochs=30, threshold=0.1)}
    plots.plot_normalising({"raw": (X, t)}, searches)
    plots.plot_boundaries([("a", practice.classifier(START), X, t)] * 4)
    for fig in shown:
        assert style.displayed_size(fig)[0] <= style.CONTENT_WIDTH
