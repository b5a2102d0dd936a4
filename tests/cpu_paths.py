"""Other CPUs' floating-point paths that this machine can imitate (issue 10).

numpy picks its SIMD kernels at run time and OpenBLAS picks a kernel for the CPU it finds, so
the last bits of a result differ between a learner's laptop, a Mac, Binder and CI. Three
paths stand in for other machines:

- numpy without AVX-512 (what a CPU without it runs), when this CPU has AVX-512;
- numpy on its baseline only (SSE on x86-64, the oldest CPUs numpy supports);
- OpenBLAS with its oldest x86-64 kernel (``OPENBLAS_CORETYPE=Prescott``).

tests/test_cpu_paths.py runs every notebook on the numpy paths in the repository's
environment; tests/test_binder.py runs Binder's fresh environment on the OpenBLAS path
(Binder's CPUs are unknown anyway, and the pass costs nothing extra there). Each path is
probed first, so a renamed switch cannot turn it into a second native run that passes
without checking anything: numpy 2.4 renamed its x86 targets (X86_V3, X86_V4, AVX512_ICL,
AVX512_SPR) and silently ignores the old names (AVX2, AVX512F, ...).
"""
from __future__ import annotations

import json
import os
import platform
import re
import subprocess
import sys

PATHS = {  # id -> what the path imitates
    "no-avx512": "numpy without AVX-512",
    "sse-only": "numpy on its baseline only (SSE on x86-64)",
    "prescott": "OpenBLAS's oldest x86-64 kernel (Prescott)",
}
# Variables cleared from a child's environment: the ones that choose a path, so the parent's
# settings cannot leak into one, and pytest options meant for the parent run only.
CLEARED = ("NPY_DISABLE_CPU_FEATURES", "NPY_ENABLE_CPU_FEATURES", "OPENBLAS_CORETYPE", "OPENBLAS_VERBOSE",
           "PYTEST_ADDOPTS", "PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")

PROBE = """
import json, numpy
from numpy._core import _multiarray_umath as m
blas = numpy.__config__.CONFIG["Build Dependencies"]["blas"]["name"]
print(json.dumps({"dispatch": list(m.__cpu_dispatch__),
                  "enabled": sorted(k for k, v in m.__cpu_features__.items() if v), "blas": blas}))
"""


def clean_env(**switches: str) -> dict[str, str]:
    """This process's environment without CLEARED, plus the given switches."""
    return {**{k: v for k, v in os.environ.items() if k not in CLEARED}, **switches}


def probe(python: str = sys.executable, **switches: str) -> dict:
    """What numpy and OpenBLAS run with under these variables: numpy's dispatch targets and
    enabled SIMD features, the BLAS, and the OpenBLAS kernel ("Core: <name>" at load time)."""
    run = subprocess.run([python, "-c", PROBE], env=clean_env(OPENBLAS_VERBOSE="2", **switches),
                         capture_output=True, text=True, timeout=120, check=True)
    found = json.loads(run.stdout.strip().splitlines()[-1])
    core = re.search(r"Core: (\w+)", run.stdout + run.stderr)
    found["core"] = core[1] if core else None
    return found


def _avx512(features) -> list[str]:
    return [f for f in features if "AVX512" in f or f == "X86_V4"]


def switches_for(path: str, native: dict) -> tuple[dict[str, str] | None, str]:
    """(environment variables that take the path, or None and the reason this machine cannot)."""
    dispatched_here = [f for f in native["dispatch"] if f in native["enabled"]]
    if path == "no-avx512":
        if not _avx512(dispatched_here):
            return None, "this CPU has no AVX-512: numpy without it is the native path, which plain nbval runs"
        return {"NPY_DISABLE_CPU_FEATURES": " ".join(_avx512(native["dispatch"]))}, ""
    if path == "sse-only":
        if not dispatched_here:
            return None, "numpy dispatches nothing beyond its baseline on this CPU: that is the native path"
        return {"NPY_DISABLE_CPU_FEATURES": " ".join(native["dispatch"])}, ""
    if path == "prescott":
        if platform.machine().lower() not in {"x86_64", "amd64"}:
            return None, f"OpenBLAS's Prescott kernel is x86-64 only; this is {platform.machine()}"
        if "openblas" not in native["blas"].lower():
            return None, f"numpy here uses {native['blas']}, not OpenBLAS"
        return {"OPENBLAS_CORETYPE": "Prescott"}, ""
    raise ValueError(f"unknown path {path!r}; known: {sorted(PATHS)}")


def check_the_path_is_taken(switches: dict[str, str], native: dict, python: str = sys.executable) -> None:
    """Fail unless numpy/OpenBLAS really run differently from native under `switches`."""
    seen = probe(python, **switches)
    if "NPY_DISABLE_CPU_FEATURES" in switches:
        wanted_off = set(switches["NPY_DISABLE_CPU_FEATURES"].split()) & set(native["enabled"])
        still_on = wanted_off & set(seen["enabled"])
        assert wanted_off and not still_on, (
            f"NPY_DISABLE_CPU_FEATURES={switches['NPY_DISABLE_CPU_FEATURES']!r} left {sorted(still_on)} on: "
            "numpy ignores names it does not dispatch, so this would be a second native run")
    if "OPENBLAS_CORETYPE" in switches:
        assert seen["core"] and seen["core"] != native["core"], (
            f"OPENBLAS_CORETYPE={switches['OPENBLAS_CORETYPE']} runs OpenBLAS kernel {seen['core']}, "
            f"the same as native ({native['core']})")


def describe(path: str, switches: dict[str, str]) -> str:
    return f"{PATHS[path]} ({' '.join(f'{k}={v!r}' for k, v in switches.items())})"


def nbval_failures(report: str) -> str:
    """Which cells failed, then nbval's diffs for the last of them (colour codes dropped)."""
    report = re.sub(r"\x1b\[[0-9;]*m", "", report)
    failed = re.findall(r"^FAILED (\S+?::Cell \d+|\S+)", report, re.M)
    details = report.split("= FAILURES =", 1)[-1] if "= FAILURES =" in report else report
    return f"{len(failed)} cells differ: {', '.join(failed)}\n...{details[-5000:]}"
