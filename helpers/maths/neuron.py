"""One neuron, y = f(w·x + b), trained by gradient descent on the mean of ½(y − t)² (notebook 04).

The names follow the series' notation table: inputs ``x`` (a batch ``X``, one row per
sample), weights ``w``, bias ``b``, weighted sum ``a = X @ w + b``, activation ``f``
(``"sigmoid"`` or ``"identity"``), output ``y = f(a)``, target ``t``, loss
``L = mean of ½(y − t)²``, learning rate ``lr``, delta ``δ = ∂L/∂a = (y − t)·f′(a)``.

Notebook 03's model is the special case of one input, no bias, no activation:
``forward([[1.5]], [0.8], 0.0, "identity")`` is its output 1.2.

What notebook 04 prints comes from here:

- :func:`forward`, :func:`loss`, :func:`deltas`, :func:`gradients`, :func:`step`, :func:`train`
- :func:`hessian` and :func:`curvatures`: how curved the loss is in each direction, and
  :func:`regime`, notebook 03's stability rule with that curvature
- :func:`line_splits` and :func:`best_line`: every way one straight line can split a few
  points, and the lowest loss a line can reach with the best value on each side
  (1/12 on XOR: the reason notebook 05 adds a hidden layer)

Math only; the pictures are in :mod:`helpers.views.neuron`.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import combinations
from typing import Any

import numpy as np

from helpers.maths import checks
from helpers.maths.single_weight import BLOW_UP_LOSS, REGIMES, regime_between

__all__ = [
    "GATE_X", "GATES", "ACTIVATIONS", "sigmoid", "sigmoid_of_floats", "sigmoid_slope", "weighted_sum", "forward", "loss", "deltas",
    "gradients", "step", "Training", "train", "count_right", "right_count", "boundary", "hessian",
    "curvatures", "regime", "REGIMES", "best_plane", "grid_search", "line_splits", "split_outputs", "split_loss", "BestLine", "best_line",
]

#: The four corners of the unit square, the inputs of every two-input logic gate.
GATE_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
#: Targets of the gates for the rows of :data:`GATE_X`.
GATES = {"AND": np.array([0.0, 0.0, 0.0, 1.0]),
         "OR": np.array([0.0, 1.0, 1.0, 1.0]),
         "XOR": np.array([0.0, 1.0, 1.0, 0.0])}


# ---------------------------------------------------------------- checking inputs
def _data(X: Any, w: Any) -> tuple[np.ndarray, np.ndarray]:
    """Inputs as a 2-D batch (one row per sample) and weights as a 1-D array that fit together."""
    X = checks.array("inputs X", X, (1, 2), "[[0, 1], [1, 1]] (one row per sample)")
    w = checks.array("weights w", w, (1,), "[0.8, -0.4] (one per input)")
    X2 = X.reshape(1, -1) if X.ndim == 1 else X
    if X2.shape[1] != w.size:
        raise ValueError(f"each sample has {X2.shape[1]} inputs but there are {w.size} weights: "
                         "give one weight per input")
    return X2, w


def _activation(name: Any) -> str:
    if not isinstance(name, str) or name not in ACTIVATIONS:
        raise ValueError(f"activation must be one of {', '.join(map(repr, ACTIVATIONS))}, got {name!r:.40}")
    return name


def _shape_like(X: Any, values: np.ndarray) -> np.ndarray | float:
    """A single sample (1-D X) gives a number back, a batch an array."""
    return float(values[0]) if np.ndim(X) == 1 else values


# ---------------------------------------------------------------- the neuron
def sigmoid(a: Any) -> Any:
    """σ(a) = 1 / (1 + e^(−a)), squashing any number into (0, 1); never warns on overflow."""
    if isinstance(a, float):  # one Python number (the Value engine's nodes): math is 40x quicker than numpy here
        try:
            return 1.0 / (1.0 + math.exp(-a))
        except OverflowError:  # e^(−a) beyond the largest float: σ is 0 to double precision
            return 0.0
    with np.errstate(over="ignore"):
        s = sigmoid_of_floats(np.asarray(a, dtype=float))
    return float(s) if np.ndim(a) == 0 else s


def sigmoid_of_floats(a: np.ndarray) -> np.ndarray:
    """σ of a float array as it is: for training loops, which convert their data once and run under
    ``np.errstate(over="ignore")`` (where e^(−a) = inf gives σ = 0 exactly)."""
    return 1.0 / (1.0 + np.exp(-a))


def sigmoid_slope(a: Any) -> Any:
    """σ′(a) = σ(a)·(1 − σ(a)): at most ¼ (at a = 0), near 0 where the sigmoid is flat."""
    s = sigmoid(a)
    return s * (1.0 - s)


#: The neuron's activations, name -> (f(a), f′(a) written with a and y = f(a)); the network adds tanh.
ACTIVATIONS = {"sigmoid": (sigmoid, lambda a, y: y * (1.0 - y)),
               "identity": (lambda a: a, lambda a, y: np.ones_like(a))}


def _f(a: np.ndarray, activation: str) -> tuple[np.ndarray, np.ndarray]:
    """f(a) and f′(a) for the named activation."""
    f, slope = ACTIVATIONS[activation]
    y = f(a)
    return y, slope(a, y)


def weighted_sum(X: Any, w: Any, b: Any = 0.0) -> np.ndarray | float:
    """a = w·x + b for every sample (a number for one sample given as a 1-D x)."""
    X2, w = _data(X, w)
    return _shape_like(X, X2 @ w + checks.number("bias b", b))


def forward(X: Any, w: Any, b: Any = 0.0, activation: str = "sigmoid") -> np.ndarray | float:
    """The neuron's output y = f(w·x + b) for every sample."""
    X2, w = _data(X, w)
    a = X2 @ w + checks.number("bias b", b)
    return _shape_like(X, _f(a, _activation(activation))[0])


