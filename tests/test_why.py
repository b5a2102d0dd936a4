"""The "why" sections (issue 27): each claim recomputed here with plain numpy or Python, not helpers,
and checked against what the notebook's committed output prints and what its prose and TEACHING.md say.

- 02: why the backward pass runs backwards (forward mode needs one pass per weight);
- 03: speed against learning rate (the size of the factor 1 − 2ηx², not its sign);
- 04 → 06: conditioning (the flattest direction sets the speed; condition numbers of the inputs);
- 04: the choice of loss (squared loss through a sigmoid vanishes at b = −18.75, cross-entropy does not).
"""
from __future__ import annotations

import math
import re

import numpy as np
import pytest

from notebook_cells import ROOT, cells, printed, prose, source, widget_state

TEACHING = (ROOT / "TEACHING.md").read_text()


def cell(name: str, cell_id: str) -> dict:
    found = [c for c in cells(name) if c.get("id") == cell_id]
    assert len(found) == 1, f"{name} has no cell {cell_id!r}"
    return found[0]


def flat(text: str) -> str:
    """Prose with its line breaks (and quote marks "> ") folded into spaces, so a pinned phrase may wrap anywhere."""
    return re.sub(r"\s+", " ", re.sub(r"\n>[ ]?", "\n", text))


# ---------------------------------------------------------------- 02: why backwards
def chain(weights, x=1.0, t=0.5):
    """02's layer chain z_k = tanh(w_k z_(k−1)), y = w_N z_(N−1), L = (y − t)²."""
    z = x
    for w in weights[:-1]:
        z = math.tanh(w * z)
    return (weights[-1] * z - t) ** 2


def chain_gradient(weights, x=1.0, t=0.5):
    """The gradient by a backward sweep written out for the chain."""
    zs = [x]
    for w in weights[:-1]:
        zs.append(math.tanh(w * zs[-1]))
    y = weights[-1] * zs[-1]
    grads = [0.0] * len(weights)
    d = 2 * (y - t)                           # ∂L/∂y
    grads[-1] = d * zs[-1]
    d = d * weights[-1]                       # ∂L/∂z_(N−1)
    for k in range(len(weights) - 2, -1, -1):
        d = d * (1 - zs[k + 1] ** 2)          # ∂L/∂a_k
        grads[k] = d * zs[k]
        d = d * weights[k]                    # ∂L/∂z_(k−1)
    return grads


def test_02_forward_mode_gives_the_backward_pass_gradients():
    weights = [0.9, -1.3, 0.7]
    grads = chain_gradient(weights)
    h = 1e-6
    for i, g in enumerate(grads):
        up, down = list(weights), list(weights)
        up[i] += h
        down[i] -= h
        assert g == pytest.approx((chain(up) - chain(down)) / (2 * h), rel=1e-7)
    out = printed(cell("02_chain_rule.ipynb", "nb02-forward-mode-code"))
    for i, g in enumerate(grads):
        assert f"∂L/∂w{i + 1}: forward mode, pass {i + 1} of 3: {g:9.6f}   backward pass: {g:9.6f}" in out


@pytest.mark.parametrize("n", [3, 30, 300])
def test_02_forward_mode_needs_n_passes_of_one_forward_plus_backward_each(n):
    # the chain with n weights: n multiplies, n − 1 tanh, one subtraction, one square
    operations = n + (n - 1) + 2
    edges = 2 * n + (n - 1) + 2 + 1
    one_pass = operations + edges
    out = printed(cell("02_chain_rule.ipynb", "nb02-forward-mode-code"))
    assert f"{n:>9} {n:>22} {1:>10} {n * one_pass:>20} {one_pass:>20}" in out
    if n == 300:
        assert (n * one_pass, one_pass) == (450900, 1503)
        assert "300 passes, 450900 operations against\n   1503" in TEACHING
    text = flat(prose("02_chain_rule.ipynb"))
    assert "with 300 weights it does 300 times the work of backpropagation" in text
    assert "one input and many outputs" in text


# ---------------------------------------------------------------- 03: speed against learning rate
X03, T03, W03 = 1.5, 0.5, 0.8


def steps_below(rate: float, bound: float = 1e-12) -> int:
    w, steps = W03, 0
    while (w * X03 - T03) ** 2 >= bound:
        w -= rate * 2 * (w * X03 - T03) * X03
        steps += 1
    return steps


