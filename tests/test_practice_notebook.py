"""Notebook 06 as a learner meets it: answers out of sight until asked for, the widget saved at its
default, and every precise number in the prose one that the notebook prints (what every notebook
promises is in test_notebook_conventions)."""
import re

from notebook_cells import cells, first_code, printed_text, source, widget_state

NAME = "06_training_in_practice.ipynb"


def test_each_exercise_comes_before_what_gives_its_answer_away():
    # Exercise 1's answer (21.05°) is in the legend of the shots picture; exercise 4's in the held-out run.
    assert first_code(NAME, "ex1.check(answer)") < first_code(NAME, "aiming.plot_shots(")
    assert first_code(NAME, "ex4.check(answer)") < first_code(NAME, "practice.overfitting_runs()")
    assert first_code(NAME, "ex3.check(answer)") < first_code(NAME, "(30 - norm.mean[0])")


def test_the_saved_widget_shows_its_default():
    state = widget_state(NAME)
    readouts = [model["state"]["value"] for model in state.values()
                if model["model_name"] == "HTMLModel" and "rate " in model["state"].get("value", "")]
    assert len(readouts) == 1 and "rate 0.8: training loss" in readouts[0], readouts


def test_every_precise_number_in_the_prose_is_printed():
    """A number written with three or more decimals in a markdown cell must be one the notebook prints."""
    printed = printed_text(NAME)
    prose = "\n".join(source(cell) for cell in cells(NAME) if cell["cell_type"] == "markdown")
    numbers = set(re.findall(r"(?<![\d.])\d+\.\d{3,}(?![\d.])", prose))
    assert numbers, "expected the prose to quote some computed numbers"
    missing = sorted(number for number in numbers if number not in printed)
    assert not missing, f"the prose quotes {missing}, which the notebook does not print"