def loss(y: Any, t: Any) -> float:
    """The mean over samples of ½(y − t)²."""
    y = checks.array("outputs y", y, (0, 1), "[0.2, 0.9]").reshape(-1)
    return float(np.mean(0.5 * (y - checks.targets(t, y.size)) ** 2))


def deltas(X: Any, t: Any, w: Any, b: Any = 0.0, activation: str = "sigmoid") -> np.ndarray | float:
    """δ = ∂(½(y − t)²)/∂a = (y − t)·f′(a) for every sample: how the sample's loss changes with its weighted sum."""
    X2, w = _data(X, w)
    y, slope = _f(X2 @ w + checks.number("bias b", b), _activation(activation))
    return _shape_like(X, (y - checks.targets(t, X2.shape[0])) * slope)


def gradients(X: Any, t: Any, w: Any, b: Any = 0.0, activation: str = "sigmoid") -> tuple[np.ndarray, float]:
    """(∂L/∂w, ∂L/∂b) of the mean loss: the mean over samples of δ·x and of δ."""
    X2, w = _data(X, w)
    delta = np.atleast_1d(deltas(X2, t, w, b, activation))
    return X2.T @ delta / X2.shape[0], float(np.mean(delta))


def step(X: Any, t: Any, w: Any, b: Any, lr: float, activation: str = "sigmoid") -> tuple[np.ndarray, float]:
    """One gradient-descent step on the whole batch: (w − lr·∂L/∂w, b − lr·∂L/∂b), from the old w and b."""
    dw, db = gradients(X, t, w, b, activation)
    lr = checks.learning_rate(lr)
    return np.array(w, dtype=float) - lr * dw, checks.number("bias b", b) - lr * db


