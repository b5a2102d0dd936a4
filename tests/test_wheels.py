"""requirements.txt and requirements-test.txt install from wheels on every supported Python
and computer (issues 16 and 30).

A learner's ``pip install -r requirements.txt`` (and a contributor's ``-r requirements-test.txt``,
which adds the test tools) must never fall back to building a package
from source: that needs a C toolchain most learners do not have, and fails. Without any of
those interpreters or computers, we ask the package index, for each (Python, platform) pair
of tests/supported.py and each file, for a resolution that uses wheels only. Both files are
resolved on their own: a learner gets requirements.txt's resolution, not the larger one's.

It is ``uv pip compile --only-binary :all: --python-version ... --python-platform ...``
rather than ``pip install --dry-run --only-binary :all: --python-version ... --platform ...``
for two reasons, both measured here:
- pip evaluates environment markers for the machine it runs on, not the target
  (pypa/pip#10050): its dry run "for Windows" from Linux leaves out pywinpty and colorama,
  which only Windows installs, and keeps pexpect, which Windows never installs. uv resolves
  with the target's markers.
- one pip resolution costs 8-17 CPU-seconds here (parsing ~60,000 index links), 3-6 minutes
  of CPU for the 20 pairs; uv needs about one CPU-second per pair and file.

Needs the package index: skipped with the reason when it cannot be reached, except under
CI=true, where that is a failure. The queries start right after collection
(tests/early_start.py) and overlap the rest of the test command.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import tomllib
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import IN_CI
from packaging.version import Version
from supported import PLATFORMS, PYTHONS

ROOT = Path(__file__).resolve().parents[1]
PAIRS = [(python, platform) for python in PYTHONS for platform in PLATFORMS]
FILES = ("requirements.txt", "requirements-test.txt")
# uv's own default, unless the person running the tests points uv at another index.
INDEX = (os.environ.get("UV_DEFAULT_INDEX") or os.environ.get("UV_INDEX_URL") or "https://pypi.org/simple").rstrip("/")


def normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pinned_requirements(name: str = "requirements.txt") -> list[str]:
    """The pins a requirements file installs, following its `-r` lines, without the `-e .`
    line (helpers is pure Python; its own dependencies are pinned in requirements.txt, which
    a test below checks)."""
    pins = []
    for line in (ROOT / name).read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("-r "):
            pins += pinned_requirements(line.removeprefix("-r ").strip())
        elif line and line != "-e .":
            pins.append(line)
    return pins


def index_reachable() -> str | None:
    """None when the index answers, else why not."""
    try:
        with urllib.request.urlopen(urllib.request.Request(f"{INDEX}/numpy/", method="HEAD"), timeout=15) as answer:
            return None if answer.status == 200 else f"HTTP {answer.status}"
    except (urllib.error.URLError, OSError) as error:
        return str(getattr(error, "reason", error))


def uv_binary() -> str | None:
    try:
        from uv import find_uv_bin
    except ImportError:
        return None
    return find_uv_bin()


def resolve(uv: str, requirements: Path, python: str, platform: str) -> tuple[int, str]:
    """(exit code, output): uv's wheels-only resolution for one pair; output is the
    `name==version` list, or uv's explanation of what has no wheel."""
    target, extra_env = PLATFORMS[platform]
    env = {**os.environ, "UV_PYTHON_DOWNLOADS": "never", **extra_env}
    run = subprocess.run(
        [uv, "pip", "compile", "--quiet", "--no-config", "--no-header", "--no-annotate",
         "--python", sys.executable,  # uv needs no interpreter of the target version
         "--python-version", python, "--python-platform", target, "--only-binary", ":all:",
         str(requirements)],
        env=env, capture_output=True, text=True, timeout=300)
    return run.returncode, (run.stdout if run.returncode == 0 else run.stderr)


_started: dict = {}  # "pairs": {pair: Future of resolve(...)} | "skip"/"fail": why not


