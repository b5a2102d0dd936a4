"""The stored form of a notebook, written around tools/execute-notebooks' one nbconvert run.

    python tools/notebook_form.py prepare NOTEBOOK...   # before executing
    python tools/notebook_form.py finish NOTEBOOK...    # after executing (also after a failed run)

prepare: each worked solution (a Markdown cell under a collapsed heading: explanation, code,
what it prints; see tests/notebook_cells.py) gets a temporary code cell at the end of the notebook, so the one
execution also runs the solutions, after everything else, as a learner who opens them would.

finish: what each temporary cell printed goes into its solution's "It prints" block, the
temporary cells go, and the notebook is stored in the form JupyterLab writes, so that opening
it changes nothing (no "unsaved changes" on a notebook nobody touched): JupyterLab names the
kernel "Python 3 (ipykernel)" and marks a cell whose outputs are hidden `collapsed` as well.
"""
from __future__ import annotations

import sys
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from notebook_cells import outputs_text, solution_markdown, solution_parts  # noqa: E402

RUNS = "solution_run_of"  # metadata of a temporary cell: the id of the solution it runs
LAB_KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def prepare(nb) -> None:
    for cell in list(nb.cells):
        parts = solution_parts(cell.source) if cell.cell_type == "markdown" else None
        if parts:
            run = nbformat.v4.new_code_cell(parts[1])
            run.metadata[RUNS] = cell.id
            nb.cells.append(run)


def finish(nb) -> None:
    runs = {cell.metadata[RUNS]: cell for cell in nb.cells if RUNS in cell.metadata}
    nb.cells = [cell for cell in nb.cells if RUNS not in cell.metadata]
    for cell in nb.cells:
        if cell.id in runs and runs[cell.id].get("execution_count") is not None:  # a failed run keeps the old text
            text, code, _ = solution_parts(cell.source)
            cell.source = solution_markdown(text, code, "".join(outputs_text(runs[cell.id].get("outputs", []))))
    nb.metadata.kernelspec = LAB_KERNELSPEC
    for cell in nb.cells:
        if cell.metadata.get("jupyter", {}).get("outputs_hidden"):
            cell.metadata.collapsed = True


if __name__ == "__main__":
    step = {"prepare": prepare, "finish": finish}[sys.argv[1]]
    for path in sys.argv[2:]:
        notebook = nbformat.read(path, as_version=4)
        step(notebook)
        nbformat.write(notebook, path)
