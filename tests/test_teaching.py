"""TEACHING.md quotes numbers that the notebooks print: each quoted number must still be in its notebook's outputs."""
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# notebook -> numbers TEACHING.md quotes from that notebook's printed outputs (as printed)
QUOTED = {
    "00_start_here.ipynb": ["cost 0.4900", "w = 0.33: output 0.49, cost 0.0000"],
    "01_derivatives.ipynb": ["4.3500", "3.2250", "2.3250", "2.1225", "2.1022", "2.7750", "2.2125", "1e-08", "1e-05"],
    "02_chain_rule.ipynb": ["1.111162", "2.1000", "0.7500", "4.2449", "0.705011", "0.292561", "0.997572"],
    "03_single_weight.ipynb": ["0.5900", "0.474500", "0.550000", "0.222222", "0.444444", "converges smoothly",
                               "oscillates but converges", "bounces forever", "rate 0.5: diverged"],
    "04_one_neuron.ipynb": ["1.0500", "0.3333", "0.6950", "y = 0.8·1.5 + (−0.4)·0.5 = 1.0000", "y = a = 1.1000",
                            "∂L/∂w1 = e·x1 = 0.9000,   ∂L/∂w2 = e·x2 = 0.3000,   ∂L/∂b = e·1 = 0.6000",
                            "L = 0.1450 |  0.10  -0.20   0.05", "steepest λ = 1.5931", "η = 1/λ = 0.6277",
                            "η = 2/λ = 1.2554", "rate 0.3: factor +0.52, converges smoothly",
                            "rate 0.6277: factor +0.00, one step to the minimum",
                            "rate 1: factor -0.59, oscillates but converges",
                            "rate 1.2554: factor -1.00, bounces forever", "rate 1.5: factor -1.39, diverged",
                            "y = σ(a) = 1/(1 + e^(−1.1)) = 0.750260", "σ′(a) = y(1 − y) = 0.187370",
                            "δ = (y − t)·σ′(a) = 0.046891", "∂L/∂w1 = δ·x1 = 0.070337", "∂L/∂w2 = δ·x2 = 0.023446",
                            "AND: outputs [0.   0.05 0.05 0.94], loss 0.0010, 4 of 4 right",
                            "OR: outputs [0.05 0.97 0.97 1.  ], loss 0.0005, 4 of 4 right",
                            "XOR: outputs [0.5 0.5 0.5 0.5], loss 0.1250",
                            "best one line can do: loss 0.0833 = 1/12, 3 of 4 right"],
    "05_xor_network.ipynb": ["D0 = 4", "4 → 1.68", "4 → 7.28", "0.125", "predictions 0 1 1 0",
                             "rate 0.1: final loss 1.2e-01", "rate 2: final loss 4.4e+00, predictions 1 1 1 1",
                             "diverged at epoch 10", "predictions 0 1 0 1"],
    "06_training_in_practice.ipynb": [
        "-2.97", "21.55", "4.45", "-3.23",
        "stochastic             40              11              440",
        "minibatch               5              73              365",
        "batch                   1             359              359",
        "best rate 1.26", "smallest rate that diverged: 2.51", "rate 1.26: loss after 1000 epochs 0.0096",
        "rate 1.58: loss after 1000 epochs 0.0333", "rate 2: loss after 1000 epochs 2.9917",
        "spread (std) 0.0118", "mean loss 0.0176, spread (std) 0.0031", "mean loss 0.0334", "mean loss 0.0306",
        "rate 0.05: training loss 0.1292", "rate 0.8: training loss 0.0243", "rate 2: training loss 22.7970",
        "rate 3: diverged after 10 epochs", "after 133 epochs", "after 52 epochs", "loss 0.1250",
        "noise 0.3: accuracy on fresh points 0.787", "noise 0.3: accuracy on fresh points 0.858",
        "training loss 0.0329, held-out loss 0.1158 (lowest 0.0743 at epoch 47)",
        "training loss 0.0668, held-out loss 0.0883"],
}

