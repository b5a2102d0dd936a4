"""Notebook 03's lesson math lives in its cells: the forward pass, the gradient, the update and the loop
are short code there, and that code agrees with helpers.maths.single_weight. Also pins the prose the review of
notebooks 00-03 asked for (the loss floor of the side-by-side figure, the slider's spacing, the source's
"activation function" slip)."""

import numpy as np
import pytest

from helpers.maths import single_weight as sw
from helpers.views import single_weight as swp
from notebook_cells import cells, code, first_code, printed, printed_text, prose, source

NAME = "03_single_weight.ipynb"
X, T, W0, LR = 1.5, 0.5, 0.8, 0.1


def run_cells(*markers: str) -> dict:
    """Run, in one namespace, the notebook's code cells that contain each marker (in notebook order)."""
    namespace: dict = {}
    for index in sorted(first_code(NAME, marker) for marker in markers):
        exec(compile(code(cells(NAME)[index]), f"{NAME} cell {index}", "exec"), namespace)
    return namespace


@pytest.fixture(scope="module")
def lesson():
    return run_cells("x, t, w0, lr =", "dL_dy = 2 * (y - t)", "w1 = w0 - lr * dL_dw", "for step in range(15):")


def test_the_cells_write_the_math_not_helper_calls():
    for marker, line in [("x, t, w0, lr =", "y = w0 * x"), ("x, t, w0, lr =", "loss = (y - t) ** 2"),
                         ("dL_dy = ", "dL_dw = dL_dy * dy_dw"), ("w1 = w0", "w1 = w0 - lr * dL_dw"),
                         ("for step in range(15):", "w = w - lr * dL_dw")]:
        assert line in source(cells(NAME)[first_code(NAME, marker)])
    lesson_code = "\n".join(source(c) for c in cells(NAME) if c["cell_type"] == "code")
    for helper in ("sw.forward(", "sw.dloss_dw(", "sw.dy_dw(", "sw.step(", "sw.trajectory(", "sw.regime(0.2"):
        assert helper not in lesson_code, helper
    assert "import calculus as c\n" not in lesson_code  # c is the constant of 01's rule table (review item 15)


def test_the_in_cell_forward_pass_gradient_and_update_agree_with_helpers():
    # without the loop, which moves y and dL_dw on
    first = run_cells("x, t, w0, lr =", "dL_dy = 2 * (y - t)", "w1 = w0 - lr * dL_dw")
    assert first["y"] == pytest.approx(sw.forward(X, W0), rel=1e-15)
    assert first["loss"] == pytest.approx(sw.loss(sw.forward(X, W0), T), rel=1e-15)
    assert first["dL_dy"] == pytest.approx(sw.dloss_dy(first["y"], T), rel=1e-15)
    assert first["dy_dw"] == sw.dy_dw(X)
    assert first["dL_dw"] == pytest.approx(sw.dloss_dw(X, W0, T), rel=1e-15)
    assert first["w1"] == pytest.approx(sw.step(X, W0, T, LR), rel=1e-15)


def test_the_in_cell_loop_agrees_with_the_helpers_trajectory(lesson):
    run = sw.trajectory(X, W0, T, LR, steps=15)
    assert np.allclose(lesson["weights"], run.weights, rtol=1e-13, atol=0)
    assert len(lesson["weights"]) == 16


def test_the_in_cell_solutions_agree_with_helpers():
    ns = run_cells("from helpers.exercises.single_weight import", "x, t, w0, lr =", "dL_dy = 2 * (y - t)", "w1 = w0 - lr * dL_dw", "# Exercise 1:",
                   "# Exercise 2:", "# Exercise 3:")
    assert ns["w2"] == pytest.approx(sw.step(X, sw.step(X, W0, T, LR), T, LR), rel=1e-14)
    assert ns["limit"] == pytest.approx(sw.divergence_rate(2.0))
    assert ns["factor"] == pytest.approx(sw.error_factor(0.2, 2.0))
    assert sw.regime(0.2, 2.0) in source(cells(NAME)[first_code(NAME, "# Exercise 3:")])
    assert ns["ex1"].check(ns["w2"]).correct and ns["ex2"].check(ns["limit"]).correct


def test_the_caption_says_where_the_loss_falls_below_the_figures_floor():
    """Review item 2: the figure draws every loss below 1e-12 on the bottom edge, not only exactly 0."""
    floor = swp.LOSS_LIMITS[0]
    assert floor == 1e-12

    def first_below(rate):
        losses = sw.trajectory(X, W0, T, rate, 20).losses
        return next(k for k, loss in enumerate(losses) if loss < floor), losses

    step, losses = first_below(0.3)
    assert step == 13 and losses[12] > floor
    assert all(0 < b < a for a, b in zip(losses[13:], losses[14:]))       # keeps shrinking, never 0
    ratios = np.array(losses[14:]) / np.array(losses[13:-1])
    assert np.allclose(ratios, (1 - 2 * 0.3 * X ** 2) ** 2)               # by the same fraction
    step, losses = first_below(2 / 9)
    assert step == 1 and losses[0] > floor and losses[1] < 1e-30          # round-off, if not 0
    assert min(sw.trajectory(X, W0, T, 0.1, 20).losses) > floor           # η = 0.1 stays above it


def test_the_slider_is_roughly_logarithmic_with_the_thresholds_added():
    """Review item 6: 23 positions, 11 from 0.01 to 0.1, 12 above 0.1 up to 1 (2/9 and 4/9 added)."""
    view = swp.explorer(X, T, W0, lr=0.1, steps=20)
    grid = [value for _, value in view.controls["lr"].options]
    where = {r: min(range(len(grid)), key=lambda i: abs(grid[i] - r)) for r in (0.01, 0.1, 1.0)}
    assert [grid[where[r]] for r in where] == pytest.approx([0.01, 0.1, 1.0])
    assert where[0.1] - where[0.01] == 10 and where[1.0] - where[0.1] == 12
    assert any(np.isclose(g, 2 / 9) for g in grid) and any(np.isclose(g, 4 / 9) for g in grid)
    assert len(grid) == 23


def test_the_sources_activation_function_slip_is_named():
    """Review item 5: the article calls i·w (the weighted sum) an activation function, with a 'random' weight."""
    text = prose(NAME)
    slip = text[text.index("takes as activation function"):]
    assert '"the input multiplied by\n> a randomly generated weight"' in text
    assert "not an\n> activation function" in slip and "not random" in slip and "fixes it at 0.8" in slip
    # what the notebook computes: no activation, so the output is the weighted sum 0.8 · 1.5 itself
    assert "output  y = w·x = 0.8 · 1.5 = 1.2000" in printed(cells(NAME)[first_code(NAME, "x, t, w0, lr =")])
    assert "(../README.md#sources)" in source(cells(NAME)[2])  # review item 19


def test_the_slider_readout_names_the_regime_as_the_prose_says():
    """Issue 26: the regime is in the readout above the picture (the prose once said the title)."""
    readouts = [line for line in printed_text(NAME).splitlines() if line.startswith("rate 0.")]
    for line in readouts:
        lr = float(line.split(":")[0].removeprefix("rate "))
        lr = next((edge for edge in (2 / 9, 4 / 9) if abs(lr - edge) < 1e-3), lr)  # shown to 3 decimals
        named = sw.regime(lr, X) if sw.regime(lr, X) != "diverges" else "diverged"
        assert line.split(": ", 1)[1].startswith(named), line
    assert len({line.split(": ", 1)[1].split(",")[0] for line in readouts}) == 5
