"""What every notebook of the series promises a learner, checked on the committed files.

- Answers stay out of sight: one ``## Solutions`` section of worked solutions, each a Markdown
  cell under its own collapsed heading ``### Exercise N``, so that Run All runs none of them and
  keeps them folded; nothing above it prints a verdict "correct!"; and the notebook does not end
  on them: a short ``## Next`` (or ``## The end``) cell comes last.
- A notebook is stored in the form JupyterLab writes, so opening it changes nothing: no
  "unsaved changes" mark on a notebook nobody touched (``tools/execute-notebooks`` stores it so).
- Committed outputs hold no errors, nothing on stderr, and no timings (they differ between machines).
  A sentence drawn from a timing ("slower", "3 times as long") may only appear in an output nbval
  does not compare (the cell's ``nbval-ignore-output`` tag or ``# NBVAL_IGNORE_OUTPUT`` comment):
  the learner sees what their machine measured, and no other machine has to print the same.
- Code and printed tables fit the notebook's width (a code line runs off the cell's right edge;
  a printed line wraps mid-entry); checker feedback is prose and may wrap.
"""
from __future__ import annotations

import re

import pytest
from nbval.plugin import find_comment_markers, find_metadata_tags

from notebook_cells import NOTEBOOKS, cells, metadata, printed, solution_parts, source

COLLAPSED_HEADING = {"jp-MarkdownHeadingCollapsed": True}
LAB_KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
WIDEST = 92  # characters: what the code cell and the plain-text output show at 840 px without scrolling
FEEDBACK_MARKS = ("✔", "✘", "?", "…")  # a checker's message starts with one of these
# Words that compare speeds: a sentence with one was drawn from a timing.
SPEED_WORDS = re.compile(r"\b(slower|faster|quicker|as fast as|times as long|speed-?up|per second)\b", re.I)

ids = [name.removesuffix(".ipynb") for name in NOTEBOOKS]


@pytest.mark.parametrize("name", NOTEBOOKS, ids=ids)
def test_solutions_are_collapsed_and_the_notebook_ends_after_them(name):
    all_cells = cells(name)
    heads = [i for i, cell in enumerate(all_cells) if source(cell).startswith("## Solutions")]
    assert len(heads) == 1 and all_cells[heads[0]]["cell_type"] == "markdown", "one ## Solutions heading cell"
    start, last = heads[0], all_cells[-1]
    assert last["cell_type"] == "markdown" and source(last).startswith(("## Next", "## The end")), \
        "the notebook ends on a short ## Next (or ## The end) cell, not on a solution"
    body = all_cells[start + 1:-1]
    assert body and len(body) % 2 == 0, "after ## Solutions: a heading and a worked solution per exercise"
    for k, (i, head) in enumerate(list(enumerate(all_cells, 0))[start + 1:-1:2], 1):
        # A collapsed heading keeps its cell hidden through Run All (a hidden Markdown cell is shown when
        # Run All renders it), and Markdown never runs: no answer shows, nothing the learner wrote is replaced.
        assert source(head) == f"### Exercise {k}" and head["metadata"] == COLLAPSED_HEADING, \
            f"cell {i} should be the collapsed heading ### Exercise {k}, not {source(head)[:40]!r} {head['metadata']}"
        worked = all_cells[i + 1]
        assert worked["cell_type"] == "markdown" and solution_parts(source(worked)), \
            f"cell {i + 1}: a worked solution (explanation, code, what it prints) belongs under ### Exercise {k}"
        assert "correct!" in printed(worked), f"cell {i + 1}: the worked solution does not pass its own checker"
    for i, cell in enumerate(all_cells[:start + 1]):
        assert "jupyter" not in cell["metadata"], f"cell {i} is collapsed but is not a solution"
        assert "correct!" not in printed(cell), f"cell {i}: Run All would show an answer marked correct"


@pytest.mark.parametrize("name", NOTEBOOKS, ids=ids)
def test_stored_in_the_form_jupyterlab_writes(name):
    assert metadata(name)["kernelspec"] == LAB_KERNELSPEC, "JupyterLab would rename the kernel on open"
    for i, cell in enumerate(cells(name)):
        hidden = cell["metadata"].get("jupyter", {}).get("outputs_hidden", False)
        assert cell["metadata"].get("collapsed", False) == hidden, \
            f"cell {i}: outputs_hidden without collapsed (or the reverse); JupyterLab would add it on open"


