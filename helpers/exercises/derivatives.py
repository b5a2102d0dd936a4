"""Exercises for notebook 01 (derivatives); every answer is computed with helpers.calculus."""
import numpy as np

from .. import calculus as c
from . import Exercise

__all__ = ["ex1", "ex2", "ex3", "ex4", "STEP_CHOICES"]

ex1 = Exercise(
    "Exercise 1 (average rate of change)",
    solution=lambda: c.secant_slope(c.power(2), 1.0, 0.5),
    hint="Δy = f(1.5) − f(1) with f(x) = x², and Δx = 0.5; divide Δy by Δx.",
    explanation="(2.25 − 1)/0.5 = 2.5, a bit more than the tangent slope 2 at x = 1.",
)

STEP_CHOICES = ("1e-2", "1e-5", "1e-12")


def _best_of_choices() -> str:
    """The choice with the smallest central-difference error for e^x on seeded points in [0.5, 1.5]."""
    xs = np.random.default_rng(0).uniform(0.5, 1.5, 200)
    errors = c.step_errors(c.exp, xs, [float(h) for h in STEP_CHOICES])["central"]
    return STEP_CHOICES[int(np.argmin(errors))]


ex2 = Exercise(
    "Exercise 2 (the best step)",
    solution=_best_of_choices,
    hint="too large a step makes truncation error (it grows like h²); too small a step lets "
         "round-off (about 1e-16 / h) take over. Look at the error plot.",
    explanation="the central difference is most accurate near h = 1e-5.",
    choices=STEP_CHOICES,
)

ex3 = Exercise(
    "Exercise 3 (power and sum rules)",
    # (1.5w − 0.5)² multiplied out is 2.25w² − 1.5w + 0.25.
    solution=lambda: c.sum_of(c.product(c.constant(2.25), c.power(2)), c.linear(-1.5, 0.25)).derivative(0.5),
    hint="multiply out: C(w) = 2.25w² − 1.5w + 0.25, so C′(w) = 4.5w − 1.5; put w = 0.5.",
    explanation="4.5·0.5 − 1.5 = 0.75: positive, so lowering w lowers the cost.",
)

ex4 = Exercise(
    "Exercise 4 (sigmoid)",
    solution=lambda: c.sigmoid.derivative(0.0),
    hint="σ′(x) = σ(x)·(1 − σ(x)), and σ(0) = 0.5.",
    explanation="0.5 · 0.5 = 0.25, the steepest the sigmoid ever gets.",
)
