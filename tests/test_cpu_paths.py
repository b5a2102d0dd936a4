"""Same outputs on every machine (issue 10): every notebook under strict nbval on other CPUs' numpy paths.

A notebook that prints only stable digits (CONTRIBUTING.md) gives the same outputs on every
machine; one that prints round-off, or a long run near a stability edge, does not. This
reruns strict nbval over every notebook, with its stored outputs, on each numpy path of
tests/cpu_paths.py that this machine can take. The native path is the plain nbval run; the
OpenBLAS path runs in tests/test_binder.py. The passes start right after collection
(tests/early_start.py), all at once, and overlap the rest of the test command.
"""
from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from cpu_paths import check_the_path_is_taken, clean_env, describe, nbval_failures, probe, switches_for

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
HERE = ("no-avx512", "sse-only")  # "prescott": tests/test_binder.py, in Binder's environment
_runs: dict[str, tuple] = {}  # path -> ("running", process, log, switches) | ("skip", why) | ("error", what)


def start_in_background() -> dict[str, tuple]:
    """Start strict nbval over every notebook on each path this machine can take (once).
    Called right after collection: anything that goes wrong is kept for the test to report."""
    if _runs or not NOTEBOOKS:
        return _runs
    try:
        native = probe()
    except Exception as error:  # reported by every path's test
        for path in HERE:
            _runs[path] = ("error", f"probing numpy failed: {error!r}")
        return _runs
    logs = Path(tempfile.mkdtemp(prefix="cpu-paths-"))
    for path in HERE:
        switches, reason = switches_for(path, native)
        if switches is None:
            _runs[path] = ("skip", reason)
            continue
        try:
            check_the_path_is_taken(switches, native)
        except AssertionError as error:
            _runs[path] = ("error", str(error))
            continue
        log = logs / f"{path}.txt"
        with log.open("w") as out:
            process = subprocess.Popen(
                [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                 *(str(nb.relative_to(ROOT)) for nb in NOTEBOOKS)],
                cwd=ROOT, env=clean_env(**switches), stdout=out, stderr=subprocess.STDOUT)
        _runs[path] = ("running", process, log, switches)
    return _runs


def stop_background() -> None:
    for run in _runs.values():
        if run[0] == "running" and run[1].poll() is None:
            run[1].kill()


@pytest.mark.waits_for_background
@pytest.mark.slow
@pytest.mark.parametrize("path", HERE)
def test_notebooks_print_the_same_outputs_on_this_path(path):
    if not NOTEBOOKS:
        pytest.skip("no notebooks yet")
    run = start_in_background()[path]
    if run[0] == "skip":
        pytest.skip(run[1])
    assert run[0] == "running", run[1]
    _, process, log, switches = run
    returncode = process.wait(timeout=900)
    report = log.read_text()
    assert returncode == 0, (
        f"on {describe(path, switches)} these stored outputs change: print only stable digits "
        f"(CONTRIBUTING.md)\n{nbval_failures(report)}")
    assert re.search(r"\b\d+ passed\b", report), report[-2000:]
