"""helpers.maths.recording: one training run with the network kept every few epochs."""
import numpy as np
import pytest

from helpers.maths import network as nw
from helpers.maths.recording import record


@pytest.fixture(scope="module")
def recording():
    return record(nw.init_network(2, seed=4), nw.XOR_X, nw.XOR_T, lr=1.0, epochs=600, every=20)


def test_record_keeps_the_network_of_every_kept_epoch(recording):
    assert recording.epochs.tolist() == list(range(0, 601, 20)) and recording.every == 20
    for epoch in (0, 240, 600):
        alone = nw.train(nw.init_network(2, seed=4), nw.XOR_X, nw.XOR_T, lr=1.0, epochs=epoch).net
        np.testing.assert_allclose(recording.at(epoch)[1].W, alone.W, rtol=1e-12)
        np.testing.assert_allclose(recording.at(epoch)[1].V, alone.V, rtol=1e-12)
    assert recording.at(249)[0] == 240 and recording.at(251)[0] == 260  # the nearest kept epoch
    with pytest.raises(ValueError, match="multiple of every"):
        record(nw.init_network(2, seed=4), nw.XOR_X, nw.XOR_T, lr=1.0, epochs=610, every=20)
    with pytest.raises(ValueError, match="every must be"):
        record(nw.init_network(2, seed=4), nw.XOR_X, nw.XOR_T, lr=1.0, epochs=600, every=0)
