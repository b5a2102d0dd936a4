"""Drawings of computation graphs: legible at the notebook's width, long graphs in two rows,
edge labels clear of boxes and arrows, constants without a gradient, a key for the box kinds."""
import ipywidgets as widgets
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Annotation

from helpers.maths import compgraph as cg
from helpers.maths import engine
from helpers.maths.engine import Value
from helpers.views import compgraph as cgv
from helpers.views import style


def three_layers():
    loss = cg.layer_chain(1.0, (0.9, -1.3, 0.7), 0.5)
    loss.backward()
    return loss


def used_twice():
    a = Value(0.5, label="a")
    z = a.sigmoid().named("z")
    y = ((3 * z).named("p") + (z ** 2).named("q")).named("y")
    y.backward()
    return y


def shared_product():
    """Notebook 07's first graph: p = a·b, s = p + a, L = p·s, whose edge p → L runs under the box s."""
    a, b = Value(2.0, label="a"), Value(-3.0, label="b")
    p = (a * b).named("p")
    L = (p * (p + a).named("s")).named("L")
    L.backward()
    return L


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


def _boxes(fig) -> list[str]:
    return [t.get_text() for t in fig.axes[0].texts if t.get_bbox_patch() is not None]


def test_any_node_is_drawn_with_its_values_grads_local_derivatives_operations_and_names():
    """Notebook 07 draws nodes without labels: names come from ``names``, unnamed leaves are constants."""
    x, w, b = Value(1.5), Value(0.8), Value(0.1)
    z = ((w * x + b) * 2).tanh()
    z.backward()
    fig = cgv.graph_figure(z, names={"x": x, "w": w, "z": z})
    boxes = _boxes(fig)
    assert f"z (tanh)\n{z.data:.4f}\n∂z/∂z = 1.0000" in boxes
    assert f"w\n0.8000\n∂z/∂w = {w.grad:.4f}" in boxes and f"x\n1.5000\n∂z/∂x = {x.grad:.4f}" in boxes
    assert "2" in boxes and "0.1" in boxes  # unnamed leaves are constants: their number only
    assert sorted(t.split("\n")[0] for t in boxes if t.startswith("(")) == ["(+)", "(×)", "(×)"]
    key = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert "constant (no gradient)" in key
    assert f"σ\n" not in "".join(boxes) and "(σ)" in _boxes(cgv.graph_figure(engine.sigmoid(Value(0.3))))[-1]


def test_an_operation_is_never_guessed_from_the_numbers():
    """A node whose local derivatives look like a product's, but made by code that wrote no operation,
    is drawn without one: the drawing reads ``op``, it does not work it out."""

    class Plain:  # a learner's engine: data, grad, parents, nothing else
        def __init__(self, data, parents=()):
            self.data, self.grad, self.parents = data, 0.0, parents

    a, b = Plain(2.0), Plain(3.0)
    product = Plain(6.0, [(a, 3.0), (b, 2.0)])
    assert _boxes(cgv.graph_figure(product, names={"a": a, "b": b, "m": product}))[-1].startswith("m\n6.0000")
    made = engine.mul(a, b)  # the engine's operation writes its name, on any class
    assert _boxes(cgv.graph_figure(made, names={"a": a, "b": b, "m": made}))[-1].startswith("m (×)\n6.0000")
    odd = Value(1.0, [(Value(2.0), 7.0)])
    assert _boxes(cgv.graph_figure(odd))[-1].startswith("\n1.0000")
    with pytest.raises(TypeError, match="output node"):
        cgv.graph_figure(1.0)


def test_draw_puts_one_box_per_node_and_one_label_per_edge():
    L = cg.single_weight_loss(0.8)
    L.backward()
    ax = Figure().add_subplot()
    cgv.draw(L, ax)
    texts = [t.get_text() for t in ax.texts if t.get_text()]
    arrows = [t for t in ax.texts if not t.get_text()]  # annotate() arrows are text-less Annotations
    assert len(texts) == 6 + 5 and len(arrows) == 5  # nodes w, x, y, t, e, L
    assert "w\n0.8000\n∂L/∂w = 2.1000" in texts
    assert texts.count("1.5") == 1 and "0.8" in texts and "-1" in texts  # local derivatives on the edges


def test_graph_view_moves_the_weight_and_reports_every_node():
    view = cgv.graph_view(cg.single_weight_loss, "w", widgets.FloatSlider(value=0.8, min=0, max=1.2, step=0.01))
    assert view.readout == "w = 0.800: L = 0.4900, ∂L/∂w = 2.1000"
    assert view.set(w=0.5) == "w = 0.500: L = 0.0625, ∂L/∂w = 0.7500"
    assert view.set(w=1 / 3) == "w = 0.333: L = 0.0000, ∂L/∂w = 0.0000"


def test_graph_view_fast_update_draws_the_same_picture_as_a_fresh_view():
    moved = cgv.graph_view(cg.single_weight_loss, "w", widgets.FloatSlider(value=0.8, min=0, max=1.2, step=0.01))
    moved.set(w=0.6)
    moved.set(w=0.5)  # numbers changed in place
    fresh = cgv.graph_view(cg.single_weight_loss, "w", widgets.FloatSlider(value=0.5, min=0, max=1.2, step=0.01))
    assert moved.readout == fresh.readout
    assert bytes(moved.image.value) == bytes(fresh.image.value)
    assert "w\n0.5000\n∂L/∂w = 0.7500" in [t.get_text() for t in moved.fig.axes[0].texts]


def test_weight_grid_holds_the_start_and_the_best_weight():
    from helpers.views.compgraph import WEIGHT_GRID
    assert 0.8 in WEIGHT_GRID and 1 / 3 in WEIGHT_GRID and WEIGHT_GRID[0] == 0.0 and WEIGHT_GRID[-1] == 1.2
    assert 20 <= len(WEIGHT_GRID) <= 60


def test_loss_and_gradient_figure_has_two_labelled_axes_and_marks_the_weight():
    from helpers.views import style
    from helpers.views.compgraph import loss_and_gradient_figure
    ws = [0.0, 0.4, 0.8, 1.2]
    losses = [cg.single_weight_loss(w).data for w in ws]
    grads = []
    for w in ws:
        L = cg.single_weight_loss(w)
        L.backward()
        grads.append(L["w"].grad)
    fig = loss_and_gradient_figure(ws, losses, grads, marked=0.8)
    top, bottom = fig.axes
    assert "loss" in top.get_ylabel() and "∂L/∂w" in bottom.get_ylabel() and bottom.get_xlabel() == "weight w"
    texts = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert "w = 0.8: L = 0.49" in texts and "w = 0.8: ∂L/∂w = 2.10" in texts
    assert style.displayed_size(fig)[0] <= style.CONTENT_WIDTH
    with pytest.raises(ValueError, match="same length"):
        loss_and_gradient_figure(ws, losses, grads[:2])


@pytest.mark.parametrize("call, words", [
    (lambda: cgv.graph_view("C", "w", widgets.FloatSlider()), "build must be a function"),
    (lambda: cgv.graph_view(lambda w: w * 2, "w", widgets.FloatSlider()), "build must return"),
])
def test_graph_view_says_what_it_needs(call, words):
    with pytest.raises(TypeError, match=words):
        call()