@pytest.mark.parametrize("name", NOTEBOOKS, ids=ids)
def test_the_last_cell_links_to_the_next_notebook(name):
    following = NOTEBOOKS[NOTEBOOKS.index(name) + 1] if name != NOTEBOOKS[-1] else NOTEBOOKS[0]
    assert f"({following})" in source(cells(name)[-1]), f"the last cell should link to {following}"


@pytest.mark.parametrize("name", NOTEBOOKS, ids=ids)
def test_stored_outputs_hold_no_error_and_no_timing(name):
    for i, cell in enumerate(cells(name)):
        for out in cell.get("outputs", []):
            assert out["output_type"] != "error", f"cell {i} stored an error: {out.get('ename')}"
            assert out.get("name") != "stderr", f"cell {i} wrote to stderr: {''.join(out['text'])[:80]!r}"
        assert not re.search(r"\d\s*(µs|ms|seconds?)\b", printed(cell)), \
            f"cell {i} stores a timing, which differs from machine to machine"


def compared(cell: dict) -> bool:
    """Whether nbval compares this code cell's outputs (asked of nbval's own marker readers)."""
    markers = dict(find_comment_markers(source(cell)))
    markers.update(find_metadata_tags(cell.get("metadata", {})))
    return markers.get("check", True) and not markers.get("skip", False)


def test_the_ignore_markers_are_read_as_nbval_reads_them():
    assert not compared({"source": "# NBVAL_IGNORE_OUTPUT\nprint(1)", "metadata": {}})
    assert not compared({"source": "print(1)", "metadata": {"tags": ["nbval-ignore-output"]}})
    assert compared({"source": "print(1)", "metadata": {"tags": ["something-else"]}})


@pytest.mark.parametrize("name", NOTEBOOKS, ids=ids)
def test_compared_outputs_draw_no_conclusion_from_a_timing(name):
    for i, cell in enumerate(cells(name)):
        if cell["cell_type"] != "code" or not compared(cell):
            continue
        html = "".join("".join(out.get("data", {}).get("text/html", "")) for out in cell.get("outputs", []))
        for line in (printed(cell) + "\n" + html).splitlines():
            assert not SPEED_WORDS.search(line), (
                f"cell {i} prints a sentence drawn from a timing, which another machine would print differently: "
                f"{line.strip()!r}; print it in a cell tagged nbval-ignore-output, the stable facts elsewhere")


@pytest.mark.parametrize("name", NOTEBOOKS, ids=ids)
def test_code_and_printed_lines_fit_the_notebook(name):
    wide = []
    for i, cell in enumerate(cells(name)):
        solution = solution_parts(source(cell)) if cell["cell_type"] == "markdown" else None
        lines = source(cell).splitlines() if cell["cell_type"] == "code" else []
        plain = [out for out in cell.get("outputs", []) if "text/html" not in out.get("data", {})]
        shown = printed({"outputs": plain}) if not solution else solution[2]
        lines += solution[1].splitlines() if solution else []
        lines += [line for line in shown.splitlines() if not line.lstrip().startswith(FEEDBACK_MARKS)]
        wide += [f"cell {i}: {line}" for line in lines if len(line) > WIDEST]
    assert not wide, f"lines wider than {WIDEST} characters:\n" + "\n".join(wide)


def _names_in(text: str) -> set[str]:
    return set(re.findall(r"\bhelpers(?:\.[A-Za-z_]\w*)+", text)) | {
        "helpers." + p.removesuffix(".py").replace("/", ".") for p in re.findall(r"\bhelpers/([\w/]+\.py)", text)}


def _exists(dotted: str) -> bool:
    """``helpers.maths.network.train``: a module, then attributes of it."""
    import importlib
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attr in parts[cut:]:
            if not hasattr(obj, attr):
                return False
            obj = getattr(obj, attr)
        return True
    return False


@pytest.mark.parametrize("name", NOTEBOOKS, ids=ids)
def test_every_helpers_name_in_the_prose_and_outputs_exists(name):
    """A learner who reads "`helpers.maths.network.backward` computes these four lines" can open it:
    every helpers module, function or file the notebook names, in prose, code or output, exists."""
    text = "\n".join(source(cell) + "\n" + printed(cell) for cell in cells(name))
    missing = sorted(n for n in _names_in(text) if not _exists(n))
    assert missing == [], f"{name} names helpers that do not exist: {missing}"
