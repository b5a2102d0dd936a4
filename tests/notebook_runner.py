"""Run a notebook's code in this process and record every picture it shows, as a learner's browser would get it.

Used by test_figures_legible.py (text size at the displayed size) and test_controls_in_axes.py
(every slider swept over its range). Each code cell runs in an IPython shell with the inline
matplotlib backend, so ``plt.show()``, ``helpers.views.show.show`` and widget views reach the
screen the way they do in a kernel; a hook records:

- every Agg draw of a figure (a *session*): its pixel size and dpi, and each text drawn
  with its font size;
- every PNG published for display, with the width the browser will show it at;
- every :class:`helpers.views.controls.SliderFigure` made (``live_views``) with its displayed width.

A picture's displayed text size in points is ``fontsize x dpi x (displayed width / pixel width) / 96``
(a CSS pixel is 1/96 inch); JupyterLab shrinks anything wider than the content width.
"""
from __future__ import annotations

import contextlib
import functools
import io
import os
import struct
from dataclasses import dataclass, field
from pathlib import Path

from notebook_cells import solutions

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"


@dataclass
class Session:
    """One full draw of a figure: its size in pixels, its dpi, and (text, font size in pt) for each text drawn."""

    figure: int
    width: int
    height: int
    dpi: float
    texts: list[tuple[str, float]] = field(default_factory=list)
    cut: list[str] = field(default_factory=list)  # texts that run past the picture's edge


@dataclass
class Picture:
    """A picture on screen: the cell that showed it (or the slider view), its pixel and displayed width, its texts."""

    where: str
    width: int
    displayed: float
    session: Session | None


@dataclass
class NotebookRun:
    name: str
    pictures: list[Picture]
    views: list  # SliderFigures made by this notebook, still alive
    seconds: float
    solutions: list[str] = field(default_factory=list)  # what each worked solution printed, run after the notebook


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header."""
    if isinstance(data, str):
        import base64

        data = base64.b64decode(data)
    return struct.unpack(">II", data[16:24])


class _Recorder:
    """Patches matplotlib's Agg draw and Text.draw to log sessions; publishes go to ``published``."""

    def __init__(self):
        self.sessions: list[Session] = []
        self.current: Session | None = None
        self.published: list[tuple[str, dict, dict]] = []
        self.cell = ""

    def install(self):
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.text import Text

        recorder = self
        self._draw, self._text_draw = FigureCanvasAgg.draw, Text.draw

        def draw(canvas):
            width, height = canvas.get_width_height(physical=True)
            session = Session(id(canvas.figure), width, height, canvas.figure.dpi)
            outer, recorder.current = recorder.current, session
            try:
                return recorder._draw(canvas)
            finally:
                recorder.current = outer
                recorder.sessions.append(session)

        def text_draw(text, renderer):
            session = recorder.current
            if session is not None and text.get_visible() and text.get_text().strip():
                session.texts.append((text.get_text(), float(text.get_fontsize())))
                box = text.get_window_extent(renderer)
                if box.x0 < -1 or box.y0 < -1 or box.x1 > session.width + 1 or box.y1 > session.height + 1:
                    session.cut.append(text.get_text())
            return recorder._text_draw(text, renderer)

        FigureCanvasAgg.draw, Text.draw = draw, text_draw

    def uninstall(self):
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.text import Text

        FigureCanvasAgg.draw, Text.draw = self._draw, self._text_draw

    def session_for(self, size: tuple[int, int], figure: int | None = None) -> Session | None:
        """The latest full draw with this pixel size (and figure, if given)."""
        for session in reversed(self.sessions):
            if (session.width, session.height) == size and (figure is None or session.figure == figure):
                return session
        return None


def _code_cells(path: Path) -> list[tuple[int, str]]:
    import nbformat

    notebook = nbformat.read(path, as_version=4)
    return [(k, cell.source) for k, cell in enumerate(notebook.cells) if cell.cell_type == "code"]


