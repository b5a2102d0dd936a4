"""Worked solutions are shown only when the learner opens one, and each still runs and says "correct!".

A worked solution is a collapsed Markdown cell (explanation, code, what the code prints), so
*Restart Kernel and Run All* neither shows an answer nor replaces a function the learner wrote.
tools/execute-notebooks runs each solution after its notebook and stores what it prints; here
each one runs again after its notebook (tests/notebook_runner.py) and must print exactly that.
"""
from __future__ import annotations

import pytest

import notebook_runner
from notebook_cells import NOTEBOOKS, solutions

ids = [name.removesuffix(".ipynb") for name in NOTEBOOKS]


@pytest.mark.parametrize("name", NOTEBOOKS, ids=ids)
def test_every_worked_solution_prints_what_it_shows_and_passes_its_checker(name):
    shown = solutions(name)
    assert shown, f"{name} has no worked solution after ## Solutions"
    ran = notebook_runner.run(name).solutions
    assert len(ran) == len(shown)
    for (cell, _, stored), printed in zip(shown, ran):
        assert printed == stored, f"cell {cell}: the solution now prints\n{printed}\nbut shows\n{stored}"
        assert "correct!" in printed, f"cell {cell}: the worked solution does not pass its own checker"
