"""XOR pictures: the explorer reads out what it shows, caches per setting, and flags divergence."""
import numpy as np
import pytest
from matplotlib.figure import Figure

from helpers.maths import network as nw
from helpers.views import network as nplots
from helpers.maths import xor_nodes as xn


@pytest.fixture(scope="module")
def runs():
    return nplots.XorRuns(rates=np.logspace(-2, 1, 31), epochs=300)


def test_runs_are_cached_and_match_a_single_training_run(runs):
    rate, losses, diverged, net = runs.get(0.5, 3, 4)
    assert rate == pytest.approx(10 ** -0.3) and len(runs.cache) == 1
    runs.get(0.1, 3, 4)
    assert len(runs.cache) == 1  # same (hidden, seed): no new training
    one = nw.train(nw.init_network(3, seed=4), nw.XOR_X, nw.XOR_T, lr=rate, epochs=300)
    np.testing.assert_allclose(losses, one.losses, rtol=1e-10)
    np.testing.assert_allclose(net.V, one.net.V, rtol=1e-10)


def test_explorer_readout_follows_the_sliders(runs):
    view = nplots.xor_explorer(runs, lr=1.0, seed=4)
    assert view.readout.startswith("3 hidden units, seed 4, rate 1: final loss")
    assert view.set(lr=3.16).endswith("diverged at epoch 10")
    assert view.fig.axes[0].texts[0].get_visible()      # the "diverged" label on the loss curve
    assert not view.set(lr=1.0).endswith("diverged at epoch 10")
    assert not view.fig.axes[0].texts[0].get_visible()
    assert view.set(n_hidden=1).startswith("1 hidden unit, seed 4") and (1, 4) in runs.cache
    assert view.set(n_hidden=2, seed=3).startswith("2 hidden units, seed 3")


def test_describe_and_format_loss():
    net = xn.to_network(xn.all_weights(0.0))
    assert nplots.describe(0.5, np.array([1.0, 0.5]), False, net) == "rate 0.5: final loss 0.5, outputs 0.00 0.00 0.00 0.00"
    assert nplots.describe(2.0, np.array([1.0, 1e9, np.nan]), True, None) == "rate 2: diverged at epoch 1"
    undecided = nw.Network([[0.0, 0.0, 0.0]], [0.494, 0.02])             # outputs 0.504 everywhere
    assert nplots.format_outputs(undecided) == "0.50 0.50 0.50 0.50"     # not rounded to "1 1 1 1"
    assert nplots.hidden_units(1) == "1 hidden unit" and nplots.hidden_units(2) == "2 hidden units"


def test_static_figures_build(runs):
    step = xn.step(xn.all_weights(1.0), 0, 0, 0, 0.1)
    fig = nplots.network_figure(step.weights, step.values, "after one step")
    labels = {t.get_text() for t in fig.axes[0].texts}
    assert {"W10=0.6", "W11=1", "V0=0.6", "D0\n4"} <= labels
    grid = nplots.rates_figure(runs, [0.1, 1.0, 3.16], seed=4)
    assert isinstance(grid, Figure) and len(grid.axes) == 4          # one loss panel, three boundaries
    assert [ax.get_title() for ax in grid.axes[1:]] == ["rate 0.1", "rate 1", "rate 3.16"]
    labels = [t.get_text() for t in grid.axes[0].texts]
    assert labels == ["0.1", "1", "3.16: diverged at epoch 10 ↑"]    # each curve named at its end
    assert len({line.get_linestyle() for line in grid.axes[0].lines}) == 3   # and drawn differently


def test_in_place_redraw_matches_a_full_render(runs):
    """The explorer repaints only what moved; the picture must equal a fresh full drawing."""
    import io

    from PIL import Image

    from helpers.views.show import render_png

    view = nplots.xor_explorer(runs, lr=1.0, seed=4)
    for name, value in [("lr", 0.5), ("lr", 0.2), ("lr", 3.16), ("lr", 1.0), ("n_hidden", 2)]:
        view.controls[name].value = runs.nearest(value) if name == "lr" else value  # as the browser does
        settings = {name: value}
        shown = np.asarray(Image.open(io.BytesIO(bytes(view.image.value))).convert("RGB"), dtype=int)
        fresh = np.asarray(Image.open(io.BytesIO(render_png(view.fig, view.dpi))).convert("RGB"), dtype=int)
        assert shown.shape == fresh.shape and np.abs(shown - fresh).max() <= 2, settings
