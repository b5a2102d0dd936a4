"""The one-weight model: the source's numbers, gradients vs finite differences, the stability analysis."""
import math

import numpy as np
import pytest

from helpers.maths import single_weight as sw

X, T, W0, LR = 1.5, 0.5, 0.8, 0.1  # the source's model (its i, y, w, r)


def central_difference(f, x, h=1e-6):
    return (f(x + h) - f(x - h)) / (2 * h)


def test_source_forward_loss_and_local_derivatives():
    a = sw.forward(X, W0)
    assert a == pytest.approx(1.2)
    assert sw.loss(a, T) == pytest.approx(0.49)
    assert sw.dloss_dy(a, T) == pytest.approx(1.4)
    assert sw.dy_dw(X) == pytest.approx(1.5)
    assert sw.dloss_dw(X, W0, T) == pytest.approx(2.1)


def test_source_update_and_the_steps_that_follow():
    assert sw.step(X, W0, T, LR) == pytest.approx(0.59)
    run = sw.trajectory(X, W0, T, LR, 3)
    np.testing.assert_allclose(run.weights, [0.8, 0.59, 0.4745, 0.410975], rtol=1e-12)
    np.testing.assert_allclose(run.losses, [(X * w - T) ** 2 for w in run.weights], rtol=1e-12)
    assert not run.diverged


def test_weights_approach_one_third_which_is_t_over_x():
    assert sw.best_weight(X, T) == pytest.approx(1 / 3)
    run = sw.trajectory(X, W0, T, LR, 60)
    assert run.weights[-1] == pytest.approx(T / X, abs=1e-9)
    assert np.all(np.diff(run.losses) < 0)  # smooth regime: the loss falls at every step


def test_each_step_matches_step():
    run = sw.trajectory(X, W0, T, LR, 10)
    for before, after in zip(run.weights[:-1], run.weights[1:]):
        assert after == pytest.approx(sw.step(X, before, T, LR), rel=1e-12)


@pytest.mark.parametrize("seed", range(5))
def test_gradients_against_central_differences(seed):
    rng = np.random.default_rng(seed)
    i, w, y = rng.uniform(-3, 3, size=3)
    a = sw.forward(i, w)
    assert sw.dloss_dy(a, y) == pytest.approx(central_difference(lambda v: sw.loss(v, y), a), rel=1e-6, abs=1e-8)
    assert sw.dy_dw(i) == pytest.approx(central_difference(lambda t: sw.forward(i, t), w), rel=1e-6, abs=1e-8)
    full = central_difference(lambda t: sw.loss(sw.forward(i, t), y), w)
    assert sw.dloss_dw(i, w, y) == pytest.approx(full, rel=1e-6, abs=1e-8)


@pytest.mark.parametrize("seed", range(5))
def test_closed_form_error_matches_iteration(seed):
    rng = np.random.default_rng(100 + seed)
    i, w0, y = rng.uniform(0.5, 2.0), rng.uniform(-2, 2), rng.uniform(-1, 1)
    rate = rng.uniform(0.05, 0.95) * sw.divergence_rate(i)  # anywhere in the stable range
    run = sw.trajectory(i, w0, y, rate, 25)
    n = np.arange(26)
    w_star = sw.best_weight(i, y)
    predicted = (1 - 2 * rate * i**2) ** n * (w0 - w_star)
    np.testing.assert_allclose(run.weights - w_star, predicted, rtol=1e-7, atol=1e-12)
    assert sw.error_factor(rate, i) == pytest.approx(1 - 2 * rate * i**2)


def test_thresholds_for_the_source_input():
    assert sw.oscillation_rate(X) == pytest.approx(2 / 9)  # 1/(2·1.5²) ≈ 0.222
    assert sw.divergence_rate(X) == pytest.approx(4 / 9)  # 1/1.5² ≈ 0.444


