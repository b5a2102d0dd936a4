"""Notebook 05's prose claims about training the XOR network, recomputed, so that a change in
``helpers`` cannot silently make the text wrong; and its answers out of sight of their exercises
(what every notebook promises is in test_notebook_conventions)."""

import numpy as np
import pytest

from helpers.maths import network as nw
from helpers.maths import practice
from helpers.views import network as nplots
from helpers.maths import xor_nodes as xn
from notebook_cells import cells, code as cell_code, first_code, printed, printed_text, prose, solutions_start, source

NAME = "05_xor_network.ipynb"


def first_below(losses, level) -> int:
    return int(np.argmax(np.asarray(losses) < level))


@pytest.fixture(scope="module")
def plateau():
    return nw.train(nw.init_network(2, seed=4), nw.XOR_X, nw.XOR_T, lr=1.0, epochs=5000, keep=[2000])


def test_two_units_from_seed_4_sit_on_a_plateau_then_learn_xor(plateau):
    losses = plateau.losses
    assert 0.065 < losses[1000] < 0.067 and 0.063 < losses[2000] < 0.064 and 0.0615 < losses[3000] < 0.0625
    assert np.all(np.diff(losses[1000:3200]) < 0)                     # creeping down, never up
    outputs = nw.predict(plateau.snapshots[2000], nw.XOR_X)
    assert outputs[0] < 0.05 and outputs[1] > 0.95                      # two samples decided ...
    assert np.all(np.abs(outputs[2:] - 0.5) < 0.01)                     # ... two undecided at 0.5, not wrong
    escape = first_below(losses, 0.01)
    assert 3300 < escape < 3500 and first_below(losses, 0.05) < escape < first_below(losses, 1e-6) < 3600
    assert losses[-1] < 1e-12 and np.allclose(nw.predict(plateau.net, nw.XOR_X), nw.XOR_T, atol=1e-6)


def test_one_hidden_unit_plateaus_at_an_eighth_or_ends_just_above_one_twelfth():
    runs = nplots.XorRuns(rates=[1.0], epochs=2000)
    final = {seed: runs.get(1.0, 1, seed)[1][-1] for seed in range(10)}
    on_plateau = {seed for seed, loss in final.items() if loss > 0.12}
    assert on_plateau == {0, 2, 4, 7}
    assert all(0.1245 < final[s] < 0.1251 for s in on_plateau)          # 0.125: output 0.5 everywhere
    assert all(1 / 12 < final[s] < 0.093 for s in set(final) - on_plateau)  # most near 0.085
    assert np.allclose(nw.predict(runs.get(1.0, 1, 4)[3], nw.XOR_X), 0.5, atol=0.005)


def test_the_all_ones_network_is_one_unit_and_stays_above_one_twelfth():
    for mode in ("batch", "stochastic"):
        run = nw.train(nw.init_network(3, value=1.0), nw.XOR_X, nw.XOR_T, lr=0.5, epochs=1000, mode=mode, seed=0)
        assert np.ptp(run.net.W, axis=0).max() == 0 and np.ptp(run.net.V[1:]) == 0
        assert 1 / 12 < run.final_loss < 0.102


def test_the_output_bias_has_curvature_one_whatever_the_weights():
    for seed in range(5):
        net = nw.init_network(3, seed=seed, scale=2.0)
        h, v0 = 1e-3, net.V[0]

        def at(v):
            moved = net.copy()
            moved.V[0] = v
            return nw.loss(moved, nw.XOR_X, nw.XOR_T)

        assert (at(v0 + h) - 2 * at(v0) + at(v0 - h)) / h**2 == pytest.approx(1.0, abs=1e-6)


def test_at_the_sliders_two_the_output_bias_bounces_every_epoch():
    start = nw.init_network(3, seed=4)
    rate = 10 ** 0.3
    run = nw.train(start, nw.XOR_X, nw.XOR_T, lr=rate, epochs=2000, keep=range(1990, 2001))
    v0 = np.array([run.snapshots[e].V[0] for e in range(1990, 2001)])
    assert np.all(v0[::2] > 3.4) and np.all(v0[1::2] < -2.2)            # even epochs +3.5, odd −2.3
    hidden = max(nw.forward(run.snapshots[e], nw.XOR_X).hidden[:, 1:].max() for e in (1999, 2000))
    assert hidden < 0.05 and 4 < run.final_loss < 5
    assert np.all(nw.predict(run.snapshots[1999], nw.XOR_X) < -2) and np.all(nw.predict(run.net, nw.XOR_X) > 3)
    assert abs(1 - rate) ** 2000 < 1e-4                                # the one-weight rule: long gone


