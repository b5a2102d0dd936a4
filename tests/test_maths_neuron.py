"""helpers.maths.neuron: every number notebook 04 prints, every gradient against central differences."""
import math
import warnings

import numpy as np
import pytest

from helpers.maths import neuron as nr
from helpers.maths import single_weight as sw
from helpers.maths.gradcheck import max_relative_error, numerical_gradient

X_GATES = nr.GATE_X
X1 = np.array([1.5, 0.5])      # the walkthrough sample: 03's input 1.5 and a second input 0.5
W1, B1, T1 = np.array([0.8, -0.4]), 0.1, 0.5


# ---------------------------------------------------------------- the walkthrough numbers
def test_one_idea_at_a_time_gives_the_printed_outputs():
    assert nr.forward([[1.5]], [0.8], 0.0, "identity") == pytest.approx([1.2])  # notebook 03's model
    assert nr.forward(X1, W1, 0.0, "identity") == pytest.approx(1.0)          # + a second input
    assert nr.forward(X1, W1, B1, "identity") == pytest.approx(1.1)           # + a bias
    assert nr.forward(X1, W1, B1) == pytest.approx(0.750260, abs=5e-7)        # + the sigmoid
    assert isinstance(nr.forward(X1, W1, B1), float)


def test_the_half_halves_the_gradient_and_keeps_the_minimum():
    dw, db = nr.gradients([[1.5]], [0.5], [0.8], 0.0, "identity")
    assert dw == pytest.approx([sw.dloss_dw(1.5, 0.8, 0.5) / 2]) and dw == pytest.approx([1.05])
    assert db == pytest.approx(0.7)  # a bias would get (y − t)·1
    # one step on ½L with lr equals one step on L with lr/2: 0.695 both
    w_half, _ = nr.step([[1.5]], [0.5], [0.8], 0.0, 0.1, "identity")
    assert w_half == pytest.approx([sw.step(1.5, 0.8, 0.5, 0.05)]) and w_half == pytest.approx([0.695])
    # the same minimum 1/3: zero gradient there
    assert nr.gradients([[1.5]], [0.5], [1 / 3], 0.0, "identity")[0] == pytest.approx([0.0], abs=1e-15)
    # curvature x² = 2.25: 03's thresholds double, 1/(2x²) → 1/x² and 1/x² → 2/x²
    (curv,) = nr.curvatures([[1.5]], bias=False)
    assert curv == pytest.approx(2.25)
    assert nr.regime(1 / 2.25, curv) == "one step to the minimum" == sw.regime(1 / 4.5, 1.5)
    assert nr.regime(2 / 2.25, curv) == "bounces forever" == sw.regime(1 / 2.25, 1.5)


def test_each_weight_gets_the_shared_error_times_its_own_input():
    dw, db = nr.gradients(X1, [T1], W1, 0.0, "identity")
    assert dw == pytest.approx([0.75, 0.25])  # (y − t)·x with y − t = 0.5
    dw, db = nr.gradients(X1, [T1], W1, B1, "identity")
    assert dw == pytest.approx([0.9, 0.3]) and db == pytest.approx(0.6)  # y − t = 0.6, bias input 1


def test_the_sigmoid_delta_by_hand():
    y = nr.forward(X1, W1, B1)
    assert nr.sigmoid_slope(1.1) == pytest.approx(y * (1 - y))
    assert nr.sigmoid_slope(1.1) == pytest.approx(0.187370, abs=5e-7)
    assert nr.deltas(X1, [T1], W1, B1) == pytest.approx(0.046891, abs=5e-7)
    dw, db = nr.gradients(X1, [T1], W1, B1)
    assert dw == pytest.approx([0.070337, 0.023446], abs=5e-7) and db == pytest.approx(0.046891, abs=5e-7)
    assert nr.loss(y, [T1]) == pytest.approx(0.031315, abs=5e-7)


def test_without_a_bias_the_origin_always_gives_one_half():
    for w in ([0.8, -0.4], [5.0, 3.0], [-2.0, 7.0]):
        assert nr.forward([0.0, 0.0], w, 0.0) == 0.5


# ---------------------------------------------------------------- gradients against central differences
@pytest.mark.parametrize("activation", nr.ACTIVATIONS)
@pytest.mark.parametrize("seed", range(5))
def test_gradients_match_central_differences(activation, seed):
    rng = np.random.default_rng(seed)
    n, k = rng.integers(1, 7), rng.integers(1, 4)
    X, t = rng.normal(size=(n, k)), rng.uniform(0, 1, n)
    w, b = rng.normal(size=k), float(rng.normal())
    dw, db = nr.gradients(X, t, w, b, activation)
    num_w = numerical_gradient(lambda v: nr.loss(nr.forward(X, v, b, activation), t), w)
    num_b = numerical_gradient(lambda v: nr.loss(nr.forward(X, w, float(v[0]), activation), t), [b])
    assert max_relative_error(dw, num_w) < 1e-6
    assert max_relative_error([db], num_b) < 1e-6


