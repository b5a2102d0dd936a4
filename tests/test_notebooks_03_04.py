"""Notebooks 03 and 04 as a learner meets them: each exercise before what gives its answer away, the
committed exercises unanswered, every number the prose quotes printed by the notebook, sliders saved on
their default (what every notebook promises is in test_notebook_conventions)."""
import itertools
import re

import numpy as np
import pytest

from notebook_cells import cells, first_code, printed, printed_text, prose, source, widget_state

NOTEBOOKS = ["03_single_weight.ipynb", "04_one_neuron.ipynb"]


def shown_before(name: str, index: int) -> str:
    """Everything a learner has seen above cell ``index``: prose, code and outputs."""
    return "\n".join(source(c) + "\n" + printed(c) for c in cells(name)[:index])


@pytest.mark.parametrize("name, check", [(n, f"ex{k}.check(answer)") for n, k in
                                         [("03_single_weight.ipynb", 1), ("03_single_weight.ipynb", 2),
                                          ("03_single_weight.ipynb", 3), ("04_one_neuron.ipynb", 1),
                                          ("04_one_neuron.ipynb", 2)]]
                         + [("04_one_neuron.ipynb", f"ex_{f}.check({f})") for f in ("forward", "gradients", "train")])
def test_the_committed_exercises_are_unanswered_and_say_so(name, check):
    cell = cells(name)[first_code(name, check)]
    assert "..." in source(cell)
    assert "replace" in printed(cell) and "correct!" not in printed(cell)


def test_03_exercises_come_before_their_answers():
    name = "03_single_weight.ipynb"
    before_ex1 = shown_before(name, first_code(name, "ex1.check(answer)"))
    assert "0.59" in before_ex1 and "0.4745" not in before_ex1  # w1 is shown, w2 is the question
    assert first_code(name, "ex1.check(answer)") < first_code(name, "for step in range(15):")  # the loop
    before_ex3 = shown_before(name, first_code(name, "ex3.check(answer)"))
    assert "0.3000: factor -0.3500 → oscillates but converges" in before_ex3  # the old question's answer, shown
    assert not re.search(r"(η|rate) = 0\.2(000)?\b", before_ex3) and "-0.6" not in before_ex3
    before_ex2 = shown_before(name, first_code(name, "ex2.check(answer)"))
    assert "0.25" not in before_ex2 and "0.2500" not in before_ex2


def test_04_exercises_come_before_their_answers():
    name = "04_one_neuron.ipynb"
    before_ex1 = shown_before(name, first_code(name, "ex1.check(answer)"))
    assert "0.4444" not in before_ex1 and "4/9" not in before_ex1 and "0.8889" not in before_ex1
    before_ex2 = shown_before(name, first_code(name, "ex2.check(answer)"))
    assert "curvatures on OR" not in before_ex2 and "targets do not enter" not in before_ex2
    for check, solution_line in [("ex_forward.check(forward)", "a = X @ w + b"),
                                 ("ex_gradients.check(gradients)", "delta = (y - t) * y * (1 - y)"),
                                 ("ex_gradients.check(gradients)", "dw = X.T @ delta / len(X)"),
                                 ("ex_train.check(train)", "w = w - lr * dw")]:
        code_before = "\n".join(source(c) for c in cells(name)[:first_code(name, check)] if c["cell_type"] == "code")
        assert solution_line not in code_before, (check, solution_line)


