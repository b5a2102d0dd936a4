"""The node-by-node XOR network agrees with the matrix form and reproduces the source's numbers."""
import itertools

import numpy as np
import pytest

from helpers.maths import network as nw
from helpers.maths import xor_nodes as xn
from helpers.maths.gradcheck import max_relative_error, numerical_gradient

PAIRS = list(itertools.product(nw.ACTIVATIONS, nw.ACTIVATIONS))


@pytest.mark.parametrize("hidden,output", PAIRS)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_agrees_with_matrix_form(hidden, output, seed):
    rng = np.random.default_rng(seed)
    net = nw.init_network(2 + seed, seed=seed, scale=0.9, hidden=hidden, output=output)
    (x1, x2), target, lr = rng.normal(size=2), rng.normal(), 0.3
    weights = xn.from_network(net)
    by_node = xn.step(weights, x1, x2, target, lr, hidden=hidden, output=output)
    fwd = nw.forward(net, [[x1, x2]])
    grads = nw.backward(net, [[x1, x2]], [target], fwd)
    for j in range(1, net.n_hidden + 1):
        assert by_node.values[f"a_Z{j}"] == pytest.approx(fwd.hidden_pre[0, j - 1], rel=1e-12, abs=1e-12)
        assert by_node.values[f"Z{j}"] == pytest.approx(fwd.hidden[0, j], rel=1e-12, abs=1e-12)
        assert by_node.deltas[f"delta_Z{j}"] == pytest.approx(grads.delta_hidden[0, j - 1], rel=1e-12, abs=1e-12)
    assert by_node.values["D0"] == pytest.approx(fwd.output[0], rel=1e-12, abs=1e-12)
    assert by_node.deltas["delta_D0"] == pytest.approx(grads.delta_output[0], rel=1e-12, abs=1e-12)
    np.testing.assert_allclose(list(by_node.gradients.values()),
                               list(xn.from_network(nw.Network(grads.dW, grads.dV)).values()), rtol=1e-12, atol=1e-12)
    trained = nw.train(net, [[x1, x2]], [target], lr=lr, epochs=1).net
    np.testing.assert_allclose(list(by_node.weights.values()), list(xn.from_network(trained).values()),
                               rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("hidden,output", PAIRS)
def test_gradients_against_finite_differences(hidden, output):
    rng = np.random.default_rng(5)
    weights = xn.from_network(nw.init_network(3, seed=5, scale=0.9))
    (x1, x2), target = rng.normal(size=2), rng.normal()
    names = list(weights)

    def sample_loss(w):
        return 0.5 * (xn.forward(dict(zip(names, w)), x1, x2, hidden=hidden, output=output)["D0"] - target) ** 2

    numeric = numerical_gradient(sample_loss, list(weights.values()))
    analytic = xn.step(weights, x1, x2, target, 0.1, hidden=hidden, output=output).gradients
    assert max_relative_error([analytic[n] for n in names], numeric) < 1e-6


def test_worked_example_with_the_sources_names():
    s = xn.step(xn.all_weights(1.0), 0, 0, 0, 0.1)
    assert [s.values[f"Z{j}"] for j in range(4)] == [1.0] * 4 and s.values["D0"] == 4.0
    assert set(s.deltas.values()) == {4.0}
    assert [s.weights[f"W{j}0"] for j in (1, 2, 3)] == pytest.approx([0.6] * 3)
    assert {s.weights[f"W{j}{i}"] for j in (1, 2, 3) for i in (1, 2)} == {1.0}   # zero inputs: no change
    assert [s.weights[f"V{j}"] for j in range(4)] == pytest.approx([0.6] * 4)
    assert xn.forward(s.weights, 0, 0)["D0"] == pytest.approx(1.68)


def test_the_sources_recipe_reproduces_its_table_and_goes_the_wrong_way():
    printed = xn.source_step(xn.all_weights(1.0), 0, 0, 0, 0.1)
    assert printed.deltas == {"delta_D0": -4.0, "delta_Z1": -4.0, "delta_Z2": -4.0, "delta_Z3": -4.0}
    assert list(printed.weights.values()) == pytest.approx([1.4] * 13)  # every weight 1.4, as printed
    assert xn.forward(printed.weights, 0, 0)["D0"] == pytest.approx(7.28)  # further from 0 than 4
    honest = xn.source_step(xn.all_weights(1.0), 0, 0, 0, 0.1, inputs_as_one=False)
    assert honest.weights["W11"] == 1.0 and honest.weights["W10"] == pytest.approx(1.4)


def test_updating_v_first_changes_the_step():
    """The source's "any order" holds only when every delta is computed from the old weights."""
    start = xn.all_weights(1.0)
    late = xn.output_first_step(start, 0, 0, 0, 0.1)
    assert late.weights["V0"] == pytest.approx(0.6)                     # v moved as usual: 1 − 0.1·4
    assert late.deltas["delta_Z1"] == pytest.approx(0.6 * 4)            # δ1 = v1(new)·δ_out·f'
    assert late.weights["W10"] == pytest.approx(1 - 0.1 * 2.4)          # 0.76 instead of 0.6
    assert xn.forward(late.weights, 0, 0)["D0"] == pytest.approx(0.6 + 3 * 0.6 * 0.76)  # 1.968, not 1.68
    same_order = xn.step(start, 0, 0, 0, 0.1)
    assert {n for n in start if late.weights[n] != pytest.approx(same_order.weights[n])} == {"W10", "W20", "W30"}


def test_round_trip_and_table():
    net = nw.init_network(4, seed=1)
    back = xn.to_network(xn.from_network(net), "sigmoid", "identity")
    np.testing.assert_array_equal(back.W, net.W)
    np.testing.assert_array_equal(back.V, net.V)
    assert xn.weight_names(1) == ["W10", "W11", "W12", "V0", "V1"]
    assert xn.table({"W10": 0.6000000001, "V0": -0.0}) == "      W10 = 0.6            V0 = 0"


def test_bad_weights_are_named():
    with pytest.raises(ValueError, match="missing \\['W12'\\]"):
        xn.forward({k: 1.0 for k in xn.weight_names(3) if k != "W12"}, 0, 0)
    with pytest.raises(TypeError, match="weights must be a dict"):
        xn.forward([1.0] * 13, 0, 0)
    with pytest.raises(ValueError, match="unknown activation"):
        xn.forward(xn.all_weights(), 0, 0, hidden="relu")
    with pytest.raises(ValueError, match="from 1 to 9"):
        xn.weight_names(0)


def test_side_by_side_aligns_two_computations():
    text = xn.side_by_side([("a", [1.0], [1.00001]), ("M", np.eye(2), np.zeros((2, 2)))],
                           headers=("left", "right"), digits=4)
    lines = text.splitlines()
    assert lines[0].split() == ["left", "right"]
    assert lines[1].split() == ["a", "[1.]", "[1.]"]            # both rounded to 4 decimals
    assert lines[2].split() == ["M", "[[1.", "0.]", "[[0.", "0.]"]
    assert lines[3].split() == ["[0.", "1.]]", "[0.", "0.]]"]
    assert len({line.index("[") for line in lines[1:3]}) == 1   # the left column starts in one place
