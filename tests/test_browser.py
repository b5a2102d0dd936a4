"""Every notebook works in a real browser: JupyterLab + Debian's chromium, driven by Playwright.

One JupyterLab (1280x900, file browser open: the ~840 px content column the pictures are
designed for) and one chromium page serve all notebooks in notebooks/ (discovered, so a new
notebook is covered the day it lands). For each notebook (tests/lab_browser.drive_notebook):
check that it opens without unsaved changes, clear and run all cells, then check

- no answer shows: no output says "correct!", and every worked solution stays folded;

- no cell shows an error or stderr output, every cell ran, no widget failed to display;
- every control is part of a SliderFigure view (``.bp-view``), so the test knows its picture;
- every control shows the value the last cell set, and every readout what the last cell
  left, compared with the widget state saved by ``tools/execute-notebooks`` (a run without
  a browser) and with the live kernel (``helpers.views.controls.live_views()``);
- every picture is displayed at its intended width (its layout width), and at device scale
  factor 2 has at least twice as many pixels across as it is displayed wide;
- every control (slider, toggle buttons, drop-down, checkbox, Play), moved one step by
  keyboard, changes its picture and its readout, and the browser then agrees with the
  kernel; the key -> new picture time is recorded (a move back puts it where it was);
- every view with a Play button plays as a film: sampled on every animation frame for 4 s,
  slider, readout and picture show one epoch (lab_browser.FILM_AGREE says how nearly); Pause
  stays on its frame, Start goes back to the first; at the first and last epoch the loss
  curve's markers are whole inside the axes. The same check fails on the old way of playing
  (the slider linked to the clock in the page).

A throw-away notebook checks the echo case (a slider set three times from code ends on the
last value) and that every kind of control can be driven. Each notebook is opened in the
front tab, as a learner opens it (its kernel is started ahead through the server's API).

Screenshots land in artifacts/browser/: every page in the light theme, the first view at
150 % browser zoom on a 1920x1080 screen, and one in JupyterLab Dark per notebook (at the
first exercise feedback box, and at the Play buttons where there are some); all numbers in
artifacts/browser/report.json. A summary naming
every notebook and control driven, with latencies and where the time went, is printed at
the end of the run.

Skips on a machine without chromium or playwright; fails under CI=true instead, where
.ci/run installs both.
"""
from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import require
from notebook_cells import widget_state

import lab_browser

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "artifacts" / "browser"
NOTEBOOKS = lab_browser.notebook_names()
# The notebooks whose saved widgets hold a Play button: each must show its films in the browser.
PLAYING = [n for n in NOTEBOOKS if any(m["model_name"] == "PlayModel" for m in widget_state(n).values())]

pytestmark = pytest.mark.slow


class BrowserSession:
    """One JupyterLab + one chromium page for the whole module; each notebook is driven once, on first use,
    and stays open (kernel idle) until its dark-theme screenshot is taken."""

    def __init__(self, lab_page: lab_browser.LabPage, selected: list[str]):
        self.lab, self.lab_page, self.selected = lab_page.lab, lab_page, selected
        self.seconds: dict[str, float] = {}  # where the wall time went, for the summary
        self.reports: dict[str, lab_browser.NotebookReport] = {}
        self.open: list[str] = []  # driven, kept open for the dark-theme screenshots
        self.dark: dict[str, Path] = {}
        self.failed: dict[str, Exception] = {}
        self.old_way: lab_browser.Film | None = None  # the film check run on the old way of playing

    def report(self, name: str) -> lab_browser.NotebookReport:
        """Drive notebook ``name`` (once)."""
        if name in self.failed:  # its other tests fail at once instead of driving it again
            raise self.failed[name]
        if name not in self.reports:
            # Each notebook is opened in the front tab, as a learner opens it: JupyterLab folds the collapsed
            # headings (the worked solutions) of a notebook opened in a background tab only once it is shown.
            start = time.monotonic()
            try:
                self.reports[name] = lab_browser.drive_notebook(self.lab_page, name, ARTIFACTS, keep_open=True,
                                                                started=self.lab_page.started(name))
            except Exception as error:
                self.failed[name] = error
                raise
            finally:
                self.add("notebooks", start)
            self.open.append(name)
        return self.reports[name]

    def add(self, what: str, since: float) -> None:
        self.seconds[what] = self.seconds.get(what, 0.0) + time.monotonic() - since

    def dark_screenshot(self, name: str) -> Path:
        """The notebook in JupyterLab Dark (taken for every open notebook at once: one theme switch)."""
        self.report(name)
        if name not in self.dark:
            start = time.monotonic()
            shots = lab_browser.dark_screenshots(self.lab_page, self.open, ARTIFACTS)
            self.add("dark theme", start)
            self.dark.update(zip(self.open, shots))
            self.open = []
        return self.dark[name]


