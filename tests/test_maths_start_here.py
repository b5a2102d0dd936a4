"""helpers.maths.start_here: notebook 00's one-weight loss (its exercises: test_exercises_start_here.py)."""
import pytest

from helpers.maths import start_here


def test_loss_is_the_squared_miss():
    assert start_here.output(0.8) == pytest.approx(1.2)
    assert start_here.loss(0.8) == pytest.approx(0.7 ** 2)
    assert start_here.loss(1 / 3) == pytest.approx(0.0, abs=1e-15)
