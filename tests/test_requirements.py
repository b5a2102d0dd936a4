"""A learner installs only what the series needs (issue 30).

requirements.txt is the README's first command: the notebooks, helpers and JupyterLab to run
them. requirements-test.txt (the test command) adds the tools only the tests use. Which is
which is computed, not listed: the series needs the distributions that the notebooks and
helpers import, that the README's open command starts (jupyter lab), that provide the
notebooks' kernel, and that helpers' own project declares — and everything those depend on
(read from the installed packages' metadata). A pin outside that set is test-only.
"""
from __future__ import annotations

import ast
import json
import importlib.metadata as metadata
import re
import sys
import tomllib
from pathlib import Path

from notebook_cells import NOTEBOOKS, cells, source
from packaging.requirements import Requirement
from test_readme import quick_start_commands

ROOT = Path(__file__).resolve().parents[1]
OURS = {"helpers"}  # this repository's own package, installed by `-e .`


def normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def lines(name: str) -> list[str]:
    """The requirement lines of a requirements file, comments and blanks dropped."""
    stripped = (line.split("#", 1)[0].strip() for line in (ROOT / name).read_text().splitlines())
    return [line for line in stripped if line]


def pinned(name: str) -> set[str]:
    """The (normalised) names a requirements file pins itself, not through -r or -e."""
    return {normalised(Requirement(line).name) for line in lines(name) if not line.startswith("-")}


def imported_modules(code: str) -> set[str]:
    """Top-level module names a piece of code imports (IPython magics and shell lines dropped)."""
    code = "\n".join(line for line in code.splitlines() if not line.lstrip().startswith(("%", "!")))
    try:
        tree = ast.parse(code)
    except SyntaxError:  # a cell that shows a mistake on purpose: read its import lines alone
        return set(re.findall(r"^\s*(?:from|import)\s+(\w+)", code, re.M))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def series_imports() -> set[str]:
    """Third-party top-level modules the notebooks' code cells and helpers import."""
    modules = set()
    for name in NOTEBOOKS:
        for cell in cells(name):
            if cell["cell_type"] == "code":
                modules |= imported_modules(source(cell))
    for path in (ROOT / "helpers").rglob("*.py"):
        modules |= imported_modules(path.read_text())
    return modules - set(sys.stdlib_module_names) - OURS - {"__future__"}


def distributions_of(modules: set[str]) -> set[str]:
    providers = metadata.packages_distributions()
    missing = sorted(module for module in modules if module not in providers)
    assert not missing, f"imported but not installed by any distribution here: {missing}"
    return {normalised(dist) for module in modules for dist in providers[module]}


def commands_of_open_command() -> set[str]:
    """The console scripts the README's open command starts: `.venv/bin/jupyter lab ...` runs
    `jupyter`, which hands `lab` to `jupyter-lab`."""
    last_step = quick_start_commands()[0].split(" && ")[-1].split()
    tool, subcommand = last_step[0].rsplit("/", 1)[-1], last_step[1]
    return {tool, f"{tool}-{subcommand}"}


def script_distributions(names: set[str]) -> set[str]:
    found = {entry.name: normalised(entry.dist.name)
             for entry in metadata.entry_points(group="console_scripts") if entry.name in names}
    assert set(found) == names, f"no installed distribution provides {sorted(names - set(found))}"
    return set(found.values())


def kernel_distributions() -> set[str]:
    """The distributions that install the kernel spec the notebooks ask for (ipykernel installs `python3`)."""
    kernels = {json.loads((ROOT / "notebooks" / name).read_text())["metadata"]["kernelspec"]["name"]
               for name in NOTEBOOKS}
    found = set()
    for kernel in kernels:
        spec = f"share/jupyter/kernels/{kernel}/kernel.json"
        providers = {normalised(dist.metadata["Name"]) for dist in metadata.distributions()
                     if any(str(file).replace("\\", "/").endswith(spec) for file in dist.files or ())}
        assert providers, f"no installed distribution provides the notebooks' kernel {kernel!r}"
        found |= providers
    return found


def project_dependencies() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return {normalised(Requirement(dep).name) for dep in project["dependencies"]}


def with_dependencies(roots: set[str]) -> set[str]:
    """``roots`` and everything they install, by the installed metadata (extras left out)."""
    seen, todo = set(), list(roots)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            requires = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            continue  # not installed here (e.g. a Windows-only dependency)
        for line in requires:
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(normalised(requirement.name))
    return seen


def what_the_series_needs() -> dict[str, set[str]]:
    """Why a distribution is needed -> the distributions that reason brings (with their dependencies)."""
    return {
        "the notebooks and helpers import it": with_dependencies(distributions_of(series_imports())),
        "the README's open command runs it": with_dependencies(script_distributions(commands_of_open_command())),
        "it provides the notebooks' kernel": with_dependencies(kernel_distributions()),
        "helpers (pyproject.toml) depends on it": with_dependencies(project_dependencies()),
    }


def test_the_test_file_adds_to_what_a_learner_installs():
    assert lines("requirements-test.txt")[0] == "-r requirements.txt", (
        "requirements-test.txt must start by installing everything requirements.txt does")
    assert [line for line in lines("requirements-test.txt") if line.startswith("-")] == ["-r requirements.txt"]
    twice = pinned("requirements.txt") & pinned("requirements-test.txt")
    assert not twice, f"pinned in both files: {sorted(twice)}"


def test_the_first_command_installs_the_series_and_the_second_the_tests():
    open_command, test_command = quick_start_commands()
    assert "install -r requirements.txt " in open_command and "requirements-test.txt" not in open_command
    assert "install -r requirements-test.txt " in test_command


def test_requirements_txt_pins_nothing_the_series_does_not_need():
    needed = what_the_series_needs()
    everything = set().union(*needed.values())
    # Sanity of the computation itself: the series' own imports and JupyterLab are found.
    assert {"numpy", "matplotlib", "ipywidgets"} <= needed["the notebooks and helpers import it"], needed
    assert "jupyterlab" in needed["the README's open command runs it"], needed
    test_only = sorted(pinned("requirements.txt") - everything)
    assert not test_only, (f"requirements.txt pins {test_only}, which the notebooks and helpers never import and "
                           "JupyterLab and the kernel do not need: pin test-only tools in requirements-test.txt")


def test_the_test_tools_are_not_something_the_series_needs():
    """A pin of requirements-test.txt that the series needs belongs in requirements.txt, or a learner lacks it."""
    everything = set().union(*what_the_series_needs().values())
    needed = sorted(pinned("requirements-test.txt") & everything)
    assert not needed, f"requirements-test.txt pins {needed}, which the series needs: move them to requirements.txt"


def test_every_tool_the_tests_import_is_installed_by_the_test_file():
    """What tests/ imports comes from the series' own set or from a test pin (and their dependencies)."""
    modules = set()
    for path in (ROOT / "tests").glob("*.py"):
        modules |= imported_modules(path.read_text())
    local = {path.stem for path in (ROOT / "tests").glob("*.py")}
    third_party = modules - set(sys.stdlib_module_names) - OURS - local - {"__future__"}
    installed = set().union(*what_the_series_needs().values()) | with_dependencies(pinned("requirements-test.txt"))
    unpinned = sorted(distributions_of(third_party) - installed)
    assert not unpinned, f"tests import {unpinned}, which neither requirements file installs"
