"""How long a slider move takes, from the new value to new PNG bytes in the widget.

Run ``.venv/bin/python benchmarks/widget_latency.py`` to time 50 moves of notebook 03's
learning-rate explorer and print p50/p95 in ms (target: p50 ≤ 60 ms on a 2-core machine).
``measure(view, control, values)`` is importable so ``benchmarks/run.py`` can time any
:class:`helpers.views.controls.SliderFigure`. The time is measured in the kernel process: it
covers ``update`` + rendering + PNG encoding, not the trip to the browser and back.
``--kernel`` repeats it inside a real ipykernel (adds the widget comm messages);
``--baseline`` times the old full ``savefig`` redraw for comparison.
``measure_live_views()`` times every control of every live view the way a learner's
arrow keys move it (``benchmarks/run.py`` calls it in each notebook's kernel after Run All).
"""
from __future__ import annotations

import argparse
import time
from typing import Iterable

import numpy as np
from ipywidgets import SelectionSlider

from helpers.views.controls import SliderFigure
from helpers.views.show import render_png

__all__ = ["measure", "measure_live_views", "keyboard_walk", "explorer_03", "in_kernel", "main"]


def measure(view: SliderFigure, control: str, values: Iterable) -> dict:
    """Move ``view``'s control through ``values``; return p50/p95/max in ms and the move count.

    Each sample is the wall time from assigning the value to the new PNG bytes being in
    ``view.image``; a move that leaves the image unchanged is an error (nothing was timed).
    """
    if control not in view.controls:
        raise ValueError(f"unknown control {control!r}; this figure has {sorted(view.controls)}")
    widget = view.controls[control]
    samples = []
    for value in values:
        before = view.image.value
        start = time.perf_counter()
        if isinstance(widget, SelectionSlider):  # a grid slider: move by position, as the browser does
            widget.index = int(np.argmin([abs(option - value) for _, option in widget.options]))
        else:
            widget.value = value
        samples.append((time.perf_counter() - start) * 1000)
        if view.image.value is before:
            raise RuntimeError(f"setting {control}={value!r} did not redraw the image (same value as before?)")
    return _summary(samples)


def keyboard_walk(control, moves: int) -> list[tuple[str, object]]:
    """``moves`` (attribute, value) settings that step ``control`` one arrow key at a time from where
    it is, turning round at the ends of its range, as a learner holding an arrow key would."""
    if hasattr(control, "index") and hasattr(control, "options"):  # grid slider, buttons, drop-down
        attribute, position, low, high, step = "index", control.index, 0, len(control.options) - 1, 1
    elif hasattr(control, "base"):  # FloatLogSlider: the keys step the exponent
        attribute, position, low, high, step = "exponent", np.log(control.value) / np.log(control.base), \
            control.min, control.max, control.step
    elif isinstance(getattr(control, "value", None), bool):
        return [("value", not control.value if k % 2 == 0 else control.value) for k in range(moves)]
    else:  # IntSlider, FloatSlider, Play
        attribute, position, low, high, step = "value", control.value, control.min, control.max, control.step or 1
    direction, walk = 1, []
    for _ in range(moves):
        if not low <= position + direction * step <= high:
            direction = -direction
        position = position + direction * step
        if attribute == "exponent":
            walk.append(("value", float(float(control.base) ** position)))
        else:
            walk.append((attribute, type(getattr(control, attribute))(position)))
    return walk


def measure_live_views(moves: int = 20) -> dict[str, dict]:
    """Every control of every live :class:`SliderFigure` (``helpers.views.controls.live_views()``), moved
    ``moves`` arrow-key steps; p50/p95/max ms and the samples per control, keyed "view N: description".

    The controls are put back where they were afterwards. A move that does not redraw is an error.
    """
    from helpers.views.controls import live_views

    results = {}
    for number, view in enumerate(live_views(), 1):
        for name, control in view.controls.items():
            start_at = {key: getattr(control, key) for key in ("index", "value") if hasattr(control, key)}
            samples = []
            for attribute, value in keyboard_walk(control, moves):
                before = view.image.value
                start = time.perf_counter()
                setattr(control, attribute, value)
                samples.append((time.perf_counter() - start) * 1000)
                if view.image.value is before:
                    raise RuntimeError(f"view {number} {name}: {attribute}={value!r} did not redraw the picture")
            setattr(control, *next(iter(start_at.items())))
            results[f"view {number}: {control.description or name}"] = {
                **_summary(samples), "samples": [round(ms, 2) for ms in samples]}
    return results


