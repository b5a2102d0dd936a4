"""The slider notebooks work in a real browser: JupyterLab + Debian's chromium, driven by Playwright.

For each notebook: open it, wait for an idle kernel, clear and run all cells from the Run
menu, check that no cell shows an error, then press Home (or End) on the learning-rate
slider and check that the plot's pixels and both readouts change. Screenshots of every
page of the notebook and of the widget before/after land in artifacts/browser/.
Skips on a machine without chromium or playwright (or without the notebook); fails under
CI=true instead, where .ci/run installs both and the notebooks must be there.
"""
from __future__ import annotations

import json
import re
import statistics
from pathlib import Path

import numpy as np
import pytest
from conftest import require

import lab_browser

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "artifacts" / "browser"
NOTEBOOKS = ["03_single_weight.ipynb", "05_xor_network.ipynb"]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    why = lab_browser.missing_browser_tools()
    require(why is None, why or "")
    with lab_browser.running_lab(tmp_path_factory.mktemp("lab")) as running:
        yield running


@pytest.fixture
def page(lab):
    with lab_browser.chromium_page() as page:
        yield page


def changed_fraction(before: np.ndarray, after: np.ndarray) -> float:
    """Share of pixels that differ between two screenshots of the same element."""
    assert before.shape == after.shape, f"the plot changed size: {before.shape} -> {after.shape}"
    return float(np.any(before != after, axis=-1).mean())


def shows_number(text: str, value: float) -> bool:
    """Whether ``text`` contains ``value`` to the 3 significant digits a readout prints."""
    numbers = [float(n) for n in re.findall(r"[-+]?\d*\.?\d+(?:[eE][-+]?\d+)?", text)]
    return any(np.isclose(n, value, rtol=5e-3, atol=0) for n in numbers)


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs_and_its_slider_redraws_in_the_browser(name, lab, page):
    require((ROOT / "notebooks" / name).exists(), f"notebooks/{name} does not exist (renamed?)")
    stem = name.removesuffix(".ipynb")
    lab_browser.open_notebook(page, lab, name)
    seconds = lab_browser.clear_and_run_all(page)
    errors = lab_browser.error_outputs(page)
    lab_browser.screenshot_pages(page, ARTIFACTS, stem)
    assert not errors, f"{name} shows errors in JupyterLab:\n" + "\n---\n".join(errors)

    slider = lab_browser.RateSlider(page)
    assert slider.exists(), f"{name} has no SliderFigure with a 'learning rate' slider"
    slider.image.scroll_into_view_if_needed()
    slider.settle()
    value, readout, pixels = slider.value_text(), slider.readout(), slider.pixels()
    slider.box.screenshot(path=str(ARTIFACTS / f"{stem}-slider-before.png"))

    latencies = [slider.press(slider.far_end())]
    slider.settle()
    new_value, new_readout = slider.value_text(), slider.readout()
    slider.box.screenshot(path=str(ARTIFACTS / f"{stem}-slider-after.png"))
    assert new_value != value, f"the slider still shows {value} after an arrow key"
    assert new_readout != readout and shows_number(new_readout, float(new_value)), (
        f"readout did not follow the slider: {readout!r} -> {new_readout!r} (slider shows {new_value})")
    assert changed_fraction(pixels, slider.pixels()) > 0.01, "the plot did not change when the slider moved"

    for key in slider.wiggle_keys(6):  # a few more moves, for the latency record
        latencies.append(slider.press(key))
        slider.settle(150)
    (ARTIFACTS / f"{stem}-latency.json").write_text(json.dumps(
        {"run_all_seconds": round(seconds, 2), "key_to_redraw_ms": [round(ms, 1) for ms in latencies],
         "p50_ms": round(statistics.median(latencies), 1)}, indent=1))
    # Not a benchmark (benchmarks/run.py is), just "redraws while the learner waits".
    assert max(latencies) < 5000, latencies


RACE_CELLS = [
    "import ipywidgets as w\n"
    "from matplotlib.figure import Figure\n"
    "from helpers.widgets import SliderFigure\n"
    "fig = Figure(figsize=(3, 2))\n"
    "(line,) = fig.add_subplot().plot([0, 1], [0, 1])\n"
    "def update(rate):\n"
    "    line.set_ydata([0, rate])\n"
    "    return f'rate {rate:.3g}'\n"
    "slider = w.FloatLogSlider(value=0.1, min=-3, max=1, step=0.01, description='learning rate')\n"
    "view = SliderFigure(fig, {'rate': slider}, update)\n"
    "view",
    # 0.5 and 3.0 are off the slider's grid (the browser snaps them); 1.0 = 10**0 is on it.
    "for rate in (0.5, 3.0, 1.0):\n"
    "    view.set(rate=rate)",
]


def test_run_all_leaves_the_slider_where_the_code_put_it(lab, page):
    """A browser slider sends back its own snapped copy of a value set from code; under Run All
    such an echo of an earlier value must not land after the last value the notebook set."""
    import nbformat

    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in RACE_CELLS])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, lab.root / "notebooks" / "zz_slider_echo.ipynb")
    lab_browser.open_notebook(page, lab, "zz_slider_echo.ipynb")
    lab_browser.clear_and_run_all(page)
    assert not lab_browser.error_outputs(page)
    slider = lab_browser.RateSlider(page)
    slider.settle(800)
    assert shows_number(slider.value_text(), 1.0), f"slider ended at {slider.value_text()}, the code set 1.0"
    assert slider.readout() == "rate 1", f"the plot shows {slider.readout()!r}, the code set rate 1.0"
