"""Drive the notebooks in a real JupyterLab with Debian's chromium, as a learner would.

Used by tests/test_browser.py (pass/fail) and benchmarks/run.py (key -> picture latency).

One JupyterLab server and one chromium page serve every notebook: the JupyterLab app is
loaded once (``--LabApp.expose_app_in_browser`` gives the page ``window.jupyterapp``) and
notebooks are opened, run and closed through its commands, the same commands the menus
call. JupyterLab serves a throw-away copy of notebooks/ with autosave off, so running
cells in the browser never writes over the committed notebooks.

What the page shows is found through the DOM contract of ``helpers.views.controls.SliderFigure``
(PLAN.md): a view is ``.bp-view``, its picture ``.bp-picture``, its readout
``.bp-readout`` and each of its controls ``.bp-control``. Two references say what a view
*should* show: the kernel (``helpers.views.controls.live_views()``, read through the page's own
kernel connection without touching the notebook) and the widget state saved in the
committed notebook by ``tools/execute-notebooks`` (a run with no browser attached, so it
holds exactly the values the last cells set).
"""
from __future__ import annotations

import base64
import html
import itertools
import json
import math
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
# No news, no update checks: nothing in the page asks for the network or pops a toast. No
# language servers or terminals: nothing here uses them, and they slow the server's start.
LAB_CONFIG = {"LabApp": {"news_url": None, "check_for_updates_class": "jupyterlab.NeverCheckForUpdate",
                         "expose_app_in_browser": True},
              "ServerApp": {"jpserver_extensions": {"jupyter_lsp": False, "jupyter_server_terminals": False},
                            "terminals_enabled": False}}
# All cells attached and painted (no windowing), so screenshots taken right after a scroll
# never catch half-painted cells; no autosave, so the served copy is never rewritten.
LAB_SETTINGS = {"@jupyterlab/apputils-extension/notification.jupyterlab-settings":
                {"fetchNews": "false", "checkForUpdates": False},
                "@jupyterlab/apputils-extension/themes.jupyterlab-settings": {"theme": "JupyterLab Light"},
                "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
                "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"}}
# The debugger sends each kernel debug requests at open and close, and the language-server
# client asks the (switched off) server extension: nothing here uses either.
PAGE_CONFIG = {"disabledExtensions": {name: True for name in (
    "@jupyterlab/debugger-extension", "@jupyterlab/lsp-extension", "@jupyterlab/fileeditor-extension:language-server",
    "@jupyterlab/notebook-extension:language-server")}}
WIDTH, HEIGHT = 1280, 900  # a laptop window; the notebook's content column is then ~840 px wide
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
NO_PICTURE_MS = 10_000  # a key press that brings no new picture within this is a failure
STATE_MIME = "application/vnd.jupyter.widget-state+json"


def missing_browser_tools() -> str | None:
    """Why the browser cannot be driven here, or None when it can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Python playwright is not installed (pip install -r requirements-test.txt)"
    if not Path(CHROMIUM).exists():
        return f"chromium is not installed at {CHROMIUM} (Debian: apt-get install chromium)"
    return None


def notebook_names() -> list[str]:
    """Every notebook of the series, in order (discovered, so a new notebook is covered at once)."""
    return sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))


def free_port() -> int:
    """A TCP port on the loopback interface that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Lab:
    """A JupyterLab server on 127.0.0.1 with a token, serving ``root`` (started by :func:`lab_in_chromium`)."""

    def __init__(self, root: Path, home: Path):
        self.root, self.home = root, home
        self.port, self.token = free_port(), secrets.token_hex(16)
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = home / "jupyterlab.log"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        """Launch the server and return at once (see :meth:`wait_ready`)."""
        config, settings = self.home / "config", self.home / "settings"
        config.mkdir(parents=True, exist_ok=True)
        (config / "jupyter_server_config.json").write_text(json.dumps(LAB_CONFIG))
        (config / "labconfig").mkdir(exist_ok=True)
        (config / "labconfig" / "page_config.json").write_text(json.dumps(PAGE_CONFIG))
        for name, values in LAB_SETTINGS.items():
            (settings / name).parent.mkdir(parents=True, exist_ok=True)
            (settings / name).write_text(json.dumps(values))
        env = dict(os.environ, JUPYTER_CONFIG_DIR=str(config), JUPYTER_RUNTIME_DIR=str(self.home / "runtime"),
                   JUPYTER_DATA_DIR=str(self.home / "data"), JUPYTER_PLATFORM_DIRS="1")
        command = [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ServerApp.ip=127.0.0.1",
                   f"--ServerApp.port={self.port}", "--ServerApp.port_retries=0",
                   f"--IdentityProvider.token={self.token}", f"--ServerApp.root_dir={self.root}",
                   f"--LabApp.user_settings_dir={settings}", f"--LabApp.workspaces_dir={self.home / 'workspaces'}"]
        if os.geteuid() == 0:
            command.append("--allow-root")
        self.process = subprocess.Popen(command, env=env, stdout=self.log.open("w"), stderr=subprocess.STDOUT,
                                        cwd=self.root)

    def wait_ready(self, timeout: float = 90) -> None:
        """Wait until the server answers its status API."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterLab exited with {self.process.returncode}:\n{self.log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/api/status?token={self.token}", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"JupyterLab did not answer within {timeout:.0f} s:\n{self.log.read_text()[-3000:]}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)


def serve_copy(source: Path, target: Path) -> None:
    """Copy the notebooks without outputs or saved widget state: the test clears them anyway, and
    JupyterLab opens a bare notebook in a fraction of the time (no pictures to render first)."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "*.ipynb"))
    for path in source.glob("*.ipynb"):
        notebook = json.loads(path.read_text())
        notebook.get("metadata", {}).pop("widgets", None)
        for cell in notebook["cells"]:
            if cell["cell_type"] == "code":
                cell["outputs"], cell["execution_count"] = [], None
        (target / path.name).write_text(json.dumps(notebook, indent=1))


