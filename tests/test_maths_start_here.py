"""helpers.maths.start_here: notebook 00's one-weight loss, and its two exercises."""
import pytest

from helpers.maths import start_here
from helpers.views import start_here as start_here_views
from helpers.exercises.start_here import ex1, ex2


def test_loss_is_the_squared_miss():
    assert start_here.output(0.8) == pytest.approx(1.2)
    assert start_here.loss(0.8) == pytest.approx(0.7 ** 2)
    assert start_here.loss(1 / 3) == pytest.approx(0.0, abs=1e-15)


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
