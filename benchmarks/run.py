"""All the series' speed numbers in one run (not a pass/fail test; see README "Benchmarks").

    .venv/bin/python benchmarks/run.py            # everything (a few minutes on 2 cores)
    .venv/bin/python benchmarks/run.py --no-browser

Every notebook in notebooks/ is covered, discovered at run time (a new notebook and every
new control are measured the day they land).

1. Whole series: every notebook executed top to bottom in a fresh kernel (nbclient), seconds
   per notebook (kernel start included) and in total.             target: total <= 30 s
2. Control -> new picture, kernel side: in each notebook's own kernel right after its run,
   every control of every live view (``helpers.views.controls.live_views()``) is moved 20 arrow-key
   steps (``widget_latency.measure_live_views``); per control and over all controls.
                                                                    target: p50 <= 60 ms
3. Key -> new picture in the browser (when Debian's chromium and playwright are there): every
   control of every notebook pressed by keyboard in JupyterLab (tests/lab_browser.py), from
   keydown to the new picture loaded in the page; per control and over all controls.
                                                                    target: p50 <= 150 ms
4. Default XOR training (3 sigmoid hidden units, seed 4, rate 1, 2000 epochs of batch descent)
   with ``helpers.maths.network.train`` against the same loop in plain numpy, and the 31-rate grid
   behind the XOR slider: ``many_runs.train_many_rates`` against 31 ``train`` calls.
                                                                    target: grid <= 2 s
5. Notebook 07's scalar autograd engine against the matrix version, per XOR epoch on 4, 40 and
   400 samples (``benchmarks/autograd_speed.measure``).
6. The XOR scrubber, when benchmarks/scrubber_latency.py exists: its ``measure()``.
                                                                    target: p50 <= 60 ms
7. One weight update on notebook 06's data (40 examples): batch (all 40) against stochastic (one),
   best of 5. Notebook 06 says a batch update costs little more than a one-example update, so a
   batch epoch (1 update) is much cheaper than a stochastic one (40).
                                                                    target: batch / one <= 3
Results also go to artifacts/benchmarks.json.
"""
from __future__ import annotations

import argparse
import importlib
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "benchmarks"), str(ROOT / "tests")]

SERIES_TARGET_S, KERNEL_P50_MS, BROWSER_P50_MS = 30.0, 60.0, 150.0
GRID_TARGET_S = 2.0          # the 31-rate grid behind a slider, computed while the learner waits
BATCH_UPDATE_TARGET = 3.0    # a 40-example update costs at most this many one-example updates
KERNEL_MOVES, BROWSER_MOVES = 20, 10  # per control; the browser's go back and forth (even: ends where it began)


def verdict(value: float, target: float) -> str:
    return "OK" if value <= target else "OVER TARGET"


def percentiles(samples: list[float]) -> dict:
    """p50, p95 and max in ms, and the number of samples."""
    ms = np.asarray(samples, dtype=float)
    if not len(ms):
        return {"p50": float("nan"), "p95": float("nan"), "max": float("nan"), "moves": 0}
    return {"p50": float(np.percentile(ms, 50)), "p95": float(np.percentile(ms, 95)),
            "max": float(ms.max()), "moves": len(ms)}


MEASURE_IN_KERNEL = f"""
import json, sys
sys.path.insert(0, {str(ROOT / "benchmarks")!r})
from widget_latency import measure_live_views
print(json.dumps(measure_live_views({KERNEL_MOVES})))
"""


def series_and_kernel_latency() -> tuple[dict[str, float], dict[str, dict]]:
    """Seconds to execute each notebook in a fresh kernel (a learner's Run All), and then, in the
    same kernel, ms per arrow-key step of every control of every view (see MEASURE_IN_KERNEL)."""
    import nbformat
    from nbclient import NotebookClient

    times, controls = {}, {}
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        client = NotebookClient(nb, timeout=600, kernel_name="python3", extra_arguments=["--IPKernelApp.log_level=ERROR"],
                                resources={"metadata": {"path": str(path.parent)}})
        start = time.perf_counter()
        with client.setup_kernel():
            for index, cell in enumerate(nb.cells):
                client.execute_cell(cell, index)
            times[path.name] = time.perf_counter() - start
            probe = nbformat.v4.new_code_cell(MEASURE_IN_KERNEL)
            nb.cells.append(probe)
            client.execute_cell(probe, len(nb.cells) - 1)
        printed = "".join(o.get("text", "") for o in probe.outputs if o.get("name") == "stdout")
        for view, summary in json.loads(printed.strip().splitlines()[-1]).items():
            controls[f"{path.stem} {view}"] = summary
    return times, controls