@contextmanager
def lab_in_chromium(workdir: Path, first: str | None = None, width: int = WIDTH,
                    height: int = HEIGHT) -> Iterator["LabPage"]:
    """JupyterLab over a bare copy of notebooks/ in ``workdir``, loaded in a headless chromium page.

    Chromium starts while the server boots, and the kernel of notebook ``first`` while the
    page loads. Both are stopped afterwards whatever happens.
    """
    from playwright.sync_api import sync_playwright

    root = workdir / "served"
    serve_copy(ROOT / "notebooks", root / "notebooks")
    lab = Lab(root, workdir / "jupyter")
    lab.home.mkdir(parents=True, exist_ok=True)
    try:
        lab.start()
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            try:
                page = browser.new_page(viewport={"width": width, "height": height})
                lab.wait_ready()
                yield LabPage(page, lab, first)
            finally:
                browser.close()
    finally:
        lab.stop()


# --- the page side: one script of helpers, installed in the page once ---------------------

PAGE_JS = (Path(__file__).with_name("lab_browser.js")).read_text()

# Runs in the kernel through the page's kernel connection (not a cell: no prompt, no output
# in the notebook, no history) and prints the live views as JSON.
KERNEL_PROBE = r'''
def _bp_probe():
    import json
    from helpers.views.controls import live_views
    keys = ("_model_name", "_dom_classes", "value", "index", "_options_labels", "description",
            "min", "max", "base", "readout_format", "children", "layout", "width")
    state, todo, views = {}, [], []
    for view in live_views():
        todo.append(view.box)
        values = view.values() if callable(view.values) else view.values
        views.append({"box": view.box.model_id, "readout": view.readout,
                      "values": {name: repr(value) for name, value in dict(values).items()}})
    while todo:
        widget = todo.pop()
        if widget.model_id in state:
            continue
        wanted = [k for k in keys if k in widget.keys and not (k == "value" and widget._model_name == "ImageModel")]
        state[widget.model_id] = {"model_name": widget._model_name, "state": widget.get_state(wanted)}
        todo.extend(getattr(widget, "children", ()))
        if getattr(widget, "layout", None) is not None:
            todo.append(widget.layout)
    print(json.dumps({"views": views, "state": state}, default=repr))
_bp_probe()
del _bp_probe
'''


# --- what a view should show: the widget tree of a saved or live widget state --------------

@dataclass
class ControlState:
    """One control as the widget state describes it (model name, description, what it shows)."""
    model: str
    description: str
    value: object = None  # value of a slider/checkbox/Play, option label of a grid slider/drop-down/buttons


@dataclass
class ViewState:
    """One SliderFigure view as a widget state describes it."""
    controls: list[ControlState]
    readout: str  # the readout as text (tags stripped, spaces collapsed)
    picture_width: str | None  # the picture's layout width, e.g. "480px" (None: not set)


def html_text(markup: str) -> str:
    """Visible text of a small HTML fragment, with whitespace collapsed as the browser shows it."""
    spaced = re.sub(r"<(?:br|/?p|/?div|/?li|/?tr)\b[^>]*>", " ", markup or "")
    return " ".join(html.unescape(re.sub(r"<[/!]?[A-Za-z][^>]*>", "", spaced)).split())


def views_in_state(state: dict, top_id: str) -> list[ViewState]:
    """The bp-view boxes under widget ``top_id`` (depth first, document order), read from a widget state dict."""
    def node(model_id: str) -> dict:
        return state.get(model_id.removeprefix("IPY_MODEL_"), {}).get("state", {})

    def classes(model_id: str) -> list[str]:
        return node(model_id).get("_dom_classes", [])

    def walk(model_id: str, inside_view: bool):
        """Yield (model id, its classes) depth first, not descending into a nested view."""
        yield model_id, classes(model_id)
        for child in node(model_id).get("children", []):
            if inside_view and "bp-view" in classes(child):
                continue
            yield from walk(child, inside_view)

    views = []
    for model_id, found in walk(top_id, inside_view=False):
        if "bp-view" not in found:
            continue
        controls, readout, width = [], "", None
        for part, part_classes in walk(model_id, inside_view=True):
            s = node(part)
            if "bp-control" in part_classes:
                labels, index = s.get("_options_labels"), s.get("index")
                value = labels[index] if labels is not None and index is not None else s.get("value")
                controls.append(ControlState(state[part.removeprefix("IPY_MODEL_")]["model_name"],
                                             s.get("description", ""), value))
            if "bp-readout" in part_classes:
                readout = html_text(s.get("value", ""))
            if "bp-picture" in part_classes and width is None:
                width = node(s.get("layout", "")).get("width") or s.get("width") or None
        views.append(ViewState(controls, readout, width))
    return views


def saved_views(path: Path) -> dict[tuple[int, int], list[ViewState]]:
    """Per (cell index, output index) holding a widget, the views the saved widget state shows there."""
    import nbformat

    notebook = nbformat.read(path, as_version=4)
    state = notebook.metadata.get("widgets", {}).get(STATE_MIME, {}).get("state", {})
    found = {}
    for c, cell in enumerate(notebook.cells):
        for o, output in enumerate(cell.get("outputs", [])):
            model = output.get("data", {}).get(WIDGET_MIME, {}).get("model_id")
            if model:
                found[(c, o)] = views_in_state(state, model)
    return found


def displayed_number_matches(shown: str, value: float) -> bool:
    """Whether a slider's readout text (e.g. '0.804', '1.00e-2', '3') shows ``value`` to its last digit."""
    match = re.fullmatch(r"\s*([-+−]?)(\d*)(?:\.(\d*))?(?:[eE]([-+]?\d+))?\s*", shown or "")
    if not match or not (match.group(2) or match.group(3)):
        return False
    sign, whole, decimals, exponent = match.groups()
    number = float(f"{'-' if sign in '-−' and sign else ''}{whole or '0'}.{decimals or '0'}e{exponent or 0}")
    unit = 10.0 ** (int(exponent or 0) - len(decimals or ""))
    return abs(number - float(value)) <= 0.5 * unit * (1 + 1e-9) + 1e-12