@dataclass(frozen=True)
class Training:
    """Weights, bias and loss before the first epoch and after each one; ``diverged`` if the loss blew up."""

    weights: np.ndarray  # (epochs + 1, number of inputs)
    biases: np.ndarray   # (epochs + 1,)
    losses: np.ndarray   # (epochs + 1,)
    diverged: bool
    activation: str

    @property
    def w(self) -> np.ndarray:
        """The final weights."""
        return self.weights[-1]

    @property
    def b(self) -> float:
        """The final bias."""
        return float(self.biases[-1])


def train(X: Any, t: Any, w: Any, b: Any, *, lr: float, epochs: int, activation: str = "sigmoid") -> Training:
    """Batch gradient descent for ``epochs`` epochs, each step from the old w and b.

    ``diverged``: the loss passed 1e12 (the run stops there) or, without an activation
    (where the loss is a bowl and must go down), it ended above where it began.
    """
    X2, w = _data(X, w)
    t, b, activation = checks.targets(t, X2.shape[0]), checks.number("bias b", b), _activation(activation)
    lr = checks.learning_rate(lr)
    epochs = checks.whole("epochs", epochs, 0, "100")
    n = X2.shape[0]
    weights, biases, losses = [], [], []
    blew_up = False
    with np.errstate(over="ignore", invalid="ignore"):
        for epoch in range(epochs + 1):
            y, slope = _f(X2 @ w + b, activation)
            current = float(np.mean(0.5 * (y - t) ** 2))
            if losses and not current <= BLOW_UP_LOSS:  # also catches inf and nan
                blew_up = True
                break
            weights.append(w)
            biases.append(b)
            losses.append(current)
            if epoch == epochs:
                break
            delta = (y - t) * slope
            w, b = w - lr * (X2.T @ delta) / n, b - lr * float(np.mean(delta))
    grew = activation == "identity" and losses[-1] > losses[0] * (1 + 1e-9)
    return Training(np.array(weights), np.array(biases), np.array(losses), blew_up or grew, activation)


def right_count(X: Any, t: Any, w: Any, b: Any, activation: str = "sigmoid") -> int:
    """How many samples the neuron gets right, its outputs read as in :func:`count_right`."""
    return count_right(np.atleast_1d(forward(X, w, b, activation)), t)


def boundary(w: Any, b: Any, level: float = 0.5, activation: str = "sigmoid") -> tuple[float, float, float]:
    """The line where the output equals ``level``, as (c1, c2, c0) of c1·x1 + c2·x2 + c0 = 0.

    With the sigmoid, y = 0.5 where the weighted sum is 0; without an activation, where it is 0.5.
    """
    w = checks.array("weights w", w, (1,), "[0.8, -0.4]")
    if w.size != 2:
        raise ValueError(f"a boundary line needs a neuron with two inputs, got {w.size} weights")
    level = checks.number("level", level)
    if _activation(activation) == "sigmoid":
        if not 0 < level < 1:
            raise ValueError(f"a sigmoid's output lies between 0 and 1, so level must too, got {level}")
        a_level = math.log(level / (1 - level))
    else:
        a_level = level
    if not np.any(w):
        raise ValueError("with both weights 0 the output is the same everywhere: there is no boundary line")
    return float(w[0]), float(w[1]), checks.number("bias b", b) - a_level


# ---------------------------------------------------------------- curvature and stability
def hessian(X: Any, t: Any, w: Any, b: Any = 0.0, activation: str = "identity", bias: bool = True) -> np.ndarray:
    """The second derivatives of the mean loss with respect to (w…, b): how curved it is in each direction.

    For one sample ½(f(a) − t)² has second derivative (f′(a)² + (f(a) − t)·f″(a))·x̃ x̃ᵀ with
    x̃ = (x, 1); without an activation that is just x̃ x̃ᵀ, the same wherever the weights are.
    ``bias=False`` leaves the bias out (a neuron that has none, like notebook 03's).
    """
    X2, w = _data(X, w)
    t, b = checks.targets(t, X2.shape[0]), checks.number("bias b", b)
    a = X2 @ w + b
    if _activation(activation) == "identity":
        scale = np.ones_like(a)
    else:
        y = sigmoid(a)
        slope = y * (1 - y)
        scale = slope ** 2 + (y - t) * slope * (1 - 2 * y)  # σ″ = σ′·(1 − 2σ)
    Xt = np.column_stack([X2, np.ones(len(X2))]) if bias else X2
    return (Xt * scale[:, None]).T @ Xt / len(X2)


