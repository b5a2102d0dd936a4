"""Reading committed notebooks in tests: their cells, sources and what they print (no kernel needed)."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(path.name for path in (ROOT / "notebooks").glob("*.ipynb"))


@lru_cache(maxsize=None)
def _load(name: str) -> dict:
    return json.loads((ROOT / "notebooks" / name).read_text())


def metadata(name: str) -> dict:
    """The notebook-level metadata of ``notebooks/<name>``, as committed."""
    return _load(name)["metadata"]


def cells(name: str) -> list[dict]:
    """The cells of ``notebooks/<name>``, as committed."""
    return _load(name)["cells"]


def widget_state(name: str) -> dict:
    """The widget models saved with the notebook (model id -> model), as GitHub and nbviewer see them
    (none for a notebook without widgets)."""
    saved = _load(name)["metadata"].get("widgets", {})
    return saved.get("application/vnd.jupyter.widget-state+json", {}).get("state", {})


def source(cell: dict) -> str:
    return "".join(cell["source"])


def printed(cell: dict) -> str:
    """Everything a cell printed or returned as plain text (for a worked solution: what it prints)."""
    if cell.get("cell_type") == "markdown":
        parts = solution_parts(source(cell))
        return parts[2] if parts else ""
    return "".join("".join(out.get("text", "")) + "".join(out.get("data", {}).get("text/plain", ""))
                   for out in cell.get("outputs", []))


def outputs_text(outputs: list[dict]) -> list[str]:
    """Each output as the plain text a learner reads, one line or more each: what was printed, or a
    value's text form (a checker's verdict)."""
    texts = []
    for out in outputs:
        if "text" in out:
            texts.append("".join(out["text"]))
        elif "text/plain" in out.get("data", {}):
            texts.append("".join(out["data"]["text/plain"]) + "\n")
    return texts


# A worked solution is a Markdown cell under its own collapsed heading ``### Exercise N``: its
# explanation, its code, and what the code prints. Run All runs no Markdown and keeps a collapsed
# heading's cells hidden, so it neither shows an answer nor replaces what the learner wrote;
# tools/execute-notebooks runs each solution after its notebook and stores what it prints, and
# tests/test_solutions.py runs them again and compares.
SOLUTION = re.compile(r"\A(?P<text>.*?)```python\n(?P<code>.*?)\n```\n\nIt prints:\n\n```text\n(?P<prints>.*?)```\s*\Z",
                      re.S)


def solution_parts(markdown: str) -> tuple[str, str, str] | None:
    """(explanation, code, what it prints) of a worked-solution cell's Markdown, or None if it is not one."""
    match = SOLUTION.match(markdown)
    return (match["text"].strip(), match["code"], match["prints"]) if match else None


def solution_markdown(text: str, code: str, prints: str) -> str:
    """The Markdown of a worked solution (the inverse of :func:`solution_parts`)."""
    lead = f"{text.strip()}\n\n" if text.strip() else ""
    return f"{lead}```python\n{code.rstrip()}\n```\n\nIt prints:\n\n```text\n{prints}```"


def solutions(name: str) -> list[tuple[int, str, str]]:
    """(cell index, code, what it prints) for each worked solution of ``notebooks/<name>``, in order."""
    found = []
    for i, cell in enumerate(cells(name)[solutions_start(name):], solutions_start(name)):
        parts = solution_parts(source(cell)) if cell["cell_type"] == "markdown" else None
        if parts:
            found.append((i, parts[1], parts[2]))
    return found


def printed_text(name: str) -> str:
    return "\n".join(printed(cell) for cell in cells(name))


def prose(name: str) -> str:
    return "\n".join(source(cell) for cell in cells(name) if cell["cell_type"] == "markdown")


def code(cell: dict) -> str:
    """The code of a code cell or of a worked solution; "" for any other cell."""
    if cell["cell_type"] == "code":
        return source(cell)
    parts = solution_parts(source(cell))
    return parts[1] if parts else ""


def first_code(name: str, text: str) -> int:
    """The index of the first code cell (or worked solution) whose code contains ``text``."""
    return next(i for i, cell in enumerate(cells(name)) if text in code(cell))


def solutions_start(name: str) -> int:
    """The index of the notebook's ``## Solutions`` heading cell."""
    return next(i for i, cell in enumerate(cells(name)) if source(cell).startswith("## Solutions"))
