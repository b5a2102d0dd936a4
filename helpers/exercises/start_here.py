"""Two warm-up exercises for notebook 00: read a cost, find the lowest point with the slider."""
from helpers import start_here
from helpers.exercises import Exercise

__all__ = ["ex1", "ex2"]

ex1 = Exercise(
    "Exercise 1 (cost at the start)",
    solution=lambda: start_here.cost(0.8),
    hint="first the output a = 1.5 × 0.8, then the cost (a − 0.5)².",
    explanation="The output 1.2 misses 0.5 by 0.7, and 0.7² = 0.49.",
)

ex2 = Exercise(
    "Exercise 2 (the best weight)",
    # The cost is zero where the output equals the target: 1.5 * w = 0.5.
    solution=lambda: start_here.TARGET / start_here.INPUT,
    hint="drag the slider until the cost readout is as small as it gets; the output should be 0.5.",
    explanation="Exactly w = 1/3, where 1.5 × w = 0.5 and the cost is 0. The series is about "
                "how a network finds this point by itself.",
    atol=0.006,
)
