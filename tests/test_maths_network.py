"""The 2-k-1 network in matrix form: the worked example, gradients, training, bad input."""
import itertools

import numpy as np
import pytest

from helpers.maths import network as nw
from helpers.maths.gradcheck import max_relative_error, numerical_gradient

ACTS = list(nw.ACTIVATIONS)
PAIRS = list(itertools.product(ACTS, ACTS))


def random_case(seed, k=3, n=5, hidden="sigmoid", output="identity"):
    rng = np.random.default_rng(seed)
    net = nw.init_network(k, seed=seed, scale=0.8, hidden=hidden, output=output)
    return net, rng.normal(size=(n, 2)), rng.normal(size=n)


# --- the source's worked example, computed --------------------------------------------------

def test_worked_example_forward_and_backward():
    net = nw.init_network(3, value=1.0, hidden="identity", output="identity")
    fwd = nw.forward(net, [[0.0, 0.0]])
    assert fwd.hidden.tolist() == [[1.0, 1.0, 1.0, 1.0]]  # Z0 and Z1..Z3
    assert fwd.output.tolist() == [4.0]
    grads = nw.backward(net, [[0.0, 0.0]], [0.0], fwd)
    assert grads.delta_output.tolist() == [4.0]            # output − target, not target − output
    assert grads.delta_hidden.tolist() == [[4.0, 4.0, 4.0]]
    assert grads.dW.tolist() == [[4.0, 0.0, 0.0]] * 3      # zero inputs give zero gradient
    assert grads.dV.tolist() == [4.0] * 4


def test_worked_example_one_correct_step():
    net = nw.init_network(3, value=1.0, hidden="identity", output="identity")
    after = nw.train(net, [[0.0, 0.0]], [0.0], lr=0.1, epochs=1).net
    np.testing.assert_allclose(after.W[:, 0], 0.6)
    np.testing.assert_allclose(after.W[:, 1:], 1.0)
    np.testing.assert_allclose(after.V, 0.6)
    assert nw.predict(after, [[0.0, 0.0]])[0] == pytest.approx(1.68)
    assert net.W[0, 0] == 1.0  # train worked on a copy


# --- gradients against finite differences -------------------------------------------------

@pytest.mark.parametrize("name", ACTS)
def test_activation_derivatives(name):
    f, df = nw.activation(name)
    a = np.random.default_rng(1).normal(scale=2, size=7)
    numeric = np.array([numerical_gradient(lambda v: f(v)[0], [ai])[0] for ai in a])
    assert max_relative_error(df(a, f(a)), numeric) < 1e-7


@pytest.mark.parametrize("hidden,output", PAIRS)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_weight_gradients(hidden, output, seed):
    net, X, y = random_case(seed, k=2 + seed, n=3 + seed, hidden=hidden, output=output)
    grads = nw.backward(net, X, y)
    num_W = numerical_gradient(lambda W: nw.loss(nw.Network(W, net.V, hidden, output), X, y), net.W)
    num_V = numerical_gradient(lambda V: nw.loss(nw.Network(net.W, V, hidden, output), X, y), net.V)
    assert max_relative_error(grads.dW, num_W) < 1e-6
    assert max_relative_error(grads.dV, num_V) < 1e-6


@pytest.mark.parametrize("hidden,output", PAIRS)
def test_deltas_are_derivatives_of_each_samples_loss(hidden, output):
    """delta of a unit = d ½(out − t)² / d (that unit's weighted sum), sample by sample."""
    net, X, y = random_case(7, k=3, n=4, hidden=hidden, output=output)
    f, _ = nw.activation(hidden)
    g, _ = nw.activation(output)
    fwd = nw.forward(net, X)
    grads = nw.backward(net, X, y, fwd)
    for s in range(len(y)):
        def from_hidden(a):
            return 0.5 * (g(net.V[0] + net.V[1:] @ f(a)) - y[s]) ** 2
        num = numerical_gradient(from_hidden, fwd.hidden_pre[s])
        assert max_relative_error(grads.delta_hidden[s], num) < 1e-6
        num_out = numerical_gradient(lambda b: 0.5 * (g(b[0]) - y[s]) ** 2, [fwd.output_pre[s]])
        assert max_relative_error([grads.delta_output[s]], num_out) < 1e-6


