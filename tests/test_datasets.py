"""The seeded data sets of notebook 05: shapes, labels, repeatability, splits and normalisation."""
import numpy as np
import pytest

from helpers import datasets


def test_noisy_xor_shapes_balance_and_repeatability():
    X, y = datasets.noisy_xor(40, noise=0.1, seed=3)
    assert X.shape == (40, 2) and y.shape == (40,)
    assert set(y.tolist()) == {0.0, 1.0} and y.sum() == 20
    X2, y2 = datasets.noisy_xor(40, noise=0.1, seed=3)
    assert np.array_equal(X, X2) and np.array_equal(y, y2)
    assert not np.array_equal(X, datasets.noisy_xor(40, noise=0.1, seed=4)[0])


def test_noisy_xor_labels_follow_the_nearest_corner():
    X, y = datasets.noisy_xor(200, noise=0.05, seed=0)
    nearest = np.rint(np.clip(X, 0, 1)).astype(int)
    assert np.array_equal(y, (nearest[:, 0] ^ nearest[:, 1]).astype(float))
    # Each point lies near a corner: jitter of sd 0.05 stays well under 0.3.
    assert np.abs(X - nearest).max() < 0.3


def test_noise_free_xor_is_the_truth_table_repeated():
    X, y = datasets.noisy_xor(8, noise=0.0, seed=1)
    rows = {tuple(x) + (label,) for x, label in zip(X.tolist(), y.tolist())}
    assert rows == {(0.0, 0.0, 0.0), (0.0, 1.0, 1.0), (1.0, 0.0, 1.0), (1.0, 1.0, 0.0)}


def test_two_moons_lie_on_two_half_circles_without_noise():
    X, y = datasets.two_moons(50, noise=0.0, seed=2)
    assert X.shape == (50, 2) and y.sum() == 25
    top, bottom = X[y == 0], X[y == 1]
    assert np.allclose(np.hypot(*top.T), 1.0) and np.all(top[:, 1] >= 0)
    assert np.allclose(np.hypot(*(bottom - [1.0, 0.5]).T), 1.0) and np.all(bottom[:, 1] <= 0.5)


def test_flip_labels_flips_exactly_the_fraction():
    y = np.array([0.0, 1.0] * 10)
    flipped = datasets.flip_labels(y, 0.25, seed=0)
    assert (flipped != y).sum() == 5 and np.array_equal(y, [0.0, 1.0] * 10)  # the input is untouched
    assert np.array_equal(datasets.flip_labels(y, 0.0), y)
    X, noisy = datasets.noisy_xor(40, seed=3, label_noise=0.1)
    assert (noisy != datasets.noisy_xor(40, seed=3)[1]).sum() == 4


def test_split_keeps_every_example_once():
    X, y = datasets.two_moons(40, seed=0)
    X_train, y_train, X_held, y_held = datasets.split(X, y, held_out=0.25, seed=1)
    assert len(X_train) == 30 and len(X_held) == 10
    rows = lambda A, b: sorted(map(tuple, np.column_stack([A, b]).tolist()))
    assert rows(np.vstack([X_train, X_held]), np.concatenate([y_train, y_held])) == rows(X, y)


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
    (lambda: datasets.two_moons(10, noise=-1), ValueError, "noise must be between"),
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