@pytest.mark.parametrize("a", [-3.0, -0.2, 0.0, 1.1, 4.0])
def test_sigmoid_slope_matches_central_differences(a):
    h = 1e-6
    assert nr.sigmoid_slope(a) == pytest.approx((nr.sigmoid(a + h) - nr.sigmoid(a - h)) / (2 * h), rel=1e-8)


def test_sigmoid_is_quiet_far_out():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert nr.sigmoid(-1000.0) == 0.0 and nr.sigmoid(1000.0) == 1.0
        assert nr.sigmoid(np.array([-1000.0, 0.0, 1000.0])) == pytest.approx([0.0, 0.5, 1.0])
    assert nr.sigmoid_slope(0.0) == 0.25


@pytest.mark.parametrize("activation", nr.ACTIVATIONS)
def test_hessian_matches_central_differences_of_the_gradient(activation):
    rng = np.random.default_rng(7)
    X, t = rng.normal(size=(5, 2)), rng.uniform(0, 1, 5)
    w, b = rng.normal(size=2), 0.3
    H = nr.hessian(X, t, w, b, activation)

    def grad(p):
        dw, db = nr.gradients(X, t, p[:2], float(p[2]), activation)
        return np.r_[dw, db]

    p, h = np.r_[w, b], 1e-5
    numeric = np.array([(grad(p + h * e) - grad(p - h * e)) / (2 * h) for e in np.eye(3)])
    assert max_relative_error(H, numeric) < 1e-6
    assert H == pytest.approx(H.T)


# ---------------------------------------------------------------- the mean over samples
def test_the_mean_does_not_care_how_often_the_data_is_repeated():
    t = nr.GATES["AND"]
    once = nr.gradients(X_GATES, t, W1, B1)
    four_times = nr.gradients(np.tile(X_GATES, (4, 1)), np.tile(t, 4), W1, B1)
    assert four_times[0] == pytest.approx(once[0]) and four_times[1] == pytest.approx(once[1])
    per_sample = [nr.gradients(x, [s], W1, B1) for x, s in zip(X_GATES, t)]
    assert once[0] == pytest.approx(np.mean([g[0] for g in per_sample], axis=0))
    assert once[1] == pytest.approx(np.mean([g[1] for g in per_sample]))


def test_and_table_with_the_linear_neuron():
    t = nr.GATES["AND"]
    y = nr.forward(X_GATES, W1, B1, "identity")
    assert y == pytest.approx([0.1, -0.3, 0.9, 0.5])
    assert nr.loss(y, t) == pytest.approx(0.145)
    dw, db = nr.gradients(X_GATES, t, W1, B1, "identity")
    assert dw == pytest.approx([0.1, -0.2]) and db == pytest.approx(0.05)


# ---------------------------------------------------------------- training
def test_train_repeats_step_from_the_old_weights():
    t = nr.GATES["OR"]
    run = nr.train(X_GATES, t, W1, B1, lr=2.0, epochs=3)
    w, b = W1, B1
    for k in range(3):
        assert run.losses[k] == pytest.approx(nr.loss(nr.forward(X_GATES, w, b), t))
        w, b = nr.step(X_GATES, t, w, b, 2.0)
        assert run.weights[k + 1] == pytest.approx(w) and run.biases[k + 1] == pytest.approx(b)
    assert run.losses.shape == (4,) and run.weights.shape == (4, 2) and not run.diverged
    assert run.w == pytest.approx(w) and run.b == pytest.approx(b)


def test_the_linear_neuron_on_and_finds_the_best_plane():
    run = nr.train(X_GATES, nr.GATES["AND"], W1, B1, lr=1.0, epochs=60, activation="identity")
    assert run.w == pytest.approx([0.5, 0.5], abs=1e-4) and run.b == pytest.approx(-0.25, abs=1e-4)
    assert run.losses[-1] == pytest.approx(1 / 32, abs=1e-8)
    assert nr.forward(X_GATES, [0.5, 0.5], -0.25, "identity") == pytest.approx([-0.25, 0.25, 0.25, 0.75])
    assert nr.right_count(X_GATES, nr.GATES["AND"], run.w, run.b, "identity") == 4


