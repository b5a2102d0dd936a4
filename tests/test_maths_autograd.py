"""helpers.maths.autograd: the XOR network in Values against helpers.maths.network (gradients and the whole
training curve), and the notebook's plumbing (the engine itself: test_maths_engine)."""
import numpy as np
import pytest

from helpers.maths import autograd as ag
from helpers.maths import engine
from helpers.maths import network
from helpers.maths.gradcheck import numerical_gradient

RNG = np.random.default_rng(20261128)
H = 1e-6


# ---------------------------------------------------------------- the XOR network in Values
NETS = [network.init_network(3, seed=4), network.init_network(3, seed=0), network.init_network(2, seed=1),
        network.init_network(5, seed=7, scale=1.5), network.init_network(3, value=1.0)]


def test_parameters_follow_helpers_network_layout():
    net = NETS[0]
    W, V, params = ag.parameters(net)
    assert [[w.data for w in row] for row in W] == net.W.tolist() and [v.data for v in V] == net.V.tolist()
    assert len(params) == 13 and params[0] is W[0][0] and params[-1] is V[-1]
    np.testing.assert_array_equal(ag.to_network(W, V).W, net.W)
    with pytest.raises(TypeError, match="helpers.maths.network.Network"):
        ag.parameters(net.W)
    with pytest.raises(ValueError, match="identity output"):
        ag.parameters(network.init_network(3, seed=4, hidden="tanh"))


@pytest.mark.parametrize("net", NETS, ids=lambda n: f"k{n.n_hidden}")
def test_xor_loss_and_gradients_equal_the_matrix_version_and_central_differences(net):
    W, V, _ = ag.parameters(net)
    L = ag.xor_loss(W, V)
    L.backward()
    dW, dV = ag.gradients(W, V)
    matrix = network.backward(net, network.XOR_X, network.XOR_T)
    assert L.data == pytest.approx(network.loss(net, network.XOR_X, network.XOR_T), rel=1e-13)
    np.testing.assert_allclose(dW, matrix.dW, rtol=0, atol=1e-12)
    np.testing.assert_allclose(dV, matrix.dV, rtol=0, atol=1e-12)

    def loss(W=net.W, V=net.V):
        return network.loss(network.Network(W, V), network.XOR_X, network.XOR_T)
    np.testing.assert_allclose(dW, numerical_gradient(lambda M: loss(W=M), net.W), rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(dV, numerical_gradient(lambda M: loss(V=M), net.V), rtol=1e-7, atol=1e-9)


def test_repeating_the_samples_keeps_loss_and_gradients():
    net = NETS[0]
    W, V, _ = ag.parameters(net)
    L = ag.xor_loss(W, V)
    L.backward()
    once = ag.gradients(W, V)
    W, V, _ = ag.parameters(net)
    L10 = ag.xor_loss(W, V, ag.XOR * 10)
    L10.backward()
    assert L10.data == pytest.approx(L.data, rel=1e-13)
    for g, g10 in zip(once, ag.gradients(W, V)):
        np.testing.assert_allclose(g10, g, rtol=0, atol=1e-14)


def test_training_with_the_engine_follows_helpers_network_train_epoch_for_epoch():
    """The notebook's run: seed 4, rate 1, 700 epochs; the same curve to round-off, plateau, escape and fall."""
    start = NETS[0]
    W, V, params = ag.parameters(start)
    losses = np.array(ag.train(params, lambda: ag.xor_loss(W, V), 1.0, 700))
    matrix = network.train(start, network.XOR_X, network.XOR_T, lr=1.0, epochs=700)
    assert np.abs(losses - matrix.losses[:700]).max() < 1e-12
    np.testing.assert_allclose(ag.to_network(W, V).W, matrix.net.W, rtol=0, atol=1e-9)
    # what the notebook says about the curve: a plateau near 0.12, the escape after about 400 epochs
    assert 0.11 < losses[300] < 0.13 and 0.05 < losses[400] < 0.1 and losses[500] < 0.01 and losses[-1] < 1e-6
    assert np.round(network.predict(ag.to_network(W, V), network.XOR_X), 2).tolist() == [0, 1, 1, 0]


def test_training_other_networks_matches_too():
    for net, lr in [(NETS[2], 0.5), (NETS[3], 0.3)]:
        W, V, params = ag.parameters(net)
        losses = ag.train(params, lambda: ag.xor_loss(W, V), lr, 150)
        matrix = network.train(net, network.XOR_X, network.XOR_T, lr=lr, epochs=150)
        np.testing.assert_allclose(losses, matrix.losses[:150], rtol=1e-10, atol=1e-14)


# ---------------------------------------------------------------- counting and timing
def notebooks_value_class():
    """Notebook 07's own Value class (its operators call the namespace's add, mul, …), with the reference functions."""
    from test_exercises_autograd import notebook_namespace
    space = notebook_namespace()
    space.update(add=engine.add, mul=engine.mul, sigmoid=engine.sigmoid, backward=engine.backward,
                 topological_order=engine.topological_order)
    return space["Value"]


def test_count_grows_with_the_samples_and_the_notebooks_numbers():
    """The notebook counts the graph of its own Value class, whose a − b is a + (−1)·b."""
    W, V, _ = ag.parameters(NETS[0], notebooks_value_class())
    one, two = ag.count(ag.xor_loss(W, V, ag.XOR)), ag.count(ag.xor_loss(W, V, ag.XOR * 2))
    assert (one["nodes"], one["edges"]) == (156, 198)  # "150-odd nodes" in the notebook
    hundred = ag.count(ag.xor_loss(W, V, ag.XOR * 100))
    for key in one:  # linear in the number of samples
        assert hundred[key] == one[key] + 99 * (two[key] - one[key])
    assert (hundred["nodes"], hundred["edges"]) == (14016, 19602)
    # "nodes in the graph", not "built": two epochs' graphs share exactly the 13 weights, all else is new
    first, second = engine.topological_order(ag.xor_loss(W, V)), engine.topological_order(ag.xor_loss(W, V))
    shared = {id(n) for n in first} & {id(n) for n in second}
    assert shared == {id(p) for p in W[0] + W[1] + W[2] + V} and len(shared) == 13
    # the engine's own subtract node saves the −1 and the product: two nodes and two edges per sample
    W, V, _ = ag.parameters(NETS[0])
    assert (ag.count(ag.xor_loss(W, V))["nodes"], ag.count(ag.xor_loss(W, V))["edges"]) == (156 - 8, 198 - 8)


def test_speed_measures_both_and_checks_its_input():
    run = ag.speed(notebooks_value_class(), copies=2, epochs=2, repeats=1)
    assert run.samples == 8 and run.nodes == 13 + 2 * (156 - 13 - 3) + 3
    assert run.engine_seconds > 0 and run.matrix_seconds > 0 and run.ratio == run.engine_seconds / run.matrix_seconds
    with pytest.raises(ValueError, match="copies must be a whole number of at least 1"):
        ag.speed(copies=0)
    for bad in (1.5, True):
        with pytest.raises(TypeError, match="copies must be a whole number"):
            ag.speed(copies=bad)
