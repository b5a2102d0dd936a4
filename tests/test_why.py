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

from notebook_cells import ROOT, cells, printed, prose

TEACHING = (ROOT / "TEACHING.md").read_text()


def cell(name: str, cell_id: str) -> dict:
    found = [c for c in cells(name) if c.get("id") == cell_id]
    assert len(found) == 1, f"{name} has no cell {cell_id!r}"
    return found[0]


def flat(text: str) -> str:
    """Prose with its line breaks folded into spaces, so a pinned phrase may wrap anywhere."""
    return re.sub(r"\s+", " ", text)


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