def test_forward_by_hand():
    net, X, y = random_case(3, k=2, n=3, hidden="tanh", output="sigmoid")
    out = nw.predict(net, X)
    for s, (x1, x2) in enumerate(X):
        z = [np.tanh(net.W[j] @ [1.0, x1, x2]) for j in range(2)]
        by_hand = 1 / (1 + np.exp(-(net.V[0] + net.V[1] * z[0] + net.V[2] * z[1])))
        assert out[s] == pytest.approx(by_hand, rel=1e-12)


# --- training --------------------------------------------------------------------------

def test_batch_epoch_is_one_gradient_step():
    net, X, y = random_case(4)
    grads = nw.backward(net, X, y)
    result = nw.train(net, X, y, lr=0.3, epochs=1)
    np.testing.assert_allclose(result.net.W, net.W - 0.3 * grads.dW, rtol=1e-13)
    np.testing.assert_allclose(result.net.V, net.V - 0.3 * grads.dV, rtol=1e-13)
    assert result.losses[0] == pytest.approx(nw.loss(net, X, y))
    assert result.losses[1] == pytest.approx(nw.loss(result.net, X, y))


def test_stochastic_in_order_is_one_step_per_sample():
    net, X, y = random_case(5, n=4)
    result = nw.train(net, X, y, lr=0.2, epochs=1, mode="stochastic", shuffle=False)
    by_hand = net.copy()
    for s in range(4):
        g = nw.backward(by_hand, X[s:s + 1], y[s:s + 1])
        by_hand.W -= 0.2 * g.dW
        by_hand.V -= 0.2 * g.dV
    np.testing.assert_allclose(result.net.W, by_hand.W, rtol=1e-13)
    assert len(result.update_losses) == 4


def test_minibatch_counts_updates_and_is_seeded():
    net, X, y = random_case(6, n=10)
    X_val, t_val = X[:3] + 0.1, y[:3]
    a = nw.train(net, X, y, lr=0.1, epochs=3, mode="minibatch", batch_size=4, seed=1, X_val=X_val, t_val=t_val)
    b = nw.train(net, X, y, lr=0.1, epochs=3, mode="minibatch", batch_size=4, seed=1, X_val=X_val, t_val=t_val)
    assert len(a.update_losses) == 3 * 3 and len(a.losses) == 4 and len(a.val_losses) == 4
    np.testing.assert_array_equal(a.net.W, b.net.W)
    assert a.val_losses[-1] == pytest.approx(nw.loss(a.net, X_val, t_val))
    full = nw.train(net, X, y, lr=0.1, epochs=3, mode="minibatch", batch_size=99)
    np.testing.assert_allclose(full.net.V, nw.train(net, X, y, lr=0.1, epochs=3).net.V, rtol=1e-13)


def test_sigmoid_network_learns_xor():
    net = nw.init_network(3, seed=1, hidden="sigmoid")
    result = nw.train(net, nw.XOR_X, nw.XOR_T, lr=1.0, epochs=2000)
    assert not result.diverged and result.final_loss < 1e-6 < result.losses[0]
    assert np.round(nw.predict(result.net, nw.XOR_X)).tolist() == [0.0, 1.0, 1.0, 0.0]


def test_divergence_stops_cleanly_and_is_flagged():
    net = nw.init_network(3, seed=0, hidden="identity")
    result = nw.train(net, nw.XOR_X, nw.XOR_T, lr=50.0, epochs=10_000)  # RuntimeWarning would fail
    assert result.diverged and result.epochs_run < 100
    assert len(result.losses) == result.epochs_run + 1