def _summary(samples: list[float]) -> dict:
    """p50, p95 and max of the timings in ms, and how many there were."""
    if not samples:
        raise ValueError("values must hold at least one value to time")
    ms = np.array(samples)
    return {"p50": float(np.percentile(ms, 50)), "p95": float(np.percentile(ms, 95)),
            "max": float(ms.max()), "moves": len(samples)}


def explorer_03() -> tuple[SliderFigure, str, list[float]]:
    """Notebook 03's explorer and 50 moves over every position of its slider (all regimes)."""
    from helpers.views import single_weight as single_weight_plots

    view = single_weight_plots.explorer()
    grid = [value for _, value in view.controls["lr"].options]
    order = grid[::2] + grid[1::2][::-1]  # every rate, no move to the value already shown
    return view, "lr", (order * 3)[1:51]


def full_render_baseline(view: SliderFigure, control: str, values: Iterable) -> dict:
    """The same moves done the way SliderFigure did before blitting: ``update`` then a full ``savefig``."""
    samples = []
    for value in values:
        start = time.perf_counter()
        view.update(**{control: value})
        render_png(view.fig, view.dpi)
        samples.append((time.perf_counter() - start) * 1000)
    return _summary(samples)


def in_kernel(timeout: float = 120) -> dict:
    """Run the same 50 moves inside a real ipykernel, where every image update is also sent over the widget comm."""
    import json
    from pathlib import Path

    from jupyter_client.manager import start_new_kernel

    here = Path(__file__).resolve().parent
    code = (f"import sys, json; sys.path.insert(0, {str(here)!r})\n"
            "from widget_latency import explorer_03, measure\n"
            "view, control, values = explorer_03(); measure(view, control, values[:5])\n"
            "print(json.dumps(measure(view, control, values)))")
    outputs: list[dict] = []
    manager, client = start_new_kernel(kernel_name="python3")
    try:
        reply = client.execute_interactive(code, timeout=timeout, output_hook=lambda msg: outputs.append(msg))
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"the kernel failed: {reply['content'].get('ename')}: {reply['content'].get('evalue')}")
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    lines = [m["content"]["text"] for m in outputs if m["msg_type"] == "stream" and m["content"]["name"] == "stdout"]
    return json.loads("".join(lines).strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> dict:
    """Time the 03 explorer (after one warm-up pass) and print the result; ``--baseline`` adds savefig."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", action="store_true", help="also time a full savefig render per move")
    parser.add_argument("--kernel", action="store_true", help="also time the moves inside a real ipykernel")
    args = parser.parse_args(argv)
    view, control, values = explorer_03()
    measure(view, control, values[:5])  # warm-up: font caches, first background
    result = measure(view, control, values)
    print(f"03 learning-rate explorer, {result['moves']} moves: p50 {result['p50']:.1f} ms, "
          f"p95 {result['p95']:.1f} ms, max {result['max']:.1f} ms (target p50 ≤ 60 ms); "
          f"PNG {len(view.image.value) / 1000:.0f} kB")
    if args.baseline:
        base = full_render_baseline(view, control, values)
        print(f"full savefig render per move (old approach): p50 {base['p50']:.1f} ms, p95 {base['p95']:.1f} ms")
    if args.kernel:
        kernel = in_kernel()
        print(f"inside an ipykernel (comm messages included): p50 {kernel['p50']:.1f} ms, p95 {kernel['p95']:.1f} ms")
    return result


if __name__ == "__main__":
    main()
