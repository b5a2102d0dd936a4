"""Notebook 00's exercises: answers and typical mistakes by hand arithmetic, hints that name each mistake."""
import pytest

from helpers.maths import start_here
from helpers.views import start_here as start_here_views
from helpers.exercises.start_here import ex1, ex2


def test_ex1_loss_at_w_0_6_and_its_typical_mistakes():
    assert ex1.answer() == pytest.approx((0.6 * 1.5 - 0.5) ** 2)  # 0.16
    assert ex1.check(0.16).correct and ex1.check((0.6 * 1.5 - 0.5) ** 2).correct
    assert "output" in ex1.check(0.9).message          # y, not the loss
    assert "squares it" in ex1.check(0.4).message      # the miss, not squared
    assert "squares the output" in ex1.check(0.81).message
    assert "brackets" in ex1.check(0.6 * 1.5 - 0.5 ** 2).message  # 0.65: precedence
    assert "the start, w = 0.8" in ex1.check(0.49).message        # the loss the pictures show
    assert ex1.check(0.2).message.endswith("right to 1 decimal — give 2.")
    assert "use a dot" in ex1.check((0, 16)).message and "remove the quotes" in ex1.check("0.16").message
    assert "0.16" in ex1.check(0.16).message and "0.4²" in ex1.check(0.16).message


def test_ex2_best_weight_two_decimals():
    assert ex2.answer() == pytest.approx(1 / 3)
    assert ex2.check(0.33).correct and ex2.check(1 / 3).correct
    assert ex2.check(0.3).message.endswith("right to 1 decimal — give 2.")
    assert "1.5 × w = 0.5" in ex2.check(0.5).message   # the target given as the weight
    assert "upside down" in ex2.check(3).message       # 1.5 / 0.5
    assert "smallest loss" in ex2.check(0).message     # the loss at the minimum
    assert "(to 2 decimals)" in ex2.check(...).message


def test_ex1_takes_the_loss_computed_by_the_maths_module():
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
