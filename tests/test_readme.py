"""The README's quick start is the contract: CI runs its test command verbatim, and the
Windows commands do the same steps as the POSIX ones."""
import re
from pathlib import Path

from supported import PLATFORMS, PYTHONS

ROOT = Path(__file__).resolve().parents[1]


def quick_start() -> str:
    readme = (ROOT / "README.md").read_text()
    return readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]


def quick_start_commands(shell: str = "bash") -> list[str]:
    return re.findall(rf"```{shell}\n(.+?)\n```", quick_start())


def steps(command: str) -> list[str]:
    """The steps of a one-line command, in POSIX spelling: `a && b` in a POSIX shell,
    `a; if ($?) { b }` in PowerShell (Windows PowerShell 5.1 has no `&&`)."""
    if "&&" in command:
        return command.split(" && ")
    first, *rest = command.split("; if ($?) { ")
    posix = [first] + [step.removesuffix(" }") for step in rest]
    return [step.replace("py -m venv", "python3 -m venv").replace(".venv\\Scripts\\", ".venv/bin/").replace("\\", "/")
            for step in posix]


def test_quick_start_has_an_open_and_a_test_command_for_each_shell():
    for shell in ("bash", "powershell"):
        commands = quick_start_commands(shell)
        assert len(commands) == 2, (shell, commands)
        assert "jupyter lab" in commands[0] and "pytest" in commands[1], (shell, commands)


# The quick start, verbatim: the first command installs what the series needs and opens it,
# the second installs that plus the test tools and runs the suite (issue 30).
OPEN = {
    "bash": "python3 -m venv .venv && .venv/bin/pip install -r requirements.txt"
            " && .venv/bin/jupyter lab notebooks/00_start_here.ipynb",
    "powershell": "py -m venv .venv; if ($?) { .venv\\Scripts\\pip install -r requirements.txt };"
                  " if ($?) { .venv\\Scripts\\jupyter lab notebooks\\00_start_here.ipynb }",
}
TEST = {
    "bash": "python3 -m venv .venv && .venv/bin/pip install -r requirements-test.txt && .venv/bin/python -m pytest",
    "powershell": "py -m venv .venv; if ($?) { .venv\\Scripts\\pip install -r requirements-test.txt };"
                  " if ($?) { .venv\\Scripts\\python -m pytest }",
}


def test_quick_start_commands_verbatim():
    for shell in ("bash", "powershell"):
        assert quick_start_commands(shell) == [OPEN[shell], TEST[shell]], shell


def test_powershell_commands_do_what_the_posix_ones_do():
    for posix, windows in zip(quick_start_commands("bash"), quick_start_commands("powershell"), strict=True):
        assert "&&" not in windows, "Windows PowerShell 5.1 (the one Windows ships) has no &&"
        assert steps(windows) == steps(posix), (windows, posix)


def test_ci_runs_the_readme_test_command_verbatim():
    ci_lines = (ROOT / ".ci" / "run").read_text().splitlines()
    assert quick_start_commands()[1] in ci_lines
    assert TEST["bash"] in ci_lines


def test_quick_start_names_the_supported_pythons_and_platforms_in_one_line():
    line = next(line for line in quick_start().splitlines() if line.startswith("**Runs on**"))
    assert tuple(re.findall(r"\b3\.\d+\b", line)) == PYTHONS, line
    # "Linux (x86_64, aarch64), macOS 11+ (Apple silicon, Intel) and Windows (x86_64)"
    named = {(system, machine.strip()) for system, machines in re.findall(r"(Linux|macOS|Windows)[^(]*\(([^)]*)\)", line)
             for machine in machines.split(",")}
    as_people_say = {"macOS arm64": ("macOS", "Apple silicon"), "macOS x86_64": ("macOS", "Intel")}
    assert named == {as_people_say.get(p, tuple(p.split())) for p in PLATFORMS}, line


def test_quick_start_says_how_to_run_as_root():
    assert "--allow-root" in quick_start()


def test_readme_links_every_notebook():
    readme = (ROOT / "README.md").read_text()
    for notebook in sorted((ROOT / "notebooks").glob("*.ipynb")):
        assert f"notebooks/{notebook.name}" in readme, f"{notebook.name} is not linked from the README"


def code_map() -> str:
    readme = (ROOT / "README.md").read_text()
    return readme.split("### To change X, open Y", 1)[1].split("\n## ", 1)[0]


def test_every_file_the_map_names_exists_and_every_maths_and_views_module_is_on_it():
    named = set(re.findall(r"`(helpers/[\w/<> .-]+?\.py)`", code_map()))
    assert named, "the README has no 'to change X, open Y' map"
    missing = sorted(path for path in named if "<" not in path and not (ROOT / path).exists())
    assert missing == [], f"the map names files that do not exist: {missing}"
    modules = {f"helpers/{p.parent.name}/{p.name}" for part in ("maths", "views")
               for p in (ROOT / "helpers" / part).glob("*.py") if p.name != "__init__.py"}
    views_by_pattern = {m for m in modules if m.startswith("helpers/views/")
                        and f"helpers/maths/{m.rsplit('/', 1)[1]}" in modules}  # "views/<maths module>.py"
    assert sorted(modules - named - views_by_pattern) == []


def test_the_map_names_the_functions_it_points_to():
    import importlib

    for module, names in re.findall(r"`helpers/(\w+/\w+)\.py`, ((?:`\w+`(?: and |, )?)+)", code_map()):
        found = importlib.import_module("helpers." + module.replace("/", "."))
        for name in re.findall(r"`(\w+)`", names):
            assert hasattr(found, name), f"helpers/{module}.py has no {name}"