# how TEACHING.md writes some of them (rounded for reading); the rest appear verbatim
IN_TEACHING = {"1.0500": "$1.05$", "0.3333": "$w = 0.3333$", "0.6950": "0.6950 both",
               "y = 0.8·1.5 + (−0.4)·0.5 = 1.0000": "output is\n   1.0000",
               "y = a = 1.1000": "then 1.1000 with $b = 0.1$",
               "∂L/∂w1 = e·x1 = 0.9000,   ∂L/∂w2 = e·x2 = 0.3000,   ∂L/∂b = e·1 = 0.6000": "0.9000, 0.3000 and\n   0.6000",
               "L = 0.1450 |  0.10  -0.20   0.05": "loss 0.1450, mean gradient 0.10, −0.20, 0.05",
               "steepest λ = 1.5931": "curvature is\n   1.5931", "η = 1/λ = 0.6277": "**0.6277** (= 1/λ)",
               "η = 2/λ = 1.2554": "**1.2554** (= 2/λ)", "rate 0.3: factor +0.52, converges smoothly": "**0.3** converges smoothly",
               "rate 0.6277: factor +0.00, one step to the minimum": "to its minimum in one\n   step",
               "rate 1: factor -0.59, oscillates but converges": "**1** oscillates but converges",
               "rate 1.2554: factor -1.00, bounces forever": "bounces forever, so the loss stops falling",
               "rate 1.5: factor -1.39, diverged": "**1.5**\n   diverged",
               "y = σ(a) = 1/(1 + e^(−1.1)) = 0.750260": "$y = \\sigma(a) = 0.750260$",
               "σ′(a) = y(1 − y) = 0.187370": "$\\sigma'(a) = y(1 - y) = 0.187370$",
               "δ = (y − t)·σ′(a) = 0.046891": "$\\delta = (y - t)\\,\\sigma'(a) = 0.046891$",
               "∂L/∂w1 = δ·x1 = 0.070337": "$\\delta x_1 = 0.070337$", "∂L/∂w2 = δ·x2 = 0.023446": "$\\delta x_2 = 0.023446$",
               "AND: outputs [0.   0.05 0.05 0.94], loss 0.0010, 4 of 4 right": "4 of 4 right, loss 0.0010",
               "OR: outputs [0.05 0.97 0.97 1.  ], loss 0.0005, 4 of 4 right": "0.0010 and 0.0005",
               "XOR: outputs [0.5 0.5 0.5 0.5], loss 0.1250": "outputs 0.5\n   everywhere, loss 0.1250",
               "best one line can do: loss 0.0833 = 1/12, 3 of 4 right": "0.0833 = 1/12, three of four\n   right",
               "spread (std) 0.0118": "0.0118 at rate 1.0", "mean loss 0.0176, spread (std) 0.0031": "0.0031 at 0.3",
               "mean loss 0.0334": "0.0334 at 1.0", "mean loss 0.0306": "0.0306 at 0.1", "-2.97": "−2.97", "-3.23": "−3.23", "cost 0.4900": "cost 0.49", "4.3500": "4.35", "3.2250": "3.225", "2.3250": "2.325",
               "2.7750": "2.775", "1e-08": "10^{-8}", "1e-05": "10^{-5}", "0.997572": "0.998",
               "0.705011": "0.705", "0.292561": "0.293", "2.1000": "2.1", "0.7500": "0.75",
               "0.5900": "0.59", "0.474500": "0.4745", "0.550000": "0.55", "0.222222": "0.222",
               "0.444444": "0.444", "D0 = 4": "**4**", "4 → 1.68": "**1.68**", "4 → 7.28": "**7.28**",
               "predictions 0 1 1 0": "0 1 1 0", "rate 0.1: final loss 1.2e-01": "loss 0.12",
               "rate 2: final loss 4.4e+00, predictions 1 1 1 1": "loss 4.4, all",
               "predictions 0 1 0 1": "one sample wrong", "rate 0.5: diverged": "**0.5**",
               "stochastic             40              11              440": "11 epochs",
               "minibatch               5              73              365": "73 mini-batch",
               "batch                   1             359              359": "359 vs 365 vs 440",
               "best rate 1.26": "around 1.26", "smallest rate that diverged: 2.51": "2.51 on",
               "rate 1.26: loss after 1000 epochs 0.0096": "1.26: 0.0096",
               "rate 1.58: loss after 1000 epochs 0.0333": "1.58: 0.0333",
               "rate 2: loss after 1000 epochs 2.9917": "2.0: 2.99",
               "rate 0.05: training loss 0.1292": "loss 0.1292", "rate 0.8: training loss 0.0243": "loss 0.0243",
               "rate 2: training loss 22.7970": "22.80", "rate 3: diverged after 10 epochs": "diverged after 10 epochs",
               "after 133 epochs": "(133)", "after 52 epochs": "52 epochs", "loss 0.1250": "0.125",
               "noise 0.3: accuracy on fresh points 0.787": "78.7%",
               "noise 0.3: accuracy on fresh points 0.858": "85.8%",
               "training loss 0.0329, held-out loss 0.1158 (lowest 0.0743 at epoch 47)": "0.074 at epoch 47",
               "training loss 0.0668, held-out loss 0.0883": "0.067 and\n   0.088",
               "cost 0.0000": "cost 0.0000", "w = 0.33: output 0.49, cost 0.0000": "cost 0.0000"}