@pytest.fixture(scope="module")
def browser(tmp_path_factory, request):
    why = lab_browser.missing_browser_tools()
    require(why is None, why or "")
    # The notebooks this run's tests ask for (all, unless -k picks some): only those run ahead,
    # the throw-away one last (it runs while the last notebook is photographed).
    mine = [item for item in request.session.items if getattr(item, "module", None) is request.module]
    asked = {item.callspec.params["name"] for item in mine
             if "name" in getattr(getattr(item, "callspec", None), "params", {})}
    selected = [name for name in NOTEBOOKS if name in asked]
    selected += [TINY] if any("tiny" in item.fixturenames for item in mine) else []
    start, cpu = time.monotonic(), cpu_seconds()
    with lab_browser.lab_in_chromium(tmp_path_factory.mktemp("lab"), first=selected[0] if selected else None) as page:
        write_tiny_notebook(page.lab.root / "notebooks" / TINY)
        session = BrowserSession(page, selected)
        session.add("JupyterLab + chromium start", start)
        yield session
    reports = [session.reports[name] for name in NOTEBOOKS if name in session.reports]
    lab_browser.write_report(reports, ARTIFACTS / "report.json", session.lab_page.console_errors)
    if reports:  # printed past pytest's capture, so every run names what it drove
        parts = ", ".join(f"{what} {seconds:.0f} s" for what, seconds in session.seconds.items())
        old = session.old_way
        lines = lab_browser.summary_lines(reports) + ([
            f"  05 view {old.view + 1} film played the old way (the slider linked to the clock in the page): "
            f"{old.agreeing} of {len(old.samples)} samples show one epoch "
            f"({old.agreeing / max(1, len(old.samples)):.0%}): {'FAILS' if old.problems else 'passes'} the check"]
            if old else []) + [
            f"  browser test wall time {time.monotonic() - start:.0f} s ({parts}); CPU time of the test, "
            f"JupyterLab, kernels and chromium {cpu_seconds() - cpu:.0f} s"]
        capture = request.config.pluginmanager.get_plugin("capturemanager")
        with capture.global_and_fixture_disabled():
            print("\n" + "\n".join(lines))


def cpu_seconds() -> float:
    """CPU seconds used by this process and every child process that has ended (JupyterLab with
    its kernels, chromium): on an idle 2-core machine the test takes at least half of it."""
    import resource

    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def stem(name: str) -> str:
    return name.removesuffix(".ipynb")


def listing(problems: list[str]) -> str:
    return "\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("name", NOTEBOOKS, ids=stem)
def test_runs_all_cells_without_errors(name, browser):
    report = browser.report(name)
    assert not report.errors, f"{name} in JupyterLab:" + listing(report.errors)
    shots = {p.name for p in report.screenshots}
    assert f"{stem(name)}-page00.png" in shots, sorted(shots)
    assert report.views == 0 or f"{stem(name)}-zoom150.png" in shots, sorted(shots)


