"""Exercises for notebook 01 (derivatives); every answer and every typical mistake is computed with helpers.maths.calculus."""
import numpy as np

from helpers.maths import calculus as c
from . import Exercise, Mistake

__all__ = ["ex1", "ex2", "ex3", "ex4", "STEP_CHOICES", "best_forward_step"]

SQUARE = c.power(2)
X0, DX = 1.0, 0.5  # exercise 1: from x = 1 to x = 1.5

ex1 = Exercise(
    "Exercise 1 (average rate of change)",
    solution=lambda: c.secant_slope(SQUARE, X0, DX),
    hint="Δy = f(1.5) − f(1) with f(x) = x², and Δx = 0.5; divide Δy by Δx.",
    explanation="(2.25 − 1)/0.5 = 2.5, a bit more than the tangent slope 2 at x = 1.",
    mistakes=[
        Mistake(lambda: SQUARE(X0 + DX) - SQUARE(X0), "1.25 is Δy, the change of f; divide it by Δx = 0.5."),
        Mistake(lambda: SQUARE.derivative(X0), "2 is the tangent's slope at x = 1, the derivative; the question "
                                               "asks for the average rate over the step, Δy/Δx with Δx = 0.5."),
        Mistake(lambda: SQUARE.derivative(X0 + DX), "3 is the tangent's slope at x = 1.5; the average rate is "
                                                    "Δy/Δx between x = 1 and x = 1.5."),
        Mistake(lambda: DX / (SQUARE(X0 + DX) - SQUARE(X0)), "that is Δx/Δy, upside down: divide Δy by Δx."),
        Mistake(lambda: SQUARE(X0 + DX) / (X0 + DX), "that is f(1.5)/1.5; the rate divides the change "
                                                     "f(1.5) − f(1) by the change 1.5 − 1."),
    ],
)

STEP_CHOICES = ("1e-2", "1e-5", "1e-12")


_POINTS = np.random.default_rng(0).uniform(0.5, 1.5, 200)  # seeded points near x = 1


def _best_of_choices() -> str:
    """The choice with the smallest central-difference error for e^x on seeded points in [0.5, 1.5]."""
    errors = c.step_errors(c.exp, _POINTS, [float(h) for h in STEP_CHOICES])["central"]
    return STEP_CHOICES[int(np.argmin(errors))]


def best_forward_step() -> str:
    """The power of ten (1e-1 … 1e-14) with the smallest forward-difference error for e^x near x = 1, as text.

    It is the likeliest wrong answer: the forward difference's best step, where the central one's is asked.
    """
    hs = [10.0 ** -k for k in range(1, 15)]
    best = c.best_step(hs, c.step_errors(c.exp, _POINTS, hs)["forward"])
    return f"1e{round(np.log10(best))}"


def _other_step(largest: bool) -> str:
    """The wrong choice on the truncation side (the largest step) or the round-off side (the smallest)."""
    steps = sorted(STEP_CHOICES, key=float)
    return steps[-1] if largest else steps[0]


ex2 = Exercise(
    "Exercise 2 (the best step)",
    solution=_best_of_choices,
    hint="too large a step makes truncation error (it grows like h²); too small a step lets "
         "round-off (about 1e-16 / h) take over. Look at the error plot.",
    explanation="The central difference is most accurate near h = 1e-5.",
    choices=STEP_CHOICES,
    mistakes=[
        Mistake(lambda: _other_step(largest=True), "with h = 1e-2 the truncation error (it grows like h²) is "
                                                   "still large: a smaller step does better."),
        Mistake(lambda: _other_step(largest=False), "with h = 1e-12, f(x + h) and f(x − h) agree in almost all "
                                                    "their digits, and round-off (about 1e-16 / h) wins."),
        Mistake(best_forward_step, f"{best_forward_step()} is where the forward difference does best, "
                                   "balancing C₁h against 1e-16/h. The central difference's truncation "
                                   "error C₂h² falls much faster as h shrinks, so its balance with "
                                   "round-off comes at a larger step: "
                                   f"pick one of {', '.join(STEP_CHOICES)}."),
    ],
)

# L(w) = (1.5w − 0.5)², multiplied out: 2.25w² − 1.5w + 0.25
LOSS = c.sum_of(c.product(c.constant(2.25), SQUARE), c.linear(-1.5, 0.25))
W = 0.5  # exercise 3 evaluates L'(w) here

ex3 = Exercise(
    "Exercise 3 (power and sum rules)",
    solution=lambda: LOSS.derivative(W),
    hint="multiply out: L(w) = 2.25w² − 1.5w + 0.25, so L′(w) = 4.5w − 1.5; put w = 0.5.",
    explanation="4.5·0.5 − 1.5 = 0.75: positive, so lowering w lowers the loss.",
    mistakes=[
        Mistake(lambda: LOSS(W), "0.0625 is the loss L(0.5) itself; the question asks for its slope L′(0.5)."),
        Mistake(lambda: 2.25 * W - 1.5, "the power rule brings the 2 down: (w²)′ = 2w, so 2.25w² has slope 4.5w."),
        Mistake(lambda: 2 * 2.25 * W, "the term −1.5w has slope −1.5: L′(w) = 4.5w − 1.5."),
        Mistake(lambda: LOSS.derivative(0.8), "2.1 is L′(0.8), the slope from the text; evaluate at w = 0.5."),
        Mistake(lambda: 2 * (1.5 * W - 0.5), "that is 2(1.5w − 0.5) without the inner slope 1.5; multiplied "
                                              "out, L′(w) = 4.5w − 1.5."),
    ],
)

ex4 = Exercise(
    "Exercise 4 (sigmoid)",
    solution=lambda: c.sigmoid.derivative(0.0),
    hint="σ′(x) = σ(x)·(1 − σ(x)), and σ(0) = 0.5.",
    explanation="0.5 · 0.5 = 0.25, the steepest the sigmoid ever gets.",
    mistakes=[
        Mistake(lambda: c.sigmoid(0.0), "0.5 is σ(0) (and also 1 − σ(0)); the slope is their product, "
                                        "σ′(0) = σ(0)·(1 − σ(0))."),
        Mistake(lambda: c.tanh.derivative(0.0), "1 is the slope of tanh at 0; the sigmoid is flatter: "
                                                "σ′(0) = σ(0)·(1 − σ(0))."),
    ],
)
