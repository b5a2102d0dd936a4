"""Exercises for notebook 05 (the XOR network): a hidden delta by hand, which weights move, the linear floor.

Answers and typical mistakes are computed with helpers.xor_nodes and helpers.network.
"""
import numpy as np

from helpers import network, xor_nodes
from helpers.exercises import Exercise, Mistake

__all__ = ["ex1", "ex2", "ex3", "EX1_WEIGHTS", "EX1_SAMPLE", "EX2_CHOICES", "unchanged_weights"]

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
    squares = (prediction - network.XOR_Y) ** 2 * (0.5 if half else 1.0)
    return float(np.mean(squares) if mean else np.sum(squares))


ex3 = Exercise(
    "Exercise 3 (the best a linear model can do on XOR)",
    solution=lambda: network.best_linear_fit(network.XOR_X, network.XOR_Y)[1],
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
