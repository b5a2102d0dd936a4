"""helpers.views.start_here: notebook 00's loss curve, still and behind a slider."""
import pytest

from helpers.maths import start_here
from helpers.views import start_here as start_here_views
from helpers.views import style


def test_slider_moves_the_dot_and_reports():
    view = start_here_views.loss_slider()
    assert view.readout == "w = 0.800: output 1.200, loss 0.4900"
    assert view.set(w=0.5) == "w = 0.500: output 0.750, loss 0.0625"
    dot = view.fig.axes[0].lines[1]
    assert list(dot.get_xdata()) == [0.5] and list(dot.get_ydata()) == [pytest.approx(0.0625)]


def test_the_grid_runs_through_one_third_so_its_neighbourhood_reads_sensibly():
    grid = start_here_views.weight_grid()
    assert 1 / 3 in grid and 0.8 in grid and grid[0] == -0.4 and grid[-1] == 1.1
    assert 30 <= len(grid) <= 60  # the keyboard crosses the range in tens of presses
    view = start_here_views.loss_slider()
    assert view.set(w=1 / 3) == "w = 0.333: output 0.500, loss 0.0000"
    k = grid.index(1 / 3)
    left, right = start_here.loss(grid[k - 1]), start_here.loss(grid[k + 1])
    assert left == pytest.approx(right) == pytest.approx(0.0025)  # the neighbours miss by the same amount


def test_the_dot_stays_on_the_chart_over_the_whole_range():
    view = start_here_views.loss_slider()
    ax = view.fig.axes[0]
    low, high = ax.get_ylim()
    for w in start_here_views.weight_grid():
        view.set(w=w)
        (y,) = ax.lines[1].get_ydata()
        assert low < y < high, f"at w = {w} the dot (loss {y}) is off the chart {low, high}"


def test_figures_are_sized_for_the_notebook():
    assert style.displayed_size(start_here_views.loss_figure()) == start_here_views.SIZE
    assert start_here_views.loss_slider().width == start_here_views.SIZE[0]