def test_03_speed_is_set_by_the_size_of_the_factor():
    rates = [0.05, 0.1, 2 / 9, 0.3, 0.4]
    counts = {rate: steps_below(rate) for rate in rates}
    assert [counts[r] for r in rates] == [53, 23, 1, 13, 61]
    factors = {rate: 1 - 2 * rate * X03 ** 2 for rate in rates}
    # fewer steps exactly when the factor is smaller in size, whatever its sign
    by_size = sorted(rates, key=lambda r: abs(factors[r]))
    assert [counts[r] for r in by_size] == sorted(counts.values())
    assert abs(factors[0.3]) < abs(factors[0.1]) and counts[0.3] < counts[0.1]      # zig-zag, yet faster
    assert abs(factors[0.4]) > abs(factors[0.1]) and counts[0.4] > counts[0.1]      # 4× the rate, slower
    out = printed(cell("03_single_weight.ipynb", "nb03-speed-against-rate-code"))
    for rate in rates:
        assert f"{rate:6.4f}   {factors[rate]:+15.3f}   {counts[rate]:10d}" in out


def test_03_loss_after_20_steps_at_0_1_is_the_readout():
    w = W03
    for _ in range(20):
        w -= 0.1 * 2 * (w * X03 - T03) * X03
    loss = (w * X03 - T03) ** 2
    assert f"{loss:.2e}" == "2.02e-11"
    assert "rate 0.1: converges smoothly, final loss 2.02e-11 after 20 steps" in "\n".join(
        printed(c) for c in cells("03_single_weight.ipynb"))
    text = flat(prose("03_single_weight.ipynb"))
    assert "after 13 steps, where $\\eta = 0.1$ needs 23" in text
    assert "$2.02\\cdot 10^{-11}$" in text
    teaching = flat(TEACHING)
    assert "0.3 (factor −0.350) gets the loss below $10^{-12}$ after 13 steps, 0.1 (factor +0.550) after 23" in teaching
    assert "needs 61 (factor −0.800)" in teaching
    assert "past 0.222 it only zig-zags" not in teaching


def test_03_picture_marks_the_three_regimes():
    code = source(cell("03_single_weight.ipynb", "nb03-speed-against-rate-code"))
    for regime in ("converges smoothly", "oscillates but converges", "diverges"):
        assert f'"{regime}"' in code
    outputs = cell("03_single_weight.ipynb", "nb03-speed-against-rate-code")["outputs"]
    assert any("image/png" in out.get("data", {}) for out in outputs)


def test_03_slider_positions_are_counted_right():
    sliders = [s for s in widget_state("03_single_weight.ipynb").values()
               if "_options_labels" in s.get("state", {})]
    assert len(sliders) == 1
    labels = sliders[0]["state"]["_options_labels"]
    rates = [float(label) for label in labels]
    assert len(rates) == 23
    assert sum(r <= 0.1 for r in rates) == 11 and sum(r > 0.1 for r in rates) == 12
    assert "23 positions: 11 from 0.01 to 0.1, and 12 above 0.1 up to 1" in flat(prose("03_single_weight.ipynb"))


# ---------------------------------------------------------------- 04: the flattest direction sets the speed
GATES_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
AND_T = np.array([0.0, 0.0, 0.0, 1.0])


def sigmoid(a):
    return 1 / (1 + np.exp(-a))


def linear_gap(lr: float, epochs: int = 60) -> float:
    """The neuron without activation on AND from (0.8, −0.4, 0.1): loss above its lowest, 1/32."""
    Xb = np.column_stack([GATES_X, np.ones(4)])
    p = np.array([0.8, -0.4, 0.1])
    for _ in range(epochs):
        p = p - lr * Xb.T @ (Xb @ p - AND_T) / 4
    return float(np.mean(0.5 * (Xb @ p - AND_T) ** 2)) - 1 / 32