@pytest.mark.parametrize("name", NOTEBOOKS, ids=stem)
def test_opens_without_unsaved_changes(name, browser):
    """Closing a notebook one only looked at must not ask "Save changes?": JupyterLab finds nothing to rewrite."""
    report = browser.report(name)
    assert report.dirty_on_open is False, f"{name} shows unsaved changes right after opening ({report.dirty_on_open})"


@pytest.mark.parametrize("name", NOTEBOOKS, ids=stem)
def test_run_all_keeps_the_answers_hidden(name, browser):
    """Run All is the rescue the series recommends: it must not show a solution or its verdict."""
    report = browser.report(name)
    assert not report.answers_shown, f"{name} after Run All:" + listing(report.answers_shown)


@pytest.mark.parametrize("name", NOTEBOOKS, ids=stem)
def test_every_control_belongs_to_a_view(name, browser):
    """A control outside a bp-view would not be driven: nothing says which picture it moves."""
    report = browser.report(name)
    assert not report.uncovered, f"{name}: controls outside any SliderFigure view:" + listing(report.uncovered)


@pytest.mark.parametrize("name", NOTEBOOKS, ids=stem)
def test_after_run_all_every_control_shows_what_the_last_cell_set(name, browser):
    report = browser.report(name)
    assert not report.end_state, f"{name} after Run All:" + listing(report.end_state)


@pytest.mark.parametrize("name", NOTEBOOKS, ids=stem)
def test_pictures_show_at_their_intended_width_with_twice_the_pixels(name, browser):
    problems = []
    for picture in browser.report(name).widths:
        where = f"view {picture['view'] + 1}"
        intended = lab_browser.css_pixels(picture["intended"])
        if intended is None:
            problems.append(f"{where}: the picture has no layout width in px (got {picture['intended']!r})")
        elif abs(picture["displayed"] - intended) > 1:
            problems.append(f"{where}: displayed {picture['displayed']:.0f} px wide, intended {intended:.0f} px")
        if picture["natural"] < 2 * picture["displayed"]:
            problems.append(f"{where}: {picture['natural']} px of picture for {picture['displayed']:.0f} px "
                            f"displayed (blurry at device scale factor 2; want >= 2x)")
    assert not problems, f"{name}:" + listing(problems)


@pytest.mark.parametrize("name", NOTEBOOKS, ids=stem)
def test_every_control_fits_at_every_zoom_and_width(name, browser):
    """1280, 1400 and 1920 px windows at 100, 150 and 200 % zoom, file browser open and closed: no control runs
    past the notebook's right edge (a slider's handle and number stay on screen), no row of buttons wraps."""
    problems = browser.report(name).fit
    assert not problems, f"{name}:" + listing(problems)


@pytest.mark.parametrize("name", NOTEBOOKS, ids=stem)
def test_every_control_moves_its_picture_and_readout(name, browser):
    report = browser.report(name)
    problems = [f"{c.name}: {p}" for c in report.controls for p in c.problems]
    assert not problems, f"{name}, one key press per control:" + listing(problems)
    # Not a benchmark (benchmarks/run.py is), just "redraws while the learner waits".
    slow = [f"{c.name}: {max(c.latencies):.0f} ms" for c in report.controls if c.latencies and max(c.latencies) > 5000]
    assert not slow, "key -> new picture took over 5 s:" + listing(slow)


@pytest.mark.parametrize("name", PLAYING, ids=stem)
def test_play_shows_one_epoch_at_a_time(name, browser):
    """Issue 26: while playing, slider, readout and picture show one epoch, sampled on every animation frame
    (tolerance: lab_browser.FILM_AGREE); Pause stays on its frame; Start goes back to the first, paused."""
    report = browser.report(name)
    assert report.films, f"{name} saves a Play button, but none was played in the page"
    problems = [f"view {film.view + 1}: {p}" for film in report.films for p in film.problems]
    assert not problems, f"{name}:" + listing(problems)