def css_pixels(width: str | None) -> float | None:
    """``'480px'`` or ``'480'`` -> 480.0; None for anything that is not a length in px (``'100%'``, unset)."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(?:px)?\s*", width or "")
    return float(match.group(1)) if match else None


def shows_control(shown: dict, expected: ControlState) -> str | None:
    """None when the browser's control ``shown`` displays ``expected``'s value, else what differs."""
    if expected.value is None or shown.get("value") is None:
        return None  # nothing displayed to compare (a Play button shows no number)
    if isinstance(expected.value, bool):
        ok = shown["value"] == expected.value
    elif isinstance(expected.value, (int, float)) and shown["kind"] == "slider":
        ok = displayed_number_matches(shown["value"], expected.value)
    else:
        ok = str(shown["value"]).strip() == str(expected.value).strip()
    return None if ok else f"shows {shown['value']!r}, expected {expected.value!r}"


# --- the page: one JupyterLab app, notebooks opened and closed in it -----------------------

@dataclass
class Move:
    """One key press on a control and what it did to the view's picture and readout."""
    key: str
    direction: int
    latency_ms: float | None  # keydown -> the new picture loaded (None: no new picture came)
    changed: float  # share of the picture's pixels that differ from before
    shown_before: object
    shown_after: object
    readout_before: str
    readout_after: str


class LabPage:
    """One chromium page holding one JupyterLab app; notebooks are opened, run and closed in it."""

    def __init__(self, page, lab: Lab, first: str | None = None):
        self.page, self.lab = page, lab
        self.console_errors: list[str] = []
        # Chromium's own protocol, for device metrics and screenshots: kept open, since a detached
        # session drops the metrics it set; its screenshots take a third of Playwright's time.
        self._cdp = page.context.new_cdp_session(page)
        self._booting: dict[str, threading.Thread] = {}
        page.on("console", lambda msg: msg.type == "error" and self.console_errors.append(msg.text))
        page.on("pageerror", lambda error: self.console_errors.append(str(error)))
        if first:  # its kernel boots while the page loads JupyterLab
            self.prestart(first)
        page.add_init_script(PAGE_JS)
        page.goto(f"{lab.url}/lab?token={lab.token}&reset", wait_until="domcontentloaded")
        page.wait_for_function("() => window.jupyterapp !== undefined", timeout=120_000)
        page.evaluate("() => window.__bp.ready()")

    def js(self, expression: str, *args):
        """Evaluate ``window.__bp.<expression>`` with ``args`` (awaited when it is a promise)."""
        return self.page.evaluate(f"(args) => window.__bp.{expression}(...args)", list(args))

    def prestart(self, name: str) -> None:
        """Boot the kernel of notebooks/<name> now, through the server's REST API in a thread (the
        page is not involved), so that a later :meth:`start` joins a kernel that is already up."""
        body = json.dumps({"path": f"notebooks/{name}", "type": "notebook", "name": name,
                           "kernel": {"name": "python3"}}).encode()
        request = urllib.request.Request(f"{self.lab.url}/api/sessions?token={self.lab.token}", data=body,
                                         headers={"Content-Type": "application/json"}, method="POST")
        thread = threading.Thread(target=lambda: urllib.request.urlopen(request, timeout=120).read(), daemon=True)
        thread.start()
        self._booting[name] = thread

    def start(self, name: str, front: bool = True) -> None:
        """Open notebooks/<name> (in the front tab, or a background one) and start Clear + Run All on it."""
        booting = self._booting.pop(name, None)
        if booting is not None:
            booting.join(120)
        self.js("start", f"notebooks/{name}", front)

    def started(self, name: str) -> bool:
        """Whether :meth:`start` has opened notebooks/<name> and started its Run All."""
        return self.page.evaluate("(path) => window.__bp.runs[path] !== undefined", f"notebooks/{name}")

    def activate(self, name: str) -> None:
        """Bring the open notebook <name> to the front: the one every other method works on."""
        self.js("activate", f"notebooks/{name}")

    def wait_run(self, name: str, timeout_ms: int = 240_000) -> float:
        """Wait until the Run All started by :meth:`start` has finished; its seconds (kernel time included)."""
        self.page.wait_for_function("(path) => window.__bp.runDone(path)", arg=f"notebooks/{name}",
                                    timeout=timeout_ms, polling=100)
        return self.js("run", f"notebooks/{name}")["seconds"] or 0.0

    def open_and_run(self, name: str) -> float:
        """Open <name> in the front tab, Run All, wait until the pictures settle; seconds of the run."""
        self.start(name)
        seconds = self.wait_run(name)
        self.activate(name)
        self.settle()
        return seconds

    def settle(self, quiet_ms: int = 300, timeout_ms: int = 30_000) -> None:
        """Wait until the kernel is idle and no picture has changed for ``quiet_ms``."""
        self.page.wait_for_function(f"() => window.__bp.settled({quiet_ms})", timeout=timeout_ms, polling=50)

    def close(self, name: str) -> None:
        """Close notebook <name>'s tab (nothing is saved) and shut its kernel down."""
        self.js("close", f"notebooks/{name}")

    def errors(self) -> list[str]:
        """Every error or stderr output, cell not run, and widget that failed to display."""
        return self.js("errors")

    def views(self) -> list[dict]:
        """Every bp-view in the notebook as the browser shows it (cell, output, controls, readout, picture)."""
        return self.js("views")

    def kernel(self) -> dict:
        """``{"views": [...], "state": {...}}``: the kernel's live views and their widget tree."""
        return json.loads(self.js("probe", KERNEL_PROBE))

    def set_theme(self, dark: bool) -> None:
        self.js("setTheme", "JupyterLab Dark" if dark else "JupyterLab Light")

    def emulate(self, width: int, height: int, scale: float) -> None:
        """Viewport in CSS px and device pixel ratio (browser zoom 150 % on 1920x1080 = 1280x720 at 1.5)."""
        self._cdp.send("Emulation.setDeviceMetricsOverride",
                       {"width": width, "height": height, "deviceScaleFactor": scale, "mobile": False})
        self.page.wait_for_function(f"() => window.devicePixelRatio === {scale} && innerWidth === {width}")
        self.page.wait_for_timeout(100)  # let JupyterLab lay out again

    def scroll_to(self, selector: str) -> bool:
        """Scroll the notebook so the first element matching ``selector`` is near the top; False if none."""
        return self.js("scrollTo", selector)

    def screenshot(self, path: Path) -> Path:
        """The viewport as PNG, at the device pixel ratio set by :meth:`emulate`."""
        path.parent.mkdir(parents=True, exist_ok=True)
        shot = self._cdp.send("Page.captureScreenshot", {"format": "png", "optimizeForSpeed": True})
        path.write_bytes(base64.b64decode(shot["data"]))
        return path

    def screenshot_pages(self, folder: Path, stem: str, max_pages: int = 40) -> list[Path]:
        """Screenshots of the whole notebook, one viewport at a time, top to bottom."""
        folder.mkdir(parents=True, exist_ok=True)
        self.js("scrollTop")
        shots = []
        for number in range(max_pages):
            shots.append(self.screenshot(folder / f"{stem}-page{number:02d}.png"))
            if not self.js("scrollPage"):
                break
        return shots

    def move(self, view: int, control: int, direction: int, timeout_ms: int = NO_PICTURE_MS) -> Move:
        """Press the key that moves control ``control`` of view ``view`` one step in ``direction`` (+1/-1,
        turned round at the end of the range); wait for the new picture and readout."""
        plan = self.js("arm", view, control, direction)
        for number, key in enumerate(plan["keys"]):
            if number:
                self.page.wait_for_timeout(100)  # e.g. a drop-down's popup opening
            self.page.keyboard.press(key)
        try:
            self.page.wait_for_function("() => window.__bp.armed.done", timeout=timeout_ms, polling=20)
        except Exception:  # noqa: BLE001 - no picture came: reported as latency None, judged by the caller
            pass
        if plan.get("stop"):  # a Play button: Space again pauses it
            self.js("focusControl", view, control)
            self.page.keyboard.press("Space")
        self.settle(150)
        result = self.js("result")
        return Move(" ".join(plan["keys"]), plan["direction"], result["latency"], result["changed"],
                    plan["shownBefore"], result["shownAfter"], plan["readoutBefore"], result["readoutAfter"])


