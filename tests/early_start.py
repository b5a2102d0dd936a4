"""Start the slow checks that mostly wait as soon as pytest knows it will run them.

A test module may define ``start_in_background()``: it starts its work (subprocesses,
threads) and returns at once, and its tests collect the results later. This plugin calls it
for every module with a selected test, right after collection, so that work overlaps the
rest of the test command (the wheel queries and the other-CPU nbval passes run while
test_binder waits for pip, instead of adding their own minutes). If it takes an argument,
it gets the names of the module's selected tests (e.g. ``test_x[param]``), so it can start
only the work those tests need. ``stop_background()``, if defined, is called when the session ends. Registered in pyproject.toml (``-p early_start``).
"""
from __future__ import annotations

import inspect


def _modules(session):
    return {item.module for item in session.items if getattr(item, "module", None) is not None}


def pytest_collection_finish(session):
    if session.config.option.collectonly:
        return
    for module in sorted(_modules(session), key=lambda m: m.__name__):
        start = getattr(module, "start_in_background", None)
        if start is None:
            continue
        if inspect.signature(start).parameters:
            start([item.name for item in session.items if getattr(item, "module", None) is module])
        else:
            start()


def pytest_sessionfinish(session):
    for module in _modules(session):
        stop = getattr(module, "stop_background", None)
        if stop is not None:
            stop()
