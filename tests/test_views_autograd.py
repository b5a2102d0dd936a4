"""helpers.views.autograd: notebook 07's pictures are figures with legible text."""
import numpy as np
import pytest
from matplotlib.figure import Figure

from helpers.maths import autograd as ag
from helpers.maths import compgraph
from helpers.views import autograd as agp


def _texts(fig):
    return [t for ax in fig.axes for t in ax.texts] + list(fig.texts)


def test_pictures_are_figures_with_legible_text():
    x, w = ag.Value(1.5), ag.Value(0.8)
    z = (w * x).tanh()
    z.backward()
    fig = agp.graph_figure(z, "a title", x=x, w=w, z=z)
    assert isinstance(fig, Figure) and fig.get_size_inches()[0] * 96 <= 840
    assert all(t.get_fontsize() >= 9 for t in _texts(fig))  # edge labels are a point smaller on main's compgraph
    curve = np.logspace(-1, -8, 50)
    fig = agp.training_figure(curve, curve, curve * 2, "title")
    assert fig.get_size_inches()[0] * 96 <= 840
    ax = fig.axes[0]
    assert [line.get_label() for line in ax.get_lines()][:3] == [
        "your engine (zeroed before each step)", "helpers.network.train (matrices)", "gradients never zeroed"]
    assert len({(line.get_linestyle(), line.get_marker()) for line in ax.get_lines()}) == 3  # not colour alone
    with pytest.raises(ValueError, match="same length"):
        agp.training_figure(curve, curve[:-1], curve)


def test_drawable_copies_values_grads_local_derivatives_operations_and_names():
    x, w, b = ag.Value(1.5), ag.Value(0.8), ag.Value(0.1)
    z = ((w * x + b) * 2).tanh()
    ag.backward(z)
    copy = agp.drawable(z, {"x": x, "w": w, "z": z})
    by_label = {n.label: n for n in compgraph.nodes(copy)}
    assert copy.label == "z" and copy.op == "tanh" and copy.data == z.data and copy.grad == 1.0
    assert by_label["w"].grad == w.grad and by_label["x"].data == 1.5
    assert by_label["2"].constant and by_label["0.1"].constant  # unnamed leaves are constants
    ops = sorted(n.op for n in compgraph.nodes(copy) if n.parents)
    assert ops == sorted(["×", "+", "×", "tanh"])
    assert agp.drawable(ag.sigmoid(ag.Value(0.3))).op == "σ"


def test_an_operation_is_never_guessed_from_the_numbers():
    """A node whose local derivatives look like a product's, but made by code that wrote no operation,
    is drawn without one: the drawing reads ``op``, it does not work it out."""

    class Plain:  # a learner's engine: data, grad, parents, nothing else
        def __init__(self, data, parents=()):
            self.data, self.grad, self.parents = data, 0.0, parents

    a, b = Plain(2.0), Plain(3.0)
    product = Plain(6.0, [(a, 3.0), (b, 2.0)])
    assert agp.drawable(product, {"a": a, "b": b, "m": product}).op == ""
    assert agp.drawable(ag.mul(a, b)).op == "×"  # the reference operation writes it, on any class
    odd = ag.Value(1.0, [(ag.Value(2.0), 7.0)])
    assert agp.drawable(odd).op == ""
    with pytest.raises(TypeError, match="output node"):
        agp.drawable(1.0)
