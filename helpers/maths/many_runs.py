"""Many training runs at once: the XOR network's batch gradient descent for a whole grid of learning
rates (``train_many_rates``) or from several starts (``train_many``), the fast path behind the
sliders of notebooks 05 and 06.

Every run does exactly what :func:`helpers.maths.network.train` does in batch mode, step for step:

    A = X̃ Wᵀ,  Z = [1, f(A)],  a_out = Z v,  y = g(a_out)
    δ_out = (y − t) ⊙ g′(a_out),  δ_hid = (δ_out v₁..ₖᵀ) ⊙ f′(A)
    W ← W − η δ_hidᵀ X̃ / n,  v ← v − η Zᵀ δ_out / n

written once with a leading run axis r: W (R × k × 3), v (R × (k+1)), η (R), so that 31 learning
rates cost about as much as a few single runs. A run whose loss blows up (see
``network.DIVERGENCE_FACTOR``) is frozen there and its later losses are nan.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from helpers.maths import checks, network
from helpers.maths.network import DIVERGENCE_FACTOR, Network

__all__ = ["ManyRates", "train_many_rates", "train_many"]


@dataclass
class ManyRates:
    """Batch gradient descent run once per learning rate, all at the same time."""

    rates: np.ndarray        # (R,)
    losses: np.ndarray       # (R, epochs+1): loss before epoch 1, after each epoch; nan once diverged
    diverged: np.ndarray     # (R,) bool
    W: np.ndarray            # (R, k, 3) final weights (frozen where a run diverged)
    V: np.ndarray            # (R, k+1)
    hidden: str = "sigmoid"
    output: str = "identity"
    seconds: float = field(default=0.0, compare=False)

    def network(self, i: int) -> Network:
        """The trained network of the i-th learning rate."""
        return Network(self.W[i].copy(), self.V[i].copy(), self.hidden, self.output)


def train_many_rates(net: Network, X, t, rates, *, epochs: int) -> ManyRates:
    """Batch gradient descent from ``net`` for every learning rate in ``rates`` at once.

    Same arithmetic as ``train(mode="batch")``, vectorised over a leading rate axis so
    a whole slider's worth of learning rates costs about as much as a few single runs.
    """
    start = time.perf_counter()
    network.check_network(net)
    X, t = checks.samples(X, t)
    epochs = checks.whole("epochs", epochs, 0, "2000")
    rates = checks.array("rates", rates, (0, 1), "[0.1, 0.5, 1.0]").reshape(-1)
    if np.any(rates <= 0):
        raise ValueError(f"rates must be learning rates > 0 such as [0.1, 0.5, 1.0], got {rates.tolist()!r:.60}")
    losses, diverged, W, V = _many_rates_descent(net, network.with_bias(X), t, rates, epochs)
    return ManyRates(rates, losses, diverged, W, V, net.hidden, net.output,
                     time.perf_counter() - start)


def train_many(nets, X, t, *, lr, epochs: int) -> ManyRates:
    """Batch gradient descent from several starts at once (e.g. one network per seed).

    ``nets`` are networks with the same number of hidden units and the same activations;
    ``lr`` is one learning rate for all, or one per network. Same arithmetic as
    ``train(mode="batch")``; row i of the result is the run from ``nets[i]``.
    """
    start = time.perf_counter()
    nets = list(nets)
    if not nets:
        raise ValueError("nets must hold at least one Network")
    first = network.check_network(nets[0])
    for net in nets:
        network.check_network(net)
        if (net.W.shape, net.hidden, net.output) != (first.W.shape, first.hidden, first.output):
            raise ValueError("every network must have the same hidden units and activations as the first: "
                             f"{first.n_hidden} hidden, {first.hidden}/{first.output}")
    X, t = checks.samples(X, t)
    epochs = checks.whole("epochs", epochs, 0, "2000")
    try:
        rates = np.broadcast_to(np.asarray(lr, dtype=float), (len(nets),)).copy()
    except (TypeError, ValueError):
        raise ValueError(f"lr must be one number or one per network ({len(nets)}), got {lr!r}") from None
    if not np.all(np.isfinite(rates)) or np.any(rates <= 0):
        raise ValueError("lr must be finite and > 0")
    starts = (np.stack([net.W for net in nets]), np.stack([net.V for net in nets]))
    losses, diverged, W, V = _many_rates_descent(first, network.with_bias(X), t, rates, epochs, starts)
    return ManyRates(rates, losses, diverged, W, V, first.hidden, first.output, time.perf_counter() - start)


def _many_rates_descent(net: Network, inputs: np.ndarray, t: np.ndarray, rates: np.ndarray,
                        epochs: int, starts: tuple[np.ndarray, np.ndarray] | None = None
                        ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The batch descent loop with a leading run axis, written for few numpy calls per epoch.

    Every run starts from ``net`` with its own rate, or from its own ``starts`` = (W, V) stacks."""
    (f, df), (g, dg) = network.IN_LOOPS[net.hidden], network.IN_LOOPS[net.output]
    R, n, k = rates.size, len(t), net.n_hidden
    inputs_T = inputs.T.copy()
    if starts is None:
        W = np.repeat(net.W[None], R, axis=0)   # (R, k, 3)
        V = np.repeat(net.V[None], R, axis=0)   # (R, k+1)
    else:
        W, V = (np.array(a, dtype=float) for a in starts)
    V0, V1 = V[:, 0], V[:, 1:, None]            # views: bias weight (R,), the rest (R, k, 1)
    step = (rates / n)[:, None]                 # the mean over samples folded into the rate
    losses = np.full((R, epochs + 1), np.nan)
    diverged = np.zeros(R, dtype=bool)
    limit = np.inf
    with np.errstate(over="ignore", invalid="ignore"):
        for epoch in range(epochs + 1):
            A = (W.reshape(R * k, 3) @ inputs_T).reshape(R, k, n)   # hidden weighted sums
            Z = f(A)
            out_pre = (Z * V1).sum(axis=1) + V0[:, None]      # (R, n)
            out = g(out_pre)
            err = out - t
            epoch_loss = (err * err).sum(axis=1) * (0.5 / n)
            if epoch == 0:
                limit = DIVERGENCE_FACTOR * (1.0 + epoch_loss)
            losses[:, epoch] = epoch_loss
            if not (epoch_loss <= limit).all():               # some run blew up (or is nan)
                blown = ~diverged & ~(epoch_loss <= limit)
                diverged |= blown
                step[blown] = 0.0                             # freeze it where it blew up
                if diverged.all():
                    break
            if epoch == epochs:
                break
            d_out = err * dg(out_pre, out) * step             # (R, n): lr/n × delta of D0
            d_out_k = d_out[:, None, :]                       # (R, 1, n), reused below
            d_hid = df(A, Z) * V1 * d_out_k                   # (R, k, n)
            V0 -= d_out.sum(axis=1)
            V1 -= (Z * d_out_k).sum(axis=2, keepdims=True)
            W -= (d_hid.reshape(R * k, n) @ inputs).reshape(R, k, 3)
    for r in np.flatnonzero(diverged):                        # nan after the blow-up
        first = np.argmax(~(losses[r] <= limit[r]))
        losses[r, first + 1:] = np.nan
    return losses, diverged, W, V
