"""Derivatives three ways: by definition (finite differences), by rule, and by the chain rule.

A :class:`Function` pairs a function with its analytic derivative. The rules
(:func:`sum_of`, :func:`product`, :func:`quotient`, :func:`compose`, ...) build new pairs
from old ones, so every derivative the series uses can be checked against
:func:`central_difference` in one line.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, Union

import numpy as np

from helpers.maths import checks, neuron

__all__ = [
    "Function", "Line", "constant", "power", "linear", "exp", "sigmoid", "tanh",
    "sum_of", "product", "quotient", "compose", "chain",
    "forward_difference", "central_difference", "secant_slope", "tangent_line",
    "step_errors", "best_step", "rule_examples", "rule_checks",
]

Number = Union[float, np.ndarray]


# ---------------------------------------------------------------- input checks


def _check_point(x, what: str = "x") -> Number:
    """A real number or a numpy array of real numbers (for plotting many points at once)."""
    if isinstance(x, np.ndarray):
        if not np.issubdtype(x.dtype, np.number) or np.issubdtype(x.dtype, np.complexfloating):
            raise TypeError(f"{what} must be a real number or an array of real numbers, got an array of {x.dtype}")
        if not np.all(np.isfinite(x)):
            raise ValueError(f"{what} must hold only finite numbers")
        return x.astype(float)
    return checks.number(what, x)




def _check_callable(f, what: str = "f") -> Callable:
    if not callable(f):
        raise TypeError(f"{what} must be a function of one number (a callable), got {type(f).__name__} {f!r:.40}")
    return f


def _check_function(u, what: str = "u") -> "Function":
    if not isinstance(u, Function):
        raise TypeError(f"{what} must be a calculus.Function (a function paired with its derivative, "
                        f"e.g. calculus.power(2)), got {type(u).__name__}")
    return u


# ---------------------------------------------------------------- functions with derivatives
@dataclass(frozen=True)
class Function:
    """A function ``f`` together with its analytic derivative ``df``; call it like ``f``."""

    name: str
    f: Callable[[Number], Number]
    df: Callable[[Number], Number]

    def __call__(self, x: Number) -> Number:
        return self.f(_check_point(x))

    def derivative(self, x: Number) -> Number:
        """The analytic derivative at ``x`` (what the rules say)."""
        return self.df(_check_point(x))


def constant(c: float) -> Function:
    """y = c; its slope is 0 everywhere (the constant rule)."""
    c = checks.number("the constant c", c)
    return Function(f"{c:g}", lambda x: 0 * x + c, lambda x: 0 * x)


def power(n: float) -> Function:
    """y = xⁿ; dy/dx = n·xⁿ⁻¹ (the power rule)."""
    n = checks.number("the exponent n", n)
    return Function(f"x^{n:g}", lambda x: x ** n, lambda x: n * x ** (n - 1))


def linear(a: float, b: float = 0.0) -> Function:
    """y = a·x + b; dy/dx = a (constant factor and sum rules together)."""
    a, b = checks.number("the slope a", a), checks.number("the intercept b", b)
    return Function(f"{a:g}x{b:+g}" if b else f"{a:g}x", lambda x: a * x + b, lambda x: 0 * x + a)


exp = Function("e^x", np.exp, np.exp)
sigmoid = Function("σ(x)", neuron.sigmoid, neuron.sigmoid_slope)
tanh = Function("tanh(x)", np.tanh, lambda x: 1 - np.tanh(x) ** 2)


def sum_of(u: Function, v: Function) -> Function:
    """(u + v)′ = u′ + v′ (the sum rule)."""
    u, v = _check_function(u, "u"), _check_function(v, "v")
    return Function(f"{u.name} + {v.name}", lambda x: u.f(x) + v.f(x), lambda x: u.df(x) + v.df(x))


def product(u: Function, v: Function) -> Function:
    """(u·v)′ = u′·v + u·v′ (the product rule)."""
    u, v = _check_function(u, "u"), _check_function(v, "v")
    return Function(f"({u.name})·({v.name})", lambda x: u.f(x) * v.f(x),
                    lambda x: u.df(x) * v.f(x) + u.f(x) * v.df(x))


def quotient(u: Function, v: Function) -> Function:
    """(u/v)′ = (u′·v − u·v′)/v² (the quotient rule); v must not be 0 where you use it."""
    u, v = _check_function(u, "u"), _check_function(v, "v")
    return Function(f"({u.name})/({v.name})", lambda x: u.f(x) / v.f(x),
                    lambda x: (u.df(x) * v.f(x) - u.f(x) * v.df(x)) / v.f(x) ** 2)


def compose(outer: Function, inner: Function) -> Function:
    """y = outer(inner(x)); dy/dx = outer′(inner(x)) · inner′(x) (the chain rule)."""
    f, g = _check_function(outer, "outer"), _check_function(inner, "inner")
    name = f.name.replace("(x)", f"({g.name})") if "(x)" in f.name else f.name.replace("x", f"({g.name})")
    return Function(name, lambda x: f.f(g.f(x)), lambda x: f.df(g.f(x)) * g.df(x))


def chain(*steps: Function) -> Function:
    """Several steps applied left to right: chain(g, f) means f(g(x)); derivatives multiply."""
    if not steps:
        raise ValueError("chain needs at least one step, e.g. chain(calculus.linear(1.5), calculus.power(2))")
    result = _check_function(steps[0], "step 1")
    for k, step in enumerate(steps[1:], start=2):
        result = compose(_check_function(step, f"step {k}"), result)
    return result


# ---------------------------------------------------------------- numerical derivatives
def forward_difference(f: Callable, x: Number, h: float = 1e-5) -> Number:
    """(f(x+h) − f(x))/h: the slope of a short secant to the right; error shrinks like h."""
    f, x, h = _check_callable(f), _check_point(x), checks.number("the step h", h, "1e-5", positive=True)
    return (f(x + h) - f(x)) / h


def central_difference(f: Callable, x: Number, h: float = 1e-5) -> Number:
    """(f(x+h) − f(x−h))/(2h): a secant centred on x; its error shrinks like h²."""
    f, x, h = _check_callable(f), _check_point(x), checks.number("the step h", h, "1e-5", positive=True)
    return (f(x + h) - f(x - h)) / (2 * h)


def secant_slope(f: Callable, x0: float, dx: float) -> float:
    """Δy/Δx between x0 and x0+dx: the average rate of change over that step."""
    f, x0, dx = _check_callable(f), checks.number("x0", x0), checks.number("Δx", dx)
    if dx == 0:
        raise ValueError("Δx must not be 0 (the secant needs two different points)")
    return (f(x0 + dx) - f(x0)) / dx


@dataclass(frozen=True)
class Line:
    """y = slope·x + intercept, callable so it can be plotted like any function."""

    slope: float
    intercept: float

    def __call__(self, x: Number) -> Number:
        return self.slope * _check_point(x) + self.intercept


def tangent_line(f: Callable, x0: float, h: float = 1e-5) -> Line:
    """The tangent to f at x0: exact slope for a Function, central difference otherwise."""
    f, x0 = _check_callable(f), checks.number("x0", x0)
    slope = f.derivative(x0) if isinstance(f, Function) else central_difference(f, x0, h)
    return Line(float(slope), float(f(x0) - slope * x0))


def _check_steps(hs) -> np.ndarray:
    hs = np.asarray(hs) if isinstance(hs, (list, tuple, np.ndarray)) else None
    if hs is None or hs.ndim != 1 or hs.size == 0 or not np.issubdtype(hs.dtype, np.number):
        raise TypeError("hs must be a non-empty list or 1-D array of step sizes, e.g. np.logspace(-1, -12, 12)")
    hs = hs.astype(float)
    if not np.all(np.isfinite(hs) & (hs > 0)):
        raise ValueError("every step in hs must be finite and positive")
    return hs


def step_errors(fn: Function, x: Number, hs) -> dict[str, np.ndarray]:
    """Error |numeric − analytic| of forward and central differences for each step in ``hs``.

    ``x`` may be many points: round-off is luck at a single point, so the median over
    points gives a smooth curve whose best step is the same on every run.
    """
    fn, x, hs = _check_function(fn, "fn"), _check_point(x), _check_steps(hs)
    exact = fn.derivative(x)
    return {method.__name__.split("_")[0]: np.array([np.median(np.abs(method(fn.f, x, h) - exact)) for h in hs])
            for method in (forward_difference, central_difference)}


def best_step(hs, errors) -> float:
    """The step with the smallest error, rounded to its power of ten (so it prints the same everywhere)."""
    hs, errors = _check_steps(hs), np.asarray(errors, dtype=float)
    if errors.shape != hs.shape:
        raise ValueError(f"errors must have one value per step: {hs.shape} steps, got shape {errors.shape}")
    return float(10.0 ** round(math.log10(hs[int(np.argmin(errors))])))


# ---------------------------------------------------------------- the rules, checked
def rule_examples() -> dict[str, Function]:
    """One example per derivative rule the series uses, named by the rule."""
    x2, x3 = power(2), power(3)
    return {
        "constant": constant(3.0),
        "power": x3,
        "sum": sum_of(x3, exp),
        "product": product(x2, exp),
        "quotient": quotient(exp, sum_of(constant(1.0), x2)),
        "exp": exp,
        "sigmoid": sigmoid,
        "tanh": tanh,
    }


def rule_checks(x: float, h: float = 1e-5) -> list[tuple[str, str, float, float, float]]:
    """(rule, function, analytic, central difference, |difference|) for every rule example at x."""
    x, h = checks.number("x", x), checks.number("the step h", h, "1e-5", positive=True)
    rows = []
    for rule, fn in rule_examples().items():
        analytic, numeric = float(fn.derivative(x)), float(central_difference(fn.f, x, h))
        rows.append((rule, fn.name, analytic, numeric, abs(analytic - numeric)))
    return rows