PROSE_NUMBERS = {  # what the prose says -> what the notebook prints
    "03_single_weight.ipynb": {
        "output 1.2": "output  y = w·x = 0.8 · 1.5 = 1.2000", "loss 0.49": "= 0.4900",
        "1/3": "w* = t / x = 0.5 / 1.5 = 0.333333", "2.1 is positive": "dL/dw = dL/dy · dy/dw = 1.4 · 1.5 = 2.1000",
        "0.59 is not yet 1/3": "w1 = 0.8 − 0.1 · 2.1 = 0.5900",
        "0.8 → 0.59 → 0.4745 → 0.410975": "   3   0.410975", "$1 - 0.45 = 0.55$": "= 0.550000",
        "2/9 \\approx 0.222": "oscillation above η = 1/(2x²) = 0.222222",
        "4/9 \\approx 0.444": "divergence  above η = 1/x²    = 0.444444",
    },
    "04_one_neuron.ipynb": {
        "$y = w\\,x = 1.2$": "y = 1.2:", "loss $(y - t)^2 = 0.49$": "(y − t)² = 0.4900",
        "$w^* = 1/3$": "at w = t/x = 0.3333", "halving the learning rate": "0.8 − 0.05 · 2.10 = 0.6950",
        "$-0.25, 0.25, 0.25, 0.75$": "outputs: [-0.25  0.25  0.25  0.75]",
        "stops at $1/32$": "loss 0.03125 = 1/32", "the mean of $1\\cdot1$, which is 1": "[0.1569 0.25   1.5931]",
        "the 1.2554 we found": "bounces forever at η = 2/λ = 1.2554",
        "$1/12 \\approx 0.083$": "best one line can do: loss 0.0833 = 1/12, 3 of 4 right",
        "the 0.125 of": "lowest XOR loss: 0.1250", "$\\delta = 0.046891$": "δ = (y − t)·σ′(a) = 0.046891",
        "20.09 for the sigmoid neuron": "limit 2/λ = 20.09", "$\\eta = 300$": "loss 0.1250",
        "sixteen times larger": "0.0996 = 1.5931 / 16",
        "how far the loss still is above that lowest value": "rate 0.3: factor +0.52, converges smoothly, loss "
                                                              "8.1e-05 above its lowest",
        "which is 1; along": "curvature along b alone      1.0000", "which is ½": "curvature along w1 alone     0.5000",
        "proportions 1 : 1 : 1.69 is the steepest": "curvature along 1 : 1 : 1.69 1.5931",
        "$\\lambda = 1.5931$ is the largest, and none of 10,000 random directions beats it":
            "largest of 10,000 random directions: 1.593, not above 1 : 1 : 1.69",
    },
}


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_every_number_the_prose_quotes_is_printed(name):
    text, out = prose(name), printed_text(name)
    for written, shown in PROSE_NUMBERS[name].items():
        assert written in text, f"{name}'s prose no longer says {written!r}"
        assert shown in out, f"{name} no longer prints {shown!r}"


@pytest.mark.parametrize("name, default", [("03_single_weight.ipynb", "0.1"), ("04_one_neuron.ipynb", "0.3")])
def test_the_saved_slider_shows_its_default(name, default):
    state = widget_state(name)
    sliders = [m["state"] for m in state.values() if m["model_name"] == "SelectionSliderModel"]
    assert len(sliders) == 1 and sliders[0]["_options_labels"][sliders[0]["index"]] == default
    readouts = [m["state"]["value"] for m in state.values() if m["model_name"] == "HTMLModel"
                and m["state"]["value"].startswith("<b>rate")]
    assert readouts and all(r.startswith(f"<b>rate {default}:") for r in readouts)
    assert not any("diverged" in r for r in readouts)


def test_the_steepest_direction_and_its_curvature_by_plain_arithmetic():
    """04's eigenvalue paragraph (review 04-07 U5), without helpers: the curvature along a unit direction d is
    the mean of (d1·x1 + d2·x2 + d3)²; its largest value is 1.5931, in the proportions 1 : 1 : 1.69."""
    corners = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    tilde = np.column_stack([corners, np.ones(4)])           # x1, x2 and the bias input 1

    def along(d):
        d = np.asarray(d, dtype=float) / np.linalg.norm(d)
        return np.mean((tilde @ d) ** 2)

    assert along([1, 0, 0]) == pytest.approx(0.5) and along([0, 0, 1]) == pytest.approx(1.0)
    assert along([1, 1, 1]) == pytest.approx(1.5)
    # the steepest by brute force over a grid of directions (no eigen-solver): symmetric in w1, w2
    grid = np.linspace(-1, 1, 81)
    d = np.array(list(itertools.product(grid, grid, grid)))[1:]    # every grid direction but 0
    d = d[np.any(d != 0, axis=1)]
    curvature = np.mean((d @ tilde.T) ** 2, axis=1) / np.sum(d * d, axis=1)
    best = d[np.argmax(curvature)]
    assert curvature.max() == pytest.approx(1.5931, abs=2e-3)
    assert best[0] == pytest.approx(best[1]) and best[2] / best[0] == pytest.approx(1.69, abs=0.05)
    # along (1, 1, r), the best r on a fine line: 1.6861 (shown as 1.69), curvature 1.59307 (shown as 1.5931)
    r = np.linspace(1.5, 1.9, 40001)
    line = np.column_stack([np.ones_like(r), np.ones_like(r), r])
    ratio = r[np.argmax(np.mean((line @ tilde.T) ** 2, axis=1) / np.sum(line * line, axis=1))]
    assert ratio == pytest.approx(1.6861, abs=1e-4) and along([1, 1, ratio]) == pytest.approx(1.59307, abs=1e-5)
    rng = np.random.default_rng(0)
    assert max(along(v) for v in rng.normal(size=(10_000, 3))) <= along([1, 1, ratio]) + 1e-12
