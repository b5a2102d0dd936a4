"""Notebook 05's exercises: computed answers checked independently; wrong values get hints; wrong kinds are named."""
import math

import numpy as np
import pytest

from helpers import datasets
from helpers.exercises.training import MEASURED_OFFSET, MEASURED_SCALE, NEW_READING, ex1, ex2, ex3, ex4


def test_ex1_second_angle_by_hand():
    miss = 100 * math.sin(math.radians(30)) - 70
    slope = 200 * math.cos(math.radians(30)) * math.pi / 180
    assert ex1.answer() == pytest.approx(15 - 0.1 * miss * slope, rel=1e-12)
    assert ex1.check(21.05).correct
    wrong = ex1.check(15 + 0.1 * 20)  # forgot dR/dθ
    assert wrong.status == "wrong" and "dR/dθ" in wrong.message
    assert "single number" in ex1.check("21").message


def test_ex2_updates_by_counting_batches():
    assert ex2.answer() == 25 * math.ceil(40 / 12) == 100
    assert ex2.check(100).correct
    assert ex2.check(25 * 40 // 12).status == "wrong"  # 83: the last, smaller batch forgotten
    assert "the last one may be smaller" in ex2.check(75).message
    assert ex2.check([100]).status == "wrong kind"


def test_ex3_normalised_reading_by_hand():
    X, _ = datasets.noisy_xor(40, noise=0.15, seed=0)
    x1 = X[:, 0] * MEASURED_SCALE[0] + MEASURED_OFFSET[0]
    assert ex3.answer() == pytest.approx((NEW_READING - x1.mean()) / np.sqrt(np.mean((x1 - x1.mean()) ** 2)))
    assert ex3.check(ex3.answer()).correct
    assert ex3.check((NEW_READING - x1.mean()) / x1.var()).status == "wrong"  # divided by the variance
    assert "standard deviation" in ex3.check(NEW_READING).message
    assert ex3.check(None).status == "unanswered"


def test_ex4_keep_the_network_with_lower_held_out_loss():
    from helpers import practice
    results = practice.overfitting_runs().results
    assert results[2].val_losses[-1] < results[30].val_losses[-1]
    assert ex4.answer() == "2" and ex4.check("2").correct
    wrong = ex4.check("30")
    assert wrong.status == "wrong" and "held-out" in wrong.message
    assert ex4.check(2).status == "wrong kind" and "as text" in ex4.check(2).message
