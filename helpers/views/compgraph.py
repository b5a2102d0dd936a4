"""Pictures of a computation graph (notebooks 02 and 07): boxes for the nodes, arrows for the edges
labelled with their local derivatives, a slider that rebuilds the graph, and 02's loss-and-gradient figure.

Any node with ``data``, ``grad`` and ``parents`` can be drawn (the engine's :class:`helpers.maths.engine.Value`
or a learner's class); a node's name is its ``label`` or comes from ``names`` (name -> node), a computed
node shows the operation written on it as ``op``, if any, and an unnamed input is a constant. The engine
is :mod:`helpers.maths.engine`; this module only draws (no graphviz needed).
"""
from __future__ import annotations

import math
from fractions import Fraction
from typing import Callable, Sequence

import ipywidgets as widgets
import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from helpers.maths.compgraph import name as _written
from helpers.maths.engine import Value, topological_order, zero_grad
from helpers.views import style
from helpers.views.controls import SliderFigure, grid_slider, linear_grid

__all__ = ["draw", "graph_figure", "graph_size", "graph_view", "WEIGHT_GRID", "loss_and_gradient_figure"]

# the single weight's slider in notebook 02: 0 to 1.2 in steps of 1/30, so 0.8 and the best weight 1/3 are on it
WEIGHT_GRID = linear_grid(Fraction(0), Fraction(6, 5), Fraction(1, 30))


# ---------------------------------------------------------------- drawing
# Box kinds, told apart by fill, border and corner shape (not by colour alone); the key under
# every drawing says what each means.
_KINDS = {
    "leaf": {"fc": "#fbe3bd", "boxstyle": "square,pad=0.45", "ls": "-", "key": "input, weight, target"},
    "computed": {"fc": "#c9eadb", "boxstyle": "round,pad=0.45", "ls": "-", "key": "computed"},
    "constant": {"fc": "#eeeeee", "boxstyle": "round,pad=0.3", "ls": "--", "key": "constant (no gradient)"},
}
EDGE_COLOUR = style.OKABE_ITO["blue"]
ROW_HEIGHT_PX = 92   # one node box of three lines at 10 pt, with room between rows
KEY_PX, TITLE_PX = 34, 30


class _Names:
    """Each node's name as drawn: ``names`` (name -> node) first, else the node's own ``label``."""

    def __init__(self, names: dict | None):
        self.given = {id(node): label for label, node in (names or {}).items()}

    def label(self, node) -> str:
        return self.given.get(id(node)) or getattr(node, "label", "")

    def constant(self, node) -> bool:
        return not node.parents and not self.label(node)

    def written(self, node) -> str:
        return self.given.get(id(node)) or _written(node)


def _kind(node, names: _Names) -> str:
    return "constant" if names.constant(node) else ("leaf" if not node.parents else "computed")


def _layout(order: list[Value]) -> dict[int, tuple[float, float]]:
    """Columns by depth (inputs left, output right); a leaf sits just left of its first user."""
    depth: dict[int, int] = {}
    for node in order:
        depth[id(node)] = 1 + max((depth[id(p)] for p, _ in node.parents), default=-1)
    for node in order:  # pull each leaf (weight, constant) next to the node that uses it
        for parent, _ in node.parents:
            if not parent.parents:
                depth[id(parent)] = max(depth[id(parent)], depth[id(node)] - 1)
    columns: dict[int, list[Value]] = {}
    for node in order:
        columns.setdefault(depth[id(node)], []).append(node)
    neighbours: dict[int, list[Value]] = {id(n): [p for p, _ in n.parents] for n in order}
    for node in order:
        for parent, _ in node.parents:
            neighbours[id(parent)].append(node)
    pos: dict[int, tuple[float, float]] = {}
    for sweep in range(3):  # order each column by its neighbours' heights, to avoid crossing edges
        for col in sorted(columns):
            members = columns[col]
            if sweep:
                members.sort(key=lambda n: -np.mean([pos[id(m)][1] for m in neighbours[id(n)]] or [0.0]))
            for k, node in enumerate(members):
                pos[id(node)] = (float(col), (len(members) - 1) / 2 - k)
    return pos


