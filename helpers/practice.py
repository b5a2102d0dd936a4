"""The experiments of notebook 05: the three ways to batch, learning-rate sweeps, epochs to a target loss.

They train :mod:`helpers.network` and measure; :mod:`helpers.practice_plots` draws the results.
``accuracy`` lives here because ``network`` reports losses only.
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable, Sequence

import numpy as np

from helpers import datasets, network

__all__ = ["MODES", "ModeRun", "classifier", "epochs_to_reach", "accuracy", "compare_modes", "mode_table",
           "RateSearch", "fastest_rate", "Overfitting", "overfitting_runs", "describe_epochs"]

MODES = ("batch", "minibatch", "stochastic")


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


def accuracy(net: network.Network, X: Any, y: Any) -> float:
    """The fraction of examples on the right side of the boundary (output above 0.5 means class 1)."""
    y = np.asarray(y, dtype=float)
    return float(np.mean((network.predict(net, X) > 0.5) == (y > 0.5)))


@dataclass
class ModeRun:
    """One training run with its mode: the result, weight updates per epoch, wall-clock seconds."""

    mode: str
    result: network.TrainResult
    updates_per_epoch: int
    seconds: float

    @property
    def updates(self) -> np.ndarray:
        """The number of weight updates made by the end of each epoch (0, u, 2u, ...)."""
        return np.arange(self.result.losses.size) * self.updates_per_epoch


def compare_modes(net: network.Network, X: Any, y: Any, *, lr: float, updates: int,
                  batch_size: int = 8, seed: int = 0) -> dict[str, ModeRun]:
    """Train batch, mini-batch and stochastic gradient descent from the same start with the
    same learning rate and the same number of weight updates, timing each."""
    n = len(np.asarray(y))
    runs = {}
    for mode in MODES:
        per_epoch = {"batch": 1, "minibatch": math.ceil(n / min(batch_size, n)), "stochastic": n}[mode]
        epochs = max(1, round(updates / per_epoch))
        start = time.perf_counter()
        result = network.train(net, X, y, lr=lr, epochs=epochs, mode=mode,
                               batch_size=batch_size if mode == "minibatch" else None, seed=seed)
        runs[mode] = ModeRun(mode, result, per_epoch, time.perf_counter() - start)
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

    runs: network.ManyRates
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


def fastest_rate(net: network.Network, X: Any, y: Any, rates: Sequence[float], *, epochs: int,
                 threshold: float) -> RateSearch:
    """Try every rate (batch gradient descent, same start) and find which reaches ``threshold`` first:
    a fair race, since each input scaling gets its own best rate."""
    runs = network.train_many_rates(net, X, y, rates, epochs=epochs)
    needed = [epochs_to_reach(row, threshold) for row in runs.losses]
    return RateSearch(runs, threshold, np.array([-1 if e is None else e for e in needed]))


@dataclass
class Overfitting:
    """The held-out experiment: the split data (training inputs normalised) and one run per network size."""

    X_train: np.ndarray
    y_train: np.ndarray
    X_held: np.ndarray
    y_held: np.ndarray
    results: dict[int, network.TrainResult]  # hidden units -> run


@lru_cache(maxsize=4)
def overfitting_runs(hidden: tuple[int, ...] = (2, 30), epochs: int = 1000) -> Overfitting:
    """Noisy XOR (80 points, sd 0.3, 10% of labels flipped); 20 for training, 60 held out; inputs
    normalised with the training statistics; one tanh network per size, trained by batch gradient
    descent (rate 0.3) with the held-out loss recorded every epoch. Cached: the notebook and its
    exercise share one run."""
    X, y = datasets.noisy_xor(80, noise=0.3, seed=3, label_noise=0.1)
    X_train, y_train, X_held, y_held = datasets.split(X, y, held_out=0.75, seed=0)
    norm = datasets.fit_normaliser(X_train)
    X_train, X_held = norm(X_train), norm(X_held)
    results = {k: network.train(network.init_network(k, seed=0, scale=0.5 if k > 2 else 1.0, hidden="tanh"),
                                X_train, y_train, lr=0.3, epochs=epochs, X_val=X_held, y_val=y_held)
               for k in hidden}
    return Overfitting(X_train, y_train, X_held, y_held, results)


def describe_epochs(rate: float, run: Any) -> str:
    """The learning-rate slider's readout in epochs: the final loss, or "diverged"."""
    epochs = run.losses.size - 1
    if run.diverged:
        return f"rate {rate:.3g}: diverged after {epochs} epochs"
    worse = " (worse than at the start)" if run.losses[-1] > run.losses[0] else ""
    return f"rate {rate:.3g}: training loss {run.losses[-1]:.4f} after {epochs} epochs{worse}"
