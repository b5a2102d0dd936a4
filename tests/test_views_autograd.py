"""helpers.views.autograd: notebook 07's pictures are figures with legible text."""
import numpy as np
import pytest
from matplotlib.figure import Figure

from helpers.maths import autograd as ag
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
