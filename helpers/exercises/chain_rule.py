"""Exercises for notebook 02 (the chain rule); answers computed with helpers.calculus and helpers.compgraph.

Each graph is built from :class:`helpers.compgraph.Value` and differentiated by its backward
pass; the typical mistakes are computed from the same forward values.
"""
import math

from .. import calculus as c
from ..compgraph import Value
from . import Exercise, Mistake

__all__ = ["ex1", "ex2", "ex3", "ex4", "LAYER_WEIGHTS", "EX4_WEIGHTS"]

LAYER_WEIGHTS = (0.9, -1.3, 0.7)  # the three-layer chain of section 5, with x = 1 and target t = 0.5
EX4_WEIGHTS = (0.9, -1.3, 1.2)    # the same chain with a different last weight, for exercise 4
CHAIN_X, CHAIN_T = 1.0, 0.5

# -- exercise 1: y = (3x + 1)² at x = 0.5
INNER = c.linear(3.0, 1.0)
X1 = 0.5

ex1 = Exercise(
    "Exercise 1 (chain rule)",
    solution=lambda: c.chain(INNER, c.power(2)).derivative(X1),
    hint="inner g(x) = 3x + 1 (so g′ = 3), outer f(u) = u² (so f′(u) = 2u); multiply f′(g(0.5)) by g′.",
    explanation="2·(3·0.5 + 1)·3 = 15.",
    mistakes=[
        Mistake(lambda: 2 * INNER(X1), "5 is only the outer slope f′(g(0.5)) = 2·2.5: multiply by the inner "
                                       "slope g′ = 3."),
        Mistake(lambda: INNER(X1) ** 2, "6.25 is y itself; the question asks for its slope dy/dx."),
        Mistake(lambda: 2 * X1 * 3, "the outer slope is evaluated at u = g(0.5) = 2.5, not at x = 0.5: "
                                    "f′(2.5)·3 = 2·2.5·3."),
        Mistake(lambda: INNER(X1) * 3, "the power rule brings down the 2: f′(u) = 2u, so dy/dx = 2·2.5·3."),
    ],
)


# -- exercise 2: the single-weight graph at w = 0.6
X, T, W2 = 1.5, 0.5, 0.6


def _single_weight_grad(w: float) -> float:
    """dL/dw of L = (x·w − t)² by the graph's backward pass."""
    weight = Value(w, "w")
    loss = (X * weight - T) ** 2
    loss.backward()
    return weight.grad


_E2 = X * W2 - T  # the error e = y − t at w = 0.6

ex2 = Exercise(
    "Exercise 2 (the single-weight graph)",
    solution=lambda: _single_weight_grad(W2),
    hint="forward: y = 1.5·0.6, e = y − 0.5; backward: dL/de = 2e, dL/dy = dL/de · 1, dL/dw = dL/dy · 1.5.",
    explanation="Forward y = 0.9 and e = 0.4; backward dL/dy = 0.8 and dL/dw = 0.8·1.5 = 1.2.",
    mistakes=[
        Mistake(lambda: 2 * _E2, "0.8 is dL/dy, one step short: multiply by ∂y/∂w = x = 1.5."),
        Mistake(lambda: 2 * _E2 * W2, "∂y/∂w is the input x = 1.5, the other factor of the product y = x·w, "
                                      "not w itself."),
        Mistake(lambda: _E2 * X, "the square's slope is 2e, not e: dL/de = 2e = 0.8."),
        Mistake(lambda: _E2, "0.4 is the error e = y − t; keep going backwards: dL/de = 2e, then times 1 "
                             "and times x."),
        Mistake(lambda: _E2 ** 2, "0.16 is the loss L itself; the question asks for dL/dw."),
        Mistake(lambda: X * W2, "0.9 is the output y; the question asks for dL/dw."),
        Mistake(lambda: _single_weight_grad(0.8), "2.1 is dL/dw at w = 0.8, from the text; redo the forward "
                                                  "pass with w = 0.6."),
    ],
)


# -- exercise 3: h = tanh(x) used twice, y = h² + 2h, at x = 0.3
X3 = 0.3
H3 = math.tanh(X3)


def _reused_tanh_grad(x: float) -> float:
    node = Value(x, "x")
    h = node.tanh()
    (h ** 2 + 2 * h).backward()
    return node.grad