def _rows(pos: dict[int, tuple[float, float]], rows: int | None) -> tuple[dict[int, tuple[float, float, int]], int,
                                                                           int, float]:
    """Wrap the columns into ``rows`` bands (default: one up to 5 columns, else ~4 columns per band).

    Returns id -> (x, y, band), the number of bands, columns per band and the height of a band.
    """
    columns = int(max(x for x, _ in pos.values())) + 1
    rows = rows or (1 if columns <= 5 else math.ceil(columns / 4))
    per_band = math.ceil(columns / rows)
    height = max(y for _, y in pos.values()) * 2 + 1  # rows of boxes in the tallest column
    gap = 0.9
    placed = {key: (x % per_band, y - (int(x) // per_band) * (height + gap), int(x) // per_band)
              for key, (x, y) in pos.items()}
    return placed, rows, per_band, height


def _node_text(node, names: _Names, out: str, show_grad: bool, number: str = "") -> str:
    """A box's text: name (operation), value, gradient; a constant shows its number only."""
    if names.constant(node):
        return names.written(node)
    fmt = (lambda v: number) if number else (lambda v: f"{v:.4f}")
    label, op = names.label(node), getattr(node, "op", "")
    text = f"{label} ({op})" if label and node.parents and op else names.written(node)
    text += f"\n{fmt(node.data)}"
    return text + (f"\n∂{out}/∂{names.written(node)} = {fmt(node.grad)}" if show_grad else "")


def _texts(order: list, names: _Names, out: str, show_grad: bool) -> list[str]:
    """Every text of a drawing, in drawing order: the node boxes, then the edge labels."""
    return ([_node_text(node, names, out, show_grad) for node in order]
            + [_edge_text(local) for node in order for _, local in node.parents])


def _edge_text(local: float) -> str:
    """A local derivative to 3 significant digits; round-off (|x| < 1e-12) shows as 0, not as unstable digits."""
    return "0" if abs(local) < 1e-12 else f"{local:.3g}"


def graph_size(output, rows: int | None = None, title: bool = True) -> tuple[int, int]:
    """The displayed size (px) that :func:`draw` gives a figure holding only the graph of ``output``."""
    _, bands, _, height = _rows(_layout(topological_order(output)), rows)
    # a little narrower than the notebook: plt.show() adds a margin when it crops the figure
    return style.CONTENT_WIDTH - 4 * style.TIGHT_PAD_PX, round(bands * height * ROW_HEIGHT_PX + (bands - 1) * 0.9 * ROW_HEIGHT_PX
                                      + KEY_PX + (TITLE_PX if title else 0) + 20)


def _renderer(fig: Figure):
    canvas = fig.canvas if hasattr(fig.canvas, "get_renderer") else FigureCanvasAgg(fig)
    return canvas.get_renderer()


def draw(output, ax: Axes, show_grad: bool = True, fontsize: float = style.FONT_PT, rows: int | None = None,
         fit: bool = True, names: dict | None = None) -> list:
    """Draw the graph of ``output`` on ``ax``: boxes with value (and gradient), blue local derivatives on the arrows.

    ``names`` (name -> node) names nodes that carry no ``label`` of their own, e.g. a learner's.

    Text is never smaller than :data:`helpers.views.style.MIN_FONT_PT`. A graph of more than five
    columns wraps into ``rows`` rows (default: about four columns a row); the arrow that
    leaves a row re-enters the next from the left. When ``ax`` is the only axes of its figure
    and ``fit`` is on, the figure is sized for the notebook (:func:`graph_size`), leaving room
    for a title. A key under the graph says what the box kinds and blue numbers are.
    Returns the text artists in the order of :func:`_texts`, so a slider can update them in place.
    """
    fontsize = max(float(fontsize), style.MIN_FONT_PT)
    order, names = topological_order(output), _Names(names)
    out = names.written(output)
    placed, bands, per_band, height = _rows(_layout(order), rows)
    fig = ax.figure
    if fit and len(fig.axes) == 1:
        width, tall = graph_size(output, rows)
        fig.set_size_inches(*style.inches(width, tall))
        ax.set_position((0.0, 0.0, 1.0, 1.0 - TITLE_PX / tall))
    ax.clear()
    ax.set_axis_off()
    ys = [y for _, y, _ in placed.values()]
    key_room = KEY_PX / ROW_HEIGHT_PX
    ax.set_xlim(-0.62, per_band - 1 + 0.62)
    ax.set_ylim(min(ys) - 0.5 - key_room, max(ys) + 0.5)
    texts = iter(_texts(order, names, out, show_grad))
    boxes, half_width, rects = {}, {}, []  # rects: every box's widest extent on screen, for the labels
    renderer = _renderer(fig)
    to_data = ax.transData.inverted()
    for node in order:
        x, y, _ = placed[id(node)]
        kind = _KINDS[_kind(node, names)]
        box = ax.text(x, y, next(texts), ha="center", va="center", fontsize=fontsize, zorder=3,
                      bbox={"boxstyle": kind["boxstyle"], "fc": kind["fc"], "ec": "#555555", "ls": kind["ls"]})
        boxes[id(node)] = box
        # the widest this box gets while a slider moves: every number as wide as "-8.8888"
        widest = _node_text(node, names, out, show_grad, number="-8.8888")
        probe = ax.text(x, y, widest, ha="center", va="center", fontsize=fontsize)
        extent = probe.get_window_extent(renderer)
        probe.remove()
        pad = (0.45 if not names.constant(node) else 0.3) * fontsize * fig.dpi / 72
        (left, _), (right, _) = to_data.transform([(extent.x0 - pad, 0), (extent.x1 + pad, 0)])
        half_width[id(node)] = (right - left) / 2
        cx = ax.transData.transform((x, y))[0]
        rects.append((cx - (extent.x1 - extent.x0) / 2 - pad, extent.y0 - pad,
                      cx + (extent.x1 - extent.x0) / 2 + pad, extent.y1 + pad))
    probe = ax.text(0, 0, "-8.888", fontsize=fontsize, fontweight="bold")  # the widest edge label
    label_size = (probe.get_window_extent(renderer).width, probe.get_window_extent(renderer).height)
    probe.remove()
    arrow = {"arrowstyle": "-|>", "color": "#555555", "lw": 1.2, "shrinkA": 0, "shrinkB": 0, "mutation_scale": 12}
    margin = 0.04
    edges, segments = [], []  # the labelled piece of every arrow, and every straight piece drawn
    for node in order:
        x, y, band = placed[id(node)]
        for parent, _ in node.parents:
            px, py, parent_band = placed[id(parent)]
            start = (px + half_width[id(parent)] + margin, py)
            end = (x - half_width[id(node)] - margin, y)
            if band == parent_band:
                ax.annotate("", xy=end, xytext=start, arrowprops=arrow, zorder=2)
                segments.append((start, end))
            else:  # leave the row to the right, run back left under it, come in from the left
                turn = min(v for _, v, b in placed.values() if b == parent_band) - 0.45  # between the rows
                right_x, left_x = per_band - 1 + 0.5, -0.55
                path = [start, (right_x, py), (right_x, turn), (left_x, turn), (left_x, y), end]
                ax.plot(*zip(*path[:-1]), color="#555555", lw=1.2, zorder=2)
                ax.annotate("", xy=end, xytext=(left_x, y), arrowprops=arrow, zorder=2)
                segments += list(zip(path[:-1], path[1:]))
                start, end = (right_x, turn), (left_x, turn)
            edges.append((start, end))
    labels = [ax.annotate(next(texts), xy, xytext=offset, textcoords="offset points", ha="center", va="center",
                          fontsize=fontsize, color=EDGE_COLOUR, fontweight="bold", zorder=4)
              for xy, offset in (_label_place(ax, start, end, label_size, rects, segments) for start, end in edges)]
    _key(ax, [_kind(node, names) for node in order], fontsize)
    return list(boxes.values()) + labels


def _label_place(ax: Axes, start, end, size: tuple[float, float], rects: list, segments: list):
    """Where an edge's label goes: beside the arrow, at its middle if that spot is clear of every box and
    arrow, else the clear spot nearest the middle (either side, sliding along the arrow)."""
    candidates = [(t, side) for t in (0.5, 0.35, 0.65, 0.25, 0.75, 0.15, 0.85) for side in (1, -1)]
    for t, side in candidates:
        xy = (start[0] + t * (end[0] - start[0]), start[1] + t * (end[1] - start[1]))
        dx, dy = _beside(ax, start, end, size)
        offset = (side * dx, side * dy)
        if _clear(ax, xy, offset, size, rects, segments):
            return xy, offset
    return ((start[0] + end[0]) / 2, (start[1] + end[1]) / 2), _beside(ax, start, end, size)


def _clear(ax: Axes, xy, offset, size: tuple[float, float], rects: list, segments: list) -> bool:
    """True if a label of ``size`` (px) at ``xy`` + ``offset`` (points) covers no box and no arrow."""
    cx, cy = ax.transData.transform(xy) + np.asarray(offset) * ax.figure.dpi / 72
    x0, x1, y0, y1 = cx - size[0] / 2, cx + size[0] / 2, cy - size[1] / 2, cy + size[1] / 2
    if any(x0 < r[2] and r[0] < x1 and y0 < r[3] and r[1] < y1 for r in rects):
        return False
    for a, b in segments:
        points = ax.transData.transform(np.linspace(a, b, 60))
        if ((points[:, 0] > x0) & (points[:, 0] < x1) & (points[:, 1] > y0) & (points[:, 1] < y1)).any():
            return False
    return True


def _beside(ax: Axes, start: tuple[float, float], end: tuple[float, float],
            size: tuple[float, float]) -> tuple[float, float]:
    """An offset (points) that puts a label of ``size`` (px) next to the middle of the arrow, clear of it, above."""
    (x0, y0), (x1, y1) = ax.transData.transform([start, end])
    length = math.hypot(x1 - x0, y1 - y0) or 1.0
    nx, ny = -(y1 - y0) / length, (x1 - x0) / length
    if ny < 0 or (ny == 0 and nx < 0):
        nx, ny = -nx, -ny
    distance = abs(nx) * size[0] / 2 + abs(ny) * size[1] / 2 + 2  # px from the line to the label's centre
    points = 72 / ax.figure.dpi
    return nx * distance * points, ny * distance * points


def _key(ax: Axes, drawn: list[str], fontsize: float) -> None:
    """The key under a drawing: what each box kind (of those ``drawn``) and the blue numbers mean."""
    kinds = [k for k in _KINDS if k in drawn]
    handles = [Patch(facecolor=_KINDS[k]["fc"], edgecolor="#555555", linestyle=_KINDS[k]["ls"], label=_KINDS[k]["key"])
               for k in kinds]
    handles.append(Line2D([], [], color=EDGE_COLOUR, marker="$1.5$", markersize=16, linestyle="none",
                          label="local derivative"))
    ax.legend(handles=handles, loc="lower center", ncol=len(handles), frameon=False, fontsize=fontsize,
              handlelength=1.4, handletextpad=0.5, columnspacing=1.0, borderaxespad=0.1)


def graph_figure(output, title: str = "", rows: int | None = None, show_grad: bool = True,
                 names: dict | None = None) -> Figure:
    """The drawing of ``output``'s graph on its own figure, sized for the notebook (show it with ``show.show``).

    ``names`` (name -> node) names the nodes of a class without labels, e.g. ``names=dict(w=w, x=x)``.
    """
    fig = Figure()
    ax = fig.add_subplot()
    draw(output, ax, show_grad=show_grad, rows=rows, names=names)
    if title:
        ax.set_title(title, fontsize=style.TITLE_PT)
    return fig


def graph_view(build: Callable[[float], Value], name: str, slider: widgets.ValueWidget | Sequence[float],
               value: float | None = None, rows: int | None = None,
               figsize: tuple[float, float] | None = None) -> SliderFigure:
    """A slider for one input: ``build(value)`` makes the graph, backward runs, the drawing updates.

    ``slider`` is a widget (a ``FloatSlider`` becomes an exact grid slider) or the list of
    values the slider offers, starting at ``value``. The readout says where the slider is,
    the output's value and its gradient with respect to the slider's node, e.g.
    "w = 0.800: L = 0.4900, ∂L/∂w = 2.1000"; the picture shows the rest. ``figsize`` is ignored
    (the figure is sized for the notebook).
    """
    if not callable(build):
        raise TypeError(f"build must be a function from a number to a Value, got {type(build).__name__}")
    if not isinstance(slider, widgets.ValueWidget):
        if value is None:
            raise ValueError("give the slider's starting value, e.g. graph_view(build, 'w', [0.0, 0.1, ...], value=0.8)")
        slider = grid_slider(slider, value, name, fmt=".3f")
    first = build(slider.value)
    if not isinstance(first, Value):
        raise TypeError(f"build must return a Value, got {type(first).__name__}")
    fig = Figure(figsize=style.inches(*graph_size(first, rows, title=False)))
    ax = fig.add_axes((0, 0, 1, 1))
    drawn: list = []  # the text artists of the current drawing

    def update(**values) -> str:
        output = build(*values.values())
        if not isinstance(output, Value):
            raise TypeError(f"build must return a Value, got {type(output).__name__}")
        zero_grad(output)  # backward adds: a build that reuses nodes must not show two passes' gradients
        output.backward()
        order, names = topological_order(output), _Names(None)
        out = names.written(output)
        texts = _texts(order, names, out, True)
        if len(texts) == len(drawn):  # same graph shape: change the numbers only (a fast redraw)
            for artist, text in zip(drawn, texts):
                artist.set_text(text)
        else:
            drawn[:] = draw(output, ax, rows=rows, fit=False)
        try:
            node = output[name]
        except KeyError as error:
            raise ValueError(f"the graph needs exactly one node called {name!r} (the slider's): "
                             f"{error.args[0]}") from None
        return f"{name} = {node.data:.3f}: {out} = {output.data:.4f}, ∂{out}/∂{name} = {node.grad:.4f}"

    return SliderFigure(fig, {name: slider}, update, name=f"computation graph, slider {name}")


def loss_and_gradient_figure(ws: Sequence[float], losses: Sequence[float], grads: Sequence[float],
                             marked: float = 0.8, best: float = 1 / 3) -> Figure:
    """The loss L(w) (forward passes) above its gradient ∂L/∂w (backward passes), one shared w axis.

    Each panel has its own labelled y-axis; ``marked`` gets a dot on both curves and ``best``
    (where the gradient is 0) a dotted line with a label, so nothing is told by colour alone.
    """
    ws, losses, grads = (np.asarray(v, dtype=float) for v in (ws, losses, grads))
    if not (ws.ndim == 1 and ws.shape == losses.shape == grads.shape and ws.size >= 2):
        raise ValueError(f"ws, losses and grads must be lists of the same length (≥ 2), got shapes "
                         f"{ws.shape}, {losses.shape}, {grads.shape}")
    fig = style.new_figure(640, 440)
    top, bottom = fig.subplots(2, 1, sharex=True)
    k = int(np.argmin(np.abs(ws - marked)))
    top.plot(ws, losses, color=style.CURVE, linestyle="-", lw=2)
    bottom.plot(ws, grads, color=style.SERIES[1], linestyle="--", lw=2)
    for panel, values, name in ((top, losses, "L"), (bottom, grads, "∂L/∂w")):
        panel.plot([ws[k]], [values[k]], "o", color=style.MOVING, markersize=8, markeredgecolor="black", zorder=3)
        panel.annotate(f"w = {ws[k]:g}: {name} = {values[k]:.2f}", (ws[k], values[k]), xytext=(-10, 8),
                       textcoords="offset points", ha="right", va="bottom", fontsize=style.FONT_PT)
        panel.axvline(best, color=style.GUIDE, linestyle=":", lw=1.2)
        panel.grid(alpha=0.3)
    bottom.axhline(0, color=style.GUIDE, lw=0.8)
    top.set_ylabel("loss L(w)\n(forward pass)")
    bottom.set_ylabel("gradient ∂L/∂w\n(backward pass)")
    bottom.set_xlabel("weight w")
    bottom.annotate("w = 1/3: gradient 0, loss smallest", (best, 0), xytext=(8, -22), textcoords="offset points",
                    ha="left", va="top", fontsize=style.FONT_PT)
    top.set_title("Each weight gives one forward value and one gradient")
    return fig
