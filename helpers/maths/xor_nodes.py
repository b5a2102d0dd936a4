"""The source's XOR network node by node, with its names, as plain dicts of floats.

Units: X0 = 1 (bias), X1, X2 → hidden Z1..Zk plus a bias unit Z0 = 1 → output D0.
``W_jk`` (key ``"W10"``) is the weight from input Xk to hidden unit Zj, so W10 joins
X0 to Z1; ``V_j`` (key ``"V2"``) joins Zj to D0 (the source writes V00..V03). Each step
is a short loop over named units, so a learner can follow every number; tests check it
against the matrix form in ``helpers.maths.network`` to 1e-12.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from helpers.maths import network

__all__ = ["weight_names", "all_weights", "from_network", "to_network", "forward", "deltas",
           "gradients", "updated", "step", "source_step", "output_first_step", "Step", "table",
           "side_by_side"]


def weight_names(n_hidden: int = 3) -> list[str]:
    """W10, W11, W12, W20, ... then V0..Vk: every weight of a 2-k-1 network (k <= 9)."""
    if isinstance(n_hidden, bool) or not isinstance(n_hidden, int) or not 1 <= n_hidden <= 9:
        raise ValueError(f"n_hidden must be a whole number from 1 to 9, got {n_hidden!r}")
    hidden = [f"W{j}{k}" for j in range(1, n_hidden + 1) for k in range(3)]
    return hidden + [f"V{j}" for j in range(n_hidden + 1)]


def _n_hidden(weights: dict) -> int:
    if not isinstance(weights, dict):
        raise TypeError(f"weights must be a dict like {{'W10': 1.0, ..., 'V3': 1.0}}, got {type(weights).__name__}")
    k = sum(1 for name in weights if name.startswith("V")) - 1
    expected = weight_names(k) if 1 <= k <= 9 else weight_names(3)
    if sorted(weights) != sorted(expected):
        missing, extra = sorted(set(expected) - set(weights)), sorted(set(weights) - set(expected))
        raise ValueError(f"weights must have exactly the keys {expected}; missing {missing}, unexpected {extra}")
    return k


def all_weights(value: float = 1.0, n_hidden: int = 3) -> dict[str, float]:
    """Every weight set to ``value`` (the source starts with all ones)."""
    return {name: float(value) for name in weight_names(n_hidden)}


def from_network(net: network.Network) -> dict[str, float]:
    """The matrix-form weights under the source's names."""
    named = {f"W{j + 1}{k}": float(net.W[j, k]) for j in range(net.n_hidden) for k in range(3)}
    named.update({f"V{j}": float(v) for j, v in enumerate(net.V)})
    return named


def to_network(weights: dict, hidden: str = "identity", output: str = "identity") -> network.Network:
    """The same weights as a matrix-form ``Network``."""
    k = _n_hidden(weights)
    W = [[weights[f"W{j}{i}"] for i in range(3)] for j in range(1, k + 1)]
    return network.Network(W, [weights[f"V{j}"] for j in range(k + 1)], hidden, output)


def forward(weights: dict, x1: float, x2: float, *, hidden: str = "identity",
            output: str = "identity") -> dict[str, float]:
    """Every unit's weighted sum (``a_Z1``, ``a_D0``) and value (``X0``.., ``Z0``.., ``D0``)."""
    k = _n_hidden(weights)
    f, _ = network.activation(hidden)
    g, _ = network.activation(output)
    values = {"X0": 1.0, "X1": float(x1), "X2": float(x2), "Z0": 1.0}
    for j in range(1, k + 1):
        values[f"a_Z{j}"] = sum(weights[f"W{j}{i}"] * values[f"X{i}"] for i in range(3))
        values[f"Z{j}"] = float(f(values[f"a_Z{j}"]))
    values["a_D0"] = sum(weights[f"V{j}"] * values[f"Z{j}"] for j in range(k + 1))
    values["D0"] = float(g(values["a_D0"]))
    return values


def deltas(weights: dict, values: dict, target: float, *, hidden: str = "identity",
           output: str = "identity", error_sign: float = 1.0) -> dict[str, float]:
    """delta_D0 = (D0 − target)·g'(a_D0), then delta_Zj = V_j · delta_D0 · f'(a_Zj).

    ``error_sign=-1`` uses target − D0 instead, as the source does (the wrong sign).
    """
    k = _n_hidden(weights)
    _, df = network.activation(hidden)
    _, dg = network.activation(output)
    found = {"delta_D0": error_sign * (values["D0"] - target) * float(dg(values["a_D0"], values["D0"]))}
    for j in range(1, k + 1):
        slope = float(df(values[f"a_Z{j}"], values[f"Z{j}"]))
        found[f"delta_Z{j}"] = weights[f"V{j}"] * found["delta_D0"] * slope
    return found


