"""Partial redraw (helpers.views.redraw.FastCanvas) against a plain full redraw, per control, kernel side.

    .venv/bin/python benchmarks/redraw_compare.py

Each notebook runs top to bottom in a fresh kernel; then every control of every live view is moved
20 arrow-key steps twice: with the partial redraw the views were built with, and with a plain
canvas that draws the whole figure on every move (the layout still frozen after the first draw, so
the axes stay put). Prints p50/p95 ms per control for both, and writes artifacts/redraw_compare.json.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "benchmarks")]

PROBE = f"""
import json, sys
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
sys.path.insert(0, {str(ROOT / "benchmarks")!r})
from widget_latency import measure_live_views
from helpers.views.controls import live_views
from helpers.views.show import compact_png, encode_png


class PlainCanvas:
    def __init__(self, fig, dpi):
        fig.set_dpi(dpi)
        self.fig, self.canvas = fig, FigureCanvasAgg(fig)

    def png(self):
        self.canvas.draw()
        self.fig.set_layout_engine("none")
        for ax in self.fig.axes:
            for artist in ax.get_children():
                artist.set_animated(False)
        return encode_png(np.asarray(self.canvas.buffer_rgba()))

    def compact_png(self):
        return compact_png(np.asarray(self.canvas.buffer_rgba())[..., :3])


partial = measure_live_views(20)
for view in live_views():
    view._canvas = PlainCanvas(view.fig, view.dpi)
plain = measure_live_views(20)
print(json.dumps({{"partial": partial, "plain": plain}}))
"""


def main() -> None:
    import nbformat
    from nbclient import NotebookClient

    results = {}
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        client = NotebookClient(nb, timeout=600, kernel_name="python3", extra_arguments=["--IPKernelApp.log_level=ERROR"],
                                resources={"metadata": {"path": str(path.parent)}})
        with client.setup_kernel():
            for index, cell in enumerate(nb.cells):
                client.execute_cell(cell, index)
            probe = nbformat.v4.new_code_cell(PROBE)
            nb.cells.append(probe)
            client.execute_cell(probe, len(nb.cells) - 1)
        printed = "".join(o.get("text", "") for o in probe.outputs if o.get("name") == "stdout")
        found = json.loads(printed.strip().splitlines()[-1])
        for view in found["partial"]:
            results[f"{path.stem} {view}"] = {mode: {k: found[mode][view][k] for k in ("p50", "p95", "max")}
                                              for mode in ("partial", "plain")}
    print(f"{'control':<72} {'partial p50':>11} {'plain p50':>10} {'plain p95':>10}")
    for name, r in results.items():
        print(f"{name[:72]:<72} {r['partial']['p50']:>11.1f} {r['plain']['p50']:>10.1f} {r['plain']['p95']:>10.1f}")
    import numpy as np
    for mode in ("partial", "plain"):
        p50s = [r[mode]["p50"] for r in results.values()]
        print(f"{mode}: median of the controls' p50 {np.median(p50s):.1f} ms, worst p50 {max(p50s):.1f} ms")
    out = ROOT / "artifacts"
    out.mkdir(exist_ok=True)
    (out / "redraw_compare.json").write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
