"""Notebook 01's pictures: slopes as computed, secants told apart by more than colour, h growing to the right."""
import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text

from helpers.maths import calculus as c
from helpers.views import style
from helpers.views.calculus import DX_GRID, draw_secants, plot_step_errors, secant_view, secants_figure

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
    # The stars sit on elements of hs, and numpy's AVX-512 power gives 10.0 ** -5 = 9.999999999999999e-06.
    assert [float(s.get_xdata()[0]) for s in stars] == pytest.approx([1e-8, 1e-5], rel=1e-12)
    low, high = ax.get_xlim()
    assert low < high  # not reversed: "round-off climbs with slope -1" reads left to right
    curves = [line for line in ax.get_lines() if line.get_marker() != "*"]
    assert curves[0].get_marker() != curves[1].get_marker()


def test_squashers_are_told_apart_by_line_style_and_stay_in_their_ranges():
    from helpers.views.calculus import plot_squashers

    ax = Figure().add_subplot()
    plot_squashers(ax)
    sigma, tanh = ax.get_lines()[:2]
    assert 0 < min(sigma.get_ydata()) and max(sigma.get_ydata()) < 1
    assert -1 < min(tanh.get_ydata()) < -0.99 and 0.99 < max(tanh.get_ydata()) < 1
    assert sigma.get_linestyle() != tanh.get_linestyle()


def _crossed(fig: Figure, text, skip=()) -> list[str]:
    """Labels of the lines of ``text``'s axes that pass through its box (as drawn), besides those in ``skip``."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    box = Text.get_window_extent(text, canvas.get_renderer())  # the words only, not an annotation's leader
    crossed = []
    for line in text.axes.get_lines():
        xs, ys = line.get_data()
        if len(xs) < 2 or line.get_label() in skip:
            continue
        t = np.linspace(0, 1, 200)
        dense = np.concatenate([np.column_stack([x0 + t * (x1 - x0), y0 + t * (y1 - y0)])
                                for x0, x1, y0, y1 in zip(xs[:-1], xs[1:], ys[:-1], ys[1:])])
        px = text.axes.transData.transform(dense)
        if ((px[:, 0] > box.x0) & (px[:, 0] < box.x1) & (px[:, 1] > box.y0) & (px[:, 1] < box.y1)).any():
            crossed.append(line.get_label())
    return crossed


@pytest.mark.parametrize("dx", [0.1, 0.3, 0.5, 0.7, 0.75, 1.0])
def test_the_rise_label_is_clear_of_the_tangent_and_the_secant(dx):
    """Review 00-03 item 14: at Δw = 0.5 the dashed tangent ran through "ΔL = 1.6125"."""
    view = secant_view(LOSS, 0.8, dx=dx, label="L(w) = (1.5w − 0.5)²", var="w")
    rise = next(t for t in view.fig.axes[0].texts if t.get_text().startswith("ΔL"))
    assert not _crossed(view.fig, rise), rise.get_text()


def test_the_static_secant_labels_are_clear_of_the_tangent():
    """Review 00-03 item 14: the dashed tangent ran through the "Δw = 0.5" label."""
    fig = secants_figure(LOSS, 0.8, dxs=[1.0, 0.5, 0.2, 0.05], label="L(w) = (1.5w − 0.5)²", var="w")
    labels = [t for t in fig.axes[0].texts if t.get_text().startswith("Δw")]
    assert len(labels) == 4
    for label in labels:
        assert not _crossed(fig, label, skip=("L(w) = (1.5w − 0.5)²",)), label.get_text()


def test_squashers_figure_is_sized_for_the_notebook():
    from helpers.views import style
    from helpers.views.calculus import squashers_figure
    fig = squashers_figure()
    assert style.displayed_size(fig) == (640, 340) and len(fig.axes[0].get_lines()) >= 2
