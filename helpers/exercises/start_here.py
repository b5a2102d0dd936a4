"""Two warm-up exercises for notebook 00: compute a loss, find the lowest point with the slider.

Exercise 1 asks about w = 0.6, a weight no picture or readout above it shows (the notebook
starts at 0.8). Its typical mistakes are computed from the same numbers as the answer: the
input 1.5, the target 0.5 and the weight.
"""
from helpers.maths import single_weight, start_here
from helpers.exercises import Exercise, Mistake

__all__ = ["ex1", "ex2", "W0", "W1"]

X, T = start_here.INPUT, start_here.TARGET  # input 1.5, target 0.5
W0 = 0.8                                     # where the picture and the slider start
W1 = 0.6                                     # the weight of exercise 1
_Y1 = start_here.output(W1)                  # its output y = 0.9

ex1 = Exercise(
    "Exercise 1 (the loss at w = 0.6)",
    solution=lambda: start_here.loss(W1),
    hint=f"first the output y = {W1:g} × {X:g}, then the loss (y − {T:g})².",
    explanation=f"The output {_Y1:g} misses {T:g} by {_Y1 - T:g}, and {_Y1 - T:g}² = {(_Y1 - T) ** 2:g}.",
    mistakes=[
        Mistake(lambda: _Y1, f"{_Y1:g} is the output y = {W1:g} × {X:g}; the loss is how far it misses "
                             f"{T:g}, squared."),
        Mistake(lambda: _Y1 - T, f"{_Y1 - T:g} is how far the output misses {T:g}; the loss squares it."),
        Mistake(lambda: _Y1 ** 2, "that squares the output itself; square the miss (y − 0.5) instead."),
        Mistake(lambda: _Y1 - T ** 2, f"only the {T:g} got squared: put brackets around the miss, "
                                      f"({W1:g} * {X:g} - {T:g}) ** 2."),
        Mistake(lambda: start_here.loss(W0), f"{start_here.loss(W0):g} is the loss at the start, w = {W0:g}; "
                                             f"the question asks about w = {W1:g}."),
    ],
)

ex2 = Exercise(
    "Exercise 2 (the best weight)",
    # The loss is zero where the output equals the target: 1.5 * w = 0.5.
    solution=lambda: single_weight.best_weight(X, T),
    hint="drag the slider until the loss readout is as small as it gets; the output should be 0.5.",
    explanation="The best weight is exactly w = 1/3 ≈ 0.333, where 1.5 × w = 0.5 and the loss is 0. The series is about "
                "how a network finds this point by itself.",
    decimals=2,
    mistakes=[
        Mistake(lambda: T, "0.5 is the output we want; the weight is the w that makes 1.5 × w = 0.5."),
        Mistake(lambda: X / T, "that is 1.5 / 0.5, upside down: 1.5 × w = 0.5 gives w = 0.5 / 1.5."),
        Mistake(lambda: start_here.loss(T / X), "0 is the smallest loss; the question asks for the weight "
                                                "where it happens."),
        Mistake(lambda: W0, "0.8 is where the slider starts; move it until the loss is smallest."),
    ],
)