def test_04_flattest_direction_predicts_each_rates_gap():
    Xb = np.column_stack([GATES_X, np.ones(4)])
    curv, dirs = np.linalg.eigh(Xb.T @ Xb / 4)
    np.testing.assert_allclose(curv, [0.1569, 0.25, 1.5931], atol=5e-5)
    best = np.linalg.lstsq(Xb, AND_T, rcond=None)[0]
    along = dirs.T @ (np.array([0.8, -0.4, 0.1]) - best)
    out = printed(cell("04_one_neuron.ipynb", "nb04-flattest-direction-code"))
    assert f"steepest / flattest = {curv[-1] / curv[0]:.2f}" in out and "= 10.15" in out
    for lr, text in [(0.3, "8.1e-05"), (1 / curv[-1], "9.4e-08"), (1.0, "3.0e-11")]:
        factors = 1 - lr * curv
        predicted = np.sum(0.5 * curv * (along * factors ** 60) ** 2)
        assert predicted == pytest.approx(linear_gap(lr), rel=1e-4)
        assert f"{predicted:.1e}" == text == f"{linear_gap(lr):.1e}"
        shown = " ".join(f"{f:+.4f}" for f in np.round(factors, 4) + 0.0)
        assert f"η = {lr:.4f}: factors {shown} → predicted {text}, run {text}" in out
    # the slowest factor is the flattest direction's, and it alone explains the ratio of the two gaps
    slow_one_step, slow_one = 1 - curv[0] / curv[-1], 1 - curv[0]
    assert (round(slow_one_step, 4), round(slow_one, 4)) == (0.9015, 0.8431)
    ratio = (slow_one_step / slow_one) ** 120
    assert 2900 < ratio < 3200 and 2900 < linear_gap(1 / curv[-1]) / linear_gap(1.0) < 3200
    text = flat(prose("04_one_neuron.ipynb"))
    assert "$(0.9015/0.8431)^{120} \\approx 3000$" in text
    assert "keeps $1 - 0.1569/1.5931 = 0.90$ of its distance" in text and "the flattest keeps only $0.84$" in text
    assert "here $10.15$, is called the **condition number**" in text
    teaching = flat(TEACHING)
    assert "it keeps 0.9015 of its distance per epoch at 0.6277 and 0.8431 at 1" in teaching
    assert "the condition number, is 10.15" in teaching


# ---------------------------------------------------------------- 04: the choice of loss
def test_04_squared_loss_vanishes_where_cross_entropy_does_not():
    y = sigmoid(np.full(4, -18.75))
    squared = np.mean((y - AND_T) * y * (1 - y))
    cross = np.mean(y - AND_T)
    assert f"{squared:.2e}" == "-1.80e-09" and f"{cross:.4f}" == "-0.2500"
    # the cross-entropy's delta is y − t: its gradient in b agrees with a central difference of the loss
    def ce(b):
        out = sigmoid(np.full(4, b))
        return -np.mean(AND_T * np.log(out) + (1 - AND_T) * np.log(1 - out))
    assert cross == pytest.approx((ce(-18.75 + 1e-4) - ce(-18.75 - 1e-4)) / 2e-4, rel=1e-6)
    out = printed(cell("04_one_neuron.ipynb", "nb04-12-choice-of-loss-code"))
    for b in [0.0, -2.0, -5.0, -10.0, -18.75]:
        y = sigmoid(np.full(4, b))
        row = f"{b:6.2f}   {y[0]:14.1e}   {np.mean((y - AND_T) * y * (1 - y)):20.2e}   {np.mean(y - AND_T):13.4f}"
        assert row in out
    text = flat(prose("04_one_neuron.ipynb"))
    assert "the squared loss's gradient is $-1.80\\cdot10^{-9}$, the cross-entropy's $-0.25$" in text
    assert 0.25 / abs(squared) > 1e8        # "over a hundred million times larger"


def cross_entropy_run(lr: float, epochs: int):
    w, b = np.zeros(2), 0.0
    for _ in range(epochs):
        delta = sigmoid(GATES_X @ w + b) - AND_T
        w, b = w - lr * GATES_X.T @ delta / 4, b - lr * np.mean(delta)
    return w, b


def squared_run(lr: float, epochs: int):
    w, b = np.zeros(2), 0.0
    for _ in range(epochs):
        y = sigmoid(GATES_X @ w + b)
        delta = (y - AND_T) * y * (1 - y)
        w, b = w - lr * GATES_X.T @ delta / 4, b - lr * np.mean(delta)
    return w, b


def test_04_cross_entropy_learns_and_at_rate_300_where_squared_loss_sticks():
    w, b = cross_entropy_run(300.0, 1)
    assert np.allclose(w, 0) and b == pytest.approx(-75.0)
    assert squared_run(300.0, 1)[1] == pytest.approx(-18.75)
    w, b = cross_entropy_run(300.0, 100)
    y = sigmoid(GATES_X @ w + b)
    assert list(np.round(y, 4)) == [0, 0, 0, 1] and ((y > 0.5) == (AND_T == 1)).all()
    w_sq, b_sq = squared_run(300.0, 100)
    assert list(np.round(sigmoid(GATES_X @ w_sq + b_sq), 4)) == [0, 0, 0, 0]
    out = printed(cell("04_one_neuron.ipynb", "nb04-12-choice-of-loss-code"))
    assert "cross-entropy, η = 300, after 1 epoch: w1 = 0.00, w2 = 0.00, b = -75.00" in out
    assert "cross-entropy, η = 300, 100 epochs: outputs [0. 0. 0. 1.], 4 of 4 right" in out
    assert "squared loss,  η = 300, 100 epochs: outputs [0. 0. 0. 0.], 3 of 4 right" in out
    teaching = flat(TEACHING)
    assert "squared loss's $\\partial L/\\partial b$ is −1.80e-09" in teaching
    assert "its gradient there is −0.2500" in teaching and "outputs [0. 0. 0. 1.], 4 of 4 right" in teaching
    assert "with cross-entropy the same η = 300 learns AND" in teaching


