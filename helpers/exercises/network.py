"""Exercises for notebook 05 (the XOR network): a hidden delta by hand, which weights move, the linear floor,
and the backward pass with matrices, written by the learner (exercise 4, a code exercise).

Answers and typical mistakes are computed with helpers.xor_nodes and helpers.network.
"""
import numpy as np

from helpers.maths import network, xor_nodes
from helpers.exercises import CodeExercise, Exercise, Mistake, call
from helpers.maths.gradcheck import numerical_network_gradients
from helpers.maths.neuron import sigmoid as _sigmoid

__all__ = ["ex1", "ex2", "ex3", "ex4", "EX1_WEIGHTS", "EX1_SAMPLE", "EX2_CHOICES", "unchanged_weights",
           "EX4_CASES"]

# Exercise 1: the source's all-ones network, except V2 = 0.5; sample (1, 0) with target 1.
EX1_WEIGHTS = {**xor_nodes.all_weights(1.0), "V2": 0.5}
EX1_SAMPLE = (1.0, 0.0, 1.0)  # x1, x2, target


def _ex1_step(**changes: float) -> xor_nodes.Step:
    """Exercise 1's step, with some weights changed (0 for a bias weight = the bias unit forgotten)."""
    return xor_nodes.step({**EX1_WEIGHTS, **changes}, *EX1_SAMPLE, lr=0.1)


_NO_INPUT_BIAS = {"W10": 0.0, "W20": 0.0, "W30": 0.0}
_NO_HIDDEN_BIAS = {"V0": 0.0}
_BIAS_HINT = ("the bias units count too: X0 = 1 feeds every Zj through W_j0, and Z0 = 1 feeds D0 through V0. "
              "Redo the forward pass with them.")


def _delta_with_source_sign() -> float:
    values = xor_nodes.forward(EX1_WEIGHTS, *EX1_SAMPLE[:2])
    return xor_nodes.deltas(EX1_WEIGHTS, values, EX1_SAMPLE[2], error_sign=-1.0)["delta_Z2"]


ex1 = Exercise(
    "Exercise 1 (a hidden unit's delta)",
    solution=lambda: _ex1_step().deltas["delta_Z2"],
    hint="forward first: each Zj = W_j0·1 + W_j1·1 + W_j2·0, then D0 = V0 + V1·Z1 + V2·Z2 + V3·Z3; "
         "delta_D0 = D0 − target; delta_Z2 = V2 · delta_D0 · f'(a), and f' = 1 for the identity.",
    explanation="Z1 = Z2 = Z3 = 2, D0 = 1 + 2 + 1 + 2 = 6, delta_D0 = 6 − 1 = 5, delta_Z2 = 0.5 · 5 = 2.5.",
    mistakes=[
        Mistake(lambda: _ex1_step().deltas["delta_D0"], "5 is delta_D0, the output's delta; the hidden unit Z2 "
                                                        "gets it through its weight V2 = 0.5: "
                                                        "delta_Z2 = V2 · delta_D0 · f'(a)."),
        Mistake(_delta_with_source_sign, "the delta is ∂L/∂a, built from output − target (D0 − 1), not "
                                         "target − output: that is the source's sign mistake of Part B."),
        Mistake(lambda: EX1_WEIGHTS["V2"] * _ex1_step().values["D0"], "multiply V2 by the output's delta "
                                                                      "D0 − target, not by the output D0."),
        Mistake(lambda: _ex1_step(**_NO_INPUT_BIAS).deltas["delta_Z2"], _BIAS_HINT),
        Mistake(lambda: _ex1_step(**_NO_HIDDEN_BIAS).deltas["delta_Z2"], _BIAS_HINT),
        Mistake(lambda: _ex1_step(**_NO_INPUT_BIAS, **_NO_HIDDEN_BIAS).deltas["delta_Z2"], _BIAS_HINT),
        Mistake(lambda: _ex1_step().gradients["V2"], "that is the gradient of V2, Z2 × delta_D0; the question "
                                                     "asks for the delta of the unit Z2."),
    ],
)


def unchanged_weights(x1: float, x2: float) -> list[str]:
    """Names of the weights whose gradient is exactly 0 for the sample (x1, x2), all-ones start."""
    grads = xor_nodes.step(xor_nodes.all_weights(1.0), x1, x2, 1.0, lr=0.1).gradients
    return [name for name, g in grads.items() if g == 0.0]


