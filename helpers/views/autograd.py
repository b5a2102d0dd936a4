"""Pictures of notebook 07: the learner's graph (drawn by notebook 02's compgraph) and the XOR training curves.

Sizes are in displayed pixels at 96 per inch (the series' notebook width is 840 px), text at
least 10 pt; the curves differ by line style and marker as well as colour.
"""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, LogLocator, NullLocator

from helpers.maths import compgraph as graph
from helpers.maths.autograd import topological_order
from helpers.views import compgraph, style

__all__ = ["graph_figure", "training_figure"]

BLUE, VERMILLION, ORANGE = (style.OKABE_ITO[name] for name in ("blue", "vermillion", "orange"))


def graph_figure(output: Any, title: str = "", show_grad: bool = True, **names: Any) -> Figure:
    """The graph of ``output``: values, local derivatives (blue) and, if ``show_grad``, the grads as they are now.

    ``names`` labels nodes, e.g. ``graph_figure(L, w=w, x=x)``; unnamed leaves are constants.
    Any node with ``data``, ``grad`` and ``parents`` can be drawn; a computed node shows the
    operation written on it as ``op`` (the reference operations write it), or none.
    """
    return compgraph.graph_figure(drawable(output, names), title, show_grad=show_grad)


def drawable(output: Any, names: dict[str, Any] | None = None) -> graph.Value:
    """The graph of ``output`` as notebook 02's nodes, which :mod:`helpers.views.compgraph` draws: each node's
    data, grad, local derivatives and ``op`` as they are, its label from ``names`` (label -> node)."""
    if not (hasattr(output, "data") and hasattr(output, "parents")):
        raise TypeError(f"expected the output node of a graph (a Value), got {type(output).__name__}")
    label_of = {id(node): label for label, node in (names or {}).items()}
    copies: dict[int, graph.Value] = {}
    for node in topological_order(output):
        parents = [(copies[id(parent)], float(local)) for parent, local in node.parents]
        copy = graph.Value(float(node.data), label_of.get(id(node), ""), tuple(parents),
                           getattr(node, "op", "") if parents else "")
        if not parents and id(node) not in label_of:
            copy.label, copy.constant = f"{node.data:g}", True
        copy.grad = float(node.grad)
        copies[id(node)] = copy
    return copies[id(output)]


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
                label="helpers.network.train (matrices)")
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
