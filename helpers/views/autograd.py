"""Pictures of notebook 07: the XOR training curves (the learner's graphs are drawn by :mod:`helpers.views.compgraph`).

Sizes are in displayed pixels at 96 per inch (the series' notebook width is 840 px), text at
least 10 pt; the curves differ by line style and marker as well as colour.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, LogLocator, NullLocator

from helpers.views import style

__all__ = ["training_figure"]

BLUE, VERMILLION, ORANGE = (style.OKABE_ITO[name] for name in ("blue", "vermillion", "orange"))


def training_figure(engine: Sequence[float], matrix: Sequence[float], unzeroed: Sequence[float],
                    title: str = "") -> Figure:
    """Loss per epoch on a log scale: the Value engine (line), helpers.maths.network.train (circles), never zeroed (dashes)."""
    engine, matrix, unzeroed = (np.asarray(c, dtype=float) for c in (engine, matrix, unzeroed))
    if not (len(engine) == len(matrix) == len(unzeroed)) or len(engine) < 2:
        raise ValueError(f"three loss curves of the same length (>= 2) are needed, got {len(engine)}, "
                         f"{len(matrix)}, {len(unzeroed)}")
    epochs = np.arange(len(engine))
    fig = style.new_figure(800, 330, layout=None)
    ax = fig.add_axes((0.09, 0.15, 0.89, 0.75 if title else 0.82))  # fixed: no layout pass over log labels
    every = max(1, len(engine) // 28)
    ax.semilogy(epochs, engine, color=BLUE, lw=2.2, label="your engine (zeroed before each step)")
    ax.semilogy(epochs[::every], matrix[::every], "o", mfc="none", mec=ORANGE, mew=1.5, ms=7,
                label="helpers.maths.network.train (matrices)")
    ax.semilogy(epochs, unzeroed, color=VERMILLION, ls="--", lw=1.6, label="gradients never zeroed")
    low = max(1e-12, min(np.nanmin(c[c > 0]) for c in (engine, matrix, unzeroed)))
    ax.set_ylim(10.0 ** np.floor(np.log10(low)), 1.0)
    ax.yaxis.set_major_locator(LogLocator(base=100.0))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: "1" if v == 1 else f"{v:.0e}".replace("e-0", "e-")))
    ax.yaxis.set_minor_locator(NullLocator())
    ax.set_xlim(0, len(engine) - 1)
    ax.set_xlabel("epoch", fontsize=style.FONT_PT)
    ax.set_ylabel("loss L (log scale)", fontsize=style.FONT_PT)
    ax.tick_params(labelsize=style.FONT_PT)
    ax.grid(alpha=0.3, which="major")
    ax.legend(fontsize=style.FONT_PT, loc="lower left")
    if title:
        ax.set_title(title, fontsize=style.TITLE_PT)
    return fig
