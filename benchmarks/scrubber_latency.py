"""How long one move of the epoch scrubber takes, kernel side (target: p50 <= 60 ms).

    .venv/bin/python benchmarks/scrubber_latency.py

``measure()`` builds the scrubber of notebook 05's plateau run (two hidden units, seed 4,
learning rate 1, 5000 epochs, a snapshot every 50), warms it up, then moves the epoch
slider over every snapshot once, in an order that never repeats the value shown, and
returns p50/p95/max in ms from the new value to new PNG bytes in the widget (as
``widget_latency.measure`` does), the same for the process's CPU time (which a machine
shared with other work inflates far less than wall time), and the picture's size.
``benchmarks/run.py`` can call it next to the slider latencies.
"""
from __future__ import annotations

import time

import numpy as np

from helpers.maths import network
from helpers.maths.recording import record
from helpers.views import scrubber

__all__ = ["plateau_scrubber", "measure", "main"]


def plateau_scrubber():
    """The scrubber of notebook 05's plateau-and-escape run, and every epoch it can show."""
    run = record(network.init_network(2, seed=4), network.XOR_X, network.XOR_T, lr=1.0, epochs=5000, every=50)
    return scrubber.scrubber(run), [int(e) for e in run.epochs]


def _moves(view, epochs: list[int]) -> tuple[list[float], list[float]]:
    """Wall and CPU ms of each move to the given epochs; a move that leaves the picture as it was is an error."""
    wall, cpu = [], []
    for epoch in epochs:
        before = view.image.value
        w, c = time.perf_counter(), time.process_time()
        view.controls["epoch"].value = epoch  # as a drag in the browser does
        wall.append((time.perf_counter() - w) * 1000)
        cpu.append((time.process_time() - c) * 1000)
        if view.image.value is before:
            raise RuntimeError(f"moving to epoch {epoch} did not redraw the picture")
    return wall, cpu


def measure() -> dict:
    """p50/p95/max ms per scrub move over every snapshot (wall and CPU), the move count, the PNG's kB."""
    view, epochs = plateau_scrubber()
    order = epochs[1::2] + epochs[::2][::-1]  # every snapshot once; never the value already shown
    _moves(view, order[:5])                    # warm-up: font caches, the first background
    wall, cpu = _moves(view, order[5:] + order[:5])
    return {"p50": float(np.percentile(wall, 50)), "p95": float(np.percentile(wall, 95)), "max": float(max(wall)),
            "cpu_p50": float(np.percentile(cpu, 50)), "cpu_p95": float(np.percentile(cpu, 95)),
            "moves": len(wall), "png_kB": len(view.image.value) / 1000}


def main() -> dict:
    r = measure()
    print(f"epoch scrubber, {r['moves']} moves: p50 {r['p50']:.1f} ms, p95 {r['p95']:.1f} ms, max {r['max']:.1f} ms "
          f"(target p50 <= 60 ms); CPU p50 {r['cpu_p50']:.1f} ms, p95 {r['cpu_p95']:.1f} ms; PNG {r['png_kB']:.0f} kB")
    return r


if __name__ == "__main__":
    main()