def start_in_background() -> dict:
    """Ask the index for every pair at once, in threads (the work is mostly waiting for the
    index). Called right after collection (tests/early_start.py); problems are kept for the tests."""
    if _started:
        return _started
    uv = uv_binary()
    problem = index_reachable() if uv else None
    if uv is None:
        _started["fail"] = "uv is not installed; it is in requirements-test.txt (pip install -r requirements-test.txt)"
    elif problem is not None:
        reason = f"the package index {INDEX} cannot be reached ({problem})"
        _started["fail" if IN_CI else "skip"] = f"CI=true but {reason}" if IN_CI else reason
    else:
        folder = Path(tempfile.mkdtemp(prefix="wheels-"))
        for name in FILES:
            (folder / name).write_text("\n".join(pinned_requirements(name)) + "\n")
        pool = ThreadPoolExecutor(max_workers=len(PLATFORMS))
        _started["pairs"] = {(name, *pair): pool.submit(resolve, uv, folder / name, *pair)
                             for name in FILES for pair in PAIRS}
        pool.shutdown(wait=False)
    return _started


@pytest.fixture(scope="module")
def resolutions() -> dict[tuple[str, str, str], tuple[int, str]]:
    """(file, Python, platform) -> uv's answer."""
    started = start_in_background()
    if "fail" in started:
        pytest.fail(started["fail"], pytrace=False)
    if "skip" in started:
        pytest.skip(started["skip"])
    return {pair: future.result() for pair, future in started["pairs"].items()}


def versions(output: str) -> dict[str, str]:
    return {normalised(name): version for name, version in re.findall(r"^([A-Za-z0-9._-]+)==(\S+)$", output, re.M)}


@pytest.mark.parametrize("name", FILES)
@pytest.mark.parametrize("python, platform", PAIRS, ids=[f"{p} {q}" for p, q in PAIRS])
def test_every_package_has_a_wheel(resolutions, name, python, platform):
    code, output = resolutions[name, python, platform]
    if code != 0:
        missing = sorted(set(re.findall(r"(\S+) has no usable wheels", output))) or ["(see uv's answer)"]
        pytest.fail(f"{name}: no wheel on Python {python}, {platform}, for: {', '.join(missing)}\n{output.strip()}",
                    pytrace=False)
    found = versions(output)
    for line in pinned_requirements(name):
        name, version = line.split("==")
        assert found.get(normalised(name)) == version, f"{line} resolved as {found.get(normalised(name))}"
    # The markers were read for the target: JupyterLab's terminals need pywinpty on Windows only.
    assert ("pywinpty" in found) == platform.startswith("Windows"), (
        f"pywinpty (a Windows-only dependency of jupyter_server) {'missing' if 'pywinpty' not in found else 'present'} "
        f"for {platform}: were the markers read for this machine instead of the target? {sorted(found)}")


@pytest.mark.parametrize("name", FILES)
@pytest.mark.parametrize("python", PYTHONS)
def test_the_newest_release_has_a_wheel_on_every_platform(resolutions, name, python):
    """A package resolved older on one platform than on another means its newest release has
    no wheel there: pip, which takes the newest release, would build it from source."""
    found = {platform: versions(resolutions[name, python, platform][1]) for platform in PLATFORMS
             if resolutions[name, python, platform][0] == 0}
    behind = []
    for name in set().union(*found.values()):
        releases = {platform: packages[name] for platform, packages in found.items() if name in packages}
        newest = max(releases.values(), key=Version)
        behind += [f"{name} {newest} has no wheel for {platform} (resolved {version} there)"
                   for platform, version in releases.items() if version != newest]
    assert not behind, f"{name}, Python {python}: " + "; ".join(sorted(behind))


def test_helpers_own_dependencies_are_all_pinned():
    """The wheel check leaves out `-e .`, so everything helpers needs must be a pin it checks."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pinned = {normalised(line.split("==")[0]) for line in pinned_requirements()}
    unpinned = [dep for dep in project["dependencies"] if normalised(re.split(r"[\s<>=!~;\[]", dep)[0]) not in pinned]
    assert not unpinned, f"pyproject.toml depends on {unpinned}, which requirements.txt does not pin"
    assert project["requires-python"] == f">={PYTHONS[0]}", project["requires-python"]
