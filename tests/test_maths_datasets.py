"""The seeded data sets of notebook 06: shapes, targets, repeatability, the ideal boundary, splits and normalisation."""
import math

import numpy as np
import pytest

from helpers.maths import datasets


def test_noisy_xor_shapes_balance_and_repeatability():
    X, t = datasets.noisy_xor(40, noise=0.1, seed=3)
    assert X.shape == (40, 2) and t.shape == (40,)
    assert set(t.tolist()) == {0.0, 1.0} and t.sum() == 20
    X2, t2 = datasets.noisy_xor(40, noise=0.1, seed=3)
    assert np.array_equal(X, X2) and np.array_equal(t, t2)
    assert not np.array_equal(X, datasets.noisy_xor(40, noise=0.1, seed=4)[0])


def test_noisy_xor_labels_follow_the_nearest_corner():
    X, t = datasets.noisy_xor(200, noise=0.05, seed=0)
    nearest = np.rint(np.clip(X, 0, 1)).astype(int)
    assert np.array_equal(t, (nearest[:, 0] ^ nearest[:, 1]).astype(float))
    # Each point lies near a corner: jitter of sd 0.05 stays well under 0.3.
    assert np.abs(X - nearest).max() < 0.3


def test_noise_free_xor_is_the_truth_table_repeated():
    X, t = datasets.noisy_xor(8, noise=0.0, seed=1)
    rows = {tuple(x) + (label,) for x, label in zip(X.tolist(), t.tolist())}
    assert rows == {(0.0, 0.0, 0.0), (0.0, 1.0, 1.0), (1.0, 0.0, 1.0), (1.0, 1.0, 0.0)}


def test_the_cross_is_the_truth_table_of_noisy_xor():
    X, t = datasets.noisy_xor(400, noise=0.05, seed=2)
    assert np.array_equal(datasets.xor_truth(X), t)  # little noise: every point on its corner's side
    assert np.array_equal(datasets.xor_truth(datasets.XOR_CORNERS), datasets.XOR_LABELS)


@pytest.mark.parametrize("noise", [0.1, 0.3, 0.6])
def test_best_accuracy_is_what_the_cross_gets_on_many_points(noise):
    X, t = datasets.noisy_xor(200_000, noise=noise, seed=11)
    measured = np.mean(datasets.xor_truth(X) == t)
    assert datasets.best_accuracy(noise) == pytest.approx(measured, abs=0.004)  # 200 000 points: sd < 0.001
    p = 0.5 * (1 + math.erf(0.5 / noise / math.sqrt(2)))  # each input on its corner's side of 0.5
    assert datasets.best_accuracy(noise) == pytest.approx(p ** 2 + (1 - p) ** 2)


def test_no_boundary_beats_the_cross_on_average():
    """The cross against other boundaries on the same many points: shifted, turned, or a circle."""
    X, t = datasets.noisy_xor(100_000, noise=0.3, seed=4)
    cross = np.mean(datasets.xor_truth(X) == t)
    others = [((X[:, 0] > 0.5 + d) != (X[:, 1] > 0.5 - d)) for d in (-0.1, -0.05, 0.05, 0.1)]
    others.append(np.abs(X[:, 0] - X[:, 1]) > 0.45)
    assert all(np.mean(other == t) < cross for other in others)
    assert f"{datasets.best_accuracy(0.3):.3f}" == "0.909" and datasets.best_accuracy(0.0) == 1.0


def test_two_moons_lie_on_two_half_circles_without_noise():
    X, t = datasets.two_moons(50, noise=0.0, seed=2)
    assert X.shape == (50, 2) and t.sum() == 25
    top, bottom = X[t == 0], X[t == 1]
    assert np.allclose(np.hypot(*top.T), 1.0) and np.all(top[:, 1] >= 0)
    assert np.allclose(np.hypot(*(bottom - [1.0, 0.5]).T), 1.0) and np.all(bottom[:, 1] <= 0.5)


def test_flip_labels_flips_exactly_the_fraction():
    t = np.array([0.0, 1.0] * 10)
    flipped = datasets.flip_labels(t, 0.25, seed=0)
    assert (flipped != t).sum() == 5 and np.array_equal(t, [0.0, 1.0] * 10)  # the input is untouched
    assert np.array_equal(datasets.flip_labels(t, 0.0), t)
    X, noisy = datasets.noisy_xor(40, seed=3, label_noise=0.1)
    assert (noisy != datasets.noisy_xor(40, seed=3)[1]).sum() == 4


def test_split_keeps_every_example_once():
    X, t = datasets.two_moons(40, seed=0)
    X_train, t_train, X_held, t_held = datasets.split(X, t, held_out=0.25, seed=1)
    assert len(X_train) == 30 and len(X_held) == 10
    rows = lambda A, b: sorted(map(tuple, np.column_stack([A, b]).tolist()))
    assert rows(np.vstack([X_train, X_held]), np.concatenate([t_train, t_held])) == rows(X, t)


def test_normaliser_uses_training_statistics():
    X, _ = datasets.noisy_xor(60, seed=5)
    raw = datasets.rescale(X, scale=[100.0, 0.01], offset=[500.0, -3.0])
    assert np.allclose(raw[:, 0], 100 * X[:, 0] + 500) and np.allclose(raw[:, 1], 0.01 * X[:, 1] - 3)
    norm = datasets.fit_normaliser(raw[:40])
    train = norm(raw[:40])
    assert np.allclose(train.mean(axis=0), 0.0) and np.allclose(train.std(axis=0), 1.0)
    # The held-out rows get the SAME shift and scale, not their own.
    assert np.allclose(norm(raw[40:]), (raw[40:] - raw[:40].mean(axis=0)) / raw[:40].std(axis=0))
    # Normalising removes any per-column rescaling: same result from X and from raw.
    assert np.allclose(datasets.fit_normaliser(X)(X), datasets.fit_normaliser(raw)(raw))


@pytest.mark.parametrize("call, error, words", [
    (lambda: datasets.noisy_xor(2.5), TypeError, "whole number"),
    (lambda: datasets.noisy_xor(3), ValueError, "at least 4"),
    (lambda: datasets.two_moons(10, noise=-1), ValueError, "noise must be a number between"),
    (lambda: datasets.two_moons(10, noise="a"), TypeError, "number such as"),
    (lambda: datasets.split(np.zeros((5, 3)), np.zeros(5)), ValueError, r"shape \(n, 2\)"),
    (lambda: datasets.split(np.zeros((5, 2)), np.zeros(4)), ValueError, r"shape \(5,\)"),
    (lambda: datasets.split(np.zeros((5, 2)), np.zeros(5), held_out=0.05), ValueError, "at least one"),
    (lambda: datasets.fit_normaliser(np.ones((5, 2))), ValueError, "constant"),
    (lambda: datasets.flip_labels([0.0, 1.0], 1.5), ValueError, "between 0.0 and 1.0"),
    (lambda: datasets.rescale(np.zeros((3, 2)), [1, 2, 3], 0), ValueError, "numbers or pairs"),
])
def test_bad_input_is_named(call, error, words):
    with pytest.raises(error, match=words):
        call()
