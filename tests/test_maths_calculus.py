"""calculus: every analytic derivative against central differences, error orders, clear bad-input errors."""
import math

import numpy as np
import pytest

from helpers.maths import calculus as c

RNG_SEED = 20260523
POINTS = np.random.default_rng(RNG_SEED).uniform(-2.0, 2.0, size=25)


def numeric(fn, x, h=1e-6):
    """Central difference written out here, independent of the helper under test."""
    return (fn.f(x + h) - fn.f(x - h)) / (2 * h)


ALL_FUNCTIONS = {
    **c.rule_examples(),
    "linear": c.linear(1.5, -0.5),
    "negative power": c.power(-1),
    "compose sigmoid∘tanh": c.compose(c.sigmoid, c.tanh),
    "compose exp∘x²": c.compose(c.exp, c.power(2)),
    "chain of four": c.chain(c.linear(0.7, 0.2), c.tanh, c.power(3), c.sigmoid),
    "product of composites": c.product(c.compose(c.tanh, c.linear(2.0)), c.compose(c.exp, c.sigmoid)),
}


@pytest.mark.parametrize("name", sorted(ALL_FUNCTIONS))
def test_analytic_derivative_matches_central_difference(name):
    fn = ALL_FUNCTIONS[name]
    xs = POINTS[np.abs(POINTS) > 0.1] if name == "negative power" else POINTS
    for x in xs:
        assert fn.derivative(x) == pytest.approx(numeric(fn, x), rel=1e-6, abs=1e-8), (name, x)


def test_functions_work_on_arrays_too():
    fn = ALL_FUNCTIONS["chain of four"]
    assert np.allclose(fn.derivative(POINTS), [fn.derivative(x) for x in POINTS])
    assert np.allclose(c.central_difference(fn.f, POINTS), fn.derivative(POINTS), rtol=1e-6, atol=1e-9)


def test_rules_give_the_textbook_values():
    assert c.power(3).derivative(2.0) == 12.0
    assert c.constant(3.0).derivative(1.7) == 0.0
    assert c.sigmoid.derivative(0.0) == 0.25
    assert c.tanh.derivative(0.0) == 1.0
    assert c.sigmoid(-1000.0) == 0.0 and c.sigmoid(1000.0) == 1.0  # no overflow warning


def test_chain_rule_on_the_single_weight_cost():
    """(1.5w − 0.5)² at w = 0.8: cost 0.49 and slope 2·(1.2 − 0.5)·1.5 = 2.1."""
    cost = c.chain(c.linear(1.5, -0.5), c.power(2))
    assert cost(0.8) == pytest.approx(0.49)
    assert cost.derivative(0.8) == pytest.approx(2 * (1.5 * 0.8 - 0.5) * 1.5)
    assert cost.derivative(0.8) == pytest.approx(2.1)
    assert cost.derivative(1 / 3) == pytest.approx(0.0, abs=1e-12)  # the minimum the source finds
    assert cost.name == "(1.5x-0.5)^2"


def test_chain_order_is_left_to_right():
    g, f = c.linear(2.0), c.exp
    assert c.chain(g, f)(0.3) == pytest.approx(math.exp(0.6))
    assert c.chain(g, f).derivative(0.3) == pytest.approx(2 * math.exp(0.6))


def test_numerical_derivatives_on_a_known_slope():
    assert c.forward_difference(lambda x: x ** 2, 3.0, 1e-3) == pytest.approx(6.001)
    assert c.central_difference(lambda x: x ** 2, 3.0, 1e-3) == pytest.approx(6.0)


def test_secant_turns_into_tangent():
    cost = c.chain(c.linear(1.5, -0.5), c.power(2))
    # For this parabola the secant slope is exactly 2.1 + 2.25·Δw.
    for dw in (1.0, 0.5, 0.1, -0.2):
        assert c.secant_slope(cost, 0.8, dw) == pytest.approx(2.1 + 2.25 * dw)
    line = c.tangent_line(cost, 0.8)
    assert line.slope == pytest.approx(2.1) and line(0.8) == pytest.approx(0.49)
    numeric_line = c.tangent_line(lambda w: (1.5 * w - 0.5) ** 2, 0.8)
    assert numeric_line.slope == pytest.approx(2.1, rel=1e-8)


