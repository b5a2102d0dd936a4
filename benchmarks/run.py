"""All the series' speed numbers in one run (not a pass/fail test; see README "Benchmarks").

    .venv/bin/python benchmarks/run.py            # everything (about 2 minutes on 2 cores)
    .venv/bin/python benchmarks/run.py --no-browser

1. Whole series: every notebooks/*.ipynb executed top to bottom in a fresh kernel (nbclient),
   seconds per notebook and in total.                               target: total <= 30 s
2. Slider -> redraw, kernel side: ``benchmarks/widget_latency.measure`` on the learning-rate
   explorers of notebooks 03 and 04, and the 03 explorer inside a real ipykernel.
                                                                    target: p50 <= 60 ms
3. Slider -> redraw in the browser (when Debian's chromium and playwright are there): key press
   on the slider to the plot image's new ``src``, in JupyterLab.    target: p50 <= 150 ms
4. Default XOR training (notebook 04: 3 sigmoid hidden units, seed 4, rate 1, 2000 epochs of
   batch descent) with ``helpers.network.train`` against the same loop in plain numpy, and the
   31-rate grid behind the XOR slider: ``train_many_rates`` against 31 ``train`` calls.
5. Notebook 07's scalar autograd engine against the matrix version, per XOR epoch on 4, 40 and
   400 samples (``benchmarks/autograd_speed.measure``).
Results also go to artifacts/benchmarks.json.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "benchmarks"), str(ROOT / "tests")]

SERIES_TARGET_S, KERNEL_P50_MS, BROWSER_P50_MS = 30.0, 60.0, 150.0


def verdict(value: float, target: float) -> str:
    return "OK" if value <= target else "OVER TARGET"


def series_times() -> dict[str, float]:
    """Seconds to execute each notebook in a fresh kernel, like a learner's Run All."""
    import nbformat
    from nbclient import NotebookClient

    times = {}
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        start = time.perf_counter()
        NotebookClient(nb, timeout=600, kernel_name="python3", extra_arguments=["--IPKernelApp.log_level=ERROR"],
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        times[path.name] = time.perf_counter() - start
    return times


def percentiles(samples: list[float]) -> dict:
    ms = np.array(samples, dtype=float)
    return {"p50": float(np.percentile(ms, 50)), "p95": float(np.percentile(ms, 95)),
            "max": float(ms.max()), "moves": len(samples)}


def kernel_latency() -> dict[str, dict]:
    """p50/p95 ms per slider move, measured in the kernel process by widget_latency.measure."""
    from widget_latency import explorer_03, in_kernel, measure

    from helpers import network_plots

    view, control, values = explorer_03()
    measure(view, control, values[:5])  # warm-up: font caches, first background
    results = {"03 learning-rate explorer": measure(view, control, values)}
    runs = network_plots.XorRuns()
    xor = network_plots.xor_explorer(runs, rate=1.0, n_hidden=3, seed=4)
    grid = [float(r) for r in runs.rates]
    order = grid[::2] + grid[1::2][::-1]  # every rate once, no move to the value already shown
    measure(xor, "rate", order[:5])
    results["04 XOR explorer (rate)"] = measure(xor, "rate", order[5:] + order[:5])
    results["03 explorer inside an ipykernel"] = in_kernel()
    return results


def browser_latency(presses: int = 20) -> dict[str, dict] | str:
    """Key press -> new plot image in JupyterLab + chromium, per notebook; or why it could not run."""
    import lab_browser

    why = lab_browser.missing_browser_tools()
    if why:
        return why
    results = {}
    with tempfile.TemporaryDirectory() as workdir, lab_browser.running_lab(Path(workdir)) as lab:
        for name in ("03_single_weight.ipynb", "05_xor_network.ipynb"):
            if not (ROOT / "notebooks" / name).exists():
                continue
            with lab_browser.chromium_page() as page:
                lab_browser.open_notebook(page, lab, name)
                lab_browser.clear_and_run_all(page)
                slider = lab_browser.RateSlider(page)
                slider.settle()
                samples = []
                for key in slider.wiggle_keys(presses + 2):
                    samples.append(slider.press(key))
                    slider.settle(150)
                results[name] = percentiles(samples[2:])  # the first two warm the page up
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
    from helpers import network as nw

    start = nw.init_network(3, seed=4, hidden="sigmoid", output="identity")
    helpers_s, run = best_of(5, lambda: nw.train(start, nw.XOR_X, nw.XOR_Y, lr=1.0, epochs=2000))
    numpy_s, losses = best_of(5, lambda: plain_numpy_xor(start.W, start.V, nw.XOR_X, nw.XOR_Y, 1.0, 2000))
    if not np.allclose(run.losses, losses, rtol=1e-9, atol=1e-15):
        raise AssertionError("the plain-numpy baseline does not compute the same losses as helpers.network.train")
    rates = np.logspace(-2, 1, 31)
    grid_s, _ = best_of(3, lambda: nw.train_many_rates(start, nw.XOR_X, nw.XOR_Y, rates, epochs=2000))
    one_by_one_s, _ = best_of(1, lambda: [nw.train(start, nw.XOR_X, nw.XOR_Y, lr=float(r), epochs=2000)
                                          for r in rates])
    return {"train_s": helpers_s, "plain_numpy_s": numpy_s, "final_loss": run.final_loss,
            "grid31_train_many_rates_s": grid_s, "grid31_one_by_one_s": one_by_one_s}


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-browser", action="store_true", help="skip the JupyterLab + chromium latency")
    args = parser.parse_args(argv)
    report: dict = {}

    print("1. Whole series, fresh kernel per notebook (nbclient)")
    times = report["series_s"] = series_times()
    for name, seconds in times.items():
        print(f"   {name:<34} {seconds:6.2f} s")
    total = sum(times.values())
    print(f"   {'total':<34} {total:6.2f} s   target <= {SERIES_TARGET_S:.0f} s: {verdict(total, SERIES_TARGET_S)}")

    print("2. Slider -> redraw, kernel side (benchmarks/widget_latency.measure)")
    report["kernel_ms"] = kernel_latency()
    for name, r in report["kernel_ms"].items():
        print(f"   {name:<34} p50 {r['p50']:6.1f} ms  p95 {r['p95']:6.1f} ms  ({r['moves']} moves)  "
              f"target p50 <= {KERNEL_P50_MS:.0f} ms: {verdict(r['p50'], KERNEL_P50_MS)}")

    print("3. Slider -> redraw in the browser (key press to new image src, JupyterLab + chromium)")
    browser = report["browser_ms"] = "skipped (--no-browser)" if args.no_browser else browser_latency()
    if isinstance(browser, str):
        print(f"   not measured: {browser}")
    for name, r in (browser.items() if isinstance(browser, dict) else []):
        print(f"   {name:<34} p50 {r['p50']:6.1f} ms  p95 {r['p95']:6.1f} ms  ({r['moves']} moves)  "
              f"target p50 <= {BROWSER_P50_MS:.0f} ms: {verdict(r['p50'], BROWSER_P50_MS)}")

    print("4. XOR training, notebook 04's default run (3 sigmoid hidden, seed 4, rate 1, 2000 epochs)")
    x = report["xor"] = xor_training()
    print(f"   helpers.network.train        {x['train_s'] * 1000:7.1f} ms  (final loss {x['final_loss']:.3g})")
    print(f"   plain numpy, same loop       {x['plain_numpy_s'] * 1000:7.1f} ms  "
          f"(same losses; helpers/plain = {x['train_s'] / x['plain_numpy_s']:.2f}x)")
    print(f"   31-rate slider grid: train_many_rates {x['grid31_train_many_rates_s'] * 1000:.1f} ms vs "
          f"31 x train {x['grid31_one_by_one_s'] * 1000:.1f} ms "
          f"({x['grid31_one_by_one_s'] / x['grid31_train_many_rates_s']:.1f}x faster)")

    print("5. Scalar autograd (notebook 07's Value engine) vs helpers.network.train, per XOR epoch")
    from autograd_speed import measure as autograd_speed

    report["autograd"] = autograd_speed()
    for samples, row in report["autograd"]["samples"].items():
        print(f"   {samples:>3} samples: {row['nodes']:>6,} nodes, engine {row['engine_us_per_epoch']:8.0f} µs, "
              f"matrices {row['matrix_us_per_epoch']:6.0f} µs ({row['ratio']:.0f}x)")

    out = ROOT / "artifacts" / "benchmarks.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, indent=1))
    print(f"   (all numbers in {out.relative_to(ROOT)})")
    return report


if __name__ == "__main__":
    main()
