"""The XOR network of notebooks 05–07: a 2-k-1 network in matrix form, forward, backward, training.

For n samples and k hidden units, in notebook 05's notation (Part C):

    X (n × 2) the inputs, one row (x1, x2) per sample; X̃ = [1, X] (n × 3), the bias unit x0 = 1
    W (k × 3) row j: W_j0, W_j1, W_j2, the weights into hidden unit j
    v (k + 1) ``V``: v0 (the bias weight), v1 … vk, the weights into the output;  t (n) the targets

Forward (f the hidden activation, g the output's: identity, sigmoid or tanh):

    A = X̃ Wᵀ (n × k),   Z = [1, f(A)] (n × (k+1)),   a_out = Z v,   y = g(a_out) (n)

Backward, for L = mean over the samples of ½(y − t)²  (⊙ multiplies entry by entry):

    δ_out = (y − t) ⊙ g′(a_out) (n),   δ_hid = (δ_out v₁..ₖᵀ) ⊙ f′(A) (n × k)
    ∇W = δ_hidᵀ X̃ / n (k × 3),   ∇v = Zᵀ δ_out / n (k + 1)

Training steps every weight against its gradient, W ← W − η ∇W and v ← v − η ∇v, in batches,
one sample or mini-batches at a time (:func:`train`). Many runs at once, the sliders' fast path,
are in :mod:`helpers.maths.many_runs`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from helpers.maths import checks
from helpers.maths import neuron
from helpers.maths.neuron import GATE_X, GATES

__all__ = ["Network", "Forward", "Backward", "TrainResult", "ACTIVATIONS", "IN_LOOPS",
           "activation", "init_network", "check_network", "forward", "backward", "loss", "predict", "with_bias", "train",
           "linear_equivalent", "best_linear_fit", "one_unit_losses", "XOR_X", "XOR_T", "DIVERGENCE_FACTOR"]


@dataclass
class Network:
    """Weights of a 2-k-1 network and the names of its activations."""

    W: np.ndarray  # (k, 3): hidden unit j (row j-1) from X0, X1, X2
    V: np.ndarray  # (k+1,): output from Z0, Z1..Zk
    hidden: str = "sigmoid"
    output: str = "identity"

    def __post_init__(self):
        self.W = np.array(self.W, dtype=float)
        self.V = np.array(self.V, dtype=float)
        if self.W.ndim != 2 or self.W.shape[1] != 3 or self.W.shape[0] < 1:
            raise ValueError(f"W must have shape (k, 3) with k >= 1 hidden units, got {self.W.shape}")
        if self.V.shape != (self.W.shape[0] + 1,):
            raise ValueError(f"V must have shape (k+1,) = ({self.W.shape[0] + 1},), got {self.V.shape}")
        activation(self.hidden), activation(self.output)

    @property
    def n_hidden(self) -> int:
        return self.W.shape[0]

    def copy(self) -> "Network":
        return Network(self.W.copy(), self.V.copy(), self.hidden, self.output)


@dataclass
class Forward:
    """Every unit's value for every sample (rows = samples)."""

    inputs: np.ndarray      # X̃ (n, 3): X0 = 1, X1, X2
    hidden_pre: np.ndarray  # A (n, k): weighted sums of Z1..Zk
    hidden: np.ndarray      # Z (n, k+1): Z0 = 1, Z1..Zk = f(A)
    output_pre: np.ndarray  # a_out (n,): weighted sum of D0
    output: np.ndarray      # y (n,): D0


@dataclass
class Backward:
    """Deltas (per sample: d ½(y − t)² / d pre-activation) and gradients of the mean loss."""

    delta_output: np.ndarray  # δ_out (n,)
    delta_hidden: np.ndarray  # δ_hid (n, k)
    dW: np.ndarray            # ∇W (k, 3) = mean over samples of delta_hidden × inputs
    dV: np.ndarray            # ∇v (k+1,) = mean over samples of delta_output × hidden


