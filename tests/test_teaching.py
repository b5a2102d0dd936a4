"""TEACHING.md quotes numbers that the notebooks print: every number under a notebook's heading must be in
that notebook's outputs (one rule, below); and every slider position it names must be one the slider can reach."""
import html
import re
from decimal import Decimal
from pathlib import Path

import pytest
from notebook_cells import NOTEBOOKS, cells, printed, widget_state

ROOT = Path(__file__).resolve().parents[1]

# ---------------------------------------------------------------- the numbers TEACHING.md quotes
# One rule: every number TEACHING.md quotes under a notebook's heading ("## 05 The XOR network") is a number
# that notebook shows in its stored outputs (what it prints, returns, displays as HTML, and what its worked
# solutions print), so a change of any output that TEACHING quotes fails here, naming the number.
#
# A number is a run of digits, as written, with its sign (− or -, +), decimals, exponent (1.7e-07) and a
# percent sign (1% matches only a printed 1%); thousands grouped by "," or one space (76,104; 10 000) read
# as one number; LaTeX's 10^{-8} is 1e-08. Two numbers match when they are the same decimal: TEACHING's
# 0.49 matches a printed 0.4900 (trailing zeros add nothing), but 0.05 does not match 0.0534 and 0.705
# does not match 0.705011: TEACHING quotes the digits the notebook prints, rounding none of them.
# Not numbers: a list item's number ("3. "), a fraction's parts (1/12, 2/λ), the notebook names 00-07 (any
# two-digit number with a leading zero), and the numbers in "Exercise 2", "Exercises 3–5", "section 12".
NUMBER = re.compile(r"""(?<![\w.^{}/\\])
    (?P<sign>[−+-]?)(?P<digits>\d{1,3}(?:(?:,|\ )\d{3})+(?!\d|\.\d)|\d+)(?P<decimals>\.\d+)?(?P<exponent>e[−+-]?\d+)?
    (?P<percent>\ ?%)?(?![\w/^])""", re.X)
POWER_OF_TEN = re.compile(r"10\^\{?(?P<exponent>[−-]?\d+)\}?")
NOT_A_NUMBER = re.compile(r"^\s*\d+\.\s|[Ee]xercises? \d+(?:[–-]\d+)?|section \d+|(?<![\w.−+-])0\d(?!\d|\.\d)", re.M)

# Numbers TEACHING.md quotes that no output shows, each with why (keep this short; a stale entry fails).
NOT_OUTPUTS = {
    ("01", "(0.7 + 1.5"): "algebra on the board: e = 0.7 inside the expansion of the loss",
    ("01", "$x = 10^6$"): "the input the round-off cell sets in its code",
    ("01", "from −1 to 1"): "the range of tanh, read off the picture",
    ("03", "0.01–1"): "the slider's range (its positions are checked below)",
    ("06", "600 weight updates"): "the budget the comparison sets in its code",
    ("06", "(31 rates"): "the size of the sweep, set in its code",
    ("06", "10% of all labels"): "the label noise the data set is drawn with, set in its code",
    ("06", "$10^{12}$"): "the size of the nudge, set in its code",
    ("07", "110 to 414 times"): "measured by benchmarks/autograd_speed.py: the notebook stores no timings",
}


def numbers(text: str) -> list[tuple[Decimal, bool, str, int]]:
    """(value, is a percentage, as written, offset) of every number in ``text``, by the rule above."""
    found, blank = [], lambda m: " " * len(m.group(0))
    for power in POWER_OF_TEN.finditer(text):
        found.append((Decimal(f"1e{power['exponent'].replace('−', '-')}"), False, power.group(0), power.start()))
    text = NOT_A_NUMBER.sub(blank, POWER_OF_TEN.sub(blank, text))
    for m in NUMBER.finditer(text):
        written = (m["sign"].replace("−", "-") + re.sub("[, ]", "", m["digits"]) + (m["decimals"] or "")
                   + (m["exponent"] or "").replace("−", "-"))
        found.append((Decimal(written), bool(m["percent"]), m.group(0).strip(), m.start()))
    return sorted(found, key=lambda number: number[3])


def shown_text(notebook: str) -> str:
    """Everything the notebook's stored outputs show as text: streams, text/plain, text/html (its text, tags
    removed), and what each worked solution prints."""
    parts = []
    for cell in cells(notebook):
        parts.append(printed(cell))
        for out in cell.get("outputs", []):
            if "text/html" in out.get("data", {}):
                parts.append(html.unescape(re.sub(r"<[^>]*>", " ", "".join(out["data"]["text/html"]))))
    return "\n".join(parts)


def teaching_sections(teaching: str) -> dict[str, str]:
    """Notebook number ("05") -> the text of its section in TEACHING.md, its heading line left out."""
    return dict(re.findall(r"^## (\d\d) [^\n]*\n(.*?)(?=^## |\Z)", teaching, re.M | re.S))


def notebook_of(number: str) -> str:
    return next(name for name in NOTEBOOKS if name.startswith(f"{number}_"))


