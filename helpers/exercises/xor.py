"""Exercises for notebook 04 (the XOR network): a hidden delta by hand, which weights move, the linear floor."""
from helpers import network, xor_nodes
from helpers.exercises import Exercise

__all__ = ["ex1", "ex2", "ex3", "EX1_WEIGHTS", "EX1_SAMPLE", "EX2_CHOICES", "unchanged_weights"]

# Exercise 1: the source's all-ones network, except V2 = 0.5; sample (1, 0) with target 1.
EX1_WEIGHTS = {**xor_nodes.all_weights(1.0), "V2": 0.5}
EX1_SAMPLE = (1.0, 0.0, 1.0)  # x1, x2, target

ex1 = Exercise(
    "Exercise 1 (a hidden unit's delta)",
    solution=lambda: xor_nodes.step(EX1_WEIGHTS, *EX1_SAMPLE, lr=0.1).deltas["delta_Z2"],
    hint="forward first: each Zj = W_j0·1 + W_j1·1 + W_j2·0, then D0 = V0 + V1·Z1 + V2·Z2 + V3·Z3; "
         "delta_D0 = D0 − target; delta_Z2 = V2 · delta_D0 · f'(a), and f' = 1 for the identity.",
    explanation="Z1 = Z2 = Z3 = 2, D0 = 1 + 2 + 1 + 2 = 6, delta_D0 = 6 − 1 = 5, delta_Z2 = 0.5 · 5 = 2.5.",
)


def unchanged_weights(x1: float, x2: float) -> list[str]:
    """Names of the weights whose gradient is exactly 0 for the sample (x1, x2), all-ones start."""
    grads = xor_nodes.step(xor_nodes.all_weights(1.0), x1, x2, 1.0, lr=0.1).gradients
    return [name for name, g in grads.items() if g == 0.0]


EX2_CHOICES = ("all of them", "all but W11, W21, W31", "all but W12, W22, W32", "only V0, V1, V2, V3")

ex2 = Exercise(
    "Exercise 2 (which weights move for input (0, 1)?)",
    solution=lambda: {(): EX2_CHOICES[0], ("W11", "W21", "W31"): EX2_CHOICES[1],
                      ("W12", "W22", "W32"): EX2_CHOICES[2]}[tuple(unchanged_weights(0.0, 1.0))],
    hint="a weight's gradient is (value at the start of its link) × (delta at its end). "
         "Which input is 0 for the sample (0, 1)?",
    explanation="X1 = 0, so the three links that start at X1 get gradient 0 and keep their values.",
    choices=EX2_CHOICES,
)

ex3 = Exercise(
    "Exercise 3 (the best a linear model can do on XOR)",
    solution=lambda: network.best_linear_fit(network.XOR_X, network.XOR_Y)[1],
    hint="a model that says 0.5 for every input misses every target by 0.5; "
         "the loss is the mean of ½(prediction − target)² over the four samples.",
    explanation="½ · 0.5² = 0.125 for every sample, so the mean is 0.125, and no straight plane does better.",
)
