"""gradcheck: finite differences agree with right gradients and catch wrong ones."""
import numpy as np
import pytest

from helpers.maths import network as nw
from helpers.maths.gradcheck import check_network, max_relative_error, network_gradient_errors, numerical_gradient


def test_numerical_gradient_of_a_known_function():
    x = np.array([[0.3, -1.2], [2.0, 0.5]])
    num = numerical_gradient(lambda v: float(np.sum(v ** 3) + v[0, 1] * v[1, 0]), x)
    exact = 3 * x ** 2 + np.array([[0, x[1, 0]], [x[0, 1], 0]])
    assert max_relative_error(exact, num) < 1e-8
    assert x[0, 0] == 0.3  # the caller's array is left alone


def test_catches_a_wrong_gradient():
    x = np.random.default_rng(0).normal(size=4)
    num = numerical_gradient(lambda v: float(np.sum(np.sin(v))), x)
    assert max_relative_error(np.cos(x), num) < 1e-8
    assert max_relative_error(-np.cos(x), num) == pytest.approx(2.0)      # sign flipped
    assert max_relative_error(np.cos(x) * 1.01, num) > 1e-3               # one percent off


@pytest.mark.parametrize("hidden", list(nw.ACTIVATIONS))
def test_network_backward_passes(hidden):
    rng = np.random.default_rng(3)
    net = nw.init_network(4, seed=3, hidden=hidden, output="sigmoid")
    X, y = rng.normal(size=(6, 2)), rng.normal(size=6)
    errors = network_gradient_errors(net, X, y)
    assert set(errors) == {"W", "V"} and max(errors.values()) < 1e-6
    assert check_network(net, X, y) == max(errors.values())


def test_network_check_catches_a_broken_backward(monkeypatch):
    net = nw.init_network(3, seed=0)
    real = nw._backward

    def wrong_sign(net, y, fwd):  # the source's mistake: error = target − output
        g = real(net, y, fwd)
        return nw.Backward(-g.delta_output, -g.delta_hidden, -g.dW, -g.dV)

    monkeypatch.setattr(nw, "_backward", wrong_sign)
    assert check_network(net, nw.XOR_X, nw.XOR_T) > 1.0


def test_bad_arguments():
    with pytest.raises(ValueError, match="same shape"):
        max_relative_error([1.0, 2.0], [1.0])
    with pytest.raises(TypeError, match="function"):
        numerical_gradient(3.0, [1.0])
    with pytest.raises(ValueError, match="eps"):
        numerical_gradient(np.sum, [1.0], eps=0)
