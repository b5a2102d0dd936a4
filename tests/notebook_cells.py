"""Reading committed notebooks in tests: their cells, sources and what they print (no kernel needed)."""
from __future__ import annotations

import json
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
    """The widget models saved with the notebook (model id -> model), as GitHub and nbviewer see them."""
    return _load(name)["metadata"]["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]


def source(cell: dict) -> str:
    return "".join(cell["source"])


def printed(cell: dict) -> str:
    """Everything a cell printed or returned as plain text."""
    return "".join("".join(out.get("text", "")) + "".join(out.get("data", {}).get("text/plain", ""))
                   for out in cell.get("outputs", []))


def printed_text(name: str) -> str:
    return "\n".join(printed(cell) for cell in cells(name))


def prose(name: str) -> str:
    return "\n".join(source(cell) for cell in cells(name) if cell["cell_type"] == "markdown")


def first_code(name: str, text: str) -> int:
    """The index of the first code cell whose source contains ``text``."""
    return next(i for i, cell in enumerate(cells(name)) if cell["cell_type"] == "code" and text in source(cell))


def solutions_start(name: str) -> int:
    """The index of the notebook's ``## Solutions`` heading cell."""
    return next(i for i, cell in enumerate(cells(name)) if source(cell).startswith("## Solutions"))