def test_snapshots_are_the_network_after_that_many_epochs():
    net, X, y = random_case(9, n=4)
    result = nw.train(net, X, y, lr=0.4, epochs=30, keep=[0, 7, 30, 99])
    assert sorted(result.snapshots) == [0, 7, 30]          # 99 was never reached
    np.testing.assert_array_equal(result.snapshots[0].W, net.W)
    seven = nw.train(net, X, y, lr=0.4, epochs=7).net
    np.testing.assert_allclose(result.snapshots[7].W, seven.W, rtol=1e-13)
    np.testing.assert_allclose(result.snapshots[30].V, result.net.V, rtol=0)
    assert result.snapshots[7] is not result.snapshots[30]  # copies, not the same object
    assert nw.loss(result.snapshots[7], X, y) == pytest.approx(result.losses[7], rel=1e-12)
    assert nw.train(net, X, y, lr=0.4, epochs=3).snapshots == {}
    with pytest.raises(TypeError, match=r"^each epoch in keep must be a whole number such as 50, got float 1.5"):
        nw.train(net, X, y, lr=0.4, epochs=3, keep=[1.5])
    with pytest.raises(ValueError, match=r"^each epoch in keep must be a whole number of at least 0 such as 50, got -1"):
        nw.train(net, X, y, lr=0.4, epochs=3, keep=[0, -1])
    with pytest.raises(TypeError, match="keep must be a list"):
        nw.train(net, X, y, lr=0.4, epochs=3, keep=5)


# --- the linear story ----------------------------------------------------------------------

def test_identity_network_is_its_linear_equivalent():
    net, X, _ = random_case(8, hidden="identity", output="identity")
    c = nw.linear_equivalent(net)
    np.testing.assert_allclose(nw.predict(net, X), c[0] + X @ c[1:], rtol=1e-12)
    with pytest.raises(ValueError, match="all-identity"):
        nw.linear_equivalent(nw.init_network(2, seed=0))


def test_best_linear_fit_of_xor_is_one_half():
    coef, floor = nw.best_linear_fit(nw.XOR_X, nw.XOR_T)
    np.testing.assert_allclose(coef, [0.5, 0.0, 0.0], atol=1e-12)
    assert floor == pytest.approx(0.125)
    trained = nw.train(nw.init_network(3, seed=1, scale=0.3, hidden="identity"), nw.XOR_X, nw.XOR_T,
                       lr=0.05, epochs=3000)
    assert trained.final_loss >= floor - 1e-12


# --- what one hidden unit can do --------------------------------------------------------

def test_one_unit_losses_use_the_best_output_weights():
    lines = np.random.default_rng(3).normal(scale=2.0, size=(20, 3))
    found = nw.one_unit_losses(lines, nw.XOR_X, nw.XOR_T)
    for line, loss in zip(lines, found):
        z = 1 / (1 + np.exp(-(line[0] + nw.XOR_X @ line[1:])))
        design = np.column_stack([np.ones(4), z])
        v = np.linalg.lstsq(design, nw.XOR_T, rcond=None)[0]          # independent least squares
        assert loss == pytest.approx(0.5 * np.mean((design @ v - nw.XOR_T) ** 2), rel=1e-9, abs=1e-15)
        net = nw.Network([line], v)                                    # and as a network
        assert loss == pytest.approx(nw.loss(net, nw.XOR_X, nw.XOR_T), rel=1e-9, abs=1e-15)


def test_one_line_cannot_beat_one_twelfth():
    """The best a single line does on XOR under mean ½(y − t)²: cut off one corner, predict 2/3 elsewhere."""
    rng = np.random.default_rng(0)
    lines = rng.normal(size=(100_000, 3)) * rng.choice([1.0, 10.0, 100.0], size=(100_000, 1))
    assert nw.one_unit_losses(lines, nw.XOR_X, nw.XOR_T).min() >= 1 / 12 - 1e-12
    steep_corner_cut = [[-50.0, 100.0, 100.0]]                         # unit on except at (0, 0)
    assert nw.one_unit_losses(steep_corner_cut, nw.XOR_X, nw.XOR_T)[0] == pytest.approx(1 / 12, rel=1e-9)
    flat = [[0.0, 0.0, 0.0]]                                           # a unit that ignores the inputs
    assert nw.one_unit_losses(flat, nw.XOR_X, nw.XOR_T)[0] == pytest.approx(0.125)
    with pytest.raises(ValueError, match=r"shape \(m, 3\)"):
        nw.one_unit_losses([[1.0, 2.0]], nw.XOR_X, nw.XOR_T)