# ---------------------------------------------------------------- 06: conditioning explains normalising
def noisy_xor_inputs() -> np.ndarray:
    """06's 40 training inputs, made here the way the data set is defined: corners in turn, Gaussian noise 0.15."""
    rng = np.random.default_rng(0)
    corner = rng.permutation(np.arange(40) % 4)
    return GATES_X[corner] + 0.15 * rng.standard_normal((40, 2))


def curvatures(inputs: np.ndarray) -> np.ndarray:
    xt = np.column_stack([inputs, np.ones(len(inputs))])
    return np.linalg.eigvalsh(xt.T @ xt / len(xt))


def test_06_condition_numbers_of_the_three_input_versions():
    raw = noisy_xor_inputs()
    tens = raw * [10, 1] + [20, 0]
    normalised = (tens - tens.mean(axis=0)) / tens.std(axis=0)
    out = printed(cell("06_training_in_practice.ipynb", "nb06-conditioning-code"))
    epochs = {}
    for name, inputs, kappa in [("as generated (0 to 1)", raw, "10.8"), ("x1 in tens", tens, "16,526.2"),
                                ("normalised", normalised, "1.1")]:
        curv = curvatures(inputs)
        assert f"{curv[-1] / curv[0]:,.1f}" == kappa
        assert f"{name:>22}   {curv[0]:8.4f} {curv[1]:7.4f} {curv[2]:9.4f}   {curv[-1] / curv[0]:14,.1f}" in out
        kept = 1 - curv[0] / curv[-1]
        epochs[name] = math.ceil(math.log(100) / -math.log(kept))
        assert f"keeps {kept:.5f} per epoch,\n{'':>25}{epochs[name]:,} epochs to shrink 100-fold" in out
    assert epochs == {"as generated (0 to 1)": 48, "x1 in tens": 76104, "normalised": 2}
    assert round(epochs["x1 in tens"] / epochs["as generated (0 to 1)"], -2) == 1600
    # the network's runs agree in order: normalised (45 epochs) before raw (126), tens nowhere
    printed_06 = "\n".join(printed(c) for c in cells("06_training_in_practice.ipynb"))
    assert "as generated (0 to 1): best rate 1 reaches loss 0.05 after 126 epochs" in printed_06
    assert "normalised: best rate 1 reaches loss 0.05 after 45 epochs" in printed_06
    text = flat(prose("06_training_in_practice.ipynb"))
    assert "about 1,600 times as many epochs as on the raw inputs (76,104 against 48)" in text
    assert "the ratio is over 16,500" in text and "(condition number 1.1)" in text
    assert "the steepest curvature is about 11 times the flattest" in text
    assert "the condition number from 10.8 to 1.1 (16,526 with one input in tens)" in text


def test_06_small_start_weights_leave_the_sigmoids_in_their_middle():
    rng = np.random.default_rng(5)                      # 06's start: 4 hidden units, normal(0, scale)
    hidden = rng.normal(0.0, 1.0, (4, 3))
    tens = noisy_xor_inputs() * [10, 1] + [20, 0]
    xt = np.column_stack([np.ones(40), tens])           # the bias weight is a unit's first column
    a_big = xt @ hidden.T
    assert f"{abs(a_big).min():.2f} to {abs(a_big).max():.2f}" == "5.19 to 44.49"
    a_small = xt @ (0.01 * hidden).T
    assert f"{abs(a_small).max():.2f}" == "0.44"
    out = printed(cell("06_training_in_practice.ipynb", "nb06-conditioning-code"))
    assert "x1 in tens from weights of scale 0.01: |a| at most 0.44" in out
    text = flat(prose("06_training_in_practice.ipynb"))
    assert "its weights are drawn with scale 1.0" in text and "$|a|$ at most 0.44" in text