def _forward(net: Network, inputs: np.ndarray) -> Forward:
    """A = X̃Wᵀ, Z = [1, f(A)], y = g(Zv) on checked inputs X̃ that already carry the X0 = 1 column."""
    f, g = IN_LOOPS[net.hidden][0], IN_LOOPS[net.output][0]
    A = inputs @ net.W.T
    Z = np.empty((len(inputs), net.n_hidden + 1))
    Z[:, 0] = 1.0
    Z[:, 1:] = f(A)
    a_out = Z @ net.V
    return Forward(inputs, A, Z, a_out, g(a_out))


def _backward(net: Network, t: np.ndarray, fwd: Forward) -> Backward:
    """δ_out, δ_hid for every sample, and ∇W, ∇v averaged over the samples, from a forward pass."""
    df, dg = IN_LOOPS[net.hidden][1], IN_LOOPS[net.output][1]
    A, Z, y, n = fwd.hidden_pre, fwd.hidden, fwd.output, len(t)
    delta_out = (y - t) * dg(fwd.output_pre, y)
    delta_hid = np.outer(delta_out, net.V[1:]) * df(A, Z[:, 1:])
    return Backward(delta_out, delta_hid, delta_hid.T @ fwd.inputs / n, Z.T @ delta_out / n)


def forward(net: Network, X) -> Forward:
    """Feed every sample through: weighted sums and activations of every unit."""
    check_network(net)
    X, _ = checks.samples(X)
    with np.errstate(over="ignore", invalid="ignore"):
        return _forward(net, with_bias(X))


def backward(net: Network, X, t, fwd: Forward | None = None) -> Backward:
    """Deltas of every unit and gradients of L = mean ½(y − t)² for every weight."""
    check_network(net)
    X, t = checks.samples(X, t)
    with np.errstate(over="ignore", invalid="ignore"):
        return _backward(net, t, _forward(net, with_bias(X)) if fwd is None else fwd)


def loss(net: Network, X, t) -> float:
    """L = mean over samples of ½(y − t)²."""
    check_network(net)
    X, t = checks.samples(X, t)
    with np.errstate(over="ignore", invalid="ignore"):
        return _loss(net, with_bias(X), t)


def predict(net: Network, X) -> np.ndarray:
    """The network's output y (D0) for every row of X."""
    return forward(net, X).output


def _loss(net: Network, inputs: np.ndarray, t: np.ndarray) -> float:
    return _loss_and_forward(net, inputs, t)[0]


def _loss_and_forward(net: Network, inputs: np.ndarray, t: np.ndarray) -> tuple[float, Forward]:
    fwd = _forward(net, inputs)
    err = fwd.output - t
    return float(err @ err) * 0.5 / len(t), fwd


def with_bias(X: np.ndarray) -> np.ndarray:
    """X̃ = [1, X]: the inputs with the bias unit's column of ones in front."""
    return np.column_stack([np.ones(len(X)), X])


# ---------------------------------------------------------------- activations, the XOR table, a network to start from
XOR_X, XOR_T = GATE_X, GATES["XOR"]  # the XOR truth table: inputs (4, 2), targets (4,)

# name -> (f(a), f'(a) written with a and z = f(a), whichever is cheaper): the neuron's two, and tanh
ACTIVATIONS: dict[str, tuple[Callable, Callable]] = {
    "identity": neuron.ACTIVATIONS["identity"],
    "sigmoid": neuron.ACTIVATIONS["sigmoid"],
    "tanh": (np.tanh, lambda a, z: 1.0 - z * z),
}


# The same activations inside the training loops (here and in many_runs), which get float arrays checked once
# and run under np.errstate(over="ignore"): the sigmoid without a conversion and guard per call.
IN_LOOPS = {**ACTIVATIONS, "sigmoid": (neuron.sigmoid_of_floats, ACTIVATIONS["sigmoid"][1])}


def activation(name: str) -> tuple[Callable, Callable]:
    """The activation called ``name`` and its derivative ``df(a, f(a))``."""
    if not isinstance(name, str) or name not in ACTIVATIONS:
        raise ValueError(f"unknown activation {name!r}; known: {', '.join(ACTIVATIONS)}")
    return ACTIVATIONS[name]