@pytest.mark.parametrize("name", PLAYING, ids=stem)
def test_loss_curve_markers_stay_inside_the_axes(name, browser):
    """Issue 26: at the first epoch (Start) and the last (End on the slider) the loss curve's markers are whole."""
    report = browser.report(name)
    assert report.films, f"{name} saves a Play button, but none was played in the page"
    problems = [f"view {film.view + 1}: {m}" for film in report.films for m in film.markers]
    assert not problems, f"{name}:" + listing(problems)


def test_the_film_check_fails_when_the_slider_runs_ahead_of_the_picture(browser):
    """The check of the check: 05's first scrubber played the old way, its clock linked to the slider in the
    page (the kernel redraws when the slider's value arrives), must fail the film check."""
    name = "05_xor_network.ipynb"
    report = browser.report(name)
    page = browser.lab_page
    page.activate(name)
    views = page.views()
    v = next(v for v, view in enumerate(views) if any(c["kind"] == "play" for c in view["controls"]))
    film = browser.old_way = lab_browser.play_film(page, v, views[v]["model"], old_way=True)
    new = report.films[0]
    assert film.problems, (f"linked in the page, {film.agreeing} of {len(film.samples)} samples showed one epoch "
                           f"(played through the kernel: {new.agreeing} of {len(new.samples)})")
    assert film.agreeing / len(film.samples) < lab_browser.FILM_AGREE <= new.agreeing / len(new.samples)


@pytest.mark.parametrize("name", NOTEBOOKS, ids=stem)
def test_dark_theme_screenshot(name, browser):
    """One screenshot per notebook in JupyterLab Dark (issue 20: readable feedback boxes), for a person to look at."""
    shot = browser.dark_screenshot(name)
    assert shot.stat().st_size > 10_000, f"{shot} is (nearly) empty"


# A throw-away notebook for two checks the series' notebooks cannot make on demand.
TINY_CELLS = [
    # View 1, the echo case: 0.5 and 3.0 are off a FloatLogSlider's grid (a browser would snap
    # them and could send the snapped copy back); 1.0 = 10**0 is on it.
    "import ipywidgets as w\n"
    "from matplotlib.figure import Figure\n"
    "from helpers.views.controls import SliderFigure\n"
    "fig = Figure(figsize=(3, 2))\n"
    "(line,) = fig.add_subplot().plot([0, 1], [0, 1])\n"
    "def update(rate):\n"
    "    line.set_ydata([0, rate])\n"
    "    return f'rate {rate:.3g}'\n"
    "slider = w.FloatLogSlider(value=0.1, min=-3, max=1, step=0.01, description='learning rate')\n"
    "view = SliderFigure(fig, {'rate': slider}, update)\n"
    "view",
    "for rate in (0.5, 3.0, 1.0):\n"
    "    view.set(rate=rate)",
    # View 2: one control of every kind a notebook may use (the harness must drive them all
    # before a notebook brings the first one): a Play button on a slider, toggle buttons, a
    # drop-down and a checkbox.
    "kinds_fig = Figure(figsize=(3, 2))\n"
    "ax = kinds_fig.add_subplot(xlim=(-1, 11), ylim=(-1, 3))\n"
    "(dot,) = ax.plot([0], [0], 'o')\n"
    "SHAPES, COLOURS = ['o', 's', '^'], ['tab:blue', 'tab:orange', 'tab:green']\n"
    "def draw(step, shape, colour, big):\n"
    "    dot.set_data([step], [SHAPES.index(shape)])\n"
    "    dot.set_marker(shape)\n"
    "    dot.set_color(colour)\n"
    "    dot.set_markersize(16 if big else 8)\n"
    "    return f'step {step}, marker {shape}, {colour}, {\"big\" if big else \"small\"}'\n"
    "kinds = SliderFigure(kinds_fig, {\n"
    "    'step': w.IntSlider(value=0, min=0, max=10, description='step'),\n"
    "    'shape': w.ToggleButtons(options=SHAPES, value='o', description='marker'),\n"
    "    'colour': w.Dropdown(options=COLOURS, value='tab:blue', description='colour'),\n"
    "    'big': w.Checkbox(value=False, description='big')}, draw, play='step')\n"
    "kinds",
]
TINY = "zz_browser_harness.ipynb"