def test_06_teaching_quotes_the_condition_numbers():
    teaching = flat(TEACHING)
    assert ("the condition number of the inputs (with the bias's 1) is 10.8 raw, 1.1 normalised and 16,526.2 "
            "with $x_1$ in tens") in teaching
    assert "(start scale 0.01, |a| at most 0.44) the flattest direction needs 76,104 epochs against 48" in teaching
    out = printed(cell("06_training_in_practice.ipynb", "nb06-conditioning-code"))
    for number in ("10.8", "1.1", "16,526.2", "76,104 epochs", "48 epochs", "|a| at most 0.44"):
        assert number in out


# ---------------------------------------------------------------- precision items
def test_02_backward_order_matters_when_a_node_feeds_two_paths():
    """02's engine sentence: a node passes its gradient on only after collecting every path."""
    engine = [source(c) for c in cells("02_chain_rule.ipynb") if source(c).startswith("class Value")]
    namespace: dict = {}
    exec(engine[0], namespace)  # noqa: S102 - our own notebook's cell
    Value = namespace["Value"]

    def graph(x_value):
        x = Value(x_value)
        a = x * x
        b = a * a              # a reaches c directly and through b
        c = b * a
        return x, a, b, c      # c = x⁶, dc/dx = 6x⁵

    x, a, b, c = graph(1.5)
    c.backward()
    assert x.grad == pytest.approx(6 * 1.5 ** 5)
    # the wrong order (a passes on before b has added its share) loses the path through b
    x, a, b, c = graph(1.5)
    c.grad = 1.0
    for node in [c, a, b, x]:
        for parent, local in node.parents:
            parent.grad += node.grad * local
    assert x.grad != pytest.approx(6 * 1.5 ** 5)
    text = flat(prose("02_chain_rule.ipynb"))
    assert "A node may pass its gradient on only after it has collected its share from **every** node it feeds" in text
    assert "$\\partial(e^2)/\\partial e = 2e$ (the square's own slope" in text
    assert "$\\partial L/\\partial e = 2e$" not in text.split("### The engine, in the open")[0]


def test_03_says_why_the_weight_is_fixed():
    text = flat(prose("03_single_weight.ipynb"))
    assert "Networks usually start from random weights, but the article fixes it at 0.8 so that every number can be checked" in text


def test_04_and_05_a_samples_delta_is_its_own_losss_derivative():
    """For the mean loss, ∂L/∂a_k = δ_k / n, with δ_k = (y_k − t_k)·σ'(a_k) of sample k's own loss."""
    w, b = np.array([0.8, -0.4]), 0.1
    a = GATES_X @ w + b
    y = sigmoid(a)
    delta = (y - AND_T) * y * (1 - y)

    def mean_loss(sums):
        return np.mean(0.5 * (sigmoid(sums) - AND_T) ** 2)

    for k in range(4):
        up, down = a.copy(), a.copy()
        up[k] += 1e-6
        down[k] -= 1e-6
        assert (mean_loss(up) - mean_loss(down)) / 2e-6 == pytest.approx(delta[k] / 4, rel=1e-6)
    text04 = flat(prose("04_one_neuron.ipynb"))
    assert "so $\\partial L/\\partial a_k = \\delta_k/n$, and that $1/n$ is the mean in the gradients" in text04
    assert "(for the mean over $n$ samples, $\\partial L/\\partial a_k = \\delta_k/n$)" in text04
    text05 = flat(prose("05_xor_network.ipynb"))
    assert "so $\\partial L/\\partial a_{\\text{out},s} = \\delta_{\\text{out},s}/n$: that $1/n$ is the $/\\,n$" in text05


def xor_network_losses(lr: float, epochs: int):
    """05's network (3 sigmoid hidden units, identity output, seed 4, scale 0.5), batch descent on ½(y − t)²."""
    rng = np.random.default_rng(4)
    W, V = rng.normal(0.0, 0.5, (3, 3)), rng.normal(0.0, 0.5, 4)
    X1 = np.column_stack([np.ones(4), GATES_X])
    t = np.array([0.0, 1.0, 1.0, 0.0])
    for _ in range(epochs):
        Z = np.column_stack([np.ones(4), sigmoid(X1 @ W.T)])
        d_out = Z @ V - t
        d_hid = np.outer(d_out, V[1:]) * Z[:, 1:] * (1 - Z[:, 1:])
        W, V = W - lr * d_hid.T @ X1 / 4, V - lr * Z.T @ d_out / 4
    y = np.column_stack([np.ones(4), sigmoid(X1 @ W.T)]) @ V
    return float(np.mean(0.5 * (y - t) ** 2)), y