def browser_latency() -> dict[str, dict] | str:
    """Key press -> new picture in JupyterLab + chromium, per control of every notebook; or why it could not run."""
    import lab_browser

    why = lab_browser.missing_browser_tools()
    if why:
        return why
    results, names = {}, lab_browser.notebook_names()
    with tempfile.TemporaryDirectory() as workdir, lab_browser.lab_in_chromium(Path(workdir), names[0]) as lab_page:
        for name in names:
            report = lab_browser.drive_notebook(lab_page, name, None, moves_per_control=BROWSER_MOVES, films=False)
            for control in report.controls:
                results[f"{name.removesuffix('.ipynb')} view {control.view + 1}: {control.label} ({control.kind})"] = {
                    **percentiles(control.latencies), "samples": [round(ms, 1) for ms in control.latencies],
                    "problems": control.problems}
    return results


def plain_numpy_xor(W: np.ndarray, V: np.ndarray, X: np.ndarray, y: np.ndarray, lr: float,
                    epochs: int) -> np.ndarray:
    """The baseline: batch descent of the same 2-k-1 sigmoid/identity network, no helpers. Losses per epoch."""
    W, V = W.copy(), V.copy()
    inputs = np.column_stack([np.ones(len(X)), X])
    hidden = np.ones((len(X), len(V)))
    losses = np.empty(epochs + 1)
    for epoch in range(epochs + 1):
        z = 1.0 / (1.0 + np.exp(-(inputs @ W.T)))
        hidden[:, 1:] = z
        err = hidden @ V - y
        losses[epoch] = 0.5 * (err @ err) / len(y)
        if epoch < epochs:
            delta_hidden = np.outer(err, V[1:]) * z * (1.0 - z)
            W -= lr * (delta_hidden.T @ inputs) / len(y)
            V -= lr * (hidden.T @ err) / len(y)
    return losses


def best_of(repeats: int, work) -> tuple[float, object]:
    """Fastest wall time of ``repeats`` calls, in seconds, and the last result."""
    best, result = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - start)
    return best, result


def xor_training() -> dict[str, float]:
    from helpers.maths import many_runs
    from helpers.maths import network as nw

    start = nw.init_network(3, seed=4, hidden="sigmoid", output="identity")
    helpers_s, run = best_of(5, lambda: nw.train(start, nw.XOR_X, nw.XOR_T, lr=1.0, epochs=2000))
    numpy_s, losses = best_of(5, lambda: plain_numpy_xor(start.W, start.V, nw.XOR_X, nw.XOR_T, 1.0, 2000))
    if not np.allclose(run.losses, losses, rtol=1e-9, atol=1e-15):
        raise AssertionError("the plain-numpy baseline does not compute the same losses as helpers.maths.network.train")
    rates = np.logspace(-2, 1, 31)
    grid_s, _ = best_of(3, lambda: many_runs.train_many_rates(start, nw.XOR_X, nw.XOR_T, rates, epochs=2000))
    one_by_one_s, _ = best_of(1, lambda: [nw.train(start, nw.XOR_X, nw.XOR_T, lr=float(r), epochs=2000)
                                          for r in rates])
    return {"train_s": helpers_s, "plain_numpy_s": numpy_s, "final_loss": run.final_loss,
            "grid31_train_many_rates_s": grid_s, "grid31_one_by_one_s": one_by_one_s}


def update_cost() -> dict[str, float]:
    """Seconds per weight update on notebook 06's data (40 noisy XOR points, its start): batch, whose one update
    reads all 40 examples, against stochastic, one example per update; best of 5 runs each."""
    from helpers.maths import datasets, network as nw, practice

    X, t = datasets.noisy_xor(40, noise=0.15, seed=0)
    start = nw.init_network(4, seed=practice.START_SEED, scale=1.0)
    batch_s, _ = best_of(5, lambda: nw.train(start, X, t, lr=0.5, epochs=200, mode="batch", seed=0))
    single_s, _ = best_of(5, lambda: nw.train(start, X, t, lr=0.5, epochs=5, mode="stochastic", seed=0))
    per_batch, per_single = batch_s / 200, single_s / (5 * len(t))
    return {"batch_update_us": per_batch * 1e6, "single_update_us": per_single * 1e6,
            "batch_over_single": per_batch / per_single, "stochastic_epoch_over_batch_epoch": per_single * len(t) / per_batch}


def scrubber() -> dict | None:
    """benchmarks/scrubber_latency.py's ``measure()`` (the XOR scrubber), or None while that file does not exist."""
    if not (ROOT / "benchmarks" / "scrubber_latency.py").exists():
        return None
    return importlib.import_module("scrubber_latency").measure()


