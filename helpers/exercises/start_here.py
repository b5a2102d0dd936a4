"""Two warm-up exercises for notebook 00: read a loss, find the lowest point with the slider.

The typical mistakes are computed from the same numbers as the answers: the input 1.5, the
target 0.5 and the start weight 0.8.
"""
from helpers import start_here
from helpers.exercises import Exercise, Mistake

__all__ = ["ex1", "ex2", "W0"]

X, T = start_here.INPUT, start_here.TARGET  # input 1.5, target 0.5
W0 = 0.8                                     # the weight of exercise 1

ex1 = Exercise(
    "Exercise 1 (loss at the start)",
    solution=lambda: start_here.cost(W0),
    hint="first the output y = 1.5 × 0.8, then the loss (y − 0.5)².",
    explanation="The output 1.2 misses 0.5 by 0.7, and 0.7² = 0.49.",
    mistakes=[
        Mistake(lambda: X * W0, "1.2 is the output y = 1.5 × 0.8; the loss is how far it misses 0.5, squared."),
        Mistake(lambda: X * W0 - T, "0.7 is how far the output misses 0.5; the loss squares it."),
        Mistake(lambda: (X * W0) ** 2, "that squares the output itself; square the miss (y − 0.5) instead."),
        Mistake(lambda: X * W0 - T ** 2, "only the 0.5 got squared: put brackets around the miss, "
                                         "(1.5 * 0.8 - 0.5) ** 2."),
    ],
)

ex2 = Exercise(
    "Exercise 2 (the best weight)",
    # The loss is zero where the output equals the target: 1.5 * w = 0.5.
    solution=lambda: T / X,
    hint="drag the slider until the loss readout is as small as it gets; the output should be 0.5.",
    explanation="Exactly w = 1/3, where 1.5 × w = 0.5 and the loss is 0. The series is about "
                "how a network finds this point by itself.",
    decimals=2,
    mistakes=[
        Mistake(lambda: T, "0.5 is the output we want; the weight is the w that makes 1.5 × w = 0.5."),
        Mistake(lambda: X / T, "that is 1.5 / 0.5, upside down: 1.5 × w = 0.5 gives w = 0.5 / 1.5."),
        Mistake(lambda: start_here.cost(T / X), "0 is the smallest loss; the question asks for the weight "
                                                "where it happens."),
        Mistake(lambda: W0, "0.8 is where the slider starts; move it until the loss is smallest."),
    ],
)