def gradients(values: dict, deltas: dict, *, inputs_as_one: bool = False) -> dict[str, float]:
    """Each weight's gradient = (value at its start) × (delta at its end).

    ``inputs_as_one=True`` pretends every input is 1, as the source's table of updates did.
    """
    k = sum(1 for name in deltas if name.startswith("delta_Z"))
    grads = {}
    for j in range(1, k + 1):
        for i in range(3):
            start = 1.0 if inputs_as_one else values[f"X{i}"]
            grads[f"W{j}{i}"] = start * deltas[f"delta_Z{j}"]
    for j in range(k + 1):
        grads[f"V{j}"] = values[f"Z{j}"] * deltas["delta_D0"]
    return grads


def updated(weights: dict, grads: dict, lr: float) -> dict[str, float]:
    """Gradient descent on every weight: W := W − lr · gradient."""
    return {name: weights[name] - lr * grads[name] for name in weights}


@dataclass
class Step:
    """One sample through the network and back: values, deltas, gradients, new weights."""

    values: dict
    deltas: dict
    gradients: dict
    weights: dict


def step(weights: dict, x1: float, x2: float, target: float, lr: float, *,
         hidden: str = "identity", output: str = "identity") -> Step:
    """One correct gradient-descent step on the loss ½(D0 − target)² for one sample."""
    values = forward(weights, x1, x2, hidden=hidden, output=output)
    found = deltas(weights, values, target, hidden=hidden, output=output)
    grads = gradients(values, found)
    return Step(values, found, grads, updated(weights, grads, lr))


def source_step(weights: dict, x1: float, x2: float, target: float, lr: float, *,
                inputs_as_one: bool = True) -> Step:
    """The source's recipe: error = target − output, W := W − lr·Z·delta, identity units.

    With ``inputs_as_one=True`` it also moves weights from zero inputs, as its table did.
    """
    values = forward(weights, x1, x2)
    found = deltas(weights, values, target, error_sign=-1.0)
    grads = gradients(values, found, inputs_as_one=inputs_as_one)
    return Step(values, found, grads, updated(weights, grads, lr))


def output_first_step(weights: dict, x1: float, x2: float, target: float, lr: float, *,
                      hidden: str = "identity", output: str = "identity") -> Step:
    """Updating in an order that changes the result: V first, then the hidden deltas from the NEW V.

    The source says the weights may be updated in any order; that holds only when every
    delta is computed from the old weights before anything changes. This is the other case.
    """
    values = forward(weights, x1, x2, hidden=hidden, output=output)
    first = deltas(weights, values, target, hidden=hidden, output=output)
    grads_v = {name: g for name, g in gradients(values, first).items() if name.startswith("V")}
    moved_v = {**weights, **updated({n: weights[n] for n in grads_v}, grads_v, lr)}
    late = deltas(moved_v, values, target, hidden=hidden, output=output)  # uses the new V
    grads = {**gradients(values, late), **grads_v}
    grads = {name: grads[name] for name in weights}
    return Step(values, late, grads, updated(weights, grads, lr))


def table(named: dict, digits: int = 4, per_line: int = 4) -> str:
    """Named numbers as aligned text, ``per_line`` to a line, rounded to ``digits`` decimals."""
    cells = [f"{name:>9} = {round(value, digits) + 0.0:<8g}" for name, value in named.items()]
    return "\n".join("".join(cells[i:i + per_line]).rstrip() for i in range(0, len(cells), per_line))


def side_by_side(rows: list, headers: tuple[str, str] = ("left", "right"), digits: int = 4) -> str:
    """Rows of (label, left, right) numbers or arrays as two aligned columns, to compare two
    computations of the same quantities (e.g. unit by unit against matrices)."""
    def lines(value) -> list[str]:
        shown = np.round(np.asarray(value, dtype=float), digits) + 0.0
        return np.array2string(shown, separator=" ").splitlines()

    blocks = [(label, lines(left), lines(right)) for label, left, right in rows]
    label_w = max(len(label) for label, _, _ in blocks)
    left_w = max([len(headers[0])] + [len(line) for _, left, _ in blocks for line in left])
    out = [f"{'':<{label_w}}   {headers[0]:<{left_w}}   {headers[1]}"]
    for label, left, right in blocks:
        for i in range(max(len(left), len(right))):
            name = label if i == 0 else ""
            a = left[i] if i < len(left) else ""
            b = right[i] if i < len(right) else ""
            out.append(f"{name:<{label_w}}   {a:<{left_w}}   {b}".rstrip())
    return "\n".join(out)