def print_controls(results: dict[str, dict], target: float) -> dict:
    """One line per control, then p50/p95 over every move of every control; returns that overall summary."""
    for name, r in results.items():
        flag = f"  PROBLEMS: {'; '.join(r['problems'])}" if r.get("problems") else ""
        print(f"   {name:<58} p50 {r['p50']:6.1f} ms  p95 {r['p95']:6.1f} ms  ({r['moves']} moves){flag}")
    overall = percentiles([ms for r in results.values() for ms in r["samples"]])
    print(f"   {'all ' + str(len(results)) + ' controls':<58} p50 {overall['p50']:6.1f} ms  p95 {overall['p95']:6.1f} ms  "
          f"({overall['moves']} moves)  target p50 <= {target:.0f} ms: {verdict(overall['p50'], target)}")
    return overall


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-browser", action="store_true", help="skip the JupyterLab + chromium latency")
    args = parser.parse_args(argv)
    report: dict = {}

    print("1. Whole series, fresh kernel per notebook (nbclient)")
    times, kernel = series_and_kernel_latency()
    report["series_s"] = times
    for name, seconds in times.items():
        print(f"   {name:<34} {seconds:6.2f} s")
    total = sum(times.values())
    print(f"   {'total':<34} {total:6.2f} s   target <= {SERIES_TARGET_S:.0f} s: {verdict(total, SERIES_TARGET_S)}")

    print(f"2. Control -> new picture, kernel side ({KERNEL_MOVES} arrow-key steps per control, in the notebook's kernel)")
    report["kernel_ms"] = kernel
    report["kernel_all_ms"] = print_controls(kernel, KERNEL_P50_MS)

    print(f"3. Key -> new picture in the browser (JupyterLab + chromium, {BROWSER_MOVES} key presses per control)")
    browser = "skipped (--no-browser)" if args.no_browser else browser_latency()
    report["browser_ms"] = browser
    if isinstance(browser, str):
        print(f"   not measured: {browser}")
    elif browser:
        report["browser_all_ms"] = print_controls(browser, BROWSER_P50_MS)

    print("4. XOR training, the XOR notebook's default run (3 sigmoid hidden, seed 4, rate 1, 2000 epochs)")
    x = report["xor"] = xor_training()
    print(f"   helpers.maths.network.train        {x['train_s'] * 1000:7.1f} ms  (final loss {x['final_loss']:.3g})")
    print(f"   plain numpy, same loop       {x['plain_numpy_s'] * 1000:7.1f} ms  "
          f"(same losses; helpers/plain = {x['train_s'] / x['plain_numpy_s']:.2f}x)")
    print(f"   31-rate slider grid: train_many_rates {x['grid31_train_many_rates_s'] * 1000:.1f} ms vs "
          f"31 x train {x['grid31_one_by_one_s'] * 1000:.1f} ms "
          f"({x['grid31_one_by_one_s'] / x['grid31_train_many_rates_s']:.1f}x faster)   "
          f"target <= {GRID_TARGET_S:.0f} s: {verdict(x['grid31_train_many_rates_s'], GRID_TARGET_S)}")

    print("5. Scalar autograd (notebook 07's Value engine) vs helpers.maths.network.train, per XOR epoch")
    from autograd_speed import measure as autograd_speed

    report["autograd"] = autograd_speed()
    for samples, row in report["autograd"]["samples"].items():
        print(f"   {samples:>3} samples: {row['nodes']:>6,} nodes, engine {row['engine_us_per_epoch']:8.0f} µs, "
              f"matrices {row['matrix_us_per_epoch']:6.0f} µs ({row['ratio']:.0f}x)")

    print("6. XOR scrubber, kernel side (benchmarks/scrubber_latency.py)")
    scrub = report["scrubber"] = scrubber()
    if scrub is None:
        print("   not measured: benchmarks/scrubber_latency.py does not exist yet")
    elif "p50" in scrub:
        print(f"   {'every snapshot once':<34} p50 {scrub['p50']:6.1f} ms  p95 {scrub['p95']:6.1f} ms  "
              f"({scrub.get('moves', '?')} moves)  target p50 <= {KERNEL_P50_MS:.0f} ms: "
              f"{verdict(scrub['p50'], KERNEL_P50_MS)}")
    for name, value in (scrub or {}).items():
        if name not in {"p50", "p95", "max", "moves"}:
            print(f"   {name:<34} {value}")

    print("7. One weight update on notebook 06's data (40 examples), best of 5")
    u = report["update_cost"] = update_cost()
    print(f"   batch (40 examples)  {u['batch_update_us']:7.1f} µs   stochastic (1 example) {u['single_update_us']:7.1f} µs   "
          f"batch / one = {u['batch_over_single']:.2f}, target <= {BATCH_UPDATE_TARGET:.0f}: "
          f"{verdict(u['batch_over_single'], BATCH_UPDATE_TARGET)}; a stochastic epoch costs "
          f"{u['stochastic_epoch_over_batch_epoch']:.0f} batch epochs")

    out = ROOT / "artifacts" / "benchmarks.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, indent=1, default=str))
    print(f"   (all numbers in {out.relative_to(ROOT)})")
    return report


if __name__ == "__main__":
    main()