# --- one notebook, everything the test and the benchmark need -----------------------------

@dataclass
class ControlReport:
    """What driving one control did: its label, kind, moves, and what disagreed after the first move."""
    notebook: str
    view: int
    index: int
    label: str
    kind: str
    moves: list[Move] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"{self.notebook} view {self.view + 1} '{self.label}' ({self.kind})"

    @property
    def latencies(self) -> list[float]:
        return [m.latency_ms for m in self.moves if m.latency_ms is not None]


@dataclass
class NotebookReport:
    """Everything one notebook did in the browser."""
    name: str
    run_all_s: float = 0.0
    dirty_on_open: bool | None = None  # the tab showed unsaved changes before anything ran
    errors: list[str] = field(default_factory=list)
    answers_shown: list[str] = field(default_factory=list)  # after Run All: verdicts or unfolded solutions in view
    uncovered: list[str] = field(default_factory=list)  # controls outside any bp-view (not driven)
    console_errors: list[str] = field(default_factory=list)  # logged by the page while this notebook ran
    end_state: list[str] = field(default_factory=list)  # controls/readouts not where the last cell put them
    widths: list[dict] = field(default_factory=list)  # per picture: displayed, intended, natural width
    fit: list[str] = field(default_factory=list)  # controls past the notebook's edge, or wrapping, per layout
    controls: list[ControlReport] = field(default_factory=list)
    films: list["Film"] = field(default_factory=list)  # one per view with a Play button
    screenshots: list[Path] = field(default_factory=list)
    views: int = 0
    seconds: float = 0.0
    phases: dict[str, float] = field(default_factory=dict)  # seconds per step, to keep the test fast

    def lap(self, phase: str, since: list[float]) -> None:
        """Book the time since ``since[0]`` to ``phase`` and restart the clock."""
        now = time.monotonic()
        self.phases[phase] = round(self.phases.get(phase, 0.0) + now - since[0], 2)
        since[0] = now


def compare_with(reference: list[ViewState], shown: dict, who: str) -> list[str]:
    """What browser view ``shown`` displays differently from ``reference`` (a list of one view)."""
    where = f"view {shown['index'] + 1}"
    if not reference:
        stale = " (re-execute the notebook with tools/execute-notebooks)" if "saved" in who else ""
        return [f"{where}: {who} has no bp-view here{stale}"]
    ref = reference[0]
    problems = []
    if len(ref.controls) != len(shown["controls"]):
        problems.append(f"{where}: the browser shows {len(shown['controls'])} controls, {who} has {len(ref.controls)}")
    for c, (control, expected) in enumerate(zip(shown["controls"], ref.controls)):
        why = shows_control(control, expected)
        if why:
            problems.append(f"{where} control '{control['label'] or expected.description}': {why} ({who})")
    if html_text(shown["readout"]) != ref.readout:
        problems.append(f"{where} readout: browser shows {shown['readout']!r}, {who} has {ref.readout!r}")
    return problems


def compare_values(kernel: list[ViewState], saved: list[ViewState], where: str) -> list[str]:
    """Controls whose kernel value is not the value the last cell set (a browser echo moved it)."""
    if not kernel or not saved:
        return []
    problems = []
    for now, then in zip(kernel[0].controls, saved[0].controls):
        same = (math.isclose(now.value, then.value, rel_tol=1e-9, abs_tol=1e-12)
                if isinstance(now.value, float) and isinstance(then.value, (int, float)) else now.value == then.value)
        if not same:
            problems.append(f"{where} control '{then.description}': the kernel holds {now.value!r}, "
                            f"the last cell set {then.value!r}")
    return problems


