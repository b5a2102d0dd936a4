"""Notebook 06's exercises: computed answers checked independently; typical mistakes, computed here by hand,
get their hints; wrong kinds are named."""
import math

import numpy as np
import pytest

from helpers.maths import datasets
from helpers.exercises.practice import MEASURED_OFFSET, MEASURED_SCALE, NEW_READING, ex1, ex2, ex3, ex4

MISS = 100 * math.sin(math.radians(30)) - 70               # −20 m
SLOPE = 200 * math.cos(math.radians(30)) * math.pi / 180   # metres per degree


def test_ex1_second_angle_by_hand():
    assert ex1.answer() == pytest.approx(15 - 0.1 * MISS * SLOPE, rel=1e-12)
    assert ex1.check(21.05).correct and ex1.check(21.04).correct  # rounded or cut to 2 decimals
    assert "dR/dθ" in ex1.check(15 + 0.1 * 20).message            # forgot dR/dθ
    assert "two minus signs" in ex1.check(15 + 0.1 * MISS * SLOPE).message
    assert "π/180" in ex1.check(15 - 0.1 * MISS * SLOPE * 180 / math.pi).message
    assert "add it to the first angle" in ex1.check(-0.1 * MISS * SLOPE).message
    assert "right as a whole number — give 2." in ex1.check(21).message
    assert "single number" in ex1.check("21").message


def test_ex2_updates_by_counting_batches():
    assert ex2.answer() == 25 * math.ceil(40 / 12) == 100
    assert ex2.check(100).correct
    assert "the last one may be smaller" in ex2.check(75).message.lower()
    assert "Batches come whole" in ex2.check(25 * 40 // 12).message   # 83 from 83.3
    assert "one epoch" in ex2.check(4).message
    assert "batch training" in ex2.check(25).message
    assert "stochastic" in ex2.check(1000).message
    assert "size of a batch" in ex2.check(300).message
    assert ex2.check([100]).status == "wrong kind"


def test_ex3_normalised_reading_by_hand():
    X, _ = datasets.noisy_xor(40, noise=0.15, seed=0)
    x1 = X[:, 0] * MEASURED_SCALE[0] + MEASURED_OFFSET[0]
    mean, std = x1.mean(), np.sqrt(np.mean((x1 - x1.mean()) ** 2))
    assert ex3.answer() == pytest.approx((NEW_READING - mean) / std)
    assert ex3.check(ex3.answer()).correct and ex3.check(round(ex3.answer(), 3)).correct
    assert "variance" in ex3.check((NEW_READING - mean) / x1.var()).message
    assert "standard deviation" in ex3.check(NEW_READING).message
    assert "divide by the standard deviation too" in ex3.check(NEW_READING - mean).message
    assert "subtract the training mean first" in ex3.check(NEW_READING / std).message.lower()
    assert "np.std" in ex3.check((NEW_READING - mean) / x1.std(ddof=1)).message
    assert "its own mean" in ex3.check(0).message
    assert ex3.check(None).status == "wrong kind" and "return" in ex3.check(None).message


def test_ex4_keep_the_network_with_lower_held_out_loss():
    from helpers.maths import practice
    results = practice.overfitting_runs().results
    assert results[2].val_losses[-1] < results[30].val_losses[-1]
    assert results[30].losses[-1] < results[2].losses[-1]  # the tempting wrong choice fits training better
    assert ex4.answer() == "2" and ex4.check("2").correct and ex4.check(2).correct
    wrong = ex4.check("30")
    assert wrong.status == "wrong" and "held-out" in wrong.message and "training loss" in wrong.message
    assert "wrong labels" in wrong.message  # the prediction is asked before the curves are shown
    assert "DASHED" not in ex4.hint
    assert ex4.check(3).status == "wrong kind" and "not one of the options" in ex4.check(3).message
