"""Many runs at once: every row of train_many_rates / train_many is the run network.train makes alone."""
import numpy as np
import pytest

from helpers.maths import many_runs as mr
from helpers.maths import network as nw

ACTS = list(nw.ACTIVATIONS)


@pytest.mark.parametrize("hidden", ACTS)
def test_many_rates_matches_single_runs(hidden):
    net = nw.init_network(3, seed=2, hidden=hidden)
    rates = [0.05, 0.5, 2.0, 40.0]
    many = mr.train_many_rates(net, nw.XOR_X, nw.XOR_T, rates, epochs=60)
    for i, lr in enumerate(rates):
        one = nw.train(net, nw.XOR_X, nw.XOR_T, lr=lr, epochs=60)
        assert many.diverged[i] == one.diverged
        if not one.diverged:
            np.testing.assert_allclose(many.losses[i], one.losses, rtol=1e-10, atol=1e-14)
            np.testing.assert_allclose(many.network(i).W, one.net.W, rtol=1e-10, atol=1e-14)
        else:
            assert np.isnan(many.losses[i, -1])
    assert many.diverged[-1] and not many.diverged[0]


def test_many_starts_match_single_runs():
    nets = [nw.init_network(2, seed=s) for s in range(4)]
    many = mr.train_many(nets, nw.XOR_X, nw.XOR_T, lr=[0.5, 1.0, 1.0, 30.0], epochs=80)
    for i, (net, lr) in enumerate(zip(nets, [0.5, 1.0, 1.0, 30.0])):
        one = nw.train(net, nw.XOR_X, nw.XOR_T, lr=lr, epochs=80)
        assert many.diverged[i] == one.diverged
        if not one.diverged:
            np.testing.assert_allclose(many.losses[i], one.losses, rtol=1e-10, atol=1e-14)
            np.testing.assert_allclose(many.network(i).V, one.net.V, rtol=1e-10, atol=1e-14)
    assert many.diverged.tolist() == [False, False, False, True]
    same_rate = mr.train_many(nets[:2], nw.XOR_X, nw.XOR_T, lr=1.0, epochs=5)
    assert same_rate.rates.tolist() == [1.0, 1.0]
    with pytest.raises(ValueError, match="same hidden units"):
        mr.train_many([nets[0], nw.init_network(3, seed=0)], nw.XOR_X, nw.XOR_T, lr=1.0, epochs=1)
    with pytest.raises(ValueError, match="one per network"):
        mr.train_many(nets, nw.XOR_X, nw.XOR_T, lr=[1.0, 2.0], epochs=1)


def test_bad_rates_and_starts_are_named():
    net = nw.init_network(2, seed=0)
    with pytest.raises(ValueError, match=r"rates must be learning rates > 0 such as \[0.1, 0.5, 1.0\], got \[0.1, -1.0\]"):
        mr.train_many_rates(net, nw.XOR_X, nw.XOR_T, [0.1, -1], epochs=1)
    with pytest.raises(ValueError, match="rates must be finite numbers"):
        mr.train_many_rates(net, nw.XOR_X, nw.XOR_T, [0.1, np.nan], epochs=1)
    with pytest.raises(TypeError, match=r"rates must be numbers such as \[0.1, 0.5, 1.0\], got list"):
        mr.train_many_rates(net, nw.XOR_X, nw.XOR_T, ["fast"], epochs=1)
    with pytest.raises(ValueError, match=r"rates must be numbers such as \[0.1, 0.5, 1.0\], got shape \(0,\)"):
        mr.train_many_rates(net, nw.XOR_X, nw.XOR_T, [], epochs=1)
    with pytest.raises(ValueError, match="at least one Network"):
        mr.train_many([], nw.XOR_X, nw.XOR_T, lr=1.0, epochs=1)
    with pytest.raises(ValueError, match="lr must be finite and > 0"):
        mr.train_many([net], nw.XOR_X, nw.XOR_T, lr=0.0, epochs=1)
    with pytest.raises(TypeError, match="expected a Network"):
        mr.train_many_rates({"W": 1}, nw.XOR_X, nw.XOR_T, [0.1], epochs=1)
