"""The gunner's picture (notebook 06): each shot's arc, numbered where it lands, beside the miss after each shot.

The maths (the range R(θ), the corrections θ ← θ − η · e · dR/dθ) is in :mod:`helpers.maths.aiming`.
"""
from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np

from helpers.maths.aiming import MAX_RANGE, Shots, landing
from helpers.views import style
from helpers.views.show import show

__all__ = ["plot_shots"]


def plot_shots(*runs: Shots, labels: tuple[str, ...] = ()) -> None:
    """Draw each run's shell arcs, numbered at their landing points, with the target flag, and beside
    it the miss after each shot (one row per run, designed for the notebook's 840 px width)."""
    fig = style.new_figure(style.CONTENT_WIDTH, 300 * len(runs))
    axes = fig.subplots(len(runs), 2, squeeze=False, gridspec_kw={"width_ratios": [2.2, 1]})
    for (ax, ax_miss), run, label in zip(axes, runs, labels or [""] * len(runs)):
        colours = plt.cm.viridis(np.linspace(0.0, 0.85, len(run.angles)))
        for k, (angle, miss, colour) in enumerate(zip(run.angles, run.misses, colours), start=1):
            reach = landing(angle)
            x = np.linspace(0, reach, 60)
            ax.plot(x, x * math.tan(math.radians(angle)) * (1 - x / reach), color=colour, lw=1.5,
                    ls=style.LINESTYLES[(k - 1) % len(style.LINESTYLES)], label=f"{k}: {angle:.1f}°")
            ax.plot([reach], [0], "v", color=colour, markersize=8)
        ax.plot([run.target, run.target], [0, 12], color=style.MOVING, lw=2, ls="-")
        ax.fill([run.target, run.target + 6, run.target], [12, 10, 8], color=style.MOVING)
        ax.plot([0], [0], "s", color="black", markersize=12)
        top = max(landing(a) * math.tan(math.radians(a)) / 4 for a in run.angles)  # the highest arc
        ax.set(xlim=(-3, MAX_RANGE + 3), ylim=(0, max(20.0, 1.9 * top)), xlabel="distance (m)", ylabel="height (m)",
               title=label or "each shot corrects the angle by η × miss × dR/dθ")
        ax.legend(title="shot: angle", loc="upper left", ncols=3, handlelength=1.6, columnspacing=1.0)
        ax_miss.axhline(0, color=style.MOVING, lw=1)
        ax_miss.plot(np.arange(1, len(run.misses) + 1), run.misses, "o-", color=style.LOSS)
        ax_miss.set(xlabel="shot", ylabel="miss (m)", title="miss after each shot")
        ax_miss.set_xticks(np.arange(1, len(run.misses) + 1))
    show(fig)