def curvatures(X: Any, t: Any = None, w: Any = None, b: Any = 0.0, activation: str = "identity",
               bias: bool = True) -> np.ndarray:
    """The loss's curvature along its principal directions (eigenvalues of :func:`hessian`), smallest first.

    Without an activation they do not depend on the weights or targets, which may be left out.
    """
    X2 = checks.array("inputs X", X, (1, 2), "[[0, 1], [1, 1]]")
    X2 = X2.reshape(1, -1) if X2.ndim == 1 else X2
    if w is None:
        if _activation(activation) != "identity":
            raise ValueError("with the sigmoid the curvature depends on where you are: give t, w and b")
        w = np.zeros(X2.shape[1])
    t = np.zeros(len(X2)) if t is None else t
    return np.linalg.eigvalsh(hessian(X2, t, w, b, activation, bias))


def regime(lr: float, curvature: float) -> str:
    """Notebook 03's rule with the ½ loss: a step multiplies the distance to the minimum by 1 − lr·curvature.

    Give the largest curvature: below lr = 1/curvature the weights creep in, up to 2/curvature
    they overshoot but converge, beyond that they diverge. One of :data:`REGIMES`.
    """
    lr, curvature = checks.learning_rate(lr), checks.number("curvature", curvature)
    if curvature <= 0:
        raise ValueError(f"curvature must be positive, got {curvature}")
    return regime_between(lr, 1.0 / curvature, 2.0 / curvature)


def best_plane(X: Any, t: Any) -> tuple[np.ndarray, float, float]:
    """(w, b, loss) of the best neuron without an activation: the least-squares plane through the targets."""
    X2 = checks.array("inputs X", X, (2,), "[[0, 1], [1, 1]]")
    t = checks.targets(t, len(X2))
    coef = np.linalg.lstsq(np.column_stack([X2, np.ones(len(X2))]), t, rcond=None)[0]
    w, b = coef[:-1], float(coef[-1])
    return w, b, loss(X2 @ w + b, t)


def grid_search(X: Any, t: Any, values: Any, activation: str = "sigmoid") -> tuple[float, np.ndarray, float]:
    """The lowest loss of a two-input neuron over every (w1, w2, b) taken from ``values``: (loss, w, b)."""
    X2 = checks.array("inputs X", X, (2,), "[[0, 1], [1, 1]]")
    if X2.shape[1] != 2:
        raise ValueError(f"grid_search is for neurons with two inputs, got {X2.shape[1]}")
    t, v = checks.targets(t, len(X2)), checks.array("values", values, (1,), "np.linspace(-20, 20, 41)")
    if v.size ** 3 > 5_000_000:
        raise ValueError(f"{v.size}³ weight settings are too many; give at most 170 values")
    w1, w2, b = np.meshgrid(v, v, v, indexing="ij")
    a = X2[:, 0, None, None, None] * w1 + X2[:, 1, None, None, None] * w2 + b
    y = _f(a, _activation(activation))[0]
    losses = np.mean(0.5 * (y - t[:, None, None, None]) ** 2, axis=0)
    i = np.unravel_index(np.argmin(losses), losses.shape)
    return float(losses[i]), np.array([w1[i], w2[i]]), float(b[i])