def views_by_place(views: list[dict], state: dict, tops: dict[tuple[int, int], str]) -> list[list[ViewState]]:
    """For each browser view, the matching view of widget state ``state`` ([] when there is none)."""
    matched = []
    for view in views:
        top = tops.get((view["cell"], view["output"]))
        found = views_in_state(state, top) if top else []
        matched.append(found[view["within"]:view["within"] + 1])
    return matched


def drive_notebook(lab_page: LabPage, name: str, artifacts: Path | None, moves_per_control: int = 2,
                   notebooks: Path = ROOT / "notebooks", started: bool = False, then: str | None = None,
                   keep_open: bool = False, films: bool = True) -> NotebookReport:
    """Run All in ``name``, check errors and end state, take screenshots, move every control.

    ``started``: :meth:`LabPage.start` already opened it and started its Run All (in the
    background). ``then``: the next notebook, opened and Run All started in a background tab
    while this one's screenshots are taken, and waited for before this one's controls move
    (so key -> picture times are not shared with another kernel's work). ``artifacts`` None
    skips screenshots (the benchmark). Each control gets ``moves_per_control`` key presses
    back and forth (an even number ends where it began); the first is checked against the
    kernel. ``keep_open`` leaves the notebook open for :func:`dark_screenshots`. ``films``: then
    play every view that has a Play button and sample it (:func:`play_film`).
    """
    report = NotebookReport(name)
    stem = name.removesuffix(".ipynb")
    clock, console_before = [time.monotonic()], len(lab_page.console_errors)
    for old in artifacts.glob(f"{stem}-*.png") if artifacts is not None else []:
        old.unlink()  # no stale page from a longer version of the notebook
    if not started:
        lab_page.start(name)
    try:
        report.run_all_s = lab_page.wait_run(name)
        report.dirty_on_open = lab_page.js("run", f"notebooks/{name}")["dirtyOnOpen"]
        lab_page.activate(name)
        lab_page.settle()
        report.lap("open and run all", clock)
        report.errors = lab_page.errors()
        report.answers_shown = lab_page.js("answersShown")
        report.uncovered = lab_page.js("uncovered")
        views = lab_page.views()
        report.views = len(views)
        kernel = lab_page.kernel()
        tops = {(v["cell"], v["output"]): v["model"] for v in views}
        report.end_state = end_state_problems(views, kernel, saved_views(notebooks / name))
        report.lap("end state", clock)
        if then:
            lab_page.start(then, front=False)
        if artifacts is not None:
            report.screenshots = lab_page.screenshot_pages(artifacts, stem)
            report.lap("page screenshots", clock)
        report.widths, zoomed = widths_and_zoom(lab_page, views, kernel["state"], tops,
                                                artifacts / f"{stem}-zoom150.png" if artifacts and views else None)
        report.screenshots += [zoomed] if zoomed else []
        if views:
            fitted = artifacts / f"{stem}-zoom150-1400x900.png" if artifacts else None
            report.fit = fit_problems(lab_page, fitted)
            report.screenshots += [fitted] if fitted else []
        report.lap("widths and zoom", clock)
        if then:
            lab_page.wait_run(then)
            report.lap("waiting for the next notebook", clock)
        for v, view in enumerate(views):
            for c, control in enumerate(view["controls"]):
                report.controls.append(drive_control(lab_page, name, v, c, control, moves_per_control, tops))
        report.lap("controls", clock)
        if films:
            for v, view in enumerate(views):
                if any(control["kind"] == "play" for control in view["controls"]):
                    report.films.append(play_film(lab_page, v, view["model"]))
            report.lap("films", clock)
    finally:
        if not keep_open:
            lab_page.close(name)
    report.console_errors = lab_page.console_errors[console_before:]
    report.seconds = sum(report.phases.values())
    return report


def end_state_problems(views: list[dict], kernel: dict, saved: dict) -> list[str]:
    """Right after Run All: what the browser, the kernel and the last cell (saved state) disagree on."""
    problems = []
    tops = {(v["cell"], v["output"]): v["model"] for v in views}
    for view, live in zip(views, views_by_place(views, kernel["state"], tops)):
        last_cell = saved.get((view["cell"], view["output"]), [])[view["within"]:view["within"] + 1]
        problems += compare_with(last_cell, view, "the last cell (saved widget state)")
        problems += compare_with(live, view, "the kernel")
        problems += compare_values(live, last_cell, f"view {view['index'] + 1}")
    if len(kernel["views"]) != len({v["model"] for v in views}):
        problems.append(f"the kernel has {len(kernel['views'])} live views, the browser shows {len(views)}")
    return problems


def dark_screenshots(lab_page: LabPage, names: list[str], artifacts: Path) -> list[Path]:
    """One screenshot per open notebook in JupyterLab Dark, then close them all.

    The theme is switched once for all notebooks (a switch re-lays out the open notebook,
    seconds for a long one). Each shot shows the first exercise feedback box (coloured
    background), else the first view, else the top; a notebook with a Play button also gets
    ``<stem>-dark-play.png`` of its buttons.
    """
    shots = []
    lab_page.set_theme(dark=True)
    try:
        for name in names:
            lab_page.activate(name)
            if not lab_page.scroll_to(".jp-OutputArea-output [style*='background']"):
                lab_page.scroll_to(".bp-view")
            shots.append(lab_page.screenshot(artifacts / f"{name.removesuffix('.ipynb')}-dark.png"))
            if lab_page.scroll_to(".bp-play"):  # the Play/Pause and Start buttons, for a person to look at
                lab_page.screenshot(artifacts / f"{name.removesuffix('.ipynb')}-dark-play.png")
            lab_page.close(name)
    finally:
        lab_page.set_theme(dark=False)
    return shots


