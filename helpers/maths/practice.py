"""The experiments of notebook 06: the three ways to batch, learning-rate sweeps, epochs to a target
loss, runs that are chaotic, and the held-out run.

They train :mod:`helpers.maths.network` (many runs at once with :mod:`helpers.maths.many_runs`) and measure;
:mod:`helpers.views.practice` draws the results.
``accuracy`` lives here because ``network`` reports losses only. Targets are called ``t``, as in
the series' notation table.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable, Sequence

import numpy as np

from helpers.maths import datasets, many_runs, network, recording

__all__ = ["MODES", "START_SEED", "ModeRun", "classifier", "epochs_to_reach", "accuracy", "compare_modes",
           "mode_table", "RateSearch", "fastest_rate", "nudge", "agreement", "bias_curvature",
           "Overfitting", "overfitting_runs", "overfitting_recording", "describe_epochs"]

MODES = ("batch", "minibatch", "stochastic")

#: The seed of the starting weights every run of notebook 06 shares (``init_network(4, seed=5,
#: scale=1.0)``). Chosen because none of the notebook's runs from it is chaotic: their printed
#: digits are the same on every machine (tests/test_practice_stability.py checks it).
START_SEED = 5


def classifier(net: network.Network, normaliser: datasets.Normaliser | None = None) -> Callable[[Any], np.ndarray]:
    """The trained network as a function of the raw inputs (normalised first, if it was trained so)."""
    if normaliser is None:
        return lambda X: network.predict(net, X)
    return lambda X: network.predict(net, normaliser(X))


def epochs_to_reach(losses: Sequence[float], threshold: float) -> int | None:
    """The first epoch whose loss is below ``threshold`` (0 = before training), or None if never."""
    losses = np.asarray(losses, dtype=float)
    if losses.ndim != 1:
        raise ValueError(f"losses must be one loss per epoch (a flat list), got shape {losses.shape}")
    with np.errstate(invalid="ignore"):
        below = np.flatnonzero(losses < threshold)
    return int(below[0]) if below.size else None


def accuracy(net: network.Network, X: Any, t: Any) -> float:
    """The fraction of examples on the right side of the boundary (output above 0.5 means class 1)."""
    t = np.asarray(t, dtype=float)
    return float(np.mean((network.predict(net, X) > 0.5) == (t > 0.5)))


@dataclass
class ModeRun:
    """One training run with its mode: the result and the weight updates it makes per epoch."""

    mode: str
    result: network.TrainResult
    updates_per_epoch: int

    @property
    def updates(self) -> np.ndarray:
        """The number of weight updates made by the end of each epoch (0, u, 2u, ...)."""
        return np.arange(self.result.losses.size) * self.updates_per_epoch


def compare_modes(net: network.Network, X: Any, t: Any, *, lr: float, updates: int,
                  batch_size: int = 8, seed: int = 0) -> dict[str, ModeRun]:
    """Train batch, mini-batch and stochastic gradient descent from the same start with the
    same learning rate and the same number of weight updates. (No timings: they differ from
    machine to machine, so they do not belong in a stored notebook.)"""
    n = len(np.asarray(t))
    runs = {}
    for mode in MODES:
        per_epoch = {"batch": 1, "minibatch": math.ceil(n / min(batch_size, n)), "stochastic": n}[mode]
        epochs = max(1, round(updates / per_epoch))
        result = network.train(net, X, t, lr=lr, epochs=epochs, mode=mode,
                               batch_size=batch_size if mode == "minibatch" else None, seed=seed)
        runs[mode] = ModeRun(mode, result, per_epoch)
    return runs


def mode_table(runs: dict[str, ModeRun], threshold: float) -> str:
    """A small table: per mode, updates per epoch, and the epochs and updates needed to reach ``threshold``."""
    lines = [f"{'mode':<11}{'updates/epoch':>14}{'epochs to ' + format(threshold, 'g'):>16}"
             f"{'updates to ' + format(threshold, 'g'):>17}{'final loss':>12}"]
    for run in runs.values():
        epoch = epochs_to_reach(run.result.losses, threshold)
        reached = ("never", "never") if epoch is None else (str(epoch), str(epoch * run.updates_per_epoch))
        lines.append(f"{run.mode:<11}{run.updates_per_epoch:>14}{reached[0]:>16}{reached[1]:>17}"
                     f"{run.result.final_loss:>12.4f}")
    return "\n".join(lines)


@dataclass
class RateSearch:
    """Every learning rate tried (batch gradient descent) and the fastest one to reach a loss."""

    runs: many_runs.ManyRates
    threshold: float
    epochs_needed: np.ndarray  # per rate; -1 where the rate never got there

    @property
    def best(self) -> int:
        """Index of the fastest rate (the lowest final loss if none got there)."""
        reached = self.epochs_needed >= 0
        if reached.any():
            return int(np.argmin(np.where(reached, self.epochs_needed, np.iinfo(int).max)))
        return int(np.nanargmin(np.where(self.runs.diverged, np.nan, self.runs.losses[:, -1])))

    def summary(self, name: str) -> str:
        """One line: the fastest rate and its epochs, or the best loss reached."""
        i = self.best
        rate, needed = self.runs.rates[i], self.epochs_needed[i]
        if needed >= 0:
            return f"{name}: best rate {rate:.3g} reaches loss {self.threshold:g} after {needed} epochs"
        epochs = self.runs.losses.shape[1] - 1
        return (f"{name}: no rate reaches loss {self.threshold:g} in {epochs} epochs "
                f"(best: rate {rate:.3g}, loss {self.runs.losses[i, -1]:.4f})")

    def outcomes(self, digits: int = 3) -> str:
        """Where every rate ended, runs of rates with the same rounded final loss grouped:
        e.g. "rates 0.01 to 1: loss 0.125; rate 1.47: loss 22.9; rates 2.15 to 10: diverged"."""
        words = []
        for rate, loss, blew_up in zip(self.runs.rates, self.runs.losses[:, -1], self.runs.diverged):
            words.append((rate, "diverged" if blew_up else f"loss {loss:.{digits}g}"))
        groups: list[list] = []
        for rate, word in words:
            if groups and groups[-1][2] == word:
                groups[-1][1] = rate
            else:
                groups.append([rate, rate, word])
        return "; ".join(f"rate {low:.3g}: {word}" if low == high else f"rates {low:.3g} to {high:.3g}: {word}"
                         for low, high, word in groups)


def fastest_rate(net: network.Network, X: Any, t: Any, rates: Sequence[float], *, epochs: int,
                 threshold: float) -> RateSearch:
    """Try every rate (batch gradient descent, same start) and find which reaches ``threshold`` first:
    a fair race, since each input scaling gets its own best rate."""
    runs = many_runs.train_many_rates(net, X, t, rates, epochs=epochs)
    needed = [epochs_to_reach(row, threshold) for row in runs.losses]
    return RateSearch(runs, threshold, np.array([-1 if e is None else e for e in needed]))


def nudge(net: network.Network, size: float = 1e-12, seed: int = 0) -> network.Network:
    """A copy of ``net`` with every weight multiplied by (1 + size·z), z standard normal from ``seed``:
    a stand-in for another computer, whose rounding changes the last digits of the arithmetic."""
    if not (isinstance(size, (int, float)) and not isinstance(size, bool) and 0 <= size < 1):
        raise ValueError(f"size must be a small relative change such as 1e-12, got {size!r}")
    rng = np.random.default_rng(seed)
    return network.Network(net.W * (1 + size * rng.standard_normal(net.W.shape)),
                           net.V * (1 + size * rng.standard_normal(net.V.shape)), net.hidden, net.output)


def relative_gap(first: Sequence[float], second: Sequence[float]) -> np.ndarray:
    """Epoch by epoch, how far apart two loss curves are: |first − second| / |first|."""
    first, second = np.asarray(first, dtype=float), np.asarray(second, dtype=float)
    if first.shape != second.shape or first.ndim != 1:
        raise ValueError(f"expected two loss curves of the same length, got shapes {first.shape} and {second.shape}")
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.abs(first - second) / np.abs(first)


def agreement(first: Sequence[float], second: Sequence[float]) -> str:
    """How closely two loss curves agree, as a bound that is the same on every machine: the largest
    relative difference over all epochs is "below 1e-9", "above 1%", or "between 1e-9 and 1%"."""
    gap = np.nanmax(relative_gap(first, second))
    if gap < 1e-9:
        return "agree to better than 1e-9 at every epoch"
    if gap > 1e-2:
        return "differ by more than 1% at some epoch"
    return "differ by between 1e-9 and 1% at some epoch"


def bias_curvature(net: network.Network, X: Any, t: Any, h: float = 1e-3) -> float:
    """The second derivative of the loss in the output bias ``V[0]``, by a central difference.

    With an identity output the loss mean ½(y − t)² is a parabola in that bias with curvature
    exactly 1, so by notebook 03's rule no learning rate above 2/1 = 2 can let it settle.
    """
    def loss_at(shift: float) -> float:
        moved = net.copy()
        moved.V[0] += shift
        return network.loss(moved, X, t)

    return (loss_at(h) - 2 * loss_at(0.0) + loss_at(-h)) / (h * h)


@dataclass
class Overfitting:
    """The held-out experiment: the split data (inputs normalised with the training statistics),
    which training labels were flipped, and one run per network size."""

    X_train: np.ndarray
    t_train: np.ndarray
    X_held: np.ndarray
    t_held: np.ndarray
    flipped: np.ndarray  # (20,) bool: the training labels that were flipped (wrong)
    label_noise: float   # the fraction of all labels flipped before the split
    results: dict[int, network.TrainResult]  # hidden units -> run

    def fits_wrong_labels(self, k: int, net: network.Network | None = None) -> tuple[int, int]:
        """For the k-unit network (or ``net``, say a copy taken during its training): how many of the
        wrong training labels it reproduces, and how many correctly labelled training points it gets wrong."""
        said = network.predict(self.results[k].net if net is None else net, self.X_train) > 0.5
        agrees = said == (self.t_train > 0.5)
        return int(np.sum(agrees & self.flipped)), int(np.sum(~agrees & ~self.flipped))


# the held-out experiment's training: every network starts from weights of this scale (seed 0)
OVERFIT_LR, OVERFIT_EPOCHS, OVERFIT_SCALE = 0.3, 1000, 0.5


def _overfit_start(k: int) -> network.Network:
    return network.init_network(k, seed=0, scale=OVERFIT_SCALE, hidden="tanh")


@lru_cache(maxsize=4)
def overfitting_runs(hidden: tuple[int, ...] = (2, 30), epochs: int = OVERFIT_EPOCHS) -> Overfitting:
    """Noisy XOR (80 points, sd 0.3, 10% of all labels flipped); 20 for training, 60 held out; inputs
    normalised with the training statistics; one tanh network per size, all from starting weights
    of the same scale (0.5), trained by batch gradient descent (rate 0.3) with the held-out loss
    recorded every epoch. Cached: the notebook and its exercise share one run."""
    label_noise = 0.1
    X, t = datasets.noisy_xor(80, noise=0.3, seed=3, label_noise=label_noise)
    _, t_true = datasets.noisy_xor(80, noise=0.3, seed=3)  # the same points, labels as generated
    X_train, t_train, X_held, t_held = datasets.split(X, t, held_out=0.75, seed=0)
    _, true_train, _, _ = datasets.split(X, t_true, held_out=0.75, seed=0)
    norm = datasets.fit_normaliser(X_train)
    X_train, X_held = norm(X_train), norm(X_held)
    results = {k: network.train(_overfit_start(k), X_train, t_train, lr=OVERFIT_LR, epochs=epochs,
                                X_val=X_held, t_val=t_held)
               for k in hidden}
    return Overfitting(X_train, t_train, X_held, t_held, t_train != true_train, label_noise, results)


@lru_cache(maxsize=2)
def overfitting_recording(k: int = 30, every: int = 25) -> recording.Recording:
    """The k-unit run of :func:`overfitting_runs` once more, keeping a copy of the network every ``every``
    epochs, for the epoch scrubber (same start and arithmetic, so the same losses)."""
    experiment = overfitting_runs()
    return recording.record(_overfit_start(k), experiment.X_train, experiment.t_train, lr=OVERFIT_LR,
                                epochs=OVERFIT_EPOCHS, every=every, X_val=experiment.X_held, t_val=experiment.t_held)


def describe_epochs(rate: float, run: Any) -> str:
    """The learning-rate slider's readout in epochs: the final loss, or "diverged"."""
    epochs = run.losses.size - 1
    if run.diverged:
        return f"rate {rate:.3g}: diverged after {epochs} epochs"
    worse = " (worse than at the start)" if run.losses[-1] > run.losses[0] else ""
    return f"rate {rate:.3g}: training loss {run.losses[-1]:.4f} after {epochs} epochs{worse}"