def outputs(notebook: str) -> str:
    cells = json.loads((ROOT / "notebooks" / notebook).read_text())["cells"]
    texts = []
    for cell in cells:
        for out in cell.get("outputs", []):
            texts.append("".join(out.get("text", "")) + "".join(out.get("data", {}).get("text/plain", "")))
    return "\n".join(texts)


@pytest.mark.parametrize("notebook", sorted(QUOTED))
def test_quoted_numbers_are_printed_by_the_notebook(notebook):
    if not (ROOT / "notebooks" / notebook).exists():
        pytest.skip(f"{notebook} not written yet")
    printed = outputs(notebook)
    missing = [text for text in QUOTED[notebook] if text not in printed]
    assert not missing, f"TEACHING.md quotes {missing}, which {notebook} no longer prints: update TEACHING.md"


@pytest.mark.parametrize("notebook", sorted(QUOTED))
def test_teaching_quotes_them(notebook):
    teaching = (ROOT / "TEACHING.md").read_text()
    section = teaching.split(f"## {notebook[:2]} ", 1)[1].split("\n## ", 1)[0]
    missing = [text for text in QUOTED[notebook] if IN_TEACHING.get(text, text) not in section]
    assert not missing, f"the {notebook[:2]} section of TEACHING.md no longer quotes {missing}"


# notebook -> (the learning-rate slider it shows, built as the notebook builds it); TEACHING.md's bold numbers in
# that notebook's section are slider positions, and each must be on the slider, not only near it (issue 11)
def _slider_03():
    from helpers import single_weight_plots as swp
    return swp.explorer(1.5, 0.5, 0.8, lr=0.1, steps=20)


def _slider_04():
    from helpers import neuron_plots as nrp
    return nrp.explorer()


SLIDERS = {"03_single_weight.ipynb": _slider_03, "04_one_neuron.ipynb": _slider_04}


def _bold_numbers(section: str) -> list[str]:
    import re
    return re.findall(r"\*\*(-?[0-9]+(?:\.[0-9]+)?)\*\*", section)


@pytest.mark.parametrize("notebook", sorted(SLIDERS))
def test_every_slider_position_teaching_names_is_reachable(notebook):
    teaching = (ROOT / "TEACHING.md").read_text()
    section = teaching.split(f"## {notebook[:2]} ", 1)[1].split("\n## ", 1)[0]
    named = _bold_numbers(section)
    assert len(named) >= 5, f"the {notebook[:2]} section names fewer slider positions than expected: {named}"
    view = SLIDERS[notebook]()
    grid = [value for _, value in view.controls["lr"].options]
    for text in named:
        decimals = len(text.split(".")[1]) if "." in text else 0
        on_grid = [v for v in grid if f"{v:.{decimals}f}" == text]
        assert on_grid, f"TEACHING.md names the {notebook[:2]} slider position {text}, which the slider cannot reach"
        readout = view.set(lr=on_grid[0])
        assert readout.startswith("rate "), readout


def test_the_reachability_check_can_fail():
    grid = [value for _, value in _slider_03().controls["lr"].options]
    assert not [v for v in grid if f"{v:.3f}" == "0.223"]  # a position next to 2/9 is not on the slider
