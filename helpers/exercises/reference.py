"""The learner's function where it passes its exercise, else the reference (notebook 07's later cells)."""
from __future__ import annotations

from typing import Any, Callable

from helpers.exercises import autograd as exercises
from helpers.maths.autograd import train, xor_loss
from helpers.maths.engine import add, backward, mul, sigmoid, topological_order

__all__ = ["yours_or_reference"]

_EXERCISE_OF = {"add": "ex1", "mul": "ex2", "sigmoid": "ex3", "topological_order": "ex4", "backward": "ex5",
                "xor_loss": "ex6", "train": "ex7"}
_REFERENCE = {"add": add, "mul": mul, "sigmoid": sigmoid, "topological_order": topological_order,
              "backward": backward, "xor_loss": xor_loss, "train": train}


def yours_or_reference(**functions: Callable) -> Any:
    """Each function you wrote if it passes its exercise, else the reference; prints which, one line each.

    Returns the chosen functions in the order given (one function if one was given), so a cell can
    rebind the names: ``mul, backward = yours_or_reference(mul=mul, backward=backward)``.
    """
    unknown = sorted(set(functions) - set(_EXERCISE_OF))
    if unknown:
        raise ValueError(f"no exercise for {', '.join(unknown)}; known: {', '.join(_EXERCISE_OF)}")
    chosen = []
    for name, function in functions.items():
        exercise = getattr(exercises, _EXERCISE_OF[name])
        number = exercise.title.split("(")[0].strip()
        feedback = exercise.check(function)
        if feedback.correct:
            chosen.append(function)
            print(f"{name:<18} yours ({number} passes)")
        else:
            chosen.append(_REFERENCE[name])
            why = "is not answered yet" if feedback.status == "unanswered" else "does not pass yet"
            print(f"{name:<18} the reference, until yours passes ({number} {why})")
    return chosen[0] if len(chosen) == 1 else tuple(chosen)