def widths_and_zoom(lab_page: LabPage, views: list[dict], state: dict, tops: dict,
                    zoom_shot: Path | None) -> tuple[list[dict], Path | None]:
    """Each picture's displayed and natural width at device scale factor 2 and its intended (layout)
    width; and, into ``zoom_shot``, the first view at browser zoom 150 % on a 1920x1080 screen."""
    lab_page.emulate(WIDTH, HEIGHT, 2)
    try:
        shown = lab_page.views()
        if zoom_shot is not None:
            lab_page.emulate(1280, 720, 1.5)  # what 150 % zoom makes of 1920x1080: 1280x720 CSS px
            lab_page.scroll_to(".bp-view")
            lab_page.screenshot(zoom_shot)
    finally:
        lab_page.emulate(WIDTH, HEIGHT, 1)
    widths = []
    for view, live in zip(shown, views_by_place(shown, state, tops)):
        picture = view["picture"] or {"displayed": 0, "natural": 0}
        widths.append({"view": view["index"], "displayed": picture["displayed"], "natural": picture["natural"],
                       "intended": live[0].picture_width if live else None})
    return widths, zoom_shot


# Windows (CSS px at 100 %) x browser zoom x file browser open/closed: every control must fit in each.
FIT_WINDOWS = ((1280, 800), (1400, 900), (1920, 1080))
FIT_ZOOMS = (1.0, 1.5, 2.0)


def fit_problems(lab_page: LabPage, shot: Path | None = None) -> list[str]:
    """Controls that run past the notebook's edge or wrap, in every layout of FIT_WINDOWS x FIT_ZOOMS x sidebar;
    ``shot`` gets the first view at 150 % zoom in a 1400x900 window, file browser open."""
    problems = []
    try:
        for (width, height), zoom, sidebar in itertools.product(FIT_WINDOWS, FIT_ZOOMS, (True, False)):
            lab_page.emulate(round(width / zoom), round(height / zoom), zoom)
            lab_page.js("sidebar", sidebar)
            lab_page.page.wait_for_timeout(150)  # JupyterLab lays the notebook out again
            where = f"{width}x{height} at {zoom:.0%}, file browser {'open' if sidebar else 'closed'}"
            problems += lab_page.js("fit", where)
            if shot is not None and (width, zoom, sidebar) == (1400, 1.5, True):
                lab_page.scroll_to(".bp-view")
                lab_page.screenshot(shot)
    finally:
        lab_page.js("sidebar", True)
        lab_page.emulate(WIDTH, HEIGHT, 1)
    return problems


def drive_control(lab_page: LabPage, notebook: str, v: int, c: int, control: dict, moves: int,
                  tops: dict) -> ControlReport:
    """Move one control ``moves`` times by keyboard, back and forth. Every move must bring a new picture
    with other pixels (stopping at the first that does not); the first must also change what the
    control and the readout show, and the browser must then agree with the kernel."""
    report = ControlReport(notebook, v, c, control["label"], control["kind"])
    direction = +1
    for number in range(moves):
        move = lab_page.move(v, c, direction)
        report.moves.append(move)
        direction = -move.direction  # back and forth: an even number of moves ends where it began
        if move.latency_ms is None:
            report.problems.append(f"move {number + 1}: no new picture within {NO_PICTURE_MS / 1000:.0f} s "
                                   f"of pressing {move.key}")
            break
        if move.changed <= 0:  # every move: the first also swaps Run All's 256-colour picture for a fresh one
            report.problems.append(f"move {number + 1}: {move.key} sent a new picture with the same pixels")
        if number:
            continue
        if control["kind"] != "play" and move.shown_after == move.shown_before:
            report.problems.append(f"the control still shows {move.shown_before!r} after {move.key}")
        if move.readout_after == move.readout_before:
            report.problems.append(f"the readout stayed {move.readout_before!r}")
        report.problems += agreement_with_kernel(lab_page, v, tops)
    return report


# --- Play reads as a film: one epoch shown at a time ---------------------------------------

FILM_MS = 4000  # of Play sampled per view, on every animation frame: ~25 frames of the film at 150 ms each
# Tolerance. Each frame of the film leaves the kernel as three widget messages sent back to back once the
# picture is drawn (picture, readout, slider: helpers.views.controls.Player). The page handles each message
# in its own task and may paint between two of them, and it shows a new picture only once its PNG has
# loaded and decoded (~10 ms). So a sample may catch a change of frame half done, the slider and readout
# on the new epoch and the picture still on the old one, for about a decode and a paint. Allowed: such
# mixed samples, each showing only the epochs before and after the change, each change over before the
# next frame is due (the film's interval), and at least FILM_AGREE of all samples showing one epoch (90-96 %
# measured on a loaded 2-core machine). A slider moved by the page (a link in the browser) runs ahead of the
# picture for a whole kernel round every frame, a redraw included, and lags frames behind when the kernel is
# slower than the film (slider 470, readout 460, picture 450): 10-44 % of samples agreed (tests/test_browser.py).
FILM_AGREE = 0.85


@dataclass
class Film:
    """What one view showed while it played, sampled on every animation frame, and the checks after it."""
    view: int
    samples: list[dict] = field(default_factory=list)  # t (ms), slider, readout, picture: the epoch each shows
    paused: list[dict] = field(default_factory=list)  # right after Pause and a second later (filmNow)
    started: dict = field(default_factory=dict)  # after Start (filmNow)
    first: str | None = None  # the film's first and last epoch
    last: str | None = None
    interval_ms: float = 0.0  # between two frames of the film
    markers: list[str] = field(default_factory=list)  # loss-curve markers not whole inside their axes
    problems: list[str] = field(default_factory=list)

    @property
    def agreeing(self) -> int:
        """How many samples show one epoch (slider, readout and picture)."""
        return sum(1 for s in self.samples if len({s["slider"], s["readout"], s["picture"]}) == 1)

    @property
    def longest_mixed_ms(self) -> float:
        """The longest run of samples that did not show one epoch, to the next sample that did."""
        longest, since = 0.0, None
        for s in self.samples:
            whole = len({s["slider"], s["readout"], s["picture"]}) == 1
            if not whole and since is None:
                since = s["t"]
            elif whole and since is not None:
                longest, since = max(longest, s["t"] - since), None
        return longest


