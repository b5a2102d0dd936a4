"""Notebook 07 as a learner meets it: each exercise before what gives its answer away, the framework code as
text only, every number the prose quotes printed by the notebook (TEACHING.md's numbers: test_teaching; what
every notebook promises: test_notebook_conventions)."""
import re

from notebook_cells import cells, first_code, printed, printed_text, source

NAME = "07_autograd.ipynb"


def test_each_exercise_comes_before_what_gives_its_answer_away():
    assert first_code(NAME, "ex1.check(add)") < first_code(NAME, "ex2.check(mul)") < first_code(NAME, "def tanh(a)")
    assert first_code(NAME, "ex4.check(topological_order)") < first_code(NAME, "ex5.check(backward)")
    assert first_code(NAME, "ex5.check(backward)") < first_code(NAME, "backward_with_assign(L)")
    assert first_code(NAME, "ex5.check(backward)") < first_code(NAME, "yours_or_reference(\n    add=add")
    assert first_code(NAME, "ex6.check(xor_loss)") < first_code(NAME, "L = xor_loss(W, V)")
    assert first_code(NAME, "ex7.check(train)") < first_code(NAME, "train_without_zeroing)]")
    prose_before_ex7 = "\n".join(source(c) for c in cells(NAME)[:first_code(NAME, "ex7.check(train)")])
    assert "p.data -= lr * p.grad" in prose_before_ex7  # the step is given; zeroing is the exercise's point


def test_the_committed_notebook_is_unanswered_and_says_so():
    printed = printed_text(NAME)
    for k in range(1, 8):
        assert f"Exercise {k} (" in printed
    assert printed.count("the reference, until yours passes") == 7


def test_the_framework_code_is_text_only():
    code = "\n".join(source(c) for c in cells(NAME) if c["cell_type"] == "code")
    assert "torch" not in code and "jax" not in code
    prose = "\n".join(source(c) for c in cells(NAME) if c["cell_type"] == "markdown")
    assert "```python\nimport torch" in prose and "L.backward()" in prose


def test_every_number_the_prose_quotes_is_printed():
    printed = printed_text(NAME)
    for text in ["∂L/∂a = 24,  ∂L/∂b = -20,  ∂L/∂p = -10",                 # the shared-node graph
                 "central differences:  ∂L/∂a = 24.000000,  ∂L/∂b = -20.000000",
                 "with = instead of +=:  ∂L/∂a = 18, ∂L/∂b = -12, ∂L/∂p = -6",  # "−6 instead of −10"
                 "w = 0.8000 → 0.5900 → 0.4745",                              # notebook 03's steps
                 "never zeroed:  w = 0.8000 → 0.5900 → 0.2645",
                 "per epoch   nodes in the graph",                            # not "built": the 13 weights are reused
                 "4 samples                156",
                 "largest difference over all 13 gradients: < 1e-12",
                 "largest difference from central differences: < 1e-9",
                 "largest difference between the two curves: < 1e-12",
                 "predictions [0. 1. 1. 0.]",
                 "400 samples             14,016"]:
        assert text in printed, text
    prose = "\n".join(source(c) for c in cells(NAME) if c["cell_type"] == "markdown")
    assert "($-6$ instead of $-10$)" in prose and "(0.8, 0.59, 0.4745, …)" in prose


def test_the_speed_ratios_are_shown_but_not_compared():
    """The learner sees the ratios their machine measured; nbval does not compare them (they depend on the
    machine and the moment), and the node counts they explain are printed in the compared cell before."""
    i = first_code(NAME, "times as long")
    cell = cells(NAME)[i]
    assert "nbval-ignore-output" in cell["metadata"].get("tags", [])
    lines = printed(cell).splitlines()
    assert [line.split(":")[0] for line in lines] == ["  4 samples", "400 samples"], lines
    assert all(re.fullmatch(r"\s*\d+ samples: your engine took [\d.]+ times as long as helpers\.maths\.network\.train", line)
               for line in lines), lines
    assert i == first_code(NAME, "ag.speed(Value, copies=100") + 1  # right after the node counts it explains


def test_exercise_6_says_what_the_value_class_lacks():
    """Exercise 6 tells the learner to divide by multiplying: true while the Values it is given (the engine's,
    from ag.parameters) have no division. They have powers (notebook 02 squares with **), so the text must
    not say they lack them; e * e stays the advice for the node used twice."""
    from helpers.maths import autograd as ag
    from helpers.maths import network

    W, _, _ = ag.parameters(network.init_network(3, seed=4))
    assert not hasattr(type(W[0][0]), "__truediv__") and hasattr(type(W[0][0]), "__pow__")
    text = next(source(c) for c in cells(NAME) if "**Exercise 6" in source(c))
    assert "total * (1 / len(XOR))" in text and "`e * e`" in text and "has no division" in text
    assert "knows only" not in text and "no power" not in text