def test_05_part_d_says_the_rate_was_raised_and_shows_0_1():
    loss, y = xor_network_losses(1.0, 1000)
    assert loss < 1e-12                                   # the committed run at η = 1
    out = printed(cell("05_xor_network.ipynb", "nb05-why-rate-1-code"))
    for epochs in (2000, 5000):
        loss, y = xor_network_losses(0.1, epochs)
        outputs = " ".join(f"{v:.2f}" for v in y)
        assert f"η = 0.1, {epochs} epochs: loss {loss:.4f}, outputs {outputs}" in out
        if epochs == 2000:
            assert loss > 0.12 and np.all(np.abs(y - 0.5) < 0.05)      # still on the plateau
        else:
            assert list(np.round(y)) == [0, 1, 1, 0]                   # learned
    start_text = flat(prose("05_xor_network.ipynb"))
    assert "the learning rate is $\\eta = 1$, ten times the source's 0.1" in start_text
    out = printed(cell("05_xor_network.ipynb", "nb05-why-rate-1-code"))
    lines = dict(line.split(": ", 1) for line in out.strip().splitlines())
    plateau = lines["η = 0.1, 2000 epochs"]
    assert plateau.startswith("loss 0.12") and all(abs(float(v) - 0.5) < 0.05 for v in plateau.split("outputs ")[1].split())
    learned = [float(v) for v in lines["η = 0.1, 5000 epochs"].split("outputs ")[1].split()]
    assert [round(v) for v in learned] == [0, 1, 1, 0]
    assert "After 2000 epochs at 0.1 the network is still on the plateau" in flat(prose("05_xor_network.ipynb"))
    assert "The error is the clash with the source's own names, in which $z = f(a)$" in start_text


def test_00_names_the_other_convention_and_prints_the_neighbours_of_one_third():
    text = flat(prose("00_start_here.ipynb"))
    assert ("Nielsen's book, 3Blue1Brown and Andrew Ng's course write $z$ for the weighted sum and $a$ for the "
            "activation value, the reverse of ours") in text
    out = printed(cell("00_start_here.ipynb", "nb00-exercise-2-the-loss-is-z"))  # exercise 2's worked solution
    for w in (0.3, 1 / 3, 11 / 30):
        y = 1.5 * w
        assert f"w = {w:.3f}: output {y:.3f}, loss {(y - 0.5) ** 2:.4f}" in out
    assert round((1.5 * 0.3 - 0.5) ** 2, 10) == round((1.5 * 11 / 30 - 0.5) ** 2, 10) == 0.0025
    assert "neighbours 0.300\n   and 0.367 have the same small loss on either side (0.0025" in TEACHING


def xor_40():
    """06's data set (labels by corner) and start (4 sigmoid hidden units, seed 5, scale 1.0), in plain numpy."""
    rng = np.random.default_rng(0)
    corner = rng.permutation(np.arange(40) % 4)
    X = GATES_X[corner] + 0.15 * rng.standard_normal((40, 2))
    t = np.array([0.0, 1.0, 1.0, 0.0])[corner]
    start = np.random.default_rng(5)
    return X, t, start.normal(0.0, 1.0, (4, 3)), start.normal(0.0, 1.0, 5)


def test_06_checked_after_every_update_stochastic_first_gets_below_0_05_at_update_384():
    X, t, W0, V0 = xor_40()
    X1 = np.column_stack([np.ones(40), X])

    def loss(W, V, rows=slice(None)):
        y = np.column_stack([np.ones(len(X1[rows])), sigmoid(X1[rows] @ W.T)]) @ V
        return float(np.mean(0.5 * (y - t[rows]) ** 2))

    def first_below(size):
        W, V, rng, done = W0.copy(), V0.copy(), np.random.default_rng(0), 0
        while done < 600:
            order = rng.permutation(40) if size < 40 else np.arange(40)
            for first in range(0, 40, size):
                rows = order[first:first + size]
                Z = np.column_stack([np.ones(len(rows)), sigmoid(X1[rows] @ W.T)])
                d_out = Z @ V - t[rows]
                d_hid = np.outer(d_out, V[1:]) * Z[:, 1:] * (1 - Z[:, 1:])
                W, V = W - 0.5 * d_hid.T @ X1[rows] / len(rows), V - 0.5 * Z.T @ d_out / len(rows)
                done += 1
                if loss(W, V) < 0.05:
                    return done
        return None

    found = {mode: first_below(size) for mode, size in [("batch", 40), ("minibatch", 8), ("stochastic", 1)]}
    assert found == {"batch": 283, "minibatch": 300, "stochastic": 384}
    out = printed(cell("06_training_in_practice.ipynb", "nb06-every-update"))
    for mode, update in found.items():
        assert f"{mode:<11} first below 0.05 after update {update}" in out
    # the epoch table counts whole epochs: 12 stochastic epochs of 40 updates
    assert "stochastic             40              12              480" in "\n".join(
        printed(c) for c in cells("06_training_in_practice.ipynb"))
    text = flat(prose("06_training_in_practice.ipynb"))
    assert "checked after every update, the cell above finds 384 for stochastic, still more than batch's 283" in text
    assert "the cost of an update grows with the number of examples it processes, and a large data set is redundant" in text
    assert "expensive to load" not in text
    assert "every update stochastic first gets below 0.05 at update 384, still behind 283" in flat(TEACHING)


