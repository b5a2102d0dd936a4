"""Notebook 01's pictures: slopes as computed, secants told apart by more than colour, h growing to the right."""
import numpy as np
import pytest
from matplotlib.figure import Figure

from helpers import calculus as c
from helpers import style
from helpers.calculus_plots import DX_GRID, draw_secants, plot_step_errors, secant_view, secants_figure

LOSS = c.chain(c.linear(1.5, -0.5), c.power(2))


def test_secant_view_reports_the_slopes_it_draws():
    view = secant_view(LOSS, 0.8, dx=0.5, var="w")
    assert view.readout == "Δw = 0.500: secant slope = 3.2250, tangent slope = 2.1000, gap = 1.1250"
    assert view.set(dx=0.1).startswith("Δw = 0.100: secant slope = 2.3250")
    with pytest.raises(TypeError, match="callable"):
        secant_view("w squared", 0.8)
    plain = secant_view(lambda w: (1.5 * w - 0.5) ** 2, 0.8, dx=0.5, var="w")  # any function of one number
    assert plain.readout == "Δw = 0.500: secant slope = 3.2250, tangent slope = 2.1000, gap = 1.1250"


def test_secant_view_names_the_change_of_the_output_as_the_label_does():
    view = secant_view(LOSS, 0.8, dx=0.5, label="L(w) = (1.5w − 0.5)²", var="w")
    texts = [t.get_text() for t in view.fig.axes[0].texts]
    assert "ΔL = 1.6125" in texts and "Δw = 0.50" in texts
    assert view.fig.axes[0].get_ylabel() == "L(w)"
    plain = secant_view(LOSS, 0.8, dx=0.5)
    assert "Δy = 1.6125" in [t.get_text() for t in plain.fig.axes[0].texts]


def test_secant_view_grid_holds_the_steps_the_notebook_shows_and_crosses_in_tens_of_presses():
    assert {1.0, 0.3, 0.05, 0.01, 0.5, 0.1} <= set(DX_GRID)
    assert 20 <= len(DX_GRID) <= 40 and DX_GRID == sorted(DX_GRID)


def test_secant_lines_stay_inside_the_axes():
    view = secant_view(LOSS, 0.8, dx=0.5, var="w")
    ax = view.fig.axes[0]
    (x_lo, x_hi), (y_lo, y_hi) = ax.get_xlim(), ax.get_ylim()
    for dx in DX_GRID:
        view.set(dx=dx)
        for line in ax.get_lines():
            x, y = np.asarray(line.get_xdata(), float), np.asarray(line.get_ydata(), float)
            assert np.all((x >= x_lo - 1e-9) & (x <= x_hi + 1e-9) & (y >= y_lo - 1e-9) & (y <= y_hi + 1e-9)), dx


def test_static_secants_are_labelled_with_their_step_and_4_decimals():
    ax = Figure().add_subplot()
    draw_secants(ax, LOSS, 0.8, dxs=[1.0, 0.05], var="w")
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels[1:] == ["Δw = 1: slope 4.3500", "Δw = 0.05: slope 2.2125", "tangent: slope 2.1000"]
    on_plot = [t.get_text() for t in ax.texts]
    assert on_plot == ["Δw = 1", "Δw = 0.05"]  # each secant named on the plot, not by colour alone
    secants = ax.get_lines()[2:4]
    assert secants[0].get_linestyle() != secants[1].get_linestyle()
    assert secants[0].get_marker() != secants[1].get_marker()
    assert ax.get_ylabel() == "y(w)"
    fig = secants_figure(LOSS, 0.8, [1.0, 0.5], label="L(w) = (1.5w − 0.5)²", var="w")
    assert fig.axes[0].get_ylabel() == "L(w)" and style.displayed_size(fig)[0] <= style.CONTENT_WIDTH


def test_step_errors_plot_h_growing_to_the_right_with_the_best_steps_starred():
    hs = 10.0 ** -np.arange(1, 15)
    errors = c.step_errors(c.exp, np.random.default_rng(0).uniform(0.5, 1.5, 200), hs)
    ax = Figure().add_subplot()
    plot_step_errors(ax, hs, errors)
    stars = [line for line in ax.get_lines() if line.get_marker() == "*"]
    assert [float(s.get_xdata()[0]) for s in stars] == [1e-8, 1e-5]
    low, high = ax.get_xlim()
    assert low < high  # not reversed: "round-off climbs with slope -1" reads left to right
    curves = [line for line in ax.get_lines() if line.get_marker() != "*"]
    assert curves[0].get_marker() != curves[1].get_marker()


def test_squashers_are_told_apart_by_line_style_and_stay_in_their_ranges():
    from helpers.calculus_plots import plot_squashers

    ax = Figure().add_subplot()
    plot_squashers(ax)
    sigma, tanh = ax.get_lines()[:2]
    assert 0 < min(sigma.get_ydata()) and max(sigma.get_ydata()) < 1
    assert -1 < min(tanh.get_ydata()) < -0.99 and 0.99 < max(tanh.get_ydata()) < 1
    assert sigma.get_linestyle() != tanh.get_linestyle()
