"""Notebook 00's warm-up: the loss curve, its slider (whose grid runs through 1/3) and its two exercises."""
import pytest

from helpers.maths import start_here
from helpers.views import start_here as start_here_views
from helpers.views import style
from helpers.exercises.start_here import ex1, ex2


def test_loss_is_the_squared_miss():
    assert start_here.output(0.8) == pytest.approx(1.2)
    assert start_here.loss(0.8) == pytest.approx(0.7 ** 2)
    assert start_here.loss(1 / 3) == pytest.approx(0.0, abs=1e-15)


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


def test_exercise_1():
    assert ex1.check(start_here.loss(0.6)).correct and ex1.check(0.16).correct
    assert ex1.check(0.9).status == "wrong" and "0.6 × 1.5" in ex1.check(0.9).message
    assert ex1.check(start_here.loss(0.8)).status == "wrong"  # the loss the pictures show is not the answer
    assert "remove the quotes" in ex1.check("0.16").message


def test_exercise_2_accepts_a_slider_reading():
    # Independent of the solution lambda: the loss is smallest at the slider position 1/3.
    best_on_slider = min(start_here_views.weight_grid(), key=start_here.loss)
    assert best_on_slider == 1 / 3
    assert ex2.check(best_on_slider).correct and ex2.check(0.33).correct
    assert ex2.check(0.3).status == "wrong"
    assert ex2.check([0.33]).status == "wrong kind"
