"""Drive the notebooks in a real JupyterLab with Debian's chromium, as a learner would.

Used by tests/test_browser.py (pass/fail) and benchmarks/run.py (browser slider latency).
JupyterLab serves a throw-away copy of notebooks/, so running cells in the browser can
never autosave over the committed notebooks.
"""
from __future__ import annotations

import io
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
# No news, no update checks: nothing in the page asks for the network or pops a toast.
LAB_CONFIG = {"LabApp": {"news_url": None, "check_for_updates_class": "jupyterlab.NeverCheckForUpdate"}}
# All cells attached and painted (no windowing), so screenshots taken right after a scroll
# never catch half-painted cells.
LAB_SETTINGS = {"@jupyterlab/apputils-extension/notification.jupyterlab-settings":
                {"fetchNews": "false", "checkForUpdates": False},
                "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"}}


def missing_browser_tools() -> str | None:
    """Why the browser cannot be driven here, or None when it can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Python playwright is not installed (pip install -r requirements.txt)"
    if not Path(CHROMIUM).exists():
        return f"chromium is not installed at {CHROMIUM} (Debian: apt-get install chromium)"
    return None


def free_port() -> int:
    """A TCP port on the loopback interface that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Lab:
    """A JupyterLab server on 127.0.0.1 with a token, serving ``root`` (started by :func:`running_lab`)."""

    def __init__(self, root: Path, home: Path):
        self.root, self.home = root, home
        self.port, self.token = free_port(), secrets.token_hex(16)
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = home / "jupyterlab.log"
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 90) -> None:
        config, settings = self.home / "config", self.home / "settings"
        config.mkdir(parents=True, exist_ok=True)
        (config / "jupyter_server_config.json").write_text(json.dumps(LAB_CONFIG))
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

    def notebook_url(self, name: str) -> str:
        return f"{self.url}/lab/tree/notebooks/{name}?token={self.token}&reset"