def film_problems(samples: list[dict], interval_ms: float, agree: float = FILM_AGREE) -> list[str]:
    """What a film sampled on every animation frame shows that is not one epoch at a time (see FILM_AGREE)."""
    if len(samples) < 20:
        return [f"only {len(samples)} samples: the page painted too rarely to judge"]
    problems = []
    shown = [(s["slider"], s["readout"], s["picture"]) for s in samples]
    whole = {i for i, epochs in enumerate(shown) if len(set(epochs)) == 1 and None not in epochs}
    if len({shown[i][0] for i in whole}) < 5:
        problems.append(f"the film showed {len({shown[i][0] for i in whole})} epochs whole in "
                        f"{len(samples)} samples: it did not play")
    i = 0
    while i < len(shown):
        if i in whole:
            i += 1
            continue
        end = i
        while end + 1 < len(shown) and end + 1 not in whole:
            end += 1
        before = shown[i - 1][0] if i > 0 else None
        after = shown[end + 1][0] if end + 1 < len(shown) else None
        lasted = samples[min(end + 1, len(samples) - 1)]["t"] - samples[i]["t"]
        if before is None or after is None:  # sampling began or ended mid-change: that side is the run's own
            run = set().union(*shown[i:end + 1]) - {before, after}
            before, after = (run.pop() if len(run) == 1 and before is None else before,
                             run.pop() if len(run) == 1 and after is None else after)
        odd = next((epochs for epochs in shown[i:end + 1] if not set(epochs) <= {before, after}), None)
        what = "slider {}, readout {}, picture {}".format(*shown[i])
        if odd is not None:
            problems.append("at {:.0f} ms: slider {}, readout {}, picture {} between epoch {} and {}".format(
                samples[i]["t"] - samples[0]["t"], *odd, before, after))
        elif lasted >= interval_ms and end + 1 < len(shown):
            problems.append(f"at {samples[i]['t'] - samples[0]['t']:.0f} ms: {what} for {lasted:.0f} ms "
                            f"(a change of frame must be over before the next, {interval_ms:.0f} ms)")
        i = end + 1
    share = len(whole) / len(samples)
    if share < agree:
        problems.insert(0, f"{len(whole)} of {len(samples)} samples ({share:.0%}) show one epoch; want {agree:.0%}")
    return problems[:8]


# Kernel side of the film check: the played view's first and last epoch, and which markers of a loss
# curve (a line with markers in an axes whose x axis is the epoch) are not whole inside their axes.
FILM_PROBE = r'''
def _bp_film(box):
    import json
    import numpy as np
    from helpers.views.controls import live_views
    view = next(v for v in live_views() if v.box.model_id == box)
    player = view.player
    first, last = (player.frames[0], player.frames[-1]) if player.frames else (player.target[0].min, player.target[0].max)
    out = []
    renderer = view.fig.canvas.get_renderer()
    for ax in view.fig.axes:
        if "epoch" not in ax.get_xlabel():
            continue
        frame = ax.get_window_extent(renderer)
        for line in ax.lines:
            if line.get_marker() in (None, "", " ", "None") or not line.get_visible():
                continue
            radius = line.get_markersize() / 2 * view.fig.dpi / 72
            for x, y in ax.transData.transform(np.column_stack(line.get_data())):
                if not (frame.x0 - 1 <= x - radius and x + radius <= frame.x1 + 1
                        and frame.y0 - 1 <= y - radius and y + radius <= frame.y1 + 1):
                    out.append(f"marker at ({x:.0f}, {y:.0f}) px, radius {radius:.1f}, outside the axes "
                               f"{frame.x0:.0f}..{frame.x1:.0f} x {frame.y0:.0f}..{frame.y1:.0f}")
    print(json.dumps({"first": str(first), "last": str(last), "epoch": str(player.target[0].value),
                      "interval_ms": player.interval_ms,
                      "markers": out}))
_bp_film(%r)
del _bp_film
'''

# The old way, for the check of the check: the clock linked to the slider in the page (a jslink), the
# kernel redrawing when the slider's value arrives; the slider then runs ahead of the picture.
LINK_IN_THE_PAGE = r'''
def _bp_link(box):
    import ipywidgets as w
    from helpers.views.controls import live_views
    player = next(v for v in live_views() if v.box.model_id == box).player
    slider, clock = player.target[0], player.clock
    player.clock.unobserve(player._tick, names="value")
    player.frames = None  # the clock steps the slider's own values, as before the kernel stepped it
    clock.max, clock.min, clock.step, clock.value = slider.max, slider.min, slider.step, slider.value
    player.page_link = w.jslink((clock, "value"), (slider, "value"))
_bp_link(%r)
del _bp_link
'''


def play_film(lab_page: "LabPage", v: int, box: str, ms: int = FILM_MS, old_way: bool = False) -> Film:
    """Press Play on view ``v`` (kernel box model id ``box``), sample what it shows on every animation frame
    for ``ms``, press Pause: it must stay on its frame; press Start: the first frame, paused, markers whole;
    End on the slider: the last frame, markers whole. ``old_way`` first links the clock in the page."""
    film = Film(v)
    if old_way:
        lab_page.js("probe", LINK_IN_THE_PAGE % box)
    probe = json.loads(lab_page.js("probe", FILM_PROBE % box))
    film.first, film.last, film.interval_ms = probe["first"], probe["last"], probe["interval_ms"]
    lab_page.js("filmStart", v)
    lab_page.page.keyboard.press("Space")  # Play
    lab_page.page.wait_for_timeout(ms)
    lab_page.js("focusPart", v, "play")
    lab_page.page.keyboard.press("Space")  # Pause
    film.samples = lab_page.js("filmStop", v)["samples"]
    film.problems += film_problems(film.samples, film.interval_ms)
    if old_way:
        return film
    lab_page.settle(300)
    film.paused.append(lab_page.js("filmNow", v))
    lab_page.page.wait_for_timeout(1000)
    film.paused.append(lab_page.js("filmNow", v))
    for when, now in zip(("right after Pause", "a second after Pause"), film.paused):
        if now["play"] != "Play" or len({now["slider"], now["readout"], now["picture"]}) != 1:
            film.problems.append(f"{when}: button {now['play']!r}, slider {now['slider']}, readout "
                                 f"{now['readout']}, picture {now['picture']}")
    if film.paused[0]["slider"] != film.paused[1]["slider"]:
        film.problems.append(f"Pause did not stay: epoch {film.paused[0]['slider']}, a second later "
                             f"{film.paused[1]['slider']}")
    for part, key, epoch, name in (("start", "Space", film.first, "Start"), ("handle", "End", film.last, "End")):
        lab_page.js("focusPart", v, part)
        lab_page.page.keyboard.press(key)
        try:
            lab_page.page.wait_for_function(
                "([v, epoch]) => { const n = window.__bp.filmNow(v); return n.slider === epoch && n.picture === epoch; }",
                arg=[v, epoch], timeout=NO_PICTURE_MS, polling=50)
        except Exception:  # noqa: BLE001 - judged below from what the view shows
            pass
        lab_page.settle(200)
        now = lab_page.js("filmNow", v)
        if name == "Start":
            film.started = now
        if (now["slider"], now["readout"], now["picture"], now["play"]) != (epoch, epoch, epoch, "Play"):
            film.problems.append(f"after {name}: button {now['play']!r}, slider {now['slider']}, readout "
                                 f"{now['readout']}, picture {now['picture']}; want epoch {epoch}, paused")
        marks = json.loads(lab_page.js("probe", FILM_PROBE % box))
        film.markers += [f"epoch {marks['epoch']}: {m}" for m in marks["markers"]]
    return film


