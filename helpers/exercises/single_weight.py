"""Exercises for notebook 03 (one weight): a descent step by hand, a stability threshold, a regime.

The model is y = x·w with loss L = (y − t)²; the numbers are the single-weight article's
(x = 1.5, t = 0.5, w0 = 0.8, η = 0.1). Typical mistakes are computed from the same numbers.
"""
from __future__ import annotations

from helpers.maths import single_weight as sw
from helpers.exercises import Exercise, Mistake

__all__ = ["ex1", "ex2", "ex3", "EX2_INPUT", "EX3_INPUT", "EX3_RATE"]

X, T, W0, LR = 1.5, 0.5, 0.8, 0.1
EX2_INPUT = 2.0   # exercise 2: the input whose largest stable learning rate is asked for
EX3_INPUT = 2.0   # exercise 3: an input and a learning rate whose regime nothing above the exercise prints
EX3_RATE = 0.2


def _grad(w: float) -> float:
    """dL/dw at w, for the mistakes below."""
    return sw.dloss_dw(X, w, T)


_W1 = sw.step(X, W0, T, LR)  # 0.59, where exercise 1 starts

ex1 = Exercise(
    "Exercise 1 (the second step)",
    solution=lambda: sw.step(X, _W1, T, LR),
    hint="start from w1 = 0.59: y = 1.5·0.59, dL/dw = 2(y − 0.5)·1.5, then w2 = w1 − 0.1·dL/dw.",
    explanation="The gradient shrank from 2.1 to 1.155, so the step shrank too: 0.59 → 0.4745.",
    mistakes=[
        Mistake(lambda: _W1, "0.59 is w1, where this step starts; take one more step from it."),
        Mistake(lambda: sw.dloss_dw(X, _W1, T), "that is the gradient dL/dw at w1; the new weight is "
                                                "w1 − η·dL/dw."),
        Mistake(lambda: LR * _grad(_W1), "that is the step η·dL/dw; subtract it from w1 = 0.59."),
        Mistake(lambda: X * _W1, "that is the output y = 1.5·0.59; go on to the gradient and the update."),
        Mistake(lambda: _W1 - LR * _grad(W0), "that reuses the first step's gradient 2.1; compute dL/dw again "
                                              "at w1 = 0.59."),
        Mistake(lambda: _W1 + LR * _grad(_W1), "that steps uphill: the update subtracts, w1 − η·dL/dw."),
        Mistake(lambda: _W1 - LR * (X * _W1 - T) * X, "dL/dy = 2(y − t): the 2 from the square is missing."),
        Mistake(lambda: _W1 - LR * 2 * (X * _W1 - T), "dL/dw = dL/dy · x: the factor x = 1.5 is missing."),
        Mistake(lambda: sw.step(X, sw.step(X, _W1, T, LR), T, LR), "that is w3, one step too far: stop at w2."),
    ],
)

ex2 = Exercise(
    f"Exercise 2 (largest stable learning rate for x = {EX2_INPUT:g})",
    solution=lambda: sw.divergence_rate(EX2_INPUT),
    hint="one step multiplies the error by 1 − 2·η·x²; it stops shrinking when that factor reaches −1.",
    explanation=f"1 − 2·η·{EX2_INPUT ** 2:g} = −1 gives η = 1/x² = {sw.divergence_rate(EX2_INPUT):g}: "
                "a bigger input needs a smaller learning rate.",
    mistakes=[
        Mistake(lambda: sw.oscillation_rate(EX2_INPUT),
                "at η = 1/(2x²) the factor 1 − 2ηx² is 0: one step to the minimum. Above it the weight still "
                "converges, overshooting, until the factor reaches −1."),
        Mistake(lambda: 1 / EX2_INPUT, "the factor is 1 − 2·η·x² with x squared; solve 1 − 2·η·x² = −1."),
        Mistake(lambda: EX2_INPUT ** 2 / 2, "that is x²/2, the limit upside down: 2·η·x² = 2 gives η = 1/x²."),
        Mistake(lambda: sw.divergence_rate(X), "that is the limit for x = 1.5; this example has x = 2."),
        Mistake(lambda: sw.oscillation_rate(X), "that is 1/(2x²) for x = 1.5; this example has x = 2, and the "
                                                "limit is where the factor 1 − 2ηx² reaches −1."),
    ],
)

ex3 = Exercise(
    f"Exercise 3 (what does η = {EX3_RATE:g} do for x = {EX3_INPUT:g}?)",
    solution=lambda: sw.regime(EX3_RATE, EX3_INPUT),
    hint=f"compute the factor 1 − 2·{EX3_RATE:g}·{EX3_INPUT:g}²: is it positive or negative, and is its size below 1?",
    explanation=f"The factor is {sw.error_factor(EX3_RATE, EX3_INPUT):.2f}: the error flips sign every step "
                f"but shrinks to {100 * abs(sw.error_factor(EX3_RATE, EX3_INPUT)):.0f} % of itself.".replace("-", "−"),
    choices=sw.REGIMES,
    mistakes=[
        Mistake("converges smoothly",
                f"smooth convergence needs the factor 1 − 2ηx² between 0 and 1; with x squared it is "
                f"1 − 2·{EX3_RATE:g}·{EX3_INPUT ** 2:g}: is it positive?"),
        Mistake("diverges", "diverging needs the factor's size above 1; compute 1 − 2ηx² and compare its size with 1."),
        Mistake("bounces forever",
                f"bouncing for ever needs the factor to be exactly −1, at η = 1/x² = {sw.divergence_rate(EX3_INPUT):g}."),
        Mistake("one step to the minimum",
                f"one step to the minimum needs the factor to be exactly 0, at η = 1/(2x²) = "
                f"{sw.oscillation_rate(EX3_INPUT):g}."),
    ],
)