def test_stability_rule_for_the_linear_neuron():
    lams = nr.curvatures(X_GATES)
    assert lams == pytest.approx([(7 - math.sqrt(33)) / 8, 0.25, (7 + math.sqrt(33)) / 8])  # by hand: ¼·[[2,1,2],[1,2,2],[2,2,4]]
    lam = lams[-1]
    assert 2 / lam == pytest.approx(1.2554, abs=5e-5) and 1 / lam == pytest.approx(0.6277, abs=5e-5)
    for lr, expected in [(0.3, "converges smoothly"), (1.0, "oscillates but converges"), (1.5, "diverges")]:
        assert nr.regime(lr, lam) == expected
        run = nr.train(X_GATES, nr.GATES["AND"], W1, B1, lr=lr, epochs=60, activation="identity")
        assert run.diverged == (expected == "diverges")
    assert nr.train(X_GATES, nr.GATES["AND"], W1, B1, lr=1.5, epochs=60, activation="identity").losses.size < 61
    # exactly on the edge the steepest direction keeps its size: the loss neither falls to 1/32 nor grows
    edge = nr.train(X_GATES, nr.GATES["AND"], W1, B1, lr=2 / lam, epochs=60, activation="identity")
    assert not edge.diverged and 1 / 32 + 1e-6 < edge.losses[-1] < edge.losses[0]
    assert edge.losses[-1] == pytest.approx(edge.losses[-3], rel=1e-9)


def test_sigmoid_neuron_learns_and_and_or_but_not_xor():
    results = {g: nr.train(X_GATES, nr.GATES[g], W1, B1, lr=5.0, epochs=1000) for g in nr.GATES}
    for gate in ("AND", "OR"):
        run = results[gate]
        assert run.losses[-1] < 2e-3 and np.all(np.diff(run.losses) <= 0)
        assert nr.right_count(X_GATES, nr.GATES[gate], run.w, run.b) == 4
    xor = results["XOR"]
    assert xor.losses[-1] == pytest.approx(0.125, abs=1e-9)
    assert np.abs(xor.w).max() < 1e-6 and abs(xor.b) < 1e-6
    assert nr.forward(X_GATES, xor.w, xor.b) == pytest.approx([0.5] * 4, abs=1e-9)
    assert nr.right_count(X_GATES, nr.GATES["XOR"], xor.w, xor.b) == 0  # all undecided


def test_no_sigmoid_neuron_beats_one_eighth_on_xor():
    g = np.arange(-20.0, 20.01, 0.5)
    w1, w2, b = np.meshgrid(g, g, g, indexing="ij")
    a = np.stack([b, b + w2, b + w1, b + w1 + w2])
    y = nr.sigmoid(a)
    L = np.mean(0.5 * (y - nr.GATES["XOR"].reshape(4, 1, 1, 1)) ** 2, axis=0)
    assert L.min() == pytest.approx(0.125, abs=1e-12)
    rng = np.random.default_rng(0)
    for _ in range(20):
        run = nr.train(X_GATES, nr.GATES["XOR"], rng.normal(0, 3, 2), float(rng.normal(0, 3)), lr=5.0, epochs=400)
        assert run.losses.min() >= 0.125 - 1e-12


def test_near_xors_minimum_the_rule_uses_a_sixteenth_of_the_curvature():
    lams = nr.curvatures(X_GATES, nr.GATES["XOR"], [0.0, 0.0], 0.0, "sigmoid")
    assert lams == pytest.approx(nr.curvatures(X_GATES) / 16)
    edge = 2 / lams[-1]
    assert edge == pytest.approx(20.087, abs=5e-4) and edge == pytest.approx(16 * 2 / nr.curvatures(X_GATES)[-1])
    settles = nr.train(X_GATES, nr.GATES["XOR"], W1, B1, lr=15.0, epochs=2000)
    assert np.ptp(settles.losses[-100:]) < 1e-12 and settles.losses[-1] == pytest.approx(0.125, abs=1e-9)
    bounces = nr.train(X_GATES, nr.GATES["XOR"], W1, B1, lr=30.0, epochs=2000)
    last = bounces.losses[-100:]
    assert last[::2] == pytest.approx(last[0]) and last[1::2] == pytest.approx(last[1])  # a 2-cycle
    assert round(last.min(), 3) == 0.138 and round(last.max(), 3) == 0.145  # as notebook 04 prints them
    # it is an attracting cycle: a start moved by 1e-6 lands on the same two losses
    moved = nr.train(X_GATES, nr.GATES["XOR"], W1 + 1e-6, B1, lr=30.0, epochs=2000).losses[-100:]
    assert sorted(moved[-2:]) == pytest.approx(sorted(last[-2:]), abs=1e-9)
    assert not bounces.diverged  # a sigmoid's loss cannot blow up: it stays below ½


