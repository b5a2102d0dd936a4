"""Notebook 00's warm-up: the cost curve, its slider and its two exercises."""
import pytest

from helpers import start_here
from helpers.exercises.start_here import ex1, ex2


def test_cost_is_the_squared_miss():
    assert start_here.output(0.8) == pytest.approx(1.2)
    assert start_here.cost(0.8) == pytest.approx(0.7 ** 2)
    assert start_here.cost(1 / 3) == pytest.approx(0.0, abs=1e-15)


def test_slider_moves_the_dot_and_reports():
    view = start_here.cost_slider()
    assert view.readout == "w = 0.80: output 1.20, cost 0.4900"
    assert view.set(w=0.5) == "w = 0.50: output 0.75, cost 0.0625"
    dot = view.fig.axes[0].lines[1]
    assert list(dot.get_xdata()) == [0.5] and list(dot.get_ydata()) == [pytest.approx(0.0625)]


def test_exercise_1():
    assert ex1.check(start_here.cost(0.6)).correct and ex1.check(0.16).correct
    assert ex1.check(0.9).status == "wrong" and "0.6 × 1.5" in ex1.check(0.9).message
    assert ex1.check(start_here.cost(0.8)).status == "wrong"  # the loss the pictures show is not the answer
    assert "remove the quotes" in ex1.check("0.16").message


def test_exercise_2_accepts_a_slider_reading():
    # Independent of the solution lambda: the cost is smallest at the slider step nearest 1/3.
    best_on_slider = min((round(k * 0.01, 2) for k in range(-40, 111)), key=start_here.cost)
    assert best_on_slider == 0.33
    assert ex2.check(best_on_slider).correct and ex2.check(1 / 3).correct
    assert ex2.check(0.3).status == "wrong"
    assert ex2.check([0.33]).status == "wrong kind"