def overfitting_data():
    """06 §8's data in plain numpy: 80 noisy XOR points (sd 0.3, seed 3), 10% of labels flipped (seed 4),
    60 held out (seed 0), inputs normalised with the training statistics."""
    rng = np.random.default_rng(3)
    corner = rng.permutation(np.arange(80) % 4)
    X = GATES_X[corner] + 0.3 * rng.standard_normal((80, 2))
    t = np.array([0.0, 1.0, 1.0, 0.0])[corner]
    wrong = np.random.default_rng(4).permutation(80)[:8]
    t[wrong] = 1 - t[wrong]
    order = np.random.default_rng(0).permutation(80)
    held, train = order[:60], order[60:]
    mean, std = X[train].mean(axis=0), X[train].std(axis=0)
    return (X[train] - mean) / std, t[train], (X[held] - mean) / std, t[held]


def tanh_net_with_decay(decay, X, t, epochs=1000, lr=0.3):
    rng = np.random.default_rng(0)
    W, V = rng.normal(0.0, 0.5, (30, 3)), rng.normal(0.0, 0.5, 31)
    X1 = np.column_stack([np.ones(len(X)), X])
    for _ in range(epochs):
        Z = np.column_stack([np.ones(len(X)), np.tanh(X1 @ W.T)])
        d_out = Z @ V - t
        d_hid = np.outer(d_out, V[1:]) * (1 - Z[:, 1:] ** 2)
        dW, dV = d_hid.T @ X1 / len(t), Z.T @ d_out / len(t)
        dW[:, 1:] += decay * W[:, 1:]
        dV[1:] += decay * V[1:]
        W, V = W - lr * dW, V - lr * dV
    return W, V


def test_06_weight_decay_lowers_the_held_out_loss_of_the_30_unit_run():
    X_train, t_train, X_held, t_held = overfitting_data()

    def loss(W, V, X, t):
        y = np.column_stack([np.ones(len(X)), np.tanh(np.column_stack([np.ones(len(X)), X]) @ W.T)]) @ V
        return float(np.mean(0.5 * (y - t) ** 2))

    out = printed(cell("06_training_in_practice.ipynb", "nb06-weight-decay-code"))
    held = {}
    for decay in [0.0, 0.001, 0.01, 0.03]:
        W, V = tanh_net_with_decay(decay, X_train, t_train)
        train_loss, held[decay] = loss(W, V, X_train, t_train), loss(W, V, X_held, t_held)
        assert (f"λ = {decay:<5g}: training loss {train_loss:.4f}, held-out loss {held[decay]:.4f},"
                in out)
    assert f"{held[0.0]:.4f}" == "0.1158" and f"{held[0.01]:.4f}" == "0.0814"  # the run above, and decay
    assert held[0.01] < held[0.001] < held[0.0] and held[0.03] > held[0.01]
    text = flat(prose("06_training_in_practice.ipynb"))
    assert "held-out loss lower (0.0814 against 0.1158)" in text and "(0.0883 at $\\lambda = 0.03$)" in text
    assert "weight decay (held-out 0.0814 instead of 0.1158 at λ = 0.01)" in text
    assert "at λ = 0.01 the held-out loss ends at 0.0814 instead of 0.1158 (too much, λ = 0.03, gives 0.0883)" in flat(
        TEACHING)


# ---------------------------------------------------------------- 07
class Node:
    """A bare scalar node, written here: value, grad, (parent, local derivative) pairs."""

    def __init__(self, data, parents=()):
        self.data, self.grad, self.parents = data, 0.0, parents

    def __add__(self, other):
        return Node(self.data + other.data, ((self, 1.0), (other, 1.0)))

    def __mul__(self, other):
        return Node(self.data * other.data, ((self, other.data), (other, self.data)))


def backward_adding_everywhere(out):
    order, seen = [], set()

    def visit(n):
        if id(n) not in seen:
            seen.add(id(n))
            for parent, _ in n.parents:
                visit(parent)
            order.append(n)

    visit(out)
    out.grad = 1.0
    for n in reversed(order):
        for parent, local in n.parents:
            parent.grad += n.grad * local


