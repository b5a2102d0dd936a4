"""Numbers printed with only the digits every machine agrees on.

Below about 1e-12 a loss or a difference is round-off: 3e-31 on one machine, 1e-30 or exactly 0 on
another. Such a number prints as the bound it is under, "< 1e-12", so every machine prints the same.
"""
from __future__ import annotations

__all__ = ["ROUND_OFF", "text"]

ROUND_OFF = 1e-12  # below this a loss or a gap is round-off: its digits differ between machines


def text(x: float, spec: str = ".2g", below: float = ROUND_OFF) -> str:
    """``x`` written with ``spec`` (".2g": 0.12, 4.4, 1.3e-11), or "< 1e-12" when |x| is below ``below``."""
    if abs(x) < below:
        return f"< {below:.0e}".replace("e-0", "e-").replace("e+0", "e")
    return format(x, spec)