@pytest.mark.parametrize("i", [1.5, -0.7, 3.0])
def test_regimes_on_both_sides_of_each_threshold(i):
    low, high = sw.oscillation_rate(i), sw.divergence_rate(i)
    assert sw.regime(0.9 * low, i) == "converges smoothly"
    assert sw.regime(low, i) == "one step to the minimum"
    assert sw.regime(1.1 * low, i) == "oscillates but converges"
    assert sw.regime(0.99 * high, i) == "oscillates but converges"
    assert sw.regime(high, i) == "bounces forever"
    assert sw.regime(1.01 * high, i) == "diverges"


def test_regimes_show_in_the_trajectories():
    w_star = sw.best_weight(X, T)
    smooth = sw.trajectory(X, W0, T, 0.9 * sw.oscillation_rate(X), 10).weights - w_star
    assert np.all(smooth > 0)  # never crosses the minimum
    one_step = sw.trajectory(X, W0, T, sw.oscillation_rate(X), 1).weights
    assert one_step[1] == pytest.approx(w_star, abs=1e-15)
    wobbly = sw.trajectory(X, W0, T, 0.3, 10).weights - w_star
    assert np.all(np.sign(wobbly[1:]) == -np.sign(wobbly[:-1])) and abs(wobbly[-1]) < abs(wobbly[0])
    bounce = sw.trajectory(X, W0, T, sw.divergence_rate(X), 10)
    np.testing.assert_allclose(bounce.weights[::2], W0, rtol=1e-9)
    np.testing.assert_allclose(bounce.weights[1::2], 2 * w_star - W0, rtol=1e-9)
    assert not bounce.diverged
    assert sw.trajectory(X, W0, T, 0.5, 10).diverged  # grows, though still far from overflowing


@pytest.mark.parametrize("rate", [0.6, 5.0, 1e200])
def test_a_run_that_blows_up_stops_cleanly(rate):
    # pytest turns RuntimeWarning into errors, so this also proves no overflow/NaN warnings.
    run = sw.trajectory(X, W0, T, rate, 10_000)
    assert run.diverged
    assert len(run.weights) < 10_001 and len(run.weights) == len(run.losses)
    assert np.all(np.isfinite(run.weights)) and np.all(np.isfinite(run.losses))


@pytest.mark.parametrize("call, message", [
    (lambda: sw.step(X, W0, T, float("nan")), "learning rate lr must be a positive finite number"),
    (lambda: sw.step(X, W0, T, math.inf), "learning rate lr must be a positive finite number"),
    (lambda: sw.trajectory(X, W0, T, -0.1, 5), "learning rate lr must be a positive finite number"),
    (lambda: sw.regime(0.1, 0), "input x must be non-zero"),
    (lambda: sw.best_weight(0.0, T), "input x must be non-zero"),
    (lambda: sw.divergence_rate(0), "input x must be non-zero"),
])
def test_bad_values_raise_value_error_naming_the_expectation(call, message):
    with pytest.raises(ValueError, match=message):
        call()


@pytest.mark.parametrize("call, message", [
    (lambda: sw.forward("1.5", W0), "input x must be a real number"),
    (lambda: sw.forward(X, [0.8]), "weight w must be a real number"),
    (lambda: sw.loss(1.2, True), "target t must be a real number"),
    (lambda: sw.step(X, W0, T, "0.1"), "learning rate lr must be a real number"),
    (lambda: sw.trajectory(X, W0, T, LR, 2.5), "steps must be a whole number"),
    (lambda: sw.regime(None, X), "learning rate lr must be a real number"),
])
def test_wrong_types_raise_type_error_naming_the_expectation(call, message):
    with pytest.raises(TypeError, match=message):
        call()


def test_numpy_scalars_are_accepted():
    assert sw.forward(np.float64(1.5), np.array(0.8)) == pytest.approx(1.2)
    assert sw.trajectory(X, W0, T, LR, np.int64(2)).weights.shape == (3,)