# --- bad input ----------------------------------------------------------------------------

def test_unknown_activation_lists_known_ones():
    with pytest.raises(ValueError, match="identity, sigmoid, tanh"):
        nw.init_network(3, hidden="relu")


@pytest.mark.parametrize("X,error,match", [
    ([[0, 0, 1]], ValueError, r"shape \(n, 2\)"),
    ([[0, "a"]], TypeError, r"shape \(n, 2\)"),
    ([[0, np.nan]], ValueError, "finite"),
])
def test_bad_inputs_are_named(X, error, match):
    with pytest.raises(error, match=match):
        nw.forward(nw.init_network(2, seed=0), X)


def test_bad_targets_and_training_arguments_are_named():
    net = nw.init_network(2, seed=0)
    with pytest.raises(ValueError, match=r"targets t must have shape \(4,\), one target per sample: there are 4 samples but 3"):
        nw.loss(net, nw.XOR_X, [0, 1, 1])
    with pytest.raises(ValueError, match=r"held-out inputs X_val must have shape \(n, 2\)"):
        nw.train(net, nw.XOR_X, nw.XOR_T, lr=0.1, epochs=1, X_val=[[0, 1, 2]], t_val=[0])
    with pytest.raises(ValueError, match=r"held-out targets t_val must have shape \(1,\)"):
        nw.train(net, nw.XOR_X, nw.XOR_T, lr=0.1, epochs=1, X_val=[[0, 1]], t_val=[0, 1])
    with pytest.raises(ValueError, match="lr must be a positive finite number"):
        nw.train(net, nw.XOR_X, nw.XOR_T, lr=float("nan"), epochs=1)
    with pytest.raises(TypeError, match="lr must be a real number"):
        nw.train(net, nw.XOR_X, nw.XOR_T, lr="0.1", epochs=1)
    with pytest.raises(ValueError, match="mode must be one of"):
        nw.train(net, nw.XOR_X, nw.XOR_T, lr=0.1, epochs=1, mode="online")
    with pytest.raises(ValueError, match="batch_size"):
        nw.train(net, nw.XOR_X, nw.XOR_T, lr=0.1, epochs=1, mode="minibatch")
    with pytest.raises(ValueError, match=r"^batch_size must be a whole number of at least 1 such as 8, got 0"):
        nw.train(net, nw.XOR_X, nw.XOR_T, lr=0.1, epochs=1, mode="minibatch", batch_size=0)
    with pytest.raises(TypeError, match=r"^batch_size must be a whole number such as 8, got float 2.0"):
        nw.train(net, nw.XOR_X, nw.XOR_T, lr=0.1, epochs=1, mode="minibatch", batch_size=2.0)
    with pytest.raises(ValueError, match=r"^n_hidden must be a whole number of at least 1 such as 3, got 0"):
        nw.init_network(0)
    with pytest.raises(TypeError, match=r"^n_hidden must be a whole number such as 3, got bool True"):
        nw.init_network(True)
    with pytest.raises(ValueError, match="epochs"):
        nw.train(net, nw.XOR_X, nw.XOR_T, lr=0.1, epochs=-1)
    with pytest.raises(TypeError, match="expected a Network"):
        nw.forward({"W": 1}, nw.XOR_X)
    with pytest.raises(ValueError, match=r"W must have shape \(k, 3\)"):
        nw.Network(np.ones((3, 2)), np.ones(4))
