"""Wrong solutions made the way learners make them: one small change to a notebook's own solution.

:func:`solutions` finds every code exercise's solution in the notebooks (a worked solution under
``## Solutions`` that defines a function and ends in ``exN.check(name)``), with the namespace it runs
in (the notebook's import cell and its cells that only define things). :func:`mutants` changes one
place of that solution at a time, with one of these mutations:

- ``sign``: ``+`` <-> ``-``, a unary minus dropped;
- ``factor``: ``a * b`` -> ``a`` or ``b``, ``a / b`` -> ``a``;
- ``transpose``: ``.T`` dropped, or added to an operand of ``@``;
- ``sum-mean``: ``np.sum`` <-> ``np.mean``;
- ``assign``: ``x += y`` -> ``x = y``, ``x = y`` -> ``x += y``;
- ``slice``: ``v[1:]`` -> ``v``;
- ``swap``: the first two returned values swapped;
- ``detach``: a parameter used in a calculation -> its ``.data`` (a plain number).
"""
from __future__ import annotations

import ast
import copy
import itertools
import linecache
from dataclasses import dataclass
from typing import Any, Callable, Iterator

from notebook_cells import NOTEBOOKS, cells, solutions_start, source
from notebook_cells import solutions as solutions_in

from helpers.exercises import CodeExercise

KINDS = ("sign", "factor", "transpose", "sum-mean", "assign", "slice", "swap", "detach")


@dataclass
class Solution:
    notebook: str
    exercise: CodeExercise
    name: str            # the function the cell defines and checks
    tree: ast.Module     # the cell's definitions (without the check)
    namespace: dict      # what the cell runs in


@dataclass
class Mutant:
    label: str           # "07_autograd backward: sign #2"
    kind: str
    exercise: CodeExercise
    function: Callable


def _only_definitions(text: str) -> bool:
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return False
    return bool(tree.body) and all(isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.Import, ast.ImportFrom))
                                   for node in tree.body)


_FILES = itertools.count()


def run(tree: ast.Module, namespace: dict, where: str) -> None:
    """Run code like a notebook cell: from a file whose lines can be shown (as ipykernel's can)."""
    text = ast.unparse(tree)
    filename = f"/notebooks/{where}-{next(_FILES)}.py"
    linecache.cache[filename] = (len(text), None, text.splitlines(True), filename)
    exec(compile(text, filename, "exec"), namespace)


def solutions() -> list[Solution]:
    found = []
    for notebook in NOTEBOOKS:
        code = [c for c in cells(notebook) if c["cell_type"] == "code"]
        if not code:
            continue
        namespace: dict = {}
        exec(source(code[0]), namespace)  # the import cell
        start = solutions_start(notebook) if any(source(c).startswith("## Solutions") for c in cells(notebook)) \
            else len(cells(notebook))
        for cell in cells(notebook)[:start]:
            if cell["cell_type"] == "code" and cell is not code[0] and _only_definitions(source(cell)):
                exec(source(cell), namespace)
        for _, code_text, _ in (solutions_in(notebook) if start < len(cells(notebook)) else []):
            tree = ast.parse(code_text)
            last = tree.body[-1] if tree.body else None
            if not (isinstance(last, ast.Expr) and isinstance(last.value, ast.Call)
                    and isinstance(last.value.func, ast.Attribute) and last.value.func.attr == "check"
                    and isinstance(last.value.func.value, ast.Name) and last.value.args
                    and isinstance(last.value.args[0], ast.Name)):
                continue
            exercise = namespace.get(last.value.func.value.id)
            definitions = ast.Module([n for n in tree.body[:-1] if isinstance(n, (ast.FunctionDef, ast.ClassDef))],
                                     type_ignores=[])
            run(definitions, namespace, notebook)  # later solutions call earlier ones (backward calls topological_order)
            if isinstance(exercise, CodeExercise):
                found.append(Solution(notebook, exercise, last.value.args[0].id, definitions, dict(namespace)))
    return found


# ---------------------------------------------------------------- mutations
def _parameters(tree: ast.Module) -> set[str]:
    return {a.arg for f in ast.walk(tree) if isinstance(f, ast.FunctionDef) for a in f.args.args}