def unshown_numbers(number: str, section: str, shown: str) -> list[str]:
    """Each number ``section`` (TEACHING.md's text for notebook ``number``) quotes that ``shown`` (the notebook's
    outputs) does not, with the words around it; [] when all are shown."""
    excused = []
    for (where, fragment), why in NOT_OUTPUTS.items():
        if where == number:
            start = section.find(fragment)
            assert start >= 0, f"NOT_OUTPUTS excuses {fragment!r} in the {number} section, which no longer says it"
            excused.append(range(start, start + len(fragment)))
    printed_values = {(value, percent) for value, percent, _, _ in numbers(shown)}
    missing = []
    for value, percent, written, at in numbers(section):
        if (value, percent) not in printed_values and not any(at in span for span in excused):
            line = section.count("\n", 0, at) + 1
            context = " ".join(section[max(0, at - 40):at + len(written) + 25].split())
            missing.append(f"{written} (line {line} of the section: …{context}…)")
    return missing


SECTIONS = teaching_sections((ROOT / "TEACHING.md").read_text())


@pytest.mark.parametrize("number", sorted(SECTIONS))
def test_every_number_teaching_quotes_is_in_its_notebooks_outputs(number):
    notebook = notebook_of(number)
    quoted = numbers(SECTIONS[number])
    assert len(quoted) >= 10, f"the {number} section quotes only {len(quoted)} numbers: is the rule still reading it?"
    missing = unshown_numbers(number, SECTIONS[number], shown_text(notebook))
    assert not missing, (f"TEACHING.md's \"## {number}\" section quotes numbers that {notebook}'s outputs do not "
                         f"show (re-run the notebook, or quote what it prints now):\n  " + "\n  ".join(missing))


def test_every_notebook_has_a_teaching_section():
    assert sorted(notebook_of(number) for number in SECTIONS) == NOTEBOOKS


def test_what_counts_as_a_number():
    assert [w for _, _, w, _ in numbers("1. At 3,300 epochs: −2.33 and +3.50, 1.7e-07, 1% (Exercise 2, 05's "
                                        "section 12): 1/12 ≈ 0.08333, $10^{-8}$ and 10 000.")] == \
        ["3,300", "−2.33", "+3.50", "1.7e-07", "1%", "0.08333", "10^{-8}", "10 000"]
    assert numbers("3300")[0][0] == numbers("3,300")[0][0] and numbers("0.49")[0][0] == numbers("0.4900")[0][0]


def test_the_rule_fails_on_a_number_the_notebook_does_not_show():
    """A TEACHING.md number changed by one digit, or rounded, or taken from a longer printed number, fails."""
    shown = "epoch 500: loss 0.0058\nlearning rate 1.9953\nloss 0.0534, 3300 epochs, 1% apart"
    assert unshown_numbers("99", "loss 0.0058 at epoch 500, rate 1.9953, 3,300 epochs, 1%", shown) == []
    for wrong in ["loss 0.0059", "rate 1.995", "loss 0.05", "3,301 epochs", "1.9953%", "−0.0058"]:
        assert len(unshown_numbers("99", wrong, shown)) == 1, wrong
    section = SECTIONS["05"].replace("output from 4 to **1.68**", "output from 4 to **1.69**")
    assert section != SECTIONS["05"]
    [message] = unshown_numbers("05", section, shown_text(notebook_of("05")))
    assert message.startswith("1.69 (line ") and "from 4 to **1.69**" in message


# notebook -> {words in a slider's description: the positions TEACHING.md names on it, as its readout
# shows them}. Each owner declares the positions of their notebook's section here.
SLIDER_POSITIONS = {
    "06_training_in_practice.ipynb": {"learning rate": ["0.05", "0.8", "2", "3"]},
}


def slider_positions(notebook: str, words: str) -> list:
    """Every position of the slider whose description contains ``words``, read from the widget state saved
    in the notebook (the slider a learner gets): a grid slider's labels as its readout shows them, or a
    numeric slider's values."""
    models = widget_state(notebook).values()
    sliders = [m["state"] for m in models
               if m["model_name"].endswith("SliderModel") and words in m["state"].get("description", "")]
    assert len(sliders) == 1, f"{notebook}: expected one slider described {words!r}, found {len(sliders)}"
    slider = sliders[0]
    if "_options_labels" in slider:  # a selection (grid) slider: exactly its labels
        return list(slider["_options_labels"])
    count = round((slider["max"] - slider["min"]) / slider["step"])
    grid = [slider["min"] + k * slider["step"] for k in range(count + 1)]
    return [slider["base"] ** exponent for exponent in grid] if "base" in slider else grid  # a log slider: 10^x


def reachable(position: str, positions: list) -> bool:
    """A named position is a label of a grid slider, or (to round-off) a value of a numeric slider."""
    if position in positions:
        return True
    return any(isinstance(p, float) and abs(p - float(position)) <= 1e-9 * abs(float(position)) for p in positions)