@functools.lru_cache(maxsize=None)
def run(name: str) -> NotebookRun:
    """Execute notebooks/<name> top to bottom in this process (once per test session) and return what it showed."""
    import time

    import matplotlib.pyplot as plt
    from IPython.core.displayhook import DisplayHook
    from IPython.core.displaypub import DisplayPublisher
    from IPython.core.interactiveshell import InteractiveShell

    import helpers
    from helpers.views import style
    from helpers.views import controls as widgets

    recorder = _Recorder()

    printed: list[str] = []  # what the worked solution being run prints, in order, as a kernel would store it

    class Publisher(DisplayPublisher):
        def publish(self, data, metadata=None, source=None, *, transient=None, update=False, **kwargs):
            recorder.published.append((recorder.cell, dict(data), dict(metadata or {})))
            if "text/plain" in data:
                printed.append(data["text/plain"] + "\n")

    class Hook(DisplayHook):  # a cell's value: stored as text, without IPython's "Out[n]:" on stdout
        def write_output_prompt(self):
            pass

        def write_format_data(self, format_dict, md_dict=None):
            printed.append(format_dict["text/plain"] + "\n")

    class Printed(io.TextIOBase):
        def write(self, text):
            printed.append(text)
            return len(text)

    class Shell(InteractiveShell):
        displayhook_class = Hook

        def enable_gui(self, gui=None):  # the inline backend needs no event loop
            pass

    known_views = set(map(id, widgets.live_views()))
    InteractiveShell.clear_instance()
    shell = Shell.instance()
    shell.display_pub = Publisher(shell=shell)
    backend = plt.get_backend()
    here = os.getcwd()
    recorder.install()
    start = time.perf_counter()
    try:
        os.chdir(NOTEBOOKS)
        shell.enable_matplotlib("inline")
        helpers.setup()  # as each notebook's first cell does
        widgets.compact_after_cells(shell)
        for index, source in _code_cells(NOTEBOOKS / name):
            recorder.cell = f"cell {index}"
            result = shell.run_cell(source, store_history=False, silent=False)
            if not result.success:
                error = result.error_in_exec or result.error_before_exec
                raise RuntimeError(f"{name} cell {index} failed: {type(error).__name__}: {error}")
        seconds = time.perf_counter() - start
        solutions_printed = []
        for index, code, _ in solutions(name):
            recorder.cell, printed[:] = f"cell {index} (worked solution)", []
            with contextlib.redirect_stdout(Printed()):
                result = shell.run_cell(code, store_history=False, silent=False)
            if not result.success:
                error = result.error_in_exec or result.error_before_exec
                raise RuntimeError(f"{name}'s worked solution in cell {index} failed: {type(error).__name__}: {error}")
            solutions_printed.append("".join(printed))
        views = [view for view in widgets.live_views() if id(view) not in known_views]
        pictures = []
        for where, data, metadata in recorder.published:
            if "image/png" not in data:
                continue
            size = png_size(data["image/png"])
            shown = metadata.get("image/png", {}).get("width", size[0])
            pictures.append(Picture(where, size[0], min(float(shown), style.CONTENT_WIDTH), recorder.session_for(size)))
        for k, view in enumerate(views):
            size = png_size(bytes(view.image.value))
            for session in recorder.sessions:  # every full draw of the slider's figure is a picture it showed
                if session.figure == id(view.fig) and (session.width, session.height) == size:
                    pictures.append(Picture(f"slider view {k + 1} ({view.name})", size[0],
                                            min(float(view.width), style.CONTENT_WIDTH), session))
        return NotebookRun(name, pictures, views, seconds, solutions_printed)
    finally:
        recorder.uninstall()
        os.chdir(here)
        plt.close("all")
        try:
            from matplotlib_inline.backend_inline import flush_figures

            shell.events.unregister("post_execute", flush_figures)
        except (ImportError, ValueError):
            pass
        Shell.clear_instance()
        plt.switch_backend(backend if backend != "module://matplotlib_inline.backend_inline" else "agg")


def notebook_names() -> list[str]:
    return sorted(path.name for path in NOTEBOOKS.glob("*.ipynb"))


def displayed_pt(picture: Picture, fontsize: float) -> float:
    """The size in points at which a text of ``fontsize`` (drawn at the session's dpi) appears on screen."""
    return fontsize * picture.session.dpi * (picture.displayed / picture.width) / 96