EX2_CHOICES = ("all of them", "all but W11, W21, W31", "all but W12, W22, W32", "only V0, V1, V2, V3")
_OPTION_FOR = {(): EX2_CHOICES[0], ("W11", "W21", "W31"): EX2_CHOICES[1], ("W12", "W22", "W32"): EX2_CHOICES[2]}

ex2 = Exercise(
    "Exercise 2 (which weights move for input (0, 1)?)",
    solution=lambda: _OPTION_FOR[tuple(unchanged_weights(0.0, 1.0))],
    hint="a weight's gradient is (value at the start of its link) × (delta at its end). "
         "Which input is 0 for the sample (0, 1)?",
    explanation="X1 = 0, so the three links that start at X1 get gradient 0 and keep their values.",
    choices=EX2_CHOICES,
    mistakes=[
        Mistake(lambda: _OPTION_FOR[()], "a weight's gradient is (value at the start of its link) × (delta at "
                                         "its end), and one input of (0, 1) is 0."),
        Mistake(lambda: _OPTION_FOR[tuple(unchanged_weights(1.0, 0.0))], "that would be the sample (1, 0); "
                                                                         "here X1 = 0 and X2 = 1."),
        Mistake(EX2_CHOICES[3], "the hidden deltas are not 0 (every V is 1), so the weights from the inputs "
                                "that are not 0 (X0 = 1 and X2 = 1) move too."),
    ],
)


def _loss_of_constant(prediction: float, half: bool = True, mean: bool = True) -> float:
    """The loss of predicting ``prediction`` for every XOR sample, with or without the ½ and the mean."""
    squares = (prediction - network.XOR_T) ** 2 * (0.5 if half else 1.0)
    return float(np.mean(squares) if mean else np.sum(squares))


ex3 = Exercise(
    "Exercise 3 (the best a linear model can do on XOR)",
    solution=lambda: network.best_linear_fit(network.XOR_X, network.XOR_T)[1],
    hint="a model that says 0.5 for every input misses every target by 0.5; "
         "the loss is the mean of ½(prediction − target)² over the four samples.",
    explanation="½ · 0.5² = 0.125 for every sample, so the mean is 0.125, and no straight plane does better.",
    mistakes=[
        Mistake(lambda: _loss_of_constant(0.5, half=False), "the loss has a ½: the mean of "
                                                            "½(prediction − target)²."),
        Mistake(lambda: _loss_of_constant(0.5, mean=False), "0.5 is the sum over the four samples (and also the "
                                                            "miss of each one); the loss is the mean of "
                                                            "½(prediction − target)²."),
        Mistake(lambda: _loss_of_constant(0.5, half=False, mean=False), "that sums (prediction − target)² over "
                                                                        "the four samples: halve each square, "
                                                                        "then take the mean."),
    ],
)


# Exercise 4: the learner writes backward_pass(X1, t, W, V) -> (dW, dV) for sigmoid hidden units and an
# identity output. X1 is the inputs X with the bias column of ones first (n × 3), as in the notebook's Part C;
# the functions below call it X.

def _reference_backward(X, t, W, V):
    """∇W and ∇v from helpers.network (which adds the bias column itself)."""
    grads = network.backward(network.Network(W, V), np.asarray(X)[:, 1:], t)
    return grads.dW, grads.dV


def _backward_with(X, t, W, V, *, slope: str = "a", mean: bool = True, transposed: bool = False,
                   bias_column: bool = True, sign: float = 1.0, all_of_v: bool = False,
                   all_of_v_slope_a: bool = False):
    """The backward pass with one typical mistake switched on (for the declared mistakes)."""
    X, t, W, V = (np.asarray(a, dtype=float) for a in (X, t, W, V))
    A = X @ W.T
    z = _sigmoid(A)
    Z = np.column_stack([np.ones(len(X)), z])
    delta_out = sign * (Z @ V - t)
    f_prime = {"a": z * (1 - z), "z": _sigmoid(z) * (1 - _sigmoid(z)), "A": A * (1 - A), "none": 1.0}[slope]
    if all_of_v:  # v0 taken as if it led to a hidden unit: one column too many, slope Z(1 − Z)
        delta_hid = np.outer(delta_out, V) * Z * (1 - Z)
    elif all_of_v_slope_a:  # the same with the slope z(1 − z): (n, k + 1) meets (n, k) and numpy refuses
        delta_hid = np.outer(delta_out, V) * f_prime
    else:
        delta_hid = np.outer(delta_out, V[1:]) * f_prime
    n = len(t) if mean else 1
    dW = (X.T @ delta_hid if transposed else delta_hid.T @ X) / n
    dV = (Z if bias_column else z).T @ delta_out / n
    return dW, dV