# ---------------------------------------------------------------- what one line can do
def line_splits(X: Any) -> list[np.ndarray]:
    """Every way one straight line can split the 2-D points ``X`` into two sides (each split once).

    Along a direction u the points line up in the order of u·x, and a line across that
    direction cuts the order in two. The order only changes where u is at right angles to
    the difference of two points, so one direction between each pair of neighbouring
    critical angles shows every order. A split is a boolean mask marking the smaller side
    (for two equal halves, the half with the first point), fewest marked first; the split
    that marks nothing stands for a line that misses every point.
    """
    X2 = checks.array("points X", X, (2,), "[[0, 0], [0, 1]]")
    if X2.shape[1] != 2:
        raise ValueError(f"points X must have two coordinates each, got shape {X2.shape}")
    critical = {0.0}
    for i, j in combinations(range(len(X2)), 2):
        dx, dy = X2[j] - X2[i]
        if dx or dy:  # u at right angles to the difference, pointing either way
            for turn in (0.5, 1.5):
                critical.add(round((math.atan2(dy, dx) + turn * math.pi) % (2 * math.pi), 12) % (2 * math.pi))
    critical = np.array(sorted(critical))
    middles = (critical + np.r_[critical[1:], critical[0] + 2 * math.pi]) / 2
    seen, splits = set(), []
    for angle in middles:
        order = np.argsort(X2 @ [math.cos(angle), math.sin(angle)], kind="stable")
        for cut in range(len(X2) + 1):
            mask = np.zeros(len(X2), dtype=bool)
            mask[order[:cut]] = True
            if 2 * mask.sum() > len(mask) or (2 * mask.sum() == len(mask) and not mask[0]):
                mask = ~mask  # a split and its mirror are the same split: mark the smaller side
            if mask.tobytes() not in seen:
                seen.add(mask.tobytes())
                splits.append(mask)
    return sorted(splits, key=lambda m: (int(m.sum()), [not v for v in m]))


def split_outputs(t: Any, mask: Any) -> np.ndarray:
    """The best single output for each side of a split: every point gets its side's mean target."""
    t = checks.array("targets t", t, (1,), "[0, 1, 1, 0]")
    mask = np.asarray(mask, dtype=bool)
    if mask.shape != t.shape:
        raise ValueError(f"the split must mark every target, got {mask.shape} for {t.shape}")
    y = np.empty_like(t)
    for side in (mask, ~mask):
        if side.any():
            y[side] = t[side].mean()
    return y


def split_loss(t: Any, mask: Any) -> float:
    """The mean ½(y − t)² when each side of a split outputs the best single value for it (its mean target)."""
    y = split_outputs(t, mask)
    return float(np.mean(0.5 * (y - np.asarray(t, dtype=float)) ** 2))


def count_right(y: Any, t: Any) -> int:
    """How many outputs, read as 1 above 0.5 and 0 below (0.50 is undecided, never right), match the targets."""
    y = checks.array("outputs y", y, (0, 1), "[0.2, 0.9]").reshape(-1)
    t = checks.targets(t, y.size)
    decided = np.abs(y - 0.5) >= 0.005
    return int(np.sum(decided & ((y > 0.5) == (t > 0.5))))


@dataclass(frozen=True)
class BestLine:
    """The split one line makes with the lowest loss, the value output on each side, and how many it gets right."""

    mask: np.ndarray     # True on the side cut off
    outputs: np.ndarray  # the best value for every point: its side's mean target
    loss: float
    right: int           # outputs read as 0/1 (at 0.5) that match the targets


def best_line(X: Any, t: Any) -> BestLine:
    """Of all the splits one line can make (:func:`line_splits`), the one with the lowest :func:`split_loss`."""
    X2 = checks.array("points X", X, (2,), "[[0, 0], [0, 1]]")
    t = checks.targets(t, len(X2))
    splits = line_splits(X2)
    losses = [split_loss(t, mask) for mask in splits]
    mask = splits[int(np.argmin(losses))]
    outputs = split_outputs(t, mask)
    right = count_right(outputs, t)
    return BestLine(mask, outputs, min(losses), right)
