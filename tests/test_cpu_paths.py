"""Same outputs on every machine (issue 10): every notebook under strict nbval on other CPUs' arithmetic.

numpy picks its SIMD kernels at run time and OpenBLAS picks a kernel for the CPU it finds, so
the last bits of a result differ between a learner's laptop, a Mac, Binder and CI. A notebook
that prints only stable digits (CONTRIBUTING.md) gives the same outputs on all of them; one
that prints round-off, or a long run near a stability edge, does not. This machine can
imitate other machines' floating-point paths:

- numpy without AVX-512 (what a CPU without it runs), when this CPU has AVX-512;
- numpy on its baseline only (SSE on x86-64, the oldest CPUs numpy supports);
- OpenBLAS with its oldest x86-64 kernel (``OPENBLAS_CORETYPE=Prescott``).

Each path reruns strict nbval over every notebook with the stored outputs, all paths at
once (the work is one kernel at a time per path). The native path is the plain nbval run.
A path this machine cannot take, or that is the same as native here, is skipped with the
reason. Each path first checks that numpy/OpenBLAS really took it, so a renamed switch
cannot turn this into a second native run that passes without checking anything (numpy 2.4
renamed its x86 features: the old names AVX2, AVX512F, ... are now silently ignored).
"""
from __future__ import annotations

import json
import os
import platform
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
PATHS = {  # test id -> what the path imitates
    "no-avx512": "numpy without AVX-512",
    "sse-only": "numpy on its baseline only (SSE on x86-64)",
    "prescott": "OpenBLAS's oldest x86-64 kernel (Prescott)",
}
# Variables that choose a path; cleared so the parent's settings cannot leak into a path.
SWITCHES = ("NPY_DISABLE_CPU_FEATURES", "NPY_ENABLE_CPU_FEATURES", "OPENBLAS_CORETYPE", "OPENBLAS_VERBOSE")

PROBE = """
import json, numpy
from numpy._core import _multiarray_umath as m
blas = numpy.__config__.CONFIG["Build Dependencies"]["blas"]["name"]
print(json.dumps({"dispatch": list(m.__cpu_dispatch__),
                  "enabled": sorted(k for k, v in m.__cpu_features__.items() if v), "blas": blas}))
"""


def clean_env(**switches: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in SWITCHES}
    return {**env, **switches}


def probe(**switches: str) -> dict:
    """What numpy and OpenBLAS run with under these variables: enabled SIMD features, the BLAS,
    and the OpenBLAS kernel (OPENBLAS_VERBOSE=2 prints "Core: <name>" when it loads)."""
    run = subprocess.run([sys.executable, "-c", PROBE], env=clean_env(OPENBLAS_VERBOSE="2", **switches),
                         capture_output=True, text=True, timeout=120, check=True)
    found = json.loads(run.stdout.strip().splitlines()[-1])
    core = re.search(r"Core: (\w+)", run.stdout + run.stderr)
    found["core"] = core[1] if core else None
    return found


def avx512(features) -> list[str]:
    return [f for f in features if "AVX512" in f or f == "X86_V4"]


def switches_for(path: str, native: dict) -> tuple[dict[str, str] | None, str]:
    """(environment variables for the path, or None with the reason it cannot be taken here)."""
    dispatched_here = [f for f in native["dispatch"] if f in native["enabled"]]
    if path == "no-avx512":
        off = avx512(dispatched_here)
        if not off:
            return None, "this CPU has no AVX-512: numpy without it is the native path, which plain nbval runs"
        return {"NPY_DISABLE_CPU_FEATURES": " ".join(avx512(native["dispatch"]))}, ""
    if path == "sse-only":
        if not dispatched_here:
            return None, "numpy dispatches nothing beyond its baseline on this CPU: that is the native path"
        return {"NPY_DISABLE_CPU_FEATURES": " ".join(native["dispatch"])}, ""
    if platform.machine().lower() not in {"x86_64", "amd64"}:
        return None, f"OpenBLAS's Prescott kernel is x86-64 only; this is {platform.machine()}"
    if "openblas" not in native["blas"].lower():
        return None, f"numpy here uses {native['blas']}, not OpenBLAS"
    return {"OPENBLAS_CORETYPE": "Prescott"}, ""


def took_the_path(path: str, switches: dict[str, str], native: dict) -> None:
    """Fail unless numpy/OpenBLAS really run differently from native under `switches`."""
    seen = probe(**switches)
    if "NPY_DISABLE_CPU_FEATURES" in switches:
        wanted_off = set(switches["NPY_DISABLE_CPU_FEATURES"].split()) & set(native["enabled"])
        still_on = wanted_off & set(seen["enabled"])
        assert wanted_off and not still_on, (
            f"NPY_DISABLE_CPU_FEATURES={switches['NPY_DISABLE_CPU_FEATURES']!r} left {sorted(still_on)} on: "
            "numpy ignores names it does not dispatch, so this would be a second native run")
    else:
        assert seen["core"] and seen["core"] != native["core"], (
            f"OPENBLAS_CORETYPE=Prescott runs OpenBLAS kernel {seen['core']}, native runs {native['core']}")


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Start strict nbval over every notebook on each path this machine can take, all at once."""
    native = probe()
    started = {}
    for path in PATHS:
        switches, reason = switches_for(path, native)
        if switches is None:
            started[path] = reason
            continue
        took_the_path(path, switches, native)
        log = tmp_path_factory.mktemp("cpu-path") / "nbval.txt"
        with log.open("w") as out:
            process = subprocess.Popen(
                [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *(str(nb.relative_to(ROOT)) for nb in NOTEBOOKS)],
                cwd=ROOT, env=clean_env(**switches), stdout=out, stderr=subprocess.STDOUT)
        started[path] = (process, log, switches)
    yield started
    for value in started.values():
        if isinstance(value, tuple) and value[0].poll() is None:
            value[0].kill()


def failures(report: str) -> str:
    """nbval's failing cells with their diffs, then its summary line (colour codes dropped)."""
    report = re.sub(r"\x1b\[[0-9;]*m", "", report)
    details = report.split("= FAILURES =", 1)[-1] if "= FAILURES =" in report else report
    return details[-6000:]


@pytest.mark.slow
@pytest.mark.parametrize("path", PATHS)
def test_notebooks_print_the_same_outputs_on_this_path(runs, path):
    if not NOTEBOOKS:
        pytest.skip("no notebooks yet")
    if isinstance(runs[path], str):
        pytest.skip(runs[path])
    process, log, switches = runs[path]
    process.wait(timeout=900)
    report = log.read_text()
    setting = " ".join(f"{k}={v!r}" for k, v in switches.items())
    assert process.returncode == 0, (
        f"on the path {PATHS[path]} ({setting}) these stored outputs change: print only stable digits "
        f"(CONTRIBUTING.md)\n{failures(report)}")
    assert re.search(r"\b\d+ passed\b", report), report[-2000:]