ex3 = Exercise(
    "Exercise 3 (a node used twice)",
    solution=lambda: _reused_tanh_grad(X3),
    hint="h = tanh(0.3) feeds both h² and 2h: add the two paths, 2h + 2, then multiply by tanh′(0.3) = 1 − h².",
    explanation="(2h + 2)·(1 − h²) with h = tanh(0.3) ≈ 0.2913.",
    decimals=4,
    mistakes=[
        Mistake(lambda: 2 * H3 * (1 - H3 ** 2), "that follows only the path through h²: add the two paths "
                                                "(2h from h², 2 from 2h) before multiplying by tanh′."),
        Mistake(lambda: 2 * (1 - H3 ** 2), "that follows only the path through 2h: add the two paths "
                                           "(2h from h², 2 from 2h) before multiplying by tanh′."),
        Mistake(lambda: 2 * H3 + 2, "that is dy/dh; one more step back to x: multiply by tanh′(0.3) = 1 − h²."),
        Mistake(lambda: 2 * H3 * 2 * (1 - H3 ** 2), "the two paths add, they do not multiply: "
                                                    "dy/dh = 2h + 2."),
        Mistake(lambda: (2 * H3 + 2) * (1 - X3 ** 2), "tanh′(x) = 1 − tanh²(x) = 1 − h², with h = tanh(0.3); "
                                                      "not 1 − x²."),
        Mistake(lambda: H3 ** 2 + 2 * H3, "that is y itself; the question asks for dy/dx."),
    ],
)


# -- exercise 4: what layer 2 passes back in the three-layer chain with w3 = 1.2
def _chain(weights: tuple[float, float, float]) -> dict[str, float]:
    """Forward and backward through h1 = tanh(w1·x), h2 = tanh(w2·h1), out = w3·h2, L = (out − t)²."""
    w1, w2, w3 = (Value(w) for w in weights)
    h1 = (w1 * CHAIN_X).tanh()
    h2 = (w2 * h1).tanh()
    out = w3 * h2
    ((out - CHAIN_T) ** 2).backward()
    return {"h1": h1.data, "h2": h2.data, "out": out.data, "dL_dh1": h1.grad, "dL_dh2": h2.grad,
            "dL_dw1": w1.grad, "dL_dw2": w2.grad}


def _ex4(name: str) -> float:
    return _chain(EX4_WEIGHTS)[name]


_W1, _W2, _W3 = EX4_WEIGHTS

ex4 = Exercise(
    "Exercise 4 (what layer 2 passes back)",
    solution=lambda: _ex4("dL_dh1"),
    hint="forward first: h1 = tanh(0.9·1), h2 = tanh(−1.3·h1), out = 1.2·h2. Then back one layer at a time: "
         "dL/dout = 2(out − 0.5), dL/dh2 = dL/dout · w3, and layer 2 passes back "
         "dL/dh1 = dL/dh2 · (1 − h2²) · w2.",
    explanation="That number is all layer 1 needs to find dL/dw1.",
    decimals=4,
    mistakes=[
        Mistake(lambda: _ex4("dL_dh2"), "that is dL/dh2, what layer 3 passes to layer 2; layer 2 multiplies it "
                                        "by its own local slopes, tanh′ = 1 − h2² and w2."),
        Mistake(lambda: _chain(LAYER_WEIGHTS)["dL_dh1"], "that is dL/dh1 with w3 = 0.7, from the text; redo the "
                                                         "forward and backward pass with w3 = 1.2."),
        Mistake(lambda: _ex4("dL_dh2") * _W2, "the tanh of layer 2 is missing: multiply by its slope 1 − h2² too."),
        Mistake(lambda: _ex4("dL_dh2") * (1 - _ex4("h2") ** 2), "h1 reaches layer 2 through the product w2·h1: "
                                                                "multiply by w2 = −1.3 too."),
        Mistake(lambda: _ex4("dL_dw1"), "that is dL/dw1, what layer 1 keeps for its weight; the question asks "
                                        "what it receives from layer 2, dL/dh1."),
        Mistake(lambda: _ex4("dL_dw2"), "that is dL/dw2, what layer 2 keeps for its own weight; what it passes "
                                        "back is dL/dh1 = dL/dh2 · (1 − h2²) · w2."),
        Mistake(lambda: _ex4("dL_dh1") / 2, "dL/dout = 2(out − t): the 2 from the square is missing."),
    ],
)
