"""Exercises for notebook 02 (the chain rule); answers computed with helpers.maths.calculus and helpers.maths.compgraph.

Each graph is built from :class:`helpers.maths.engine.Value` and differentiated by its backward
pass; the typical mistakes are computed from the same forward values. Names follow the
series' notation: input x, weight w, weighted sum a, activation value z, output y, target t,
error e, loss L.
"""
import math

from helpers.maths import calculus as c
from helpers.maths.compgraph import layer_chain, single_weight_loss
from helpers.maths.engine import Value
from . import Exercise, Mistake

__all__ = ["ex1", "ex2", "ex3", "ex4", "ex5", "LAYER_WEIGHTS", "EX4_WEIGHTS", "EX4_DECIMALS"]

LAYER_WEIGHTS = (0.9, -1.3, 0.7)  # the three-layer chain of section 5, with x = 1 and target t = 0.5
EX4_WEIGHTS = (0.9, -1.3, 1.1)    # the same chain with a different last weight, for exercise 4
EX4_DECIMALS = 3  # z2 is printed to 4 decimals; carried through, that is 1.7363 against 1.7361: 3 decimals agree
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
    """∂L/∂w of L = (w·x − t)² by the graph's backward pass."""
    graph = single_weight_loss(w, X, T)
    graph.backward()
    return graph["w"].grad


_E2 = W2 * X - T  # the error e = y − t at w = 0.6

ex2 = Exercise(
    "Exercise 2 (the single-weight graph)",
    solution=lambda: _single_weight_grad(W2),
    hint="forward: y = 0.6·1.5, e = y − 0.5; backward: ∂L/∂e = 2e, ∂L/∂y = ∂L/∂e · 1, ∂L/∂w = ∂L/∂y · x.",
    explanation="Forward y = 0.9 and e = 0.4; backward ∂L/∂y = 0.8 and ∂L/∂w = 0.8·1.5 = 1.2.",
    mistakes=[
        Mistake(lambda: 2 * _E2, "0.8 is ∂L/∂y, one step short: multiply by ∂y/∂w = x = 1.5."),
        Mistake(lambda: 2 * _E2 * W2, "∂y/∂w is the input x = 1.5, the other factor of the product y = w·x, "
                                      "not w itself."),
        Mistake(lambda: _E2 * X, "the square's slope is 2e, not e: ∂L/∂e = 2e = 0.8."),
        Mistake(lambda: _E2, "0.4 is the error e = y − t; keep going backwards: ∂L/∂e = 2e, then times 1 "
                             "and times x."),
        Mistake(lambda: _E2 ** 2, "0.16 is the loss L itself; the question asks for ∂L/∂w."),
        Mistake(lambda: X * W2, "0.9 is the output y; the question asks for ∂L/∂w."),
        Mistake(lambda: _single_weight_grad(0.8), "2.1 is ∂L/∂w at w = 0.8, from the text; redo the forward "
                                                  "pass with w = 0.6."),
    ],
)


# -- exercise 3: z = tanh(a) used twice, y = z² + 2z, at a = 0.3
A3 = 0.3
Z3 = math.tanh(A3)


def _reused_tanh_grad(a: float) -> float:
    node = Value(a, label="a")
    z = node.tanh().named("z")
    (z ** 2 + 2 * z).backward()
    return node.grad


ex3 = Exercise(
    "Exercise 3 (a node used twice)",
    solution=lambda: _reused_tanh_grad(A3),
    hint="z = tanh(0.3) feeds both z² and 2z: add the two paths, 2z + 2, then multiply by tanh′(0.3) = 1 − z².",
    explanation="(2z + 2)·(1 − z²) with z = tanh(0.3) ≈ 0.2913.",
    decimals=4,
    mistakes=[
        Mistake(lambda: 2 * Z3 * (1 - Z3 ** 2), "that follows only the path through z²: add the two paths "
                                                "(2z from z², 2 from 2z) before multiplying by tanh′."),
        Mistake(lambda: 2 * (1 - Z3 ** 2), "that follows only the path through 2z: add the two paths "
                                           "(2z from z², 2 from 2z) before multiplying by tanh′."),
        Mistake(lambda: 2 * Z3 + 2, "that is ∂y/∂z; one more step back to a: multiply by tanh′(0.3) = 1 − z²."),
        Mistake(lambda: 2 * Z3 * 2 * (1 - Z3 ** 2), "the two paths add, they do not multiply: "
                                                    "∂y/∂z = 2z + 2."),
        Mistake(lambda: (2 * Z3 + 2) * (1 - A3 ** 2), "tanh′(a) = 1 − tanh²(a) = 1 − z², with z = tanh(0.3); "
                                                      "not 1 − a²."),
        Mistake(lambda: Z3 ** 2 + 2 * Z3, "that is y itself; the question asks for dy/da."),
    ],
)


