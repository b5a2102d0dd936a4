"""helpers.exercises.reference: the learner's function where it passes its exercise, else the reference."""
import pytest

from helpers.maths import autograd as ag
from helpers.maths import engine
from helpers.exercises.reference import yours_or_reference


def test_yours_or_reference_keeps_a_passing_function_and_replaces_the_rest(capsys):
    def my_add(a, b):
        return type(a)(a.data + b.data, [(a, 1.0), (b, 1.0)])

    def my_mul(a, b):
        return type(a)(a.data * b.data, [(a, a.data), (b, b.data)])  # wrong

    def my_sigmoid(a):
        z = ...
        return z

    add, mul, sigmoid = yours_or_reference(add=my_add, mul=my_mul, sigmoid=my_sigmoid)
    assert (add, mul, sigmoid) == (my_add, engine.mul, engine.sigmoid)
    assert capsys.readouterr().out.splitlines() == [
        "add                yours (Exercise 1 passes)",
        "mul                the reference, until yours passes (Exercise 2 does not pass yet)",
        "sigmoid            the reference, until yours passes (Exercise 3 is not answered yet)"]
    assert yours_or_reference(train=ag.train) is ag.train
    with pytest.raises(ValueError, match="no exercise for tanh"):
        yours_or_reference(tanh=engine.tanh)