def _sites(tree: ast.Module, kind: str) -> list[tuple[ast.AST, Callable[[ast.AST], ast.AST]]]:
    """(node, replace) for every place where ``kind`` applies; replace(node) gives the changed node."""
    params = _parameters(tree)
    found = []
    for node in ast.walk(tree):
        if kind == "sign":
            if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub)):
                op = ast.Sub() if isinstance(node.op, ast.Add) else ast.Add()
                found.append((node, lambda n, op=op: ast.BinOp(n.left, op, n.right)))
            elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
                found.append((node, lambda n: n.operand))
        elif kind == "factor" and isinstance(node, ast.BinOp):
            if isinstance(node.op, ast.Mult):
                found += [(node, lambda n: n.left), (node, lambda n: n.right)]
            elif isinstance(node.op, ast.Div):
                found.append((node, lambda n: n.left))
        elif kind == "transpose":
            if isinstance(node, ast.Attribute) and node.attr == "T":
                found.append((node, lambda n: n.value))
            elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.MatMult):
                for side in ("left", "right"):
                    if not (isinstance(getattr(node, side), ast.Attribute) and getattr(node, side).attr == "T"):
                        found.append((node, lambda n, s=side: _with(n, s, ast.Attribute(getattr(n, s), "T",
                                                                                         ast.Load()))))
        elif kind == "sum-mean" and isinstance(node, ast.Attribute) and node.attr in ("sum", "mean"):
            found.append((node, lambda n: ast.Attribute(n.value, "mean" if n.attr == "sum" else "sum", n.ctx)))
        elif kind == "assign":
            if isinstance(node, ast.AugAssign) and isinstance(node.op, ast.Add):
                found.append((node, lambda n: ast.Assign([_store(n.target)], n.value)))
            elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(
                    node.targets[0], (ast.Name, ast.Attribute)):
                found.append((node, lambda n: ast.AugAssign(n.targets[0], ast.Add(), n.value)))
        elif kind == "slice" and isinstance(node, ast.Subscript) and (
                isinstance(node.slice, ast.Slice) or (isinstance(node.slice, ast.Tuple)
                                                      and any(isinstance(e, ast.Slice) for e in node.slice.elts))):
            found.append((node, lambda n: n.value))
        elif kind == "swap" and isinstance(node, ast.Return) and isinstance(node.value, ast.Tuple) \
                and len(node.value.elts) >= 2:
            found.append((node, lambda n: ast.Return(ast.Tuple([n.value.elts[1], n.value.elts[0],
                                                                *n.value.elts[2:]], ast.Load()))))
        elif kind == "detach":
            for field in ("left", "right", "operand"):
                child = getattr(node, field, None)
                if isinstance(node, (ast.BinOp, ast.UnaryOp)) and isinstance(child, ast.Name) and child.id in params:
                    found.append((node, lambda n, f=field: _with(n, f, ast.Attribute(getattr(n, f), "data",
                                                                                     ast.Load()))))
    return found


def _with(node: ast.AST, field: str, value: ast.AST) -> ast.AST:
    node = copy.copy(node)
    setattr(node, field, value)
    return node


def _store(target: ast.AST) -> ast.AST:
    target = copy.copy(target)
    target.ctx = ast.Store()
    return target


class _Replace(ast.NodeTransformer):
    def __init__(self, target: ast.AST, replace: Callable[[ast.AST], ast.AST]):
        self.target, self.replace = target, replace

    def visit(self, node):
        if node is self.target:
            return self.replace(node)
        return super().visit(node)


def mutants(solution: Solution) -> Iterator[Mutant]:
    """One mutant per place and kind of mutation in the solution's definitions."""
    for kind in KINDS:
        sites = _sites(solution.tree, kind)
        for number in range(len(sites)):
            tree = copy.deepcopy(solution.tree)
            node, replace = _sites(tree, kind)[number]
            changed = ast.fix_missing_locations(_Replace(node, replace).visit(tree))
            namespace = dict(solution.namespace)
            label = f"{solution.notebook[:2]} {solution.name}: {kind} #{number + 1}"
            try:
                run(changed, namespace, f"{solution.notebook[:-6]}-{solution.name}-{kind}{number + 1}")
            except Exception:  # e.g. a unary minus dropped from a default value: not code a learner could run
                continue
            yield Mutant(label, kind, solution.exercise, namespace[solution.name])


def behaviour(exercise: CodeExercise, code: Any, case) -> tuple:
    """What ``code`` does on a case, for comparing two solutions independently of the checker: the value,
    or the error's type and message."""
    from helpers.exercises.running import run_case
    outcome = run_case(case, code, 5.0)
    if outcome.timed_out:
        return ("timed out",)
    if outcome.error is not None:
        return ("error", type(outcome.error).__name__, str(outcome.error))
    return ("value", outcome.value)
