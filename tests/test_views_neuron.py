"""helpers.views.neuron: the pictures of notebook 04 draw what helpers.maths.neuron computes."""
import numpy as np
import pytest
from matplotlib.figure import Figure

from helpers.maths import neuron as nr
from helpers.views import neuron as nrp

LAM = float(nr.curvatures(nr.GATE_X)[-1])


@pytest.mark.parametrize("line", [(1.0, 1.0, -1.5), (5.74, 5.74, -8.7), (1.0, 0.0, -0.5), (0.0, 2.0, -1.0),
                                  (1.0, -1.0, 0.2)])
def test_segment_lies_on_the_line_and_inside_the_square(line):
    c1, c2, c0 = line
    xs, ys = nrp._segment(c1, c2, c0)
    assert xs.size == 2
    assert c1 * xs + c2 * ys + c0 == pytest.approx([0, 0], abs=1e-12)
    lo, hi = nrp.SQUARE
    assert np.all((lo - 1e-12 <= xs) & (xs <= hi + 1e-12) & (lo - 1e-12 <= ys) & (ys <= hi + 1e-12))
    assert np.hypot(*np.diff([xs, ys], axis=1)) > 0.1


def test_segment_of_a_line_that_misses_the_square_is_empty():
    xs, ys = nrp._segment(1.0, 1.0, -10.0)
    assert xs.size == 0 and ys.size == 0


@pytest.mark.parametrize("activation, level_sum", [("sigmoid", 0.0), ("identity", 0.5)])
def test_square_panel_draws_the_line_where_the_output_is_one_half(activation, level_sum):
    fig = Figure()
    panel = nrp.SquarePanel(fig.add_subplot(), nr.GATES["AND"], activation)
    w, b = np.array([2.0, 3.0]), -2.5
    panel.draw(w, b)
    xs, ys = panel.line.get_data()
    assert nr.forward(np.column_stack([xs, ys]), w, b, activation) == pytest.approx([0.5, 0.5])
    panel.draw([0.0, 0.0], 1.0)  # no line when both weights are 0
    assert len(panel.line.get_data()[0]) == 0


def test_readouts_name_the_regime_of_the_steepest_direction():
    view = nrp.explorer()
    expected = {0.3: "converges smoothly", 1 / LAM: "one step to the minimum", 1.0: "oscillates but converges",
                2 / LAM: "bounces forever", 1.5: "diverged"}
    for lr, words in expected.items():
        assert words in view.set(lr=lr)
    assert "factor -1.39" in view.set(lr=1.5)
    view.set(lr=0.3)
    assert view.values["lr"] == 0.3


def test_readouts_tell_the_settled_runs_apart_by_the_loss_above_1_32():
    """Review 04-07 N1: "loss 0.0313" was printed for every run that settles; the gap above 1/32 differs."""
    view = nrp.explorer()
    start_w, start_b = nrp.START
    for lr, shown in [(0.3, "8.1e-05"), (1 / LAM, "9.4e-08"), (1.0, "3.0e-11"), (2 / LAM, "1.6e-05")]:
        gap = nr.train(nr.GATE_X, nr.GATES["AND"], start_w, start_b, lr=lr, epochs=nrp.EXPLORER_EPOCHS,
                       activation="identity").losses[-1] - 1 / 32  # 1/32: the lowest loss without activation
        assert float(shown) == pytest.approx(gap, rel=0.05) and 0 < gap < 1e-4  # "within 10^-4 of 1/32"
        assert view.set(lr=lr).endswith(f", loss {shown} above its lowest")
    readout = nrp.describe(LAM)
    settled = nrp._train_linear_on(nr.GATES["AND"], 400)(1.0)  # round-off-close to the lowest: no digits
    assert settled.losses[-1] < 1e-12 and readout(1.0, settled).endswith("loss < 1e-12 above its lowest")
    view.set(lr=0.3)


def test_the_loss_curve_shows_the_loss_above_its_lowest():
    train = nrp._train_linear_on(nr.GATES["AND"], 60)
    run = train(1.0)
    assert run.losses[-1] < 1e-9 and run.data.losses[-1] == pytest.approx(1 / 32)
    assert run.losses[0] == pytest.approx(0.145 - 1 / 32)


def test_figures_build():
    w0, b0 = nrp.START
    runs = {g: nr.train(nr.GATE_X, nr.GATES[g], w0, b0, lr=5.0, epochs=50) for g in nr.GATES}
    for fig in (nrp.half_loss_figure(), nrp.neuron_figure([1.5, 0.5], [0.8, -0.4], 0.1),
                nrp.neuron_figure([1.5, 0.5], [0.8, -0.4], None, None, 0.5), nrp.sigmoid_figure(1.1),
                nrp.rates_side_by_side([0.3, 1.5]), nrp.gates_figure(runs), nrp.xor_lines_figure()):
        assert isinstance(fig, Figure)
    titles = [ax.get_title() for ax in nrp.xor_lines_figure().axes]
    assert titles[0] == "loss 0.0833, 3 of 4 right" and titles[1] == "loss 0.1250, 0 of 4 right"


def test_the_rate_figure_counts_epochs_as_the_prose_does():
    """04 says 'epochs' (each step uses all four samples), so the loss axis says epoch, not step."""
    fig = nrp.rates_side_by_side([0.3, 1.5])
    labels = {ax.get_xlabel() for ax in fig.axes}
    assert "epoch" in labels and "step" not in labels


def test_the_explorer_says_why_its_square_has_no_line():
    """Issue 26: at η = 10 the line left the right panel without a word; now the panel says why."""
    view = nrp.explorer()
    view.set(lr=0.3)
    square = view.fig.axes[-1]
    line = [artist for artist in square.lines if artist.get_label() == "y = 0.5"][0]
    assert len(line.get_xdata()) == 2 and all(not t.get_text() for t in square.texts)
    view.set(lr=10.0)
    assert len(line.get_xdata()) == 0
    assert [t.get_text() for t in square.texts if t.get_text()] == ["the line y = 0.5\nlies outside the square"]
