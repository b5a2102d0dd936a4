"""The gunner's picture: landing distance, the chain-rule gradient (checked numerically), the shots."""
import math

import numpy as np
import pytest

from helpers.maths import aiming

RNG = np.random.default_rng(7)
ANGLES = RNG.uniform(5, 85, 6)
TARGETS = RNG.uniform(20, 95, 6)


def central(f, x, h=1e-5):
    return (f(x + h) - f(x - h)) / (2 * h)


@pytest.mark.parametrize("angle", ANGLES)
def test_landing_slope_matches_finite_differences(angle):
    assert aiming.dlanding_dangle(angle) == pytest.approx(central(aiming.landing, angle), rel=1e-7)


@pytest.mark.parametrize("angle, target", list(zip(ANGLES, TARGETS)))
def test_cost_gradient_matches_finite_differences(angle, target):
    numeric = central(lambda a: aiming.miss_cost(a, target), angle)
    assert aiming.miss_gradient(angle, target) == pytest.approx(numeric, rel=1e-6, abs=1e-9)


def test_landing_is_the_range_formula():
    assert aiming.landing(45) == pytest.approx(100.0)
    assert aiming.landing(15) == pytest.approx(50.0)


def test_each_shot_applies_one_descent_step():
    run = aiming.shots(target=70, start=15, lr=0.1, n=4)
    for before, after in zip(run.angles[:-1], run.angles[1:]):
        assert after == pytest.approx(before - 0.1 * aiming.miss_gradient(before, 70))
    assert np.allclose(run.misses, [aiming.landing(a) - 70 for a in run.angles])
    # by hand for the first step: 15 + 0.1 * 20 * (200 cos 30° π/180)
    assert run.angles[1] == pytest.approx(15 + 0.1 * 20 * 200 * math.cos(math.radians(30)) * math.pi / 180)


def test_small_rate_converges_large_rate_overshoots():
    careful = aiming.shots(lr=0.1, n=6)
    assert abs(careful.misses[-1]) < 0.1 and np.all(careful.misses < 0)
    bold = aiming.shots(lr=0.3, n=6)
    assert np.count_nonzero(np.diff(np.sign(bold.misses))) >= 3  # short, long, ..., short, long: it overshoots
    assert abs(bold.misses[-1]) > abs(careful.misses[-1])


def test_a_wild_rate_stops_instead_of_firing_into_the_ground():
    run = aiming.shots(lr=3.0, n=6)
    assert run.lost and len(run.angles) < 6 and np.all((run.angles > 0) & (run.angles < 90))


@pytest.mark.parametrize("kwargs, error, words", [
    ({"target": 150}, ValueError, "target must lie between"),
    ({"start": 95}, ValueError, "start angle"),
    ({"lr": "fast"}, TypeError, "lr must be a real number"),
    ({"n": 0}, ValueError, "number of shots n must be a whole number of at least 1 such as 6, got 0"),
    ({"n": 2.0}, TypeError, "number of shots n must be a whole number such as 6, got float 2.0"),
])
def test_bad_input_is_named(kwargs, error, words):
    with pytest.raises(error, match=words):
        aiming.shots(**kwargs)
