"""Notebook 03's pictures: the explorer names each regime, holds 2/9 and 4/9 exactly, and keeps its path on the chart."""
import numpy as np
import pytest

from helpers.maths import single_weight as sw
from helpers.views import single_weight as swp
from helpers.views import style

X, W0, T = 1.5, 0.8, 0.5


def test_explorer_names_each_regime_and_draws_the_path():
    view = swp.explorer()
    assert view.readout.startswith("rate 0.1: converges smoothly, final loss")
    assert view.set(lr=0.3).startswith("rate 0.3: oscillates but converges")
    diverged = sw.trajectory(X, W0, T, 0.5, 20)
    assert view.set(lr=0.5) == f"rate 0.5: diverged, loss {diverged.losses[-1]:.3g} after 20 steps"
    path = view.fig.axes[1].get_lines()[-1]
    # the path is cut where it leaves the parabola's box: every point drawn is a real step or the exit point
    shown = path.get_xdata()
    assert shown.size >= 2 and np.allclose(shown[:-1], diverged.weights[:shown.size - 1])
    assert view.set(lr=0.1) == view.readout


def test_the_regime_edges_are_on_the_slider_exactly():
    view = swp.explorer()
    grid = [value for _, value in view.controls["lr"].options]
    assert sw.oscillation_rate(X) in grid and sw.divergence_rate(X) in grid
    assert "one step to the minimum" in view.set(lr=sw.oscillation_rate(X))
    assert "bounces forever" in view.set(lr=sw.divergence_rate(X))
    assert len(grid) == len(set(grid)) and 20 <= len(grid) <= 40  # tens of key presses across


def test_losses_of_round_off_size_are_not_quoted():
    view = swp.explorer()
    assert view.set(lr=2 / 9).endswith("final loss < 1e-12 after 20 steps")


def test_labels_fit_inside_the_figure():
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    view = swp.explorer()
    renderer = FigureCanvasAgg(view.fig).get_renderer()
    frame = view.fig.bbox
    for ax in view.fig.axes:
        for text in (ax.xaxis.label, ax.yaxis.label):
            box = text.get_window_extent(renderer)
            assert frame.x0 <= box.x0 and box.x1 <= frame.x1, f"{text.get_text()!r} runs off the figure"


def test_static_figures_fit_the_notebook():
    fig = swp.rates_side_by_side((0.1, 0.5))
    assert len(fig.axes) == 4 and "diverged" in fig.subfigs[1]._suptitle.get_text()
    assert style.displayed_size(fig)[0] <= style.CONTENT_WIDTH
    descent = swp.descent_figure()
    assert len(descent.axes[0].get_lines()) == 3  # parabola, minimum marker, steps
    assert style.displayed_size(descent) == (640, 380)
    assert "the minimum, 0.3333" in descent.axes[0].get_xlabel()
    with pytest.raises(ValueError, match="input x must be non-zero"):
        swp.explorer(x=0)