def init_network(n_hidden: int, *, seed: int | None = None, scale: float = 0.5,
                 value: float | None = None, hidden: str = "sigmoid",
                 output: str = "identity") -> Network:
    """A network with normal(0, scale) weights (scale = standard deviation) from ``seed``, or every weight = ``value``."""
    n_hidden = checks.whole("n_hidden", n_hidden, 1, "3")
    if value is not None:
        checks.number("value", value)
        return Network(np.full((n_hidden, 3), float(value)), np.full(n_hidden + 1, float(value)),
                       hidden, output)
    checks.number("scale", scale)
    rng = np.random.default_rng(seed)
    return Network(rng.normal(0.0, scale, (n_hidden, 3)), rng.normal(0.0, scale, n_hidden + 1),
                   hidden, output)


def check_network(net) -> Network:
    """``net`` if it is a Network, else a TypeError (every function here checks its network so)."""
    if not isinstance(net, Network):
        raise TypeError(f"expected a Network (see init_network), got {type(net).__name__}")
    return net


# ---------------------------------------------------------------- training
#: A run counts as diverged once its loss is not finite or exceeds this factor times
#: (1 + its starting loss); training then stops instead of overflowing.
DIVERGENCE_FACTOR = 1e6


@dataclass
class TrainResult:
    """What a training run did: the final network and its loss histories."""

    net: Network
    losses: np.ndarray         # training loss before epoch 1, after epoch 1, ... (epochs_run + 1 values)
    update_losses: np.ndarray  # loss on the batch used by each update, just before that update
    val_losses: np.ndarray | None  # held-out loss at the same moments as ``losses``
    diverged: bool = False
    epochs_run: int = 0
    snapshots: dict[int, Network] = field(default_factory=dict)  # epoch -> copy of the network then

    @property
    def final_loss(self) -> float:
        return float(self.losses[-1])


_MODES = ("batch", "stochastic", "minibatch")


def _batch_size(mode: str, batch_size, n: int) -> int:
    if mode not in _MODES:
        raise ValueError(f"mode must be one of {', '.join(map(repr, _MODES))}, got {mode!r}")
    if mode == "batch":
        return n
    if mode == "stochastic":
        return 1
    if batch_size is None:
        raise ValueError("mode='minibatch' needs batch_size, a whole number such as 8")
    return min(checks.whole("batch_size", batch_size, 1, "8"), n)


def train(net: Network, X, t, *, lr: float, epochs: int, mode: str = "batch",
          batch_size: int | None = None, seed: int | None = None, shuffle: bool = True,
          X_val=None, t_val=None, keep=()) -> TrainResult:
    """Gradient descent on a copy of ``net``: whole batch, one sample, or mini-batches per update.

    Each epoch visits every sample once (in a seeded shuffled order unless ``shuffle=False``).
    A run whose loss blows up stops at once and comes back with ``diverged=True``.
    ``keep`` names epochs (0 = the start) at which a copy of the network goes into
    ``snapshots``, so a run can be replayed afterwards (epochs it never reached are skipped).
    """
    check_network(net)
    X, t = checks.samples(X, t)
    lr = checks.learning_rate(lr, "lr")
    epochs = checks.whole("epochs", epochs, 0, "2000")
    size = _batch_size(mode, batch_size, len(t))
    if (X_val is None) != (t_val is None):
        raise ValueError("give both X_val and t_val for a held-out loss, or neither")
    if X_val is not None:
        X_val, t_val = checks.samples(X_val, t_val, "held-out inputs X_val", "held-out targets t_val")
    keep = _check_keep(keep)
    rng = np.random.default_rng(seed)
    net, inputs = net.copy(), with_bias(X)
    snapshots = {0: net.copy()} if 0 in keep else {}
    val_inputs = None if X_val is None else with_bias(X_val)
    with np.errstate(over="ignore", invalid="ignore"):
        first_loss, fwd = _loss_and_forward(net, inputs, t)
        losses, update_losses = [first_loss], []
        val_losses = [] if val_inputs is None else [_loss(net, val_inputs, t_val)]
        limit = DIVERGENCE_FACTOR * (1.0 + first_loss)
        diverged, epoch = not first_loss <= limit, 0
        while epoch < epochs and not diverged:
            order = rng.permutation(len(t)) if shuffle and size < len(t) else None
            reuse = fwd if order is None and size == len(t) else None  # batch: this forward pass is the update's
            diverged = _one_epoch(net, inputs, t, order, size, lr, limit, update_losses, reuse)
            epoch += 1
            loss_now, fwd = _loss_and_forward(net, inputs, t)
            losses.append(loss_now)
            if epoch in keep:
                snapshots[epoch] = net.copy()
            if val_inputs is not None:
                val_losses.append(_loss(net, val_inputs, t_val))
            diverged = diverged or not losses[-1] <= limit
    return TrainResult(net, np.array(losses), np.array(update_losses),
                       None if val_inputs is None else np.array(val_losses), diverged, epoch, snapshots)