@contextmanager
def running_lab(workdir: Path) -> Iterator[Lab]:
    """JupyterLab over a copy of notebooks/ in ``workdir``, stopped afterwards whatever happens."""
    root = workdir / "served"
    shutil.copytree(ROOT / "notebooks", root / "notebooks",
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    lab = Lab(root, workdir / "jupyter")
    lab.home.mkdir(parents=True, exist_ok=True)
    try:
        lab.start()
        yield lab
    finally:
        lab.stop()


@contextmanager
def chromium_page(width: int = 1280, height: int = 900):
    """A page in Debian's headless chromium driven by Playwright (closed afterwards)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            yield page
        finally:
            browser.close()


# --- one notebook in the page ------------------------------------------------------------

ACTIVE = ".jp-NotebookPanel:not(.lm-mod-hidden)"
KERNEL_IDLE = f'{ACTIVE} .jp-Notebook-ExecutionIndicator[data-status="idle"]'
# The status bar says "Python 3 (ipykernel) | Idle" only once the kernel really is ready.
STATUS_IDLE = ".jp-StatusBar-TextItem:text-matches('\\\\| Idle$')"


def kernel_idle(page) -> bool:
    return page.locator(KERNEL_IDLE).count() == 1 and page.locator(STATUS_IDLE).count() == 1


def open_notebook(page, lab: Lab, name: str, timeout_ms: int = 90_000) -> None:
    """Open notebooks/<name> and wait until its kernel is idle."""
    page.goto(lab.notebook_url(name), wait_until="domcontentloaded")
    page.wait_for_selector(f"{ACTIVE} .jp-Cell", timeout=timeout_ms)
    page.wait_for_selector(KERNEL_IDLE, timeout=timeout_ms)
    page.wait_for_selector(STATUS_IDLE, timeout=timeout_ms)
    page.keyboard.press("Control+b")  # fold the file browser away: more room for the notebook


def menu(page, top: str, item: str) -> None:
    """Click a main-menu entry, e.g. menu(page, "Run", "Run All Cells")."""
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(f"^{re.escape(top)}$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(f"^{re.escape(item)}$")).click()


def code_prompts(page) -> list[str]:
    """The execution prompts of every code cell, e.g. ['[1]:', '[2]:', '[*]:', '[ ]:']."""
    return page.locator(f"{ACTIVE} .jp-CodeCell .jp-InputArea-prompt").all_text_contents()


def clear_and_run_all(page, timeout_s: float = 180) -> float:
    """Clear every output, run all cells from the menu, wait until each code cell has run; seconds taken."""
    menu(page, "Edit", "Clear Outputs of All Cells")
    page.wait_for_function(f"document.querySelectorAll('{ACTIVE} .jp-OutputArea-output').length === 0")
    start = time.monotonic()
    menu(page, "Run", "Run All Cells")
    deadline = start + timeout_s
    while time.monotonic() < deadline:
        prompts = [p.strip() for p in code_prompts(page)]
        done = prompts and all(p[1:-2].strip().isdigit() for p in prompts)
        if done and kernel_idle(page):
            return time.monotonic() - start
        page.wait_for_timeout(200)
    raise TimeoutError(f"cells still running after {timeout_s:.0f} s; prompts {code_prompts(page)}")


def error_outputs(page) -> list[str]:
    """Text of every error/stderr output, or widget that failed to display, in the notebook."""
    errors = page.locator(f'{ACTIVE} .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
    texts = errors.all_text_contents()
    texts += [t for t in page.locator(f"{ACTIVE} .jp-OutputArea-output").all_text_contents()
              if "Error displaying widget" in t or "Error rendering" in t]
    return texts


def screenshot_pages(page, folder: Path, stem: str, max_pages: int = 30) -> list[Path]:
    """Screenshots of the whole notebook, one viewport at a time, top to bottom."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob(f"{stem}-page*.png"):
        old.unlink()
    scroller = f"{ACTIVE} .jp-WindowedPanel-outer"
    page.eval_on_selector(scroller, "el => el.scrollTo(0, 0)")
    shots = []
    for number in range(max_pages):
        page.wait_for_timeout(150)
        shots.append(folder / f"{stem}-page{number:02d}.png")
        page.screenshot(path=str(shots[-1]))
        more = page.eval_on_selector(
            scroller, """el => {
                const cells = el.querySelectorAll('.jp-Cell');
                const last = cells[cells.length - 1];
                if (!last || last.getBoundingClientRect().bottom <= el.getBoundingClientRect().bottom) return false;
                const before = el.scrollTop;
                el.scrollBy(0, el.clientHeight * 0.9);
                return el.scrollTop !== before;
            }""")
        if not more:
            break
    return shots


class RateSlider:
    """The 'learning rate' slider of a SliderFigure in the page, with its image and readouts."""

    def __init__(self, page, label: str = "learning rate"):
        self.page = page
        labelled = page.locator(".widget-slider").filter(has=page.locator(".widget-label", has_text=label))
        self.box = page.locator(f"{ACTIVE} .widget-vbox").filter(has=labelled).filter(
            has=page.locator(".widget-image")).last
        self.slider = self.box.locator(".widget-slider").filter(
            has=page.locator(".widget-label", has_text=label)).first
        self.handle = self.slider.locator(".noUi-handle").first
        self.image = self.box.locator("img.widget-image").first
        self.label = self.box.locator(".widget-html").first

    def exists(self) -> bool:
        return self.box.count() > 0

    def value_text(self) -> str:
        """The number the slider shows beside itself."""
        return self.slider.locator(".widget-readout").inner_text().strip()

    def readout(self) -> str:
        """The SliderFigure's readout line (what update() returned)."""
        return self.label.inner_text().strip()

    def pixels(self):
        """The plot as an RGBA array, read from a screenshot of the image element."""
        from matplotlib.image import imread

        return imread(io.BytesIO(self.image.screenshot()), format="png")

    def far_end(self) -> str:
        """The key that moves the handle furthest: Home (to the minimum) unless it is already there."""
        now, low = (float(self.handle.get_attribute(a)) for a in ("aria-valuenow", "aria-valuemin"))
        return "End" if now <= low else "Home"

    def wiggle_keys(self, count: int) -> list[str]:
        """``count`` arrow keys that alternate away from and back to where the handle is now."""
        now, low = (float(self.handle.get_attribute(a)) for a in ("aria-valuenow", "aria-valuemin"))
        pair = ["ArrowRight", "ArrowLeft"] if now <= low else ["ArrowLeft", "ArrowRight"]
        return [pair[k % 2] for k in range(count)]

    def press(self, key: str, timeout_ms: int = 20_000) -> float:
        """Press ``key`` on the focused handle; milliseconds from keydown to the image's new src."""
        self.image.scroll_into_view_if_needed()
        self.page.evaluate(
            """([img, handle]) => {
                 window.__lat = {press: null, change: null};
                 handle.addEventListener('keydown', () => { window.__lat.press = performance.now(); },
                                         {capture: true, once: true});
                 if (window.__obs) window.__obs.disconnect();
                 window.__obs = new MutationObserver(() => {
                   if (window.__lat.press !== null && window.__lat.change === null)
                     window.__lat.change = performance.now();
                 });
                 window.__obs.observe(img, {attributes: true, attributeFilter: ['src']});
               }""", [self.image.element_handle(), self.handle.element_handle()])
        self.handle.focus()
        self.page.keyboard.press(key)
        self.page.wait_for_function("window.__lat.change !== null", timeout=timeout_ms)
        return self.page.evaluate("window.__lat.change - window.__lat.press")

    def settle(self, quiet_ms: int = 300) -> None:
        """Wait until the image has not changed for ``quiet_ms`` (all queued redraws done)."""
        self.page.wait_for_function(
            """([img, quiet]) => {
                 if (img.__src !== img.src) { img.__src = img.src; img.__since = performance.now(); }
                 return performance.now() - img.__since > quiet;
               }""", arg=[self.image.element_handle(), quiet_ms], polling=50)