@pytest.mark.parametrize("nudge", [0.0, 1e-10])
def test_the_bounce_near_two_is_a_lasting_cycle_not_slow_settling(nudge):
    """By epoch 10 000 the bounce has not shrunk but grown a little (−2.33/+3.50 → −2.39/+3.56), the
    same digits from a start nudged by 1e-10 (a lasting cycle, not a chaotic run)."""
    start = practice.nudge(nw.init_network(3, seed=4), nudge, seed=3)
    run = nw.train(start, nw.XOR_X, nw.XOR_T, lr=10 ** 0.3, epochs=10000, keep=[1999, 2000, 9999, 10000])
    v0 = {e: f"{run.snapshots[e].V[0]:+.2f}" for e in (1999, 2000, 9999, 10000)}
    assert v0 == {1999: "-2.33", 2000: "+3.50", 9999: "-2.39", 10000: "+3.56"}
    assert f"{run.losses[2000]:.1f}" == "4.4" and f"{run.losses[10000]:.1f}" == "4.5"
    assert "never settles" not in prose(NAME) and "lasting two-step cycle" in prose(NAME)


def test_at_exactly_two_the_bounce_grows():
    start = nw.init_network(3, seed=4)
    exactly_two = nw.train(start, nw.XOR_X, nw.XOR_T, lr=2.0, epochs=2000)
    assert exactly_two.final_loss > exactly_two.losses[1000] > 10      # at exactly 2 the bounce grows


def test_no_rate_above_two_learns_and_the_quick_run_learns_within_600_epochs():
    runs = nplots.XorRuns(epochs=2000)
    many = runs.runs(3, 4)
    assert all(many.diverged[many.rates > 2])
    assert not any(many.diverged[many.rates < 2])
    quick = nw.train(nw.init_network(3, seed=4), nw.XOR_X, nw.XOR_T, lr=1.0, epochs=1000)
    assert np.all(quick.losses[50:301] > 0.115) and quick.losses[300] < 0.125  # a plateau near 0.12
    assert first_below(quick.losses, 1e-3) <= 600 and quick.losses[1000] < 1e-12
    slow, rate_1, blown = (runs.get(r, 3, 4) for r in (0.1, 1.0, 3.16))
    assert 0.12 < slow[1][-1] < 0.125                                   # 0.1: still on the plateau
    _, left, _, left_net = runs.get(0.316, 3, 4)
    # 0.316 stays on the plateau about three times as long as 1 (epochs 1391 and 441 to loss 0.05) ...
    assert first_below(left, 0.05) == 1391 and first_below(rate_1[1], 0.05) == 441
    assert left[1000] > 0.1 and 2.5 < first_below(left, 0.05) / first_below(rate_1[1], 0.05) < 3.5
    # ... and has learned XOR by epoch 2000 (loss 2e-06), which the notebook prints
    assert f"{left[-1]:.0e}" == "2e-06" and nplots.format_outputs(left_net) == "0.00 1.00 1.00 0.00"
    assert "just left it" not in prose(NAME)
    assert blown[2] and np.isfinite(blown[1]).sum() - 1 == 10           # 3.16: diverged at epoch 10


def test_two_units_from_seed_3_learn_within_800_epochs():
    run = nw.train(nw.init_network(2, seed=3), nw.XOR_X, nw.XOR_T, lr=1.0, epochs=2000)
    assert first_below(run.losses, 1e-3) <= 800 and run.final_loss < 1e-12


def test_the_sigmoid_forward_pass_of_the_first_sample():
    """Smaller slips: with σ in the hidden units the first output is 1 + 3σ(1), not 4."""
    assert xn.forward(xn.all_weights(1.0), 0, 0, hidden="sigmoid")["D0"] == pytest.approx(1 + 3 / (1 + np.exp(-1)))


# --- the notebook as a learner sees it ---------------------------------------------------------

def test_answers_are_out_of_sight_of_their_exercises():
    """No exercise's answer is printed above it, nor in the few cells after it (Run All shows those)."""
    all_cells = cells(NAME)
    answers = {"ex1.check": "2.5", "ex2.check": "W11, W21, W31", "ex3.check": "0.125"}
    for call, answer in answers.items():
        where = first_code(NAME, call)
        seen = "".join(printed(c) for c in all_cells[:where + 6])
        assert answer not in seen, f"the answer of {call} ({answer}) is printed near its exercise"
    before_solutions = all_cells[:solutions_start(NAME)]
    code = "".join(source(c) for c in before_solutions if c["cell_type"] == "code")
    assert "delta_hid.T @ X" not in code and "y - t" not in code   # exercise 4's lines only in the solutions


def test_x_holds_the_inputs_and_x1_adds_the_bias_column():
    """Review 04-07 U6: in Part C, X is the n × 2 inputs as everywhere; the bias-augmented matrix is X1 (X̃)."""
    all_cells = cells(NAME)
    code = "\n".join(map(cell_code, all_cells))
    out = printed_text(NAME)
    assert "X:  shape (1, 2)  [[0. 0.]]" in out and "X1: shape (1, 3)  [[1. 0. 0.]]" in out
    assert "X[:, 1:]" not in code and "X = np.array([[1.0" not in code
    assert "def backward_pass(X1, t, W, V):" in code and "delta_hid.T @ X1 / len(t)" in code
    text = prose(NAME)
    assert "| $X$ | `X` | $n \\times 2$ |" in text and "| $\\tilde X$ | `X1` | $n \\times 3$ |" in text
    assert "A = \\tilde X W^{\\top}" in text and "\\delta_{\\text{hid}}^{\\top} \\tilde X" in text