# -- exercise 4: what layer 2 passes back in the three-layer chain with w3 = 1.1
def _chain(weights: tuple[float, float, float]) -> Value:
    """The graph of a1 = w1·x, z1 = tanh(a1), a2 = w2·z1, z2 = tanh(a2), y = w3·z2, L = (y − t)², backward run."""
    graph = layer_chain(CHAIN_X, list(weights), CHAIN_T)
    graph.backward()
    return graph


def _ex4(label: str, grad: bool = True) -> float:
    """∂L/∂(node) (or the node's value, with grad=False) in the chain of exercise 4."""
    node = _chain(EX4_WEIGHTS)[label]
    return node.grad if grad else node.data


_W1, _W2, _W3 = EX4_WEIGHTS

ex4 = Exercise(
    "Exercise 4 (what layer 2 passes back)",
    solution=lambda: _ex4("z1"),
    hint="forward first: z1 = tanh(0.9·1), z2 = tanh(−1.3·z1), y = 1.1·z2. Then back one layer at a time: "
         "∂L/∂y = 2(y − 0.5), ∂L/∂z2 = ∂L/∂y · w3, and layer 2 passes back "
         "∂L/∂z1 = ∂L/∂z2 · (1 − z2²) · w2.",
    explanation="That number is all layer 1 needs to find ∂L/∂w1.",
    decimals=EX4_DECIMALS,
    mistakes=[
        Mistake(lambda: _ex4("z2"), "that is ∂L/∂z2, what layer 3 passes to layer 2; layer 2 multiplies it "
                                    "by its own local slopes, tanh′ = 1 − z2² and w2."),
        Mistake(lambda: _chain(LAYER_WEIGHTS)["z1"].grad, "that is ∂L/∂z1 with w3 = 0.7, from the text; redo the "
                                                          "forward and backward pass with w3 = 1.1."),
        Mistake(lambda: _ex4("z2") * _W2, "the tanh of layer 2 is missing: multiply by its slope 1 − z2² too."),
        Mistake(lambda: _ex4("z2") * (1 - _ex4("z2", grad=False) ** 2), "z1 reaches layer 2 through the product "
                                                                        "w2·z1: multiply by w2 = −1.3 too."),
        Mistake(lambda: _ex4("w1"), "that is ∂L/∂w1, what layer 1 keeps for its weight; the question asks "
                                    "what it receives from layer 2, ∂L/∂z1."),
        Mistake(lambda: _ex4("w2"), "that is ∂L/∂w2, what layer 2 keeps for its own weight; what it passes "
                                    "back is ∂L/∂z1 = ∂L/∂z2 · (1 − z2²) · w2."),
        Mistake(lambda: _ex4("z1") / 2, "∂L/∂y = 2(y − t): the 2 from the square is missing."),
    ],
)


# -- exercise 5: the sigmoid's slope, derived with the chain rule, checked at x = 1
X5 = 1.0
_V5 = 1 + math.exp(-X5)        # σ = 1/v with v = 1 + e^(−x)
_DV5 = -math.exp(-X5)          # v′ = −e^(−x): the chain rule on e^(−x)


ex5 = Exercise(
    "Exercise 5 (the sigmoid's slope)",
    solution=lambda: -_DV5 / _V5 ** 2,  # σ′ = −v⁻²·v′, the derivation in numbers
    hint="σ = v⁻¹ with v = 1 + e⁻ˣ. The power rule gives −v⁻², the chain rule multiplies by v′ = −e⁻ˣ: "
         "σ′(x) = e⁻ˣ/(1 + e⁻ˣ)². Put x = 1.",
    explanation="The derived formula gives e⁻¹/(1 + e⁻¹)² ≈ 0.1966, the same as σ(1)·(1 − σ(1)) "
                "≈ 0.7311 × 0.2689.",
    decimals=4,
    mistakes=[
        Mistake(lambda: _DV5 / _V5 ** 2, "the sign is flipped: v′ = −e⁻ˣ (the inner step −x has slope −1), "
                                         "and −v⁻² · (−e⁻ˣ) is positive. The sigmoid rises everywhere."),
        Mistake(lambda: -_DV5 / _V5, "that is e⁻ˣ/(1 + e⁻ˣ) = 1 − σ(1): the power rule on v⁻¹ gives −v⁻², "
                                     "so the denominator is squared."),
        Mistake(lambda: -1 / _V5 ** 2, "the inner factor is missing: after −v⁻² the chain rule multiplies by "
                                       "v′ = −e⁻ˣ."),
        Mistake(lambda: _DV5, "that is v′(1) = −e⁻¹, one factor only; σ′ = −v⁻² · v′."),
        Mistake(lambda: 1 / _V5, "that is σ(1) itself; the question asks for its slope σ′(1)."),
        Mistake(lambda: c.tanh.derivative(X5), "that is tanh′(1) = 1 − tanh²(1); the question is about σ."),
        Mistake(lambda: c.sigmoid.derivative(0.0), "0.25 is σ′(0), the slope at x = 0; put x = 1."),
    ],
)
