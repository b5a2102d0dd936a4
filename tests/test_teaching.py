"""TEACHING.md quotes numbers that the notebooks print: each quoted number must still be in its notebook's outputs."""
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# 05 (XOR): what the notebook prints -> how TEACHING.md writes it (every one is quoted)
IN_TEACHING_05 = {
    "D0 = 4": "**4**", "4 → 1.68": "**1.68**", "4 → 7.28": "**7.28**",
    "δ_out = y − t = 4": "δ_out = 4", "loss of the sample ½(y − t)² = 8": "the loss is 8",
    "δ_1 = 2.4": "δ1 = 2.4", "output 4 → 1.968": "1.968",
    "batch: loss 0.1007": "loss 0.1007", "stochastic: loss 0.0930": "0.0930",
    "0.12 0.12 0.12 0.087": "plateau near 0.12", "epoch 500: loss 0.0058": "loss 0.0058 at epoch 500",
    "rate 1: final loss < 1e-12, outputs 0.00 1.00 1.00 0.00": "outputs 0.00 1.00 1.00 0.00",
    "rate 0.1: final loss 0.12": "loss 0.12", "learning rate 1.9953": "is 1.995",
    "v0 = -2.33": "−2.33", "v0 = +3.50": "+3.50", "rate 2: final loss 4.4": "(loss 4.4)",
    "rate 3.16: diverged at epoch 10": "**3.16** diverged at epoch 10",
    "curvature along v0 = 1.0000": "curvature 1", "rate 2.51: diverged": "every rate above 2",
    "1/12 = 0.08333": "1/12 ≈ 0.083",
    "1 hidden unit, seed 4, rate 1: final loss 0.12, outputs 0.50 0.50 0.50 0.50": "outputs 0.50 0.50 0.50 0.50",
    "2 hidden units, seed 4, rate 1: final loss 0.064, outputs 0.01 0.99 0.50 0.51": "0.01 0.99 0.50 0.51",
    "epoch 1000: loss 0.0662": "0.0662 (epoch 1000)", "epoch 3000: loss 0.0621": "0.0621 (epoch 3000)",
    "loss below 0.01 from epoch 3408": "below 0.01 from\n   epoch 3408",
    "epoch 5000: loss < 1e-12, outputs 0.00 1.00 1.00 0.00": "XOR learned exactly",
    "2 hidden units, seed 3, rate 1: final loss < 1e-12": "**Seed 3** learns (loss < 1e-12",
}

# notebook -> numbers TEACHING.md quotes from that notebook's printed outputs (as printed)
QUOTED = {
    "00_start_here.ipynb": ["cost 0.4900", "w = 0.33: output 0.49, cost 0.0000"],
    "01_derivatives.ipynb": ["4.3500", "3.2250", "2.3250", "2.1225", "2.1022", "2.7750", "2.2125", "1e-08", "1e-05"],
    "02_chain_rule.ipynb": ["1.111162", "2.1000", "0.7500", "4.2449", "0.705011", "0.292561", "0.997572"],
    "03_single_weight.ipynb": ["0.5900", "0.474500", "0.550000", "0.222222", "0.444444", "converges smoothly",
                               "oscillates but converges", "bounces forever", "rate 0.5: diverged"],
    "05_xor_network.ipynb": list(IN_TEACHING_05),
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
IN_TEACHING = {"spread (std) 0.0118": "0.0118 at rate 1.0", "mean loss 0.0176, spread (std) 0.0031": "0.0031 at 0.3",
               "mean loss 0.0334": "0.0334 at 1.0", "mean loss 0.0306": "0.0306 at 0.1", "-2.97": "−2.97", "-3.23": "−3.23", "cost 0.4900": "cost 0.49", "4.3500": "4.35", "3.2250": "3.225", "2.3250": "2.325",
               "2.7750": "2.775", "1e-08": "10^{-8}", "1e-05": "10^{-5}", "0.997572": "0.998",
               "0.705011": "0.705", "0.292561": "0.293", "2.1000": "2.1", "0.7500": "0.75",
               "0.5900": "0.59", "0.474500": "0.4745", "0.550000": "0.55", "0.222222": "0.222",
               "0.444444": "0.444", "rate 0.5: diverged": "**0.5**",
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
               "cost 0.0000": "cost 0.0000", "w = 0.33: output 0.49, cost 0.0000": "cost 0.0000",
               **IN_TEACHING_05}


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


# 05 (XOR): every explorer position TEACHING.md names, as (control, value the section quotes, value set)
POSITIONS_05 = [("rate", "**1.0**", 1.0), ("rate", "**0.1**", 0.1), ("rate", "**2** is 1.995", 1.995),
                ("rate", "**3.16**", 3.16), ("n_hidden", "**1** draws", 1), ("n_hidden", "**2**, seed 4", 2),
                ("seed", "**Seed 3**", 3), ("seed", "**2**, seed 4", 4)]


def test_xor_positions_named_in_teaching_are_on_the_controls():
    """A teacher can put every explorer control exactly where TEACHING.md's 05 section says."""
    from helpers import network_plots

    section = (ROOT / "TEACHING.md").read_text().split("## 05 ", 1)[1].split("\n## ", 1)[0]
    runs = network_plots.XorRuns(epochs=1)
    view = network_plots.xor_explorer(runs, rate=1.0, n_hidden=3, seed=4)
    for control, quoted, value in POSITIONS_05:
        assert quoted in section, f"TEACHING.md's 05 section no longer names {quoted!r}"
        widget = view.controls[control]
        if control == "rate":  # a grid slider: some position must read as the quoted value
            labels = [label for label, _ in widget.options]
            assert f"{value:.3g}" in labels, f"rate {value} is not on the slider ({labels})"
        else:
            assert value in widget.options, f"{control} {value} is not a button of the explorer"