def test_a_huge_step_saturates_the_neuron():
    run = nr.train(X_GATES, nr.GATES["AND"], [0.0, 0.0], 0.0, lr=300.0, epochs=100)
    assert nr.forward(X_GATES, run.w, run.b) == pytest.approx([0, 0, 0, 0], abs=1e-6)
    assert run.losses[-1] == pytest.approx(0.125, abs=1e-6) and not run.diverged


# ---------------------------------------------------------------- what one line can do
def _separable(X, mask, directions=20000):
    """Brute force: some direction puts every marked point strictly below every unmarked one."""
    angles = np.linspace(0, 2 * np.pi, directions, endpoint=False)
    proj = X @ np.stack([np.cos(angles), np.sin(angles)])
    if mask.all() or not mask.any():
        return True
    return bool(np.any(proj[mask].max(axis=0) < proj[~mask].min(axis=0)))


def test_line_splits_of_the_square():
    splits = nr.line_splits(X_GATES)
    assert len(splits) == 7  # nothing, 4 single corners, 2 pairs of neighbours (each with its mirror)
    as_sets = {frozenset(np.flatnonzero(m)) for m in splits} | {frozenset(np.flatnonzero(~m)) for m in splits}
    assert frozenset({0, 3}) not in as_sets and frozenset({1, 2}) not in as_sets  # the XOR diagonals


@pytest.mark.parametrize("seed", range(4))
def test_line_splits_agree_with_brute_force(seed):
    X = np.random.default_rng(seed).normal(size=(6, 2))
    found = {m.tobytes() for m in nr.line_splits(X)} | {(~m).tobytes() for m in nr.line_splits(X)}
    for code in range(2 ** 6):
        mask = np.array([(code >> i) & 1 for i in range(6)], dtype=bool)
        assert (mask.tobytes() in found) == _separable(X, mask)


def test_one_line_on_xor_reaches_one_twelfth_with_three_right():
    best = nr.best_line(X_GATES, nr.GATES["XOR"])
    assert best.loss == pytest.approx(1 / 12) and best.right == 3
    assert best.mask.sum() == 1
    assert sorted(best.outputs) == pytest.approx([0, 2 / 3, 2 / 3, 2 / 3])
    losses = sorted({round(nr.split_loss(nr.GATES["XOR"], m), 12) for m in nr.line_splits(X_GATES)})
    assert losses == pytest.approx([1 / 12, 1 / 8])
    for gate in ("AND", "OR"):
        assert nr.best_line(X_GATES, nr.GATES[gate]).loss == 0 and nr.best_line(X_GATES, nr.GATES[gate]).right == 4


def test_boundary_line():
    c1, c2, c0 = nr.boundary([2.0, 2.0], -3.0)
    assert (c1, c2, c0) == (2.0, 2.0, -3.0)
    assert nr.boundary([0.5, 0.5], -0.25, activation="identity") == pytest.approx((0.5, 0.5, -0.75))
    c1, c2, c0 = nr.boundary([1.0, -1.0], 0.2, level=0.8)
    on_line = [0.3, -(c1 * 0.3 + c0) / c2]
    assert nr.forward(on_line, [1.0, -1.0], 0.2) == pytest.approx(0.8)


# ---------------------------------------------------------------- bad input gets a clear word
@pytest.mark.parametrize("call, message", [
    (lambda: nr.forward([[1, 2]], [1.0], 0.0), "2 inputs but there are 1 weights"),
    (lambda: nr.forward("x", [1.0], 0.0), "inputs X must be numbers"),
    (lambda: nr.forward([1, 2], [1, 2], "b"), "bias b must be a real number"),
    (lambda: nr.forward([1, 2], [1, 2], 0.0, "relu"), "activation must be one of"),
    (lambda: nr.gradients([[1, 2], [3, 4]], [1], [1, 2]), "2 samples but 1 targets"),
    (lambda: nr.train(X_GATES, nr.GATES["AND"], W1, B1, lr=-1, epochs=3), "must be a positive finite number"),
    (lambda: nr.train(X_GATES, nr.GATES["AND"], W1, B1, lr=1, epochs=2.5), "whole number"),
    (lambda: nr.boundary([0.0, 0.0], 1.0), "no boundary line"),
    (lambda: nr.curvatures(X_GATES, activation="sigmoid"), "give t, w and b"),
    (lambda: nr.regime(0.1, -1.0), "curvature must be positive"),
    (lambda: nr.forward([[np.nan, 1]], [1, 1]), "finite"),
])
def test_bad_input_names_what_was_expected(call, message):
    with pytest.raises((TypeError, ValueError), match=message):
        call()


