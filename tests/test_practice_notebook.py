"""Notebook 06 as a learner meets it: answers out of sight until asked for, the widget saved at its
default, and every precise number in the prose one that the notebook prints."""
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "06_training_in_practice.ipynb"


def cells() -> list[dict]:
    return json.loads(NOTEBOOK.read_text())["cells"]


def source(cell: dict) -> str:
    return "".join(cell["source"])


def first_code(text: str) -> int:
    return next(i for i, cell in enumerate(cells()) if cell["cell_type"] == "code" and text in source(cell))


def printed_text() -> str:
    texts = []
    for cell in cells():
        for out in cell.get("outputs", []):
            texts.append("".join(out.get("text", "")) + "".join(out.get("data", {}).get("text/plain", "")))
    return "\n".join(texts)


def test_solutions_are_collapsed_and_the_notebook_ends_on_next():
    all_cells = cells()
    start = next(i for i, cell in enumerate(all_cells) if source(cell).startswith("## Solutions"))
    solution_code = [cell for cell in all_cells[start:] if cell["cell_type"] == "code"]
    assert len(solution_code) == 4
    for cell in solution_code:
        assert cell["metadata"].get("jupyter") == {"source_hidden": True, "outputs_hidden": True}
    last = all_cells[-1]
    assert last["cell_type"] == "markdown" and source(last).startswith("## Next")
    assert sum(source(cell).startswith("## ") for cell in all_cells[start + 1:]) == 1  # only "## Next" after


def test_each_exercise_comes_before_what_gives_its_answer_away():
    # Exercise 1's answer (21.05°) is in the legend of the shots picture; exercise 4's in the held-out run.
    assert first_code("ex1.check(answer)") < first_code("aiming.plot_shots(")
    assert first_code("ex4.check(answer)") < first_code("practice.overfitting_runs()")
    assert first_code("ex3.check(answer)") < first_code("(30 - norm.mean[0])")


def test_the_saved_widget_shows_its_default():
    state = json.loads(NOTEBOOK.read_text())["metadata"]["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    readouts = [model["state"]["value"] for model in state.values()
                if model["model_name"] == "HTMLModel" and "rate " in model["state"].get("value", "")]
    assert len(readouts) == 1 and "rate 0.8: training loss" in readouts[0], readouts


def test_every_precise_number_in_the_prose_is_printed():
    """A number written with three or more decimals in a markdown cell must be one the notebook prints."""
    printed = printed_text()
    prose = "\n".join(source(cell) for cell in cells() if cell["cell_type"] == "markdown")
    numbers = set(re.findall(r"(?<![\d.])\d+\.\d{3,}(?![\d.])", prose))
    assert numbers, "expected the prose to quote some computed numbers"
    missing = sorted(number for number in numbers if number not in printed)
    assert not missing, f"the prose quotes {missing}, which the notebook does not print"


def test_no_timing_is_stored():
    printed = printed_text()
    assert not re.search(r"\d\s*(ms|seconds?)\b", printed), "timings differ from machine to machine"