# Sliders that cannot reach their named positions yet, and what fixes it (strict: remove the mark when it passes).
NOT_YET_REACHABLE: dict[tuple[str, str], str] = {}


@pytest.mark.parametrize("notebook, words", [
    pytest.param(nb, words, marks=[pytest.mark.xfail(reason=NOT_YET_REACHABLE[nb, words], strict=True)]
                 if (nb, words) in NOT_YET_REACHABLE else [])
    for nb, sliders in sorted(SLIDER_POSITIONS.items()) for words in sliders])
def test_every_slider_position_teaching_names_is_reachable(notebook, words):
    positions = slider_positions(notebook, words)
    named = SLIDER_POSITIONS[notebook][words]
    missing = [p for p in named if not reachable(p, positions)]
    nearby = [p for p in positions if any(abs(float(p) / float(m) - 1) < 0.05 for m in missing)]
    assert not missing, (f"TEACHING.md names {missing} on the {words!r} slider of {notebook}, which it cannot reach "
                         f"(nearby positions: {nearby}); put them on the slider's grid")
    section = (ROOT / "TEACHING.md").read_text().split(f"## {notebook[:2]} ", 1)[1].split("\n## ", 1)[0]
    assert all(f"**{p}**" in section for p in named), f"declare the positions as TEACHING.md's {notebook[:2]} section writes them"


# 05 (XOR): every explorer position TEACHING.md names, as (control, value the section quotes, value set)
POSITIONS_05 = [("lr", "**1.0**", 1.0), ("lr", "**0.1**", 0.1), ("lr", "**2** is 1.9953", 1.995),
                ("lr", "**3.16**", 3.16), ("n_hidden", "**1** draws", 1), ("n_hidden", "**2**, seed 4", 2),
                ("seed", "**Seed 3**", 3), ("seed", "**2**, seed 4", 4)]


def test_xor_positions_named_in_teaching_are_on_the_controls():
    """A teacher can put every explorer control exactly where TEACHING.md's 05 section says."""
    from helpers.views import network as network_plots

    section = (ROOT / "TEACHING.md").read_text().split("## 05 ", 1)[1].split("\n## ", 1)[0]
    runs = network_plots.XorRuns(epochs=1)
    view = network_plots.xor_explorer(runs, lr=1.0, n_hidden=3, seed=4)
    for control, quoted, value in POSITIONS_05:
        assert quoted in section, f"TEACHING.md's 05 section no longer names {quoted!r}"
        widget = view.controls[control]
        if control == "lr":  # a grid slider: some position must read as the quoted value
            labels = [label for label, _ in widget.options]
            assert f"{value:.3g}" in labels, f"rate {value} is not on the slider ({labels})"
        else:
            assert value in widget.options, f"{control} {value} is not a button of the explorer"


# notebook -> (the learning-rate slider it shows, built as the notebook builds it); TEACHING.md's bold numbers in
# that notebook's section are slider positions, and each must be on the slider, not only near it (issue 11)
def _slider_03():
    from helpers.views import single_weight as swp
    return swp.explorer(1.5, 0.5, 0.8, lr=0.1, steps=20)


def _slider_04():
    from helpers.views import neuron as nrp
    return nrp.explorer()


SLIDERS = {"03_single_weight.ipynb": _slider_03, "04_one_neuron.ipynb": _slider_04}


def _bold_numbers(section: str) -> list[str]:
    import re
    return re.findall(r"\*\*(-?[0-9]+(?:\.[0-9]+)?)\*\*", section)


@pytest.mark.parametrize("notebook", sorted(SLIDERS))
def test_every_bold_position_of_03_and_04_is_on_the_slider(notebook):
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


# 00-02: the slider positions their TEACHING sections walk through, as the section writes each one
# -> the slider's label for it. A position the class is told to step to must be on the slider's grid.
WALKED_POSITIONS = {
    ("00_start_here.ipynb", "weight w"): {"$w = 0.333$": "0.333", "0.300": "0.300", "0.367": "0.367",
                                          "back at 0.8": "0.800"},
    ("01_derivatives.ipynb", "Δw"): {"start at 1.0": "1.00", "move to 0.3": "0.30", "0.05 (2.2125)": "0.05",
                                     "0.01 (2.1225)": "0.01", "back to 0.5": "0.50"},
    ("02_chain_rule.ipynb", "w"): {"$w = 0.8$": "0.800", "then 0.5": "0.500", "then $1/3$": "0.333"},
}


@pytest.mark.parametrize("notebook, words", sorted(WALKED_POSITIONS))
def test_positions_walked_in_00_to_02_are_on_their_sliders(notebook, words):
    section = (ROOT / "TEACHING.md").read_text().split(f"## {notebook[:2]} ", 1)[1].split("\n## ", 1)[0]
    labels = slider_positions(notebook, words)
    for written, label in WALKED_POSITIONS[notebook, words].items():
        assert written in section, f"TEACHING.md's {notebook[:2]} section no longer says {written!r}"
        assert label in labels, f"TEACHING.md walks the {words!r} slider of {notebook} to {written!r}, not on its grid"