def test_07_a_second_backward_adds_at_every_node():
    a, b = Node(2.0), Node(-3.0)
    p = a * b
    s = p + a
    L = p * s
    backward_adding_everywhere(L)
    once = a.grad
    assert (once, p.grad) == (24.0, -10.0)
    backward_adding_everywhere(L)
    assert (a.grad, p.grad) == (90.0, -26.0)
    # leaf-only accumulation (inner gradients worked out afresh) gives exactly twice
    a2, b2 = Node(2.0), Node(-3.0)
    p2 = a2 * b2
    backward_adding_everywhere(p2 * (p2 + a2))
    assert once + a2.grad == 48.0
    out = printed(cell("07_autograd.ipynb", "nb07-backward-twice"))
    assert "one backward:  ∂L/∂a = 24, ∂L/∂p = -10" in out
    assert "two backwards: ∂L/∂a = 90, ∂L/∂p = -26 (leaves only, as in PyTorch: 2 × 24 = 48)" in out
    text = flat(prose("07_autograd.ipynb"))
    assert "only ever *adds* to `.grad`, at **every** node, the inner ones included" in text
    assert "Like PyTorch's, our backward pass" not in text


def test_07_comparing_with_the_matrix_version_starts_from_fresh_values():
    code = source(cell("07_autograd.ipynb", "38ceced3"))
    fresh, build = code.index("W, V, params = ag.parameters(start, Value)"), code.index("L = xor_loss(W, V)")
    assert fresh < build             # a rerun of the cell does not add to the previous run's gradients


def test_07_speed_prose_says_only_what_is_printed():
    out = printed(cell("07_autograd.ipynb", "719de505"))
    assert "  4 samples                156" in out and "400 samples             14,016" in out
    assert round(14016 / 156) == 90
    text = flat(prose("07_autograd.ipynb"))
    assert "its graph from 156 to 14,016 nodes, about 90 times, for 100 times the samples" in text
    assert "the gap is small," not in text and "little extra cost" not in text


# ---------------------------------------------------------------- 01
def test_01_relative_error_puts_the_best_steps_where_the_absolute_plot_does():
    hs = 10.0 ** -np.arange(1, 15)
    x = np.random.default_rng(0).uniform(0.5, 1.5, 200)
    assert 1.6 < np.exp(x.min()) and np.exp(x.max()) < 4.5
    best = {}
    for name, numeric in [("forward", lambda h: (np.exp(x + h) - np.exp(x)) / h),
                          ("central", lambda h: (np.exp(x + h) - np.exp(x - h)) / (2 * h))]:
        absolute = [np.median(np.abs(numeric(h) - np.exp(x))) for h in hs]
        relative = [np.median(np.abs(numeric(h) - np.exp(x)) / np.exp(x)) for h in hs]
        assert np.argmin(absolute) == np.argmin(relative)
        best[name] = hs[np.argmin(relative)]
    assert best["forward"] == pytest.approx(1e-8) and best["central"] == pytest.approx(1e-5)
    out = "\n".join(printed(c) for c in cells("01_derivatives.ipynb"))
    assert "forward difference: smallest error at h ≈ 1e-08" in out
    assert "central difference: smallest error at h ≈ 1e-05" in out
    text = flat(prose("01_derivatives.ipynb"))
    assert "The plot measures the **absolute** error" in text and "stays between 1.6 and 4.5" in text
    assert "set by the second and third derivatives ($C_1 = f''(x)/2$" in text
    assert "set by how the curve bends" not in text


def test_07_writes_the_output_weights_as_05_does():
    text = flat(prose("07_autograd.ipynb"))
    assert "$y = v_0 + v_1 z_1 + v_2 z_2 + v_3 z_3$ (notebook 05's $v_j$" in text and "V_0 + V_1" not in text
    assert "v_j" in prose("05_xor_network.ipynb")


def test_03_the_regime_table_is_not_a_speed_ranking():
    assert steps_below(0.3) < steps_below(0.1)        # oscillating (factor −0.35) beats smooth (+0.55)
    text = flat(prose("03_single_weight.ipynb"))
    assert "The rows go by learning rate, not by speed" in text
    assert "an oscillating rate can be faster than a smooth one" in text


def test_04_points_from_the_stuck_run_to_the_choice_of_loss():
    text = flat(prose("04_one_neuron.ipynb"))
    assert "gradients of the squared loss vanish (section 12 shows that another loss keeps them)" in text
    assert "## 12. The choice of loss: squared error or cross-entropy" in prose("04_one_neuron.ipynb")