def log_log_slope(hs, errors):
    return np.polyfit(np.log10(hs), np.log10(errors), 1)[0]


@pytest.mark.parametrize("name", ["exp", "sigmoid", "tanh", "product"])
def test_forward_error_is_order_h_and_central_is_order_h_squared(name):
    fn, x = c.rule_examples()[name], 0.7
    hs = np.logspace(-1, -3, 5)  # truncation error dominates for these steps
    errors = c.step_errors(fn, x, hs)
    assert log_log_slope(hs, errors["forward"]) == pytest.approx(1.0, abs=0.1)
    assert log_log_slope(hs, errors["central"]) == pytest.approx(2.0, abs=0.1)
    # Halving h roughly halves the forward error and quarters the central one.
    half = c.step_errors(fn, x, [1e-2, 5e-3])
    assert half["forward"][0] / half["forward"][1] == pytest.approx(2.0, rel=0.05)
    assert half["central"][0] / half["central"][1] == pytest.approx(4.0, rel=0.05)


def test_round_off_takes_over_for_tiny_steps():
    xs = np.random.default_rng(0).uniform(0.5, 1.5, 200)
    hs = 10.0 ** -np.arange(1, 15)
    errors = c.step_errors(c.exp, xs, hs)
    # Computed powers of ten, not literals: compared with a tolerance (issue 10).
    assert c.best_step(hs, errors["forward"]) == pytest.approx(1e-8, rel=1e-12)
    assert c.best_step(hs, errors["central"]) == pytest.approx(1e-5, rel=1e-12)
    for method in ("forward", "central"):
        assert errors[method][-1] > 100 * errors[method].min()  # h = 1e-14 is far worse than the best


def test_rule_checks_table():
    rows = c.rule_checks(0.5)
    assert [r[0] for r in rows] == ["constant", "power", "sum", "product", "quotient", "exp", "sigmoid", "tanh"]
    for rule, _name, analytic, num, diff in rows:
        assert diff == abs(analytic - num) and diff < 1e-9, rule
    assert dict((r[0], r[2]) for r in rows)["power"] == pytest.approx(3 * 0.5 ** 2)


@pytest.mark.parametrize("call, error, words", [
    (lambda: c.central_difference("x**2", 1.0), TypeError, "callable"),
    (lambda: c.forward_difference(abs, 1.0, h=0.0), ValueError, "positive"),
    (lambda: c.central_difference(abs, 1.0, h=-1e-3), ValueError, "positive"),
    (lambda: c.central_difference(abs, 1.0, h=float("nan")), ValueError, "finite"),
    (lambda: c.central_difference(abs, 1.0, h=float("inf")), ValueError, "finite"),
    (lambda: c.central_difference(abs, 1.0, h="1e-5"), TypeError, "real number"),
    (lambda: c.central_difference(abs, "1.0"), TypeError, "real number"),
    (lambda: c.central_difference(abs, True), TypeError, "real number"),
    (lambda: c.central_difference(abs, np.array(["a"])), TypeError, "array of real numbers"),
    (lambda: c.central_difference(abs, np.array([1.0, np.inf])), ValueError, "finite"),
    (lambda: c.secant_slope(abs, 1.0, 0.0), ValueError, "must not be 0"),
    (lambda: c.power("2"), TypeError, "exponent"),
    (lambda: c.product(c.exp, np.exp), TypeError, "calculus.Function"),
    (lambda: c.compose(lambda x: x, c.exp), TypeError, "calculus.Function"),
    (lambda: c.chain(), ValueError, "at least one step"),
    (lambda: c.chain(c.exp, "tanh"), TypeError, "step 2"),
    (lambda: c.step_errors(c.exp, 1.0, "small"), TypeError, "step sizes"),
    (lambda: c.step_errors(c.exp, 1.0, [1e-3, 0.0]), ValueError, "positive"),
    (lambda: c.best_step([1e-3, 1e-4], [1.0]), ValueError, "one value per step"),
    (lambda: c.exp("0.5"), TypeError, "real number"),
])
def test_bad_input_says_what_was_expected(call, error, words):
    with pytest.raises(error, match=words):
        call()