def agreement_with_kernel(lab_page, v: int, tops, patience_s: float = 5.0) -> list[str]:
    """What browser view ``v`` shows differently from the live kernel, once both have caught up.

    A paused Play control may still have value changes in flight (the browser sent several steps
    before the pause), so the two are compared again, settled, until they agree or ``patience_s``
    passes; what still differs then is a real disagreement."""
    deadline = time.monotonic() + patience_s
    while True:
        views = lab_page.views()
        kernel = lab_page.kernel()
        problems = compare_with(views_by_place(views, kernel["state"], tops)[v], views[v], "the kernel")
        if not problems or time.monotonic() > deadline:
            return problems
        lab_page.settle(300)


def percentiles(samples: list[float]) -> dict:
    """p50, p95 and max in ms, and the number of samples."""
    import numpy as np

    ms = np.asarray(samples, dtype=float)
    if not len(ms):
        return {"p50": math.nan, "p95": math.nan, "max": math.nan, "moves": 0}
    return {"p50": float(np.percentile(ms, 50)), "p95": float(np.percentile(ms, 95)),
            "max": float(ms.max()), "moves": len(ms)}


def summary_lines(reports: list[NotebookReport]) -> list[str]:
    """A table of every notebook and control driven, with latencies, for the test output."""
    lines = []
    controls = [c for r in reports for c in r.controls]
    console = sorted({e.splitlines()[0][:150] for r in reports for e in r.console_errors})
    all_ms = [ms for c in controls for ms in c.latencies]
    lines.append(f"browser: {len(reports)} notebooks, {sum(r.views for r in reports)} views, {len(controls)} controls "
                 f"driven by keyboard; key -> new picture p50 {percentiles(all_ms)['p50']:.0f} ms, "
                 f"p95 {percentiles(all_ms)['p95']:.0f} ms over {len(all_ms)} moves")
    for r in reports:
        flag = "" if not (r.errors or r.end_state or r.uncovered) else "  PROBLEMS"
        lines.append(f"  {r.name}: run all {r.run_all_s:.1f} s, {r.views} views, {len(r.controls)} controls, "
                     f"{r.seconds:.1f} s in all{flag}")
        for c in r.controls:
            first = c.moves[0] if c.moves else None
            changed = f"{first.changed:.2%} of pixels" if first else "-"
            ms = "/".join(f"{x:.0f}" for x in c.latencies) or "-"
            lines.append(f"    view {c.view + 1} {c.label!r:<18} {c.kind:<8} {changed:>16} changed, "
                         f"{ms} ms{'  FAILED' if c.problems else ''}")
        for f in r.films:
            lines.append(f"    view {f.view + 1} film: {f.agreeing} of {len(f.samples)} samples show one epoch "
                         f"({f.agreeing / max(1, len(f.samples)):.0%}), longest change of frame "
                         f"{f.longest_mixed_ms:.0f} ms{'  FAILED' if f.problems else ''}")
    lines += [f"  page console error: {e}" for e in console]
    return lines


def write_report(reports: list[NotebookReport], path: Path, console_errors: list[str] = ()) -> None:
    """All numbers as JSON (latencies per control, widths, run-all times, the page's console errors)."""
    def plain(r: NotebookReport) -> dict:
        return {"run_all_s": round(r.run_all_s, 2), "seconds": round(r.seconds, 2), "phases": r.phases,
                "errors": r.errors, "uncovered": r.uncovered, "console_errors": r.console_errors,
                "end_state": r.end_state, "widths": r.widths,
                "controls": [{"view": c.view + 1, "label": c.label, "kind": c.kind, "latency_ms": c.latencies,
                              "changed": [round(m.changed, 4) for m in c.moves], "problems": c.problems}
                             for c in r.controls],
                "films": [{"view": f.view + 1, "samples": len(f.samples), "one_epoch": f.agreeing,
                           "longest_change_ms": round(f.longest_mixed_ms, 1), "paused": f.paused,
                           "started": f.started, "markers": f.markers, "problems": f.problems} for f in r.films]}
    all_ms = [ms for r in reports for c in r.controls for ms in c.latencies]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"notebooks": {r.name: plain(r) for r in reports},
                                "key_to_picture_ms": percentiles(all_ms), "console_errors": list(console_errors)},
                               indent=1))


__all__ = ["Lab", "LabPage", "NotebookReport", "ControlReport", "Film", "drive_notebook", "missing_browser_tools",
           "notebook_names", "lab_in_chromium", "saved_views", "summary_lines", "write_report",
           "percentiles", "play_film", "film_problems"]
