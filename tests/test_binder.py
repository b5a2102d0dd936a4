"""Binder launches the series: binder/ pins match ours, repo2docker accepts it, and its pins run every notebook.

No Docker here, so the proof has two halves: ``repo2docker --no-build`` shows the image
recipe it would build from binder/, and a fresh virtual environment with exactly the
binder pins (installed the way repo2docker installs them) passes strict nbval. That nbval
pass runs on OpenBLAS's oldest x86-64 kernel, one of the other machines of
tests/cpu_paths.py: Binder's CPUs are unknown, and the plain nbval run covers the native path.
The build starts right after collection (tests/early_start.py) in a thread, so pip's waiting
and the nbval pass overlap the rest of the test command; the test then checks each step.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest
from conftest import require
from cpu_paths import check_the_path_is_taken, clean_env, describe, nbval_failures, probe, switches_for
from supported import PYTHONS

ROOT = Path(__file__).resolve().parents[1]
BINDER = ROOT / "binder"
# What the nbval pass in Binder's environment adds to it (pinned in requirements-test.txt,
# like every test tool; Binder itself installs none of them).
NBVAL_TOOLS = ("pytest", "nbval")
# Where .ci/run installs repo2docker (a build tool, kept out of the kernel's environment).
CI_REPO2DOCKER = ROOT / "build" / "repo2docker-venv" / "bin" / "repo2docker"


def requirement_lines(path: Path) -> list[str]:
    """The requirement lines of a pip requirements file, comments and blanks dropped."""
    lines = (line.split("#", 1)[0].strip() for line in path.read_text().splitlines())
    return [line for line in lines if line]


# name==version, optionally for some Pythons only: name==version; python_version < "3.11"
PIN = re.compile(r"([A-Za-z0-9._-]+)==[0-9][A-Za-z0-9.!+]*(?:\s*;\s*python_version\s*[<>=!]=?\s*\"3\.\d+\")?")


def pins(path: Path) -> dict[str, list[str]]:
    """Package name (normalised) -> its pin lines (one per Python range), for every exact pin."""
    found: dict[str, list[str]] = {}
    for line in requirement_lines(path):
        match = PIN.fullmatch(line)
        if match:
            found.setdefault(re.sub(r"[-_.]+", "-", match[1]).lower(), []).append(line)
    return found


def runtime_version() -> str:
    """The Python version binder/runtime.txt asks for, e.g. '3.11'."""
    text = (BINDER / "runtime.txt").read_text().strip()
    match = re.fullmatch(r"python-(3\.\d+)", text)
    assert match, f"binder/runtime.txt should read like 'python-3.11', got {text!r}"
    return match[1]


def test_every_requirement_is_an_exact_pin_or_this_repository():
    for path in (ROOT / "requirements.txt", BINDER / "requirements.txt"):
        allowed = {"-e .", "-c constraints.txt"} if path.parent == BINDER else {"-e ."}
        loose = [line for line in requirement_lines(path) if line not in allowed and not PIN.fullmatch(line)]
        assert not loose, f"{path.relative_to(ROOT)} has requirements that are not exact pins: {loose}"
        assert requirement_lines(path)[-1] == "-e .", f"{path.relative_to(ROOT)} must end by installing helpers (-e .)"


def test_test_tools_install_nbval_pass_tools():
    assert set(NBVAL_TOOLS) <= set(pins(ROOT / "requirements-test.txt")), NBVAL_TOOLS


def test_binder_pins_equal_requirements_pins():
    ours = pins(ROOT / "requirements.txt")
    binder = pins(BINDER / "requirements.txt")
    assert binder == ours, ("binder/requirements.txt drifted from requirements.txt: "
                            f"binder {sorted(binder.values())}, requirements.txt {sorted(ours.values())}")


def test_binder_constraints_lock_everything_and_agree_with_the_pins():
    from packaging.requirements import Requirement

    assert "-c constraints.txt" in requirement_lines(BINDER / "requirements.txt")
    locked = {}
    for line in requirement_lines(BINDER / "constraints.txt"):
        requirement = Requirement(line)
        assert len(requirement.specifier) == 1 and next(iter(requirement.specifier)).operator == "==", line
        assert requirement.marker is None and not requirement.url, line
        locked[re.sub(r"[-_.]+", "-", requirement.name).lower()] = next(iter(requirement.specifier)).version
    test_only = set(pins(ROOT / "requirements-test.txt"))
    assert not test_only & set(locked), f"test-only tools have no place on Binder: {sorted(test_only & set(locked))}"
    on_binder = {"python_version": runtime_version(), "python_full_version": f"{runtime_version()}.0"}
    for name, lines in pins(BINDER / "requirements.txt").items():
        wanted = [Requirement(line) for line in lines]
        wanted = [r for r in wanted if r.marker is None or r.marker.evaluate(on_binder)]
        assert len(wanted) == 1, lines
        assert locked.get(name) == next(iter(wanted[0].specifier)).version, (
            f"binder/constraints.txt has {name}=={locked.get(name)}, binder/requirements.txt pins {wanted[0]}")


def test_runtime_is_a_python_we_support():
    assert runtime_version() in PYTHONS, (runtime_version(), PYTHONS)


def find_repo2docker() -> str | None:
    """repo2docker from $REPO2DOCKER, PATH, or the venv .ci/run makes."""
    for candidate in (os.environ.get("REPO2DOCKER"), shutil.which("repo2docker"), str(CI_REPO2DOCKER)):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def test_repo2docker_reads_binder_folder_and_plans_the_right_image():
    repo2docker = find_repo2docker()
    require(repo2docker is not None,
            "repo2docker is not installed (pip install jupyter-repo2docker, or run .ci/run once)")
    run = subprocess.run([repo2docker, "--no-build", "--user-id", "1000", "--user-name", "jovyan", str(ROOT)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    dockerfile, log = run.stdout, run.stderr
    assert f"Building conda environment for python={runtime_version()}" in log, log[-2000:]
    # The pins are installed into the kernel's environment after the whole repository is
    # copied in, from the repository root, so `-e .` installs helpers.
    copy_repo = re.search(r"^COPY --chown=1000:1000 src/ \$\{REPO_DIR\}/$", dockerfile, re.M)
    install = dockerfile.find('${KERNEL_PYTHON_PREFIX}/bin/pip install --no-cache-dir -r "binder/requirements.txt"')
    assert copy_repo and install > copy_repo.start(), dockerfile
    assert "WORKDIR ${REPO_DIR}" in dockerfile[:install]
    # With a binder/ folder, repo2docker ignores the top-level requirements.txt and pyproject.toml.
    assert '-r "requirements.txt"' not in dockerfile and "pip install --no-cache-dir .\n" not in dockerfile


def find_python(version: str) -> str | None:
    """An interpreter of the given major.minor version (this one, PATH, or pyenv)."""
    if f"{sys.version_info.major}.{sys.version_info.minor}" == version:
        return sys.executable
    pyenv = sorted(Path.home().glob(f".pyenv/versions/{version}.*/bin/python{version}"))
    for candidate in (shutil.which(f"python{version}"), *map(str, pyenv)):
        if candidate:
            return candidate
    return None


def venv_python(venv: Path) -> str:
    """The interpreter of a virtual environment (Scripts\\python.exe on Windows)."""
    return str(venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python"))


def build_and_run(folder: Path, python: str, notebooks: list[Path]) -> dict:
    """Binder's environment in ``folder``: copy the repository, make a venv, install binder's pins, freeze it,
    add pytest and nbval (requirements-test.txt's pins), probe numpy, run strict nbval (on the Prescott path
    where there is one). Returns each step's result, stopping after a failed install; the test asserts on
    them in order."""
    steps: dict = {}
    # A copy of the repository stands in for the image's home folder, as repo2docker makes it.
    repo = folder / "repo"
    shutil.copytree(ROOT, repo, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "artifacts", "*.egg-info", "__pycache__", ".pytest_cache", ".ipynb_checkpoints"))
    env = clean_env()
    venv = folder / "kernel-env"
    subprocess.run([python, "-m", "venv", str(venv)], check=True, timeout=120)
    steps["repo"], steps["venv"] = repo, venv
    steps["install"] = subprocess.run([venv_python(venv), "-m", "pip", "install", "-q", "--disable-pip-version-check",
                                       "-r", "binder/requirements.txt"], cwd=repo, env=env,
                                      capture_output=True, text=True, timeout=900)
    if steps["install"].returncode != 0:
        return steps
    steps["freeze"] = subprocess.run([venv_python(venv), "-m", "pip", "freeze", "--exclude-editable",
                                      "--disable-pip-version-check"], env=env, capture_output=True, text=True,
                                     timeout=120)
    # The nbval pass needs the test runner, which Binder does not install: added after the freeze.
    test_pins = [line for name, lines in pins(ROOT / "requirements-test.txt").items() if name in NBVAL_TOOLS
                 for line in lines]
    steps["tools"] = subprocess.run([venv_python(venv), "-m", "pip", "install", "-q", "--disable-pip-version-check",
                                     *test_pins], cwd=repo, env=env, capture_output=True, text=True, timeout=900)
    if steps["tools"].returncode != 0:
        return steps
    native = probe(venv_python(venv))
    switches, reason = switches_for("prescott", native)
    if switches:
        check_the_path_is_taken(switches, native, venv_python(venv))
    steps["switches"], steps["reason"] = switches, reason
    steps["nbval"] = subprocess.run([venv_python(venv), "-m", "pytest", "-q", "-p", "no:cacheprovider",
                                     *(f"notebooks/{nb.name}" for nb in notebooks)], cwd=repo,
                                    env=clean_env(**(switches or {})), capture_output=True, text=True, timeout=900)
    steps["where"] = subprocess.run([venv_python(venv), "-c", "import helpers; print(helpers.__file__)"],
                                    cwd=folder, env=env, capture_output=True, text=True, timeout=60)
    return steps


_build: dict = {}  # "thread" -> the worker, "steps" -> its results, "error" -> what it raised


def start_in_background(selected: list[str] | None = None) -> None:
    """Start building Binder's environment and its nbval pass (once), right after collection (tests/early_start.py),
    if its test is selected: pip mostly waits on the network and the disk, so that time overlaps the rest of
    the test command."""
    if _build or (selected is not None and "test_binder_pins_install_in_a_fresh_environment_and_pass_nbval"
                  not in selected):
        return
    notebooks = sorted((ROOT / "notebooks").glob("*.ipynb"))
    python = find_python(runtime_version())
    if not notebooks or python is None:
        _build["steps"] = None
        return

    def work():
        try:
            _build["steps"] = build_and_run(Path(tempfile.mkdtemp(prefix="binder-")), python, notebooks)
        except BaseException as error:  # reported by the test
            _build["error"] = error

    _build["thread"] = threading.Thread(target=work, daemon=True)
    _build["thread"].start()


@pytest.mark.waits_for_background
@pytest.mark.slow
def test_binder_pins_install_in_a_fresh_environment_and_pass_nbval():
    notebooks = sorted((ROOT / "notebooks").glob("*.ipynb"))
    if not notebooks:
        pytest.skip("no notebooks/*.ipynb yet")
    version = runtime_version()
    python = find_python(version)
    require(python is not None, f"no Python {version} interpreter (binder/runtime.txt) found")
    start_in_background()
    _build["thread"].join(timeout=1800)
    assert not _build["thread"].is_alive(), "building Binder's environment took more than 30 minutes"
    if "error" in _build:
        raise _build["error"]
    steps = _build["steps"]
    install = steps["install"]
    assert install.returncode == 0, install.stdout[-2000:] + install.stderr[-3000:]
    # The environment is exactly the lock: constraints.txt was found (relative to
    # binder/requirements.txt) and nothing else slipped in.
    freeze = steps["freeze"]
    def normalised(lines):
        return sorted(re.sub(r"[-_.]+", "-", line.split("==")[0]).lower() + "==" + line.split("==")[1]
                      for line in lines if line and not line.startswith("#"))

    installed = [line for line in freeze.stdout.splitlines() if "==" in line]
    assert normalised(requirement_lines(BINDER / "constraints.txt")) == normalised(installed), freeze.stdout
    tools = steps["tools"]
    assert tools.returncode == 0, tools.stdout[-2000:] + tools.stderr[-3000:]
    switches, reason, nbval = steps["switches"], steps["reason"], steps["nbval"]
    where = f"on {describe('prescott', switches)}" if switches else f"natively ({reason})"
    returncode = nbval.returncode  # (asserted alone, so a failure does not print the whole CompletedProcess)
    assert returncode == 0, (f"Binder's environment {where}: these stored outputs change (print only "
                             f"stable digits, CONTRIBUTING.md)\n{nbval_failures(nbval.stdout)}{nbval.stderr[-2000:]}")
    assert re.search(r"\b\d+ passed\b", nbval.stdout), nbval.stdout[-2000:]
    # helpers came from the copied repository, installed by the `-e .` line.
    where = steps["where"]
    assert where.stdout.strip() == str(steps["repo"] / "helpers" / "__init__.py"), where.stdout + where.stderr


def test_readme_binder_links_open_the_first_notebook_in_jupyterlab():
    readme = (ROOT / "README.md").read_text()
    links = re.findall(r"https://mybinder\.org/v2/gh/[^)\s]+", readme)
    assert links, "the README has no Binder launch link"
    for link in links:
        match = re.fullmatch(r"https://mybinder\.org/v2/gh/[\w.-]+/[\w.-]+/HEAD\?urlpath=lab/tree/(notebooks/[\w.-]+\.ipynb)",
                             link)
        assert match, f"not a Binder link into JupyterLab: {link}"
        assert match[1] == "notebooks/00_start_here.ipynb" and (ROOT / match[1]).exists(), link