def write_tiny_notebook(path: Path) -> None:
    import nbformat

    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in TINY_CELLS])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, path)


@pytest.fixture(scope="module")
def tiny(browser):
    """The tiny notebook, run: (browser views, kernel probe) right after Run All; closed at the end."""
    page, start = browser.lab_page, time.monotonic()
    try:
        if not page.started(TINY):
            page.start(TINY)
        page.wait_run(TINY)
        page.activate(TINY)
        page.settle(800)
        assert not page.errors()
        yield page.views(), page.kernel()
    finally:
        page.close(TINY)
        browser.add("tiny notebook", start)


def test_run_all_leaves_the_slider_where_the_code_put_it(tiny):
    """A browser slider sends back its own snapped copy of a value set from code; under Run All
    such an echo of an earlier value must not land after the last value the notebook set."""
    views, kernel = tiny
    shown = views[0]["controls"][0]["value"]
    assert lab_browser.displayed_number_matches(shown, 1.0), f"slider ended at {shown}, the code set 1.0"
    assert views[0]["readout"] == "rate 1", f"the plot shows {views[0]['readout']!r}, the code set rate 1.0"
    assert kernel["views"][0]["readout"] == "rate 1", kernel["views"][0]
    assert float(kernel["views"][0]["values"]["rate"]) == 1.0, kernel["views"][0]


def test_the_harness_drives_every_kind_of_control(tiny, browser):
    """Play, slider, toggle buttons, drop-down, checkbox: each pressed by keyboard moves the picture."""
    views, _ = tiny
    kinds = [c["kind"] for c in views[1]["controls"]]
    assert sorted(kinds) == ["checkbox", "dropdown", "play", "slider", "toggle"], kinds
    tops = {(v["cell"], v["output"]): v["model"] for v in views}
    problems = []
    for c, control in enumerate(views[1]["controls"]):
        report = lab_browser.drive_control(browser.lab_page, TINY, 1, c, control, 2, tops)
        problems += [f"{report.name}: {p}" for p in report.problems]
    assert not problems, listing(problems)


# --- the harness's own reading of what a view shows (no browser needed) ---------------------

@pytest.mark.parametrize("shown, value, same", [
    ("0.80", 0.7999999999999999, True), ("0.804", 0.8, False), ("0.800", 0.8, True), ("1.26", 1.2589, True),
    ("3", 3, True), ("3", 4, False), ("1.00e-2", 0.01, True), ("−0.40", -0.4, True), ("0.33", 1 / 3, True),
    ("0.33", 0.34, False), ("", 0.0, False), ("n/a", 0.0, False)])
def test_a_slider_readout_is_compared_to_its_last_shown_digit(shown, value, same):
    assert lab_browser.displayed_number_matches(shown, value) is same


def test_readout_html_is_read_as_the_browser_shows_it():
    assert lab_browser.html_text("<b>final loss < 1e-12,<br>p &lt; 0.5</b>") == "final loss < 1e-12, p < 0.5"


