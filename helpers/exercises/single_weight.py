"""Exercises for notebook 03 (one weight): a descent step by hand, a stability threshold, a regime."""
from __future__ import annotations

from helpers import single_weight as sw
from helpers.exercises import Exercise

__all__ = ["ex1", "ex2", "ex3"]

I, Y, W0, RATE = 1.5, 0.5, 0.8, 0.1

ex1 = Exercise(
    "Exercise 1 (the second step)",
    solution=lambda: sw.step(I, sw.step(I, W0, Y, RATE), Y, RATE),
    hint="start from w1 = 0.59: a = 1.5·0.59, dC/dw = 2(a − 0.5)·1.5, then w2 = w1 − 0.1·dC/dw.",
    explanation="The gradient shrank from 2.1 to 1.155, so the step shrank too: 0.59 → 0.4745.",
)

ex2 = Exercise(
    "Exercise 2 (largest stable learning rate for i = 2)",
    solution=lambda: sw.divergence_rate(2.0),
    hint="one step multiplies the error by 1 − 2·r·i²; it stops shrinking when that factor reaches −1.",
    explanation="1 − 2·r·4 = −1 gives r = 1/i² = 0.25: a bigger input needs a smaller learning rate.",
)

ex3 = Exercise(
    "Exercise 3 (what does r = 0.3 do for i = 1.5?)",
    solution=lambda: sw.regime(0.3, I),
    hint="compute the factor 1 − 2·0.3·1.5²: is it positive or negative, and is its size below 1?",
    explanation="The factor is −0.35: the error flips sign every step but shrinks to 35 % of itself.",
    choices=sw.REGIMES,
)
