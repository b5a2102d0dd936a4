"""One training run recorded: the network copied every few epochs while it trains (notebooks 05, 06).

End states hide how a network got there (a long plateau looks like "stuck" at the wrong
moment). Here the run is trained once, keeping a copy every few epochs; scrubbing through
the copies (:mod:`helpers.views.scrubber`) only redraws, so it stays quick.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from helpers.maths import network

__all__ = ["Recording", "record"]


@dataclass
class Recording:
    """One training run and the copies of its network kept along the way."""

    result: network.TrainResult  # losses per epoch (and held-out losses), final network
    epochs: np.ndarray           # (S,) the epochs that have a snapshot, ascending, 0 first
    nets: list                   # S copies of the network, one per epoch in ``epochs``
    X: np.ndarray                # training inputs (n, 2) and targets t (n,): drawn on the boundary
    t: np.ndarray
    lr: float

    def at(self, epoch: int) -> tuple[int, network.Network]:
        """The kept epoch nearest to ``epoch`` and its network."""
        i = int(np.argmin(np.abs(self.epochs - epoch)))
        return int(self.epochs[i]), self.nets[i]

    @property
    def every(self) -> int:
        """Epochs between two snapshots."""
        return int(self.epochs[1] - self.epochs[0]) if len(self.epochs) > 1 else 1


def record(net: network.Network, X, t, *, lr: float, epochs: int, every: int, X_val=None, t_val=None,
           **options: Any) -> Recording:
    """Train a copy of ``net`` (``helpers.maths.network.train``, same options) keeping a copy every ``every`` epochs."""
    if isinstance(every, bool) or not isinstance(every, (int, np.integer)) or every < 1:
        raise ValueError(f"every must be a whole number of epochs >= 1, got {every!r}")
    if isinstance(epochs, bool) or not isinstance(epochs, (int, np.integer)) or epochs < 1 or epochs % every:
        raise ValueError(f"epochs must be a positive multiple of every={every}, got {epochs!r}")
    result = network.train(net, X, t, lr=lr, epochs=epochs, X_val=X_val, t_val=t_val,
                           keep=range(0, epochs + 1, every), **options)
    kept = sorted(result.snapshots)
    return Recording(result, np.array(kept), [result.snapshots[e] for e in kept],
                     np.asarray(X, dtype=float), np.asarray(t, dtype=float), float(lr))
