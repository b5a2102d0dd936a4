"""The three parts of helpers: maths loads no plotting or notebook package, maths never imports
views or exercises, and no module imports itself back through others (no cycles)."""
from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

HELPERS = Path(__file__).resolve().parent.parent / "helpers"
PARTS = ("maths", "views", "exercises")
DRAWING = ("matplotlib", "ipywidgets", "IPython")


def _modules(part: str) -> list[str]:
    return sorted(f"helpers.{part}.{p.stem}" for p in (HELPERS / part).glob("*.py") if p.stem != "__init__")


def _name(path: Path) -> str:
    parts = path.relative_to(HELPERS.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every helpers module that ``path`` imports, at the top or inside a function.

    ``from helpers.maths import network`` imports the module ``helpers.maths.network``; the packages
    above a module (run first by Python whatever imports it) are not counted as its imports.
    """
    module = _name(path)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    known = {_name(p) for p in HELPERS.rglob("*.py")}
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([base] if base else []))
            modules = {f"{base}.{alias.name}" for alias in node.names} & known
            found |= modules or {base}
    ancestors = {module.rsplit(".", k)[0] for k in range(1, module.count(".") + 1)}
    return {name for name in found if name in known and name != module and name not in ancestors}


GRAPH = {_name(p): _imports(p) for p in HELPERS.rglob("*.py")}


def test_every_module_is_in_one_of_the_three_parts():
    loose = sorted(name for name in GRAPH if name.count(".") == 1 and name.split(".")[1] not in PARTS)
    assert loose == [], f"modules outside maths/, views/ and exercises/: {loose}"


@pytest.mark.parametrize("module", _modules("maths"))
def test_a_maths_module_loads_no_drawing_or_notebook_package(module):
    code = (f"import sys, json; import {module}; "
            f"print(json.dumps(sorted(m for m in {DRAWING!r} if m in sys.modules)))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [], f"importing {module} loaded {done.stdout.strip()}"


def test_maths_imports_neither_views_nor_exercises():
    upward = sorted((a, b) for a, targets in GRAPH.items() if a.startswith("helpers.maths")
                    for b in targets if b.startswith(("helpers.views", "helpers.exercises")))
    assert upward == []


def test_views_import_no_exercises():
    assert sorted((a, b) for a, targets in GRAPH.items() if a.startswith("helpers.views")
                  for b in targets if b.startswith("helpers.exercises")) == []


def test_no_import_cycles():
    cycles, state = [], {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = "open"
        for target in sorted(GRAPH[node]):
            if state.get(target) == "open":
                cycles.append(path[path.index(target):] + [target])
            elif target not in state:
                visit(target, path + [target])
        state[node] = "done"

    for name in sorted(GRAPH):
        if name not in state:
            visit(name, [name])
    assert cycles == []


def test_the_graph_sees_imports():
    """The checks above would pass on an empty graph: they must see the imports that do exist."""
    assert "helpers.maths.network" in GRAPH["helpers.views.network"]
    assert "helpers.maths.single_weight" in GRAPH["helpers.maths.neuron"]
    assert "helpers.exercises.autograd" in GRAPH["helpers.exercises.reference"]


def _test_module(module: str) -> str:
    """The test module that mirrors a helpers module: helpers/exercises/reading.py -> test_exercises_reading.py;
    a package whose __init__ holds code (helpers/exercises/__init__.py, the Exercise class) -> test_exercises.py."""
    return "test_" + "_".join(module.split(".")[1:]) + ".py"


def _holds_code(package: str) -> bool:
    tree = ast.parse((HELPERS / package / "__init__.py").read_text(encoding="utf-8"))
    return any(isinstance(node, (ast.FunctionDef, ast.ClassDef)) for node in tree.body)


@pytest.mark.parametrize("part", PARTS)
def test_every_module_has_its_test_module(part):
    tests = Path(__file__).resolve().parent
    modules = _modules(part) + ([f"helpers.{part}"] if _holds_code(part) else [])
    missing = {name: _test_module(name) for name in modules if not (tests / _test_module(name)).exists()}
    assert missing == {}, f"no test module of its own (tests/test_{part}_<module>.py) for {missing}"


def test_the_test_module_rule_sees_every_module():
    """The rule above would pass on no modules: it must see the exercises package and its checker modules."""
    assert _holds_code("exercises")
    assert _test_module("helpers.exercises") == "test_exercises.py"
    assert {_test_module(m) for m in _modules("exercises")} >= {"test_exercises_reading.py",
                                                               "test_exercises_compare.py",
                                                               "test_exercises_running.py",
                                                               "test_exercises_network.py"}


def test_exercises_are_named_like_the_maths_they_check():
    """A module holding a notebook's exercises has the name of a maths module (``exercises/network.py``
    checks what ``maths/network.py`` computes), so one idea has one name in all three parts."""
    import helpers.exercises as ex
    from helpers.exercises.codecheck import CodeExercise

    maths = {name.rsplit(".", 1)[1] for name in _modules("maths")}
    holding = sorted(name.rsplit(".", 1)[1] for name in _modules("exercises")
                     if any(isinstance(obj, (ex.Exercise, CodeExercise))
                            for obj in vars(__import__(name, fromlist=["_"])).values()))
    assert len(holding) >= 8, f"expected the exercises of notebooks 00-07, found modules {holding}"
    assert [name for name in holding if name not in maths] == []


def test_maths_tests_test_maths_only():
    """tests/test_maths_<module>.py mirrors a maths module: a test of a picture or a checker belongs in
    test_views_<module>.py or test_exercises_<module>.py, so a teacher finds each test beside its code."""
    tests = Path(__file__).resolve().parent
    mixed = {}
    for path in sorted(tests.glob("test_maths_*.py")):
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module:
                found |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
        wrong = sorted(n for n in found if n.startswith(("helpers.views", "helpers.exercises") + DRAWING))
        if wrong:
            mixed[path.name] = wrong
    assert mixed == {}