def _xor_case(k: int, seed: int, rows=slice(None)):
    """A case on (some of) the XOR samples, from a seeded start; expected also by central differences."""
    X = np.column_stack([np.ones(4), network.XOR_X])[rows]
    t = network.XOR_T[rows]
    net = network.init_network(k, seed=seed, scale=1.0)
    return call(X, t, net.W, net.V, numeric=lambda: numerical_network_gradients(net, X[:, 1:], t))


#: two hidden units on all four samples (∇W is 2 × 3, so a transposed one shows), three on all four,
#: and four on samples 2–4 (n = 3 and k = 4: a sum is 3× a mean, every shape differs)
EX4_CASES = [_xor_case(2, seed=0), _xor_case(3, seed=1), _xor_case(4, seed=2, rows=slice(1, 4))]

ex4 = CodeExercise(
    "Exercise 4 (the backward pass with matrices)",
    reference=_reference_backward,
    cases=EX4_CASES,
    returns=("dW", "dV"),
    hint="delta_out = y − t (n values); delta_hid = outer(delta_out, V[1:]) · f′(A) with f′ = z(1 − z) "
         "(n × k); dW = delta_hidᵀ X1 / n (k × 3); dV = Zᵀ delta_out / n (k + 1), Z with its column of ones.",
    explanation="delta_out = y − t, delta_hid = (delta_out v₁..ₖᵀ) ⊙ f′(A), ∇W = delta_hidᵀX1/n, ∇v = Zᵀdelta_out/n: "
                "every unit and every sample in four lines.",
    mistakes=[
        Mistake(lambda X, t, W, V: _backward_with(X, t, W, V, slope="none"),
                "delta_hid is missing the hidden units' slope f′(A) = z(1 − z), with z = sigmoid(A)."),
        Mistake(lambda X, t, W, V: _backward_with(X, t, W, V, slope="z"),
                "the slope belongs at the weighted sum: f′(A) = z(1 − z) with z = sigmoid(A), "
                "not the sigmoid's slope at z."),
        Mistake(lambda X, t, W, V: _backward_with(X, t, W, V, slope="A"),
                "the slope is z(1 − z) with z = sigmoid(A), the sigmoid's output: A(1 − A) uses the "
                "weighted sum itself."),
        Mistake(lambda X, t, W, V: _backward_with(X, t, W, V, all_of_v=True),
                "the bias weight v0 leads to no hidden unit: the hidden deltas use V[1:], one weight per "
                "hidden unit, so delta_hid is n × k and dW is k × 3."),
        Mistake(lambda X, t, W, V: _backward_with(X, t, W, V, all_of_v_slope_a=True),
                "np.outer(delta_out, V) has k + 1 columns, one for the bias weight v0, but v0 leads to no hidden "
                "unit: use V[1:], one weight per hidden unit, so that it meets f′(A)'s k columns."),
        Mistake(lambda X, t, W, V: _backward_with(X, t, W, V, mean=False),
                "that is the sum over the samples: the loss is the mean, so divide both gradients by n = len(t)."),
        Mistake(lambda X, t, W, V: _backward_with(X, t, W, V, transposed=True),
                "your dW comes out transposed (3 × k): it is delta_hid.T @ X1, one row per hidden unit like W."),
        Mistake(lambda X, t, W, V: _backward_with(X, t, W, V, bias_column=False),
                "your dV has no entry for v0: use Z with its column of ones (the bias unit z0 = 1), not sigmoid(A)."),
        Mistake(lambda X, t, W, V: _backward_with(X, t, W, V, sign=-1.0),
                "the sign is flipped: delta_out = y − t (output minus target), not t − y, "
                "or every step climbs the loss."),
    ],
)
