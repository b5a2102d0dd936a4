"""Drawings of computation graphs: legible at the notebook's width, long graphs in two rows,
edge labels clear of boxes and arrows, constants without a gradient, a key for the box kinds."""
import ipywidgets as widgets
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Annotation

from helpers.maths import compgraph as cg
from helpers.views import compgraph as cgv
from helpers.views import style


def three_layers():
    loss = cg.layer_chain(1.0, (0.9, -1.3, 0.7), 0.5)
    loss.backward()
    return loss


def used_twice():
    a = cg.Value(0.5, "a")
    z = a.sigmoid().named("z")
    y = ((3 * z).named("p") + (z ** 2).named("q")).named("y")
    y.backward()
    return y


def shared_product():
    """Notebook 07's first graph: p = a·b, s = p + a, L = p·s, whose edge p → L runs under the box s."""
    from helpers.maths import autograd as ag
    a, b = ag.Value(2.0), ag.Value(-3.0)
    p = ag.mul(a, b)
    L = ag.mul(p, ag.add(p, a))
    ag.backward(L)
    from helpers.views.autograd import drawable
    return drawable(L, {"a": a, "b": b, "p": p, "s": L.parents[1][0], "L": L})


def drawn(fig):
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return canvas.get_renderer()


def test_a_long_chain_wraps_into_two_rows_at_the_notebooks_width():
    fig = cgv.graph_figure(three_layers(), "three layers")
    width, height = style.displayed_size(fig)
    assert style.CONTENT_WIDTH - 20 <= width <= style.CONTENT_WIDTH - 2 * style.TIGHT_PAD_PX and height < 700
    ax = fig.axes[0]
    boxes = [t for t in ax.texts if t.get_bbox_patch() is not None and "\n" in t.get_text()]
    assert len(boxes) == 12 and max(t.get_position()[0] for t in boxes) <= 3  # at most four columns a row
    ys = [t.get_position()[1] for t in boxes]
    middle = (max(ys) + min(ys)) / 2
    top = {t.get_text().split("\n")[0] for t in boxes if t.get_position()[1] > middle}
    bottom = {t.get_text().split("\n")[0] for t in boxes if t.get_position()[1] < middle}
    assert {"x", "w1", "a1 (×)"} <= top and {"L (^2)", "e (−)"} <= bottom
    assert len(ax.lines) == 1  # the one arrow that leaves the first row and enters the second


def test_every_text_is_at_least_10_pt_even_when_asked_for_less():
    fig, ax = Figure(figsize=(13, 3.6)), None
    ax = fig.add_subplot()
    cgv.draw(three_layers(), ax, fontsize=8)  # what notebook 02 asked for before
    assert style.displayed_size(fig)[0] <= style.CONTENT_WIDTH - 2 * style.TIGHT_PAD_PX  # fitted to the notebook
    sizes = [t.get_fontsize() for t in ax.texts] + [t.get_fontsize() for t in ax.get_legend().get_texts()]
    assert min(sizes) >= style.MIN_FONT_PT


@pytest.mark.parametrize("graph", [three_layers, used_twice, shared_product])
def test_edge_labels_sit_clear_of_every_box_and_arrow(graph):
    fig = cgv.graph_figure(graph())
    renderer = drawn(fig)
    ax = fig.axes[0]
    boxes = [t.get_bbox_patch().get_window_extent(renderer) for t in ax.texts if t.get_bbox_patch() is not None]
    labels = [t for t in ax.texts if isinstance(t, Annotation) and t.get_text()]
    arrows = [t for t in ax.texts if isinstance(t, Annotation) and not t.get_text()]
    assert labels and len(labels) == len(arrows)
    segments = [(a.xyann, a.xy) for a in arrows]
    for line in ax.lines:  # the row-wrapping connector
        xy = line.get_xydata()
        segments += list(zip(xy[:-1], xy[1:]))
    for label in labels:
        box = label.get_window_extent(renderer)
        assert not any(box.overlaps(other) for other in boxes), f"label {label.get_text()} covers a node box"
        for start, end in segments:
            points = ax.transData.transform(np.linspace(start, end, 60))
            inside = ((points[:, 0] > box.x0) & (points[:, 0] < box.x1)
                      & (points[:, 1] > box.y0) & (points[:, 1] < box.y1))
            assert not inside.any(), f"label {label.get_text()} hides part of an arrow"


def test_constants_show_their_number_only_and_the_key_explains_the_boxes():
    fig = cgv.graph_figure(used_twice())
    ax = fig.axes[0]
    texts = [t.get_text() for t in ax.texts]
    assert "3" in texts and not any("∂y/∂3" in t or "dy/d3" in t for t in texts)
    key = [t.get_text() for t in ax.get_legend().get_texts()]
    assert key == ["input, weight, target", "computed", "constant (no gradient)", "local derivative"]
    styles = {t.get_text().split("\n")[0]: (t.get_bbox_patch().get_boxstyle().__class__.__name__,
                                            t.get_bbox_patch().get_linestyle()) for t in ax.texts
              if t.get_bbox_patch() is not None}
    assert len({styles["a"], styles["z (σ)"], styles["3"]}) == 3  # shape and border differ, not only the fill


def test_graph_view_takes_a_list_of_values_and_keeps_its_boxes_in_place():
    view = cgv.graph_view(cg.single_weight_loss, "w", [0.0, 0.2, 0.4, 0.6, 0.8, 1.0, 1.2], value=0.8)
    assert view.readout == "w = 0.800: L = 0.4900, ∂L/∂w = 2.1000"
    assert style.CONTENT_WIDTH - 20 <= view.width <= style.CONTENT_WIDTH
    before = [t.get_position() for t in view.fig.axes[0].texts]
    view.set(w=0.2)
    assert [t.get_position() for t in view.fig.axes[0].texts] == before
    with pytest.raises(ValueError, match="starting value"):
        cgv.graph_view(cg.single_weight_loss, "w", [0.0, 1.0])
    with pytest.raises(ValueError, match="exactly one node called 'v'"):
        cgv.graph_view(cg.single_weight_loss, "v", widgets.FloatSlider(value=0.8, min=0, max=1.2, step=0.1))


def test_round_off_on_an_edge_shows_as_zero():
    assert cgv._edge_text(-5.551115123125783e-17) == "0" and cgv._edge_text(-0.7311) == "-0.731"