def test_best_plane_and_grid_search():
    w, b, L = nr.best_plane(X_GATES, nr.GATES["AND"])
    assert w == pytest.approx([0.5, 0.5]) and b == pytest.approx(-0.25) and L == pytest.approx(1 / 32)
    assert nr.best_plane(X_GATES, nr.GATES["OR"])[2] == pytest.approx(1 / 32)
    assert nr.best_plane(X_GATES, nr.GATES["XOR"])[2] == pytest.approx(1 / 8)
    values = np.linspace(-20, 20, 41)
    L, w, b = nr.grid_search(X_GATES, nr.GATES["XOR"], values)
    assert L == pytest.approx(0.125, abs=1e-12) and w == pytest.approx([0, 0]) and b == pytest.approx(0)
    L, w, b = nr.grid_search(X_GATES, nr.GATES["AND"], values)
    assert L < 1e-4 and nr.right_count(X_GATES, nr.GATES["AND"], w, b) == 4
    # the same as a plain loop over a small grid
    small = np.array([-3.0, -1.0, 0.5, 2.0])
    for gate in ("AND", "XOR"):
        direct = min((nr.loss(nr.forward(X_GATES, [w1, w2], b), nr.GATES[gate]), (w1, w2, b))
                     for w1 in small for w2 in small for b in small)
        L, w, b = nr.grid_search(X_GATES, nr.GATES[gate], small)
        assert L == pytest.approx(direct[0]) and (*w, b) == pytest.approx(direct[1])


# ---------------------------------------------------------------- claims of notebook 04's prose
def test_with_the_half_a_step_multiplies_the_distance_by_one_minus_lr_x_squared():
    for lr in (0.1, 0.3, 0.7):
        (w1,), _ = nr.step([[1.5]], [0.5], [0.8], 0.0, lr, "identity")
        assert (w1 - 1 / 3) / (0.8 - 1 / 3) == pytest.approx(1 - lr * 1.5**2)


def test_curvature_along_the_bias_alone_is_one_and_along_each_weight_one_half():
    assert np.diag(nr.hessian(X_GATES, nr.GATES["AND"], W1, B1)) == pytest.approx([0.5, 0.5, 1.0])


def test_at_one_over_lambda_the_steepest_direction_lands_in_one_step():
    t = nr.GATES["AND"]
    H = nr.hessian(X_GATES, t, W1, B1)
    lams, vecs = np.linalg.eigh(H)
    best_w, best_b, _ = nr.best_plane(X_GATES, t)
    w, b = nr.step(X_GATES, t, W1, B1, 1 / lams[-1], "identity")
    before = np.r_[W1, B1] - np.r_[best_w, best_b]
    after = np.r_[w, b] - np.r_[best_w, best_b]
    assert abs(vecs[:, -1] @ before) > 1e-3 and abs(vecs[:, -1] @ after) < 1e-12  # gone in one step
    assert abs(vecs[:, 0] @ after) == pytest.approx(abs(vecs[:, 0] @ before) * (1 - lams[0] / lams[-1]))  # creeping


def test_the_sigmoid_slope_is_at_most_a_quarter():
    a = np.linspace(-10, 10, 2001)
    assert nr.sigmoid_slope(a).max() == pytest.approx(0.25) and a[np.argmax(nr.sigmoid_slope(a))] == 0


def test_and_and_or_keep_improving_with_more_epochs():
    for gate in ("AND", "OR"):
        short = nr.train(X_GATES, nr.GATES[gate], W1, B1, lr=5.0, epochs=1000)
        long = nr.train(X_GATES, nr.GATES[gate], W1, B1, lr=5.0, epochs=2000)
        assert long.losses[-1] < short.losses[-1] / 1.5
        assert np.linalg.norm(np.r_[long.w, long.b]) > np.linalg.norm(np.r_[short.w, short.b])


def test_the_loops_sigmoid_is_the_checked_one_without_the_checks():
    """network's training loops call sigmoid_of_floats on float arrays under np.errstate: the same numbers."""
    a = np.array([[-800.0, -40.0, -1.5], [0.0, 2.0, 800.0]])
    with np.errstate(over="ignore"):
        fast = nr.sigmoid_of_floats(a)
    np.testing.assert_array_equal(fast, nr.sigmoid(a))
    assert fast[0, 0] == 0.0 and fast[1, 2] == 1.0
