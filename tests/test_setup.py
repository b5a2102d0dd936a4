"""helpers.setup: importing helpers changes nothing global; the one call installs what the notebooks need."""
from __future__ import annotations

import json
import subprocess
import sys

SCRIPT = r"""
import json, pkgutil, importlib
from IPython.core.interactiveshell import InteractiveShell
import matplotlib as mpl
from matplotlib.figure import Figure

shell = InteractiveShell.instance()

def state():
    png = shell.display_formatter.formatters["image/png"]
    return {"rcParams": sorted((k, str(v)) for k, v in mpl.rcParams.items() if k != "backend"),
            "figure formatter": Figure in png.type_printers,
            "post_run_cell": len(shell.events.callbacks["post_run_cell"]),
            "custom exceptions": [e.__name__ for e in shell.custom_exceptions]}

before = state()
import helpers
for part in ("maths", "views", "exercises"):
    package = importlib.import_module(f"helpers.{part}")
    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"helpers.{part}.{module.name}")
imported = state()
helpers.setup()
after_setup = state()
helpers.setup()
print(json.dumps({"before": before, "imported": imported, "setup": after_setup, "again": state()}))
"""


def _states() -> dict:
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


STATES = None


def states() -> dict:
    global STATES
    if STATES is None:
        STATES = _states()
    return STATES


def test_importing_every_helpers_module_changes_nothing_global():
    assert states()["imported"] == states()["before"]


def test_setup_installs_the_style_the_picture_formatter_the_post_cell_hook_and_the_slip_handler():
    before, after = states()["before"], states()["setup"]
    assert after["rcParams"] != before["rcParams"]
    assert after["figure formatter"] and not before["figure formatter"]
    assert after["post_run_cell"] == before["post_run_cell"] + 1
    assert after["custom exceptions"] == ["TypeError", "SyntaxError", "NameError"] and before["custom exceptions"] == []


def test_setup_twice_installs_nothing_twice():
    assert states()["again"] == states()["setup"]
