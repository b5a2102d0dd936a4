"""Exercises for notebook 02 (the chain rule); answers computed with helpers.calculus and helpers.compgraph."""
from .. import calculus as c
from ..compgraph import Value, layer_chain, nodes, single_weight_loss
from . import Exercise

__all__ = ["ex1", "ex2", "ex3", "ex4", "LAYER_WEIGHTS", "EX4_WEIGHTS"]

LAYER_WEIGHTS = (0.9, -1.3, 0.7)  # the three-layer chain of section 5, with x = 1 and target y = 0.5
EX4_WEIGHTS = (0.9, -1.3, 1.2)    # the same chain with a different last weight, for exercise 4


def _grad(output: Value, label: str) -> float:
    output.backward()
    return next(n.grad for n in nodes(output) if n.label == label)


def _reused_tanh(x: float) -> Value:
    h = Value(x, "x").tanh().named("h")
    return (h ** 2 + 2 * h).named("y")


ex1 = Exercise(
    "Exercise 1 (chain rule)",
    solution=lambda: c.chain(c.linear(3.0, 1.0), c.power(2)).derivative(0.5),
    hint="inner g(x) = 3x + 1 (so g′ = 3), outer f(u) = u² (so f′(u) = 2u); multiply f′(g(0.5)) by g′.",
    explanation="2·(3·0.5 + 1)·3 = 15.",
)

ex2 = Exercise(
    "Exercise 2 (the single-weight graph)",
    solution=lambda: _grad(single_weight_loss(0.6), "w"),
    hint="forward: a = 1.5·0.6, e = a − 0.5; backward: dC/de = 2e, dC/da = dC/de · 1, dC/dw = dC/da · 1.5.",
    explanation="a = 0.9, e = 0.4, dC/da = 0.8, dC/dw = 0.8·1.5 = 1.2.",
)

ex3 = Exercise(
    "Exercise 3 (a node used twice)",
    solution=lambda: _grad(_reused_tanh(0.3), "x"),
    hint="h = tanh(0.3) feeds both h² and 2h: add the two paths, 2h + 2, then multiply by tanh′(0.3) = 1 − h².",
    explanation="(2h + 2)·(1 − h²) with h = tanh(0.3) ≈ 0.2913.",
)

ex4 = Exercise(
    "Exercise 4 (what layer 2 passes back)",
    solution=lambda: _grad(layer_chain(1.0, EX4_WEIGHTS, 0.5), "z1"),
    hint="with w3 = 1.2 the forward values h1, h2 stay the same but out, and so dC/dh2 = 2(out − y)·w3, "
         "change. Layer 2 passes back dC/dh1 = dC/dh2 · (1 − h2²) · w2.",
    explanation="that number is all layer 1 needs to find dC/dw1.",
)
