"""How much slower notebook 07's scalar autograd engine is than the matrix version, and how that grows with the data.

    .venv/bin/python benchmarks/autograd_speed.py

One epoch of batch gradient descent on XOR (3 sigmoid hidden units, seed 4, rate 1) with the
Value engine of ``helpers.maths.engine`` (zero, forward, backward, step) against ``helpers.maths.network.train``,
on the four samples and on the same samples repeated 10 and 100 times (the same loss and
gradients, 10 and 100 times the nodes). Each time is the fastest of several interleaved runs,
because the CPU is shared: a slower run was slowed by something else. ``measure()`` returns
the numbers as a dict; the notebook prints the ratios its own run measured, in a cell whose output
the tests do not compare (they depend on the machine).
"""
from __future__ import annotations

import platform
import sys

import numpy as np

from helpers.maths import autograd as ag
from helpers.maths import engine

__all__ = ["measure", "main"]

# copies of the four XOR samples -> epochs per timed run (about the same work for each size)
SIZES = {1: 200, 10: 20, 100: 2}


def measure(repeats: int = 7) -> dict:
    """Per-epoch seconds of the engine and of helpers.maths.network.train, their ratio, and the engine's cost per node."""
    rows = {}
    for copies, epochs in SIZES.items():
        run = ag.speed(engine.Value, copies=copies, epochs=epochs, repeats=repeats)
        rows[run.samples] = {"nodes": run.nodes, "edges": run.edges,
                             "engine_us_per_epoch": run.engine_seconds * 1e6,
                             "matrix_us_per_epoch": run.matrix_seconds * 1e6,
                             "ratio": run.ratio,
                             "engine_ns_per_node": run.engine_seconds / run.nodes * 1e9}
    return {"python": platform.python_version(), "numpy": np.__version__, "repeats": repeats,
            "samples": rows}


def main() -> dict:
    result = measure()
    print(f"XOR epoch, Value engine vs helpers.maths.network.train (Python {result['python']}, numpy {result['numpy']}, "
          f"fastest of {result['repeats']} runs)")
    print(f"{'samples':>8} {'nodes':>8} {'engine µs':>11} {'matrix µs':>10} {'ratio':>7} {'ns per node':>12}")
    for samples, row in result["samples"].items():
        print(f"{samples:>8} {row['nodes']:>8,} {row['engine_us_per_epoch']:>11.0f} {row['matrix_us_per_epoch']:>10.0f}"
              f" {row['ratio']:>6.0f}x {row['engine_ns_per_node']:>12.0f}")
    return result


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