def test_views_are_found_in_a_widget_state_by_their_classes():
    """A saved widget state (as tools/execute-notebooks stores it) read like the browser's DOM."""
    def model(name, **state):
        return {"model_name": name, "state": state}

    state = {
        "box": model("VBoxModel", _dom_classes=["bp-view"], children=["IPY_MODEL_row", "IPY_MODEL_label", "IPY_MODEL_img"]),
        "row": model("VBoxModel", _dom_classes=[], children=["IPY_MODEL_lr", "IPY_MODEL_units"]),
        "lr": model("SelectionSliderModel", _dom_classes=["bp-control"], description="rate", index=1,
                    _options_labels=["0.1", "0.3", "1"]),
        "units": model("IntSliderModel", _dom_classes=["bp-control"], description="hidden units", value=3),
        "label": model("HTMLModel", _dom_classes=["bp-readout"], value="<b>rate 0.3: loss &lt; 1e-12</b>"),
        "img": model("ImageModel", _dom_classes=["bp-picture"], layout="IPY_MODEL_layout"),
        "layout": model("LayoutModel", width="640px"),
    }
    (view,) = lab_browser.views_in_state(state, "box")
    assert [(c.description, c.value) for c in view.controls] == [("rate", "0.3"), ("hidden units", 3)]
    assert view.readout == "rate 0.3: loss < 1e-12" and view.picture_width == "640px"
    shown = {"index": 0, "readout": "rate 0.3: loss < 1e-12",
             "controls": [{"kind": "slider", "label": "rate", "value": "0.3"},
                          {"kind": "slider", "label": "hidden units", "value": "4"}]}
    assert lab_browser.compare_with([view], shown, "the kernel") == [
        "view 1 control 'hidden units': shows '4', expected 3 (the kernel)"]
    assert lab_browser.css_pixels(view.picture_width) == 640 and lab_browser.css_pixels("100%") is None


def film(*shown: tuple, every_ms: float = 16.7) -> list[dict]:
    """Samples of a film, one per animation frame: (slider, readout, picture) each."""
    return [{"t": i * every_ms, "slider": s, "readout": r, "picture": p} for i, (s, r, p) in enumerate(shown)]


def test_a_film_passes_when_each_change_of_frame_is_over_before_the_next():
    frames = [str(10 * k) for k in range(12)]
    shown = []
    for k, epoch in enumerate(frames):  # 9 samples a frame; 1 of them mid-change: new slider and readout, old picture
        shown += [(epoch, epoch, frames[k - 1] if k else epoch)] + [(epoch,) * 3] * 8
    assert lab_browser.film_problems(film(*shown), 150) == []


def test_a_film_fails_when_the_slider_runs_ahead_or_frames_lag():
    frames = [str(10 * k) for k in range(12)]
    ahead = []  # the page moves the slider; readout and picture follow a kernel round later, for 3 of 9 samples
    for k, epoch in enumerate(frames):
        before = frames[k - 1] if k else epoch
        ahead += [(epoch, before, before)] * 3 + [(epoch,) * 3] * 6
    problems = lab_browser.film_problems(film(*ahead), 150)
    assert problems and problems[0].startswith("75 of 108 samples (69%) show one epoch"), problems
    lag = film(*[(e, e, e) for e in frames[:6]], ("70", "60", "50"), *[(e, e, e) for e in frames[7:]] * 5)
    assert any("slider 70, readout 60, picture 50 between epoch 50 and 70" in p
               for p in lab_browser.film_problems(lag, 150))
    stuck = film(*[(e, e, e) for e in frames[:6]] * 5, *[("60", "60", "50")] * 10, *[(e, e, e) for e in frames[6:]] * 5)
    assert any("for 167 ms" in p for p in lab_browser.film_problems(stuck, 150))
    ends_mid_change = film(*[(e, e, e) for e in frames] * 3, ("120", "120", "110"), ("120", "130", "110"))
    assert lab_browser.film_problems(ends_mid_change[:-1], 150) == []   # sampling stopped mid-change
    assert "between epoch 110 and None" in lab_browser.film_problems(ends_mid_change, 150)[0]
    still = film(*[("0", "0", "0")] * 40)
    assert lab_browser.film_problems(still, 150) == ["the film showed 1 epochs whole in 40 samples: it did not play"]
