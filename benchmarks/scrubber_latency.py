"""How long one move of the epoch scrubber takes, kernel side (target: p50 <= 60 ms).

    .venv/bin/python benchmarks/scrubber_latency.py

``measure()`` builds the scrubber of notebook 05's plateau run (two hidden units, seed 4,
learning rate 1, 5000 epochs, a snapshot every 50), warms it up, then moves the epoch
slider over every snapshot once, in an order that never repeats the value shown, and
returns p50/p95/max in ms (from the new value to new PNG bytes in the widget) together
with the picture's size. ``benchmarks/run.py`` can call it next to the slider latencies.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from widget_latency import measure as measure_moves  # noqa: E402

from helpers import network, training_view  # noqa: E402

__all__ = ["plateau_scrubber", "measure", "main"]


def plateau_scrubber():
    """The scrubber of notebook 05's plateau-and-escape run, and every epoch it can show."""
    run = training_view.record(network.init_network(2, seed=4), network.XOR_X, network.XOR_Y,
                               lr=1.0, epochs=5000, every=50)
    return training_view.scrubber(run), [int(e) for e in run.epochs]


def measure() -> dict:
    """p50/p95/max ms per scrub move over every snapshot, the number of moves, and the PNG's kB."""
    view, epochs = plateau_scrubber()
    order = epochs[1::2] + epochs[::2][::-1]  # every snapshot once; never the value already shown
    measure_moves(view, "epoch", order[:5])    # warm-up: font caches, the first background
    result = measure_moves(view, "epoch", order[5:] + order[:5])
    result["png_kB"] = len(view.image.value) / 1000
    return result


def main() -> dict:
    result = measure()
    print(f"epoch scrubber, {result['moves']} moves: p50 {result['p50']:.1f} ms, p95 {result['p95']:.1f} ms, "
          f"max {result['max']:.1f} ms (target p50 <= 60 ms); PNG {result['png_kB']:.0f} kB")
    return result


if __name__ == "__main__":
    main()