def _check_keep(keep) -> frozenset[int]:
    """The epochs to keep a copy at, as a set of whole numbers >= 0, or a clear error."""
    try:
        epochs = list(keep)
    except TypeError:
        raise TypeError(f"keep must be a list of epochs such as range(0, 1001, 50), got {type(keep).__name__}") from None
    return frozenset(checks.whole("each epoch in keep", e, 0, "50") for e in epochs)


def _one_epoch(net: Network, inputs: np.ndarray, t: np.ndarray, order: np.ndarray | None, size: int,
               lr: float, limit: float, update_losses: list, reuse: Forward | None = None) -> bool:
    """One pass over the samples (in ``order``, or as stored), ``size`` at a time; True if the loss blew up."""
    for start in range(0, len(t), size):
        rows = slice(start, start + size) if order is None else order[start:start + size]
        fwd = reuse if reuse is not None else _forward(net, inputs[rows])
        err = fwd.output - t[rows]
        update_losses.append(float(err @ err) * 0.5 / len(err))
        if not update_losses[-1] <= limit:
            return True
        grads = _backward(net, t[rows], fwd)
        net.W -= lr * grads.dW
        net.V -= lr * grads.dV
    return False


# ---------------------------------------------------------------- the linear story, and what one hidden unit can do
def linear_equivalent(net: Network) -> np.ndarray:
    """(c0, c1, c2) with output = c0 + c1·x1 + c2·x2: what an all-identity network really is."""
    check_network(net)
    if (net.hidden, net.output) != ("identity", "identity"):
        raise ValueError(f"only an all-identity network is linear; this one has hidden={net.hidden!r}, "
                         f"output={net.output!r}")
    return net.V[0] * np.array([1.0, 0.0, 0.0]) + net.V[1:] @ net.W


def best_linear_fit(X, t) -> tuple[np.ndarray, float]:
    """Least-squares (c0, c1, c2) for t ≈ c0 + c1·x1 + c2·x2, and its loss mean ½(fit − t)²."""
    X, t = checks.samples(X, t)
    inputs = with_bias(X)
    coef = np.linalg.lstsq(inputs, t, rcond=None)[0]
    err = inputs @ coef - t
    return coef, float(0.5 * np.mean(err * err))


def one_unit_losses(lines, X, t, hidden: str = "sigmoid") -> np.ndarray:
    """For each hidden line (b, w1, w2): the loss of a one-hidden-unit network with that unit
    and the best output weights for it (least squares), i.e. the lowest loss that line allows.

    ``lines`` has shape (m, 3); the unit computes z = f(b + w1·x1 + w2·x2) and the output
    v0 + v1·z (identity output). Returns m losses, mean ½(output − target)².
    """
    X, t = checks.samples(X, t)
    f, _ = activation(hidden)
    lines = np.asarray(lines, dtype=float)
    if lines.ndim != 2 or lines.shape[1] != 3 or not np.all(np.isfinite(lines)):
        raise ValueError(f"lines must be finite numbers of shape (m, 3): rows (b, w1, w2), got shape {lines.shape}")
    with np.errstate(over="ignore"):
        z = f(lines @ with_bias(X).T)                 # (m, n): the unit on every sample
    # best v1 = cov(z, t) / var(z), v0 from the means: what is left is var(t)·(1 − corr²)
    zc = z - z.mean(axis=1, keepdims=True)
    tc = t - t.mean()
    zz = np.einsum("ij,ij->i", zc, zc)
    explained = np.divide((zc @ tc) ** 2, zz, out=np.zeros(len(zz)), where=zz > 0)
    return 0.5 * (tc @ tc - explained) / len(t)
