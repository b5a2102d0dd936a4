"""helpers.views.autograd: notebook 07's training curves are a figure with legible text (07's graphs: test_views_compgraph)."""
import numpy as np
import pytest
from matplotlib.figure import Figure

from helpers.views import autograd as agp


def _texts(fig):
    return [t for ax in fig.axes for t in ax.texts] + list(fig.texts)


def test_the_training_figure_is_legible_and_tells_the_curves_apart():
    curve = np.logspace(-1, -8, 50)
    fig = agp.training_figure(curve, curve, curve * 2, "title")
    assert isinstance(fig, Figure) and fig.get_size_inches()[0] * 96 <= 840
    assert all(t.get_fontsize() >= 9 for t in _texts(fig) + fig.axes[0].get_legend().get_texts())
    ax = fig.axes[0]
    assert [line.get_label() for line in ax.get_lines()][:3] == [
        "your engine (zeroed before each step)", "helpers.maths.network.train (matrices)", "gradients never zeroed"]
    assert len({(line.get_linestyle(), line.get_marker()) for line in ax.get_lines()}) == 3  # not colour alone
    with pytest.raises(ValueError, match="same length"):
        agp.training_figure(curve, curve[:-1], curve)
