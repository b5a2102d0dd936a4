"""Shared test policy: a tool that CI must have fails the run there, and skips on a learner's machine."""
from __future__ import annotations

import os

import pytest

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: builds a fresh environment or drives a real browser (~1 min)")
    config.addinivalue_line("markers", "waits_for_background: collects work started after collection "
                                       "(tests/early_start.py); runs last, so that work overlaps everything else")


def pytest_collection_modifyitems(session, config, items):
    """Tests that wait for background work go last (in their order): the main process runs everything else
    (unit tests, browser, nbval) meanwhile, instead of waiting for it at the start of the run."""
    items[:] = ([item for item in items if item.get_closest_marker("waits_for_background") is None]
                + [item for item in items if item.get_closest_marker("waits_for_background") is not None])


def require(available: bool, reason: str) -> None:
    """Skip with ``reason`` when a tool is missing, but fail under CI=true, where .ci/run installs it."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"CI=true but {reason} (.ci/run should have installed it)", pytrace=False)
    pytest.skip(reason)
