"""The Pythons and computers the series supports: one list for every test that checks them.

The README's quick start names the same window in one line, pyproject.toml's
``requires-python`` starts at its first Python, and Binder runs one of them; tests keep the
three in step with this module. Widening the window (Python 3.15, say) starts here.
"""
from __future__ import annotations

# Every CPython that has security support today and a wheel of our numpy pin. 3.10 left with
# its end of life (October 2026). 3.15 joins once one numpy has wheels for 3.11 through 3.15:
# numpy 2.4 (the last line for 3.11) has none for 3.15, and numpy 2.5 (which has) needs 3.12+.
PYTHONS = ("3.11", "3.12", "3.13", "3.14")

# Name shown to people -> (uv's --python-platform, environment for uv). A manylinux_2_28
# target accepts every older manylinux tag too (glibc 2.28+: Debian 10, Ubuntu 20.04, RHEL 8
# and later); MACOSX_DEPLOYMENT_TARGET sets the oldest macOS whose wheels count (11, Big Sur:
# every Apple-silicon Mac, and the Intel Macs that still get updates).
PLATFORMS = {
    "Linux x86_64": ("x86_64-manylinux_2_28", {}),
    "Linux aarch64": ("aarch64-manylinux_2_28", {}),
    "macOS arm64": ("aarch64-apple-darwin", {"MACOSX_DEPLOYMENT_TARGET": "11.0"}),
    "macOS x86_64": ("x86_64-apple-darwin", {"MACOSX_DEPLOYMENT_TARGET": "11.0"}),
    "Windows x86_64": ("x86_64-pc-windows-msvc", {}),
}
