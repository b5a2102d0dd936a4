"""Notebook 05's experiments: batching modes, epochs to a loss, rate searches, the held-out run."""
import numpy as np
import pytest

from helpers import datasets, network, practice

X, y = datasets.noisy_xor(40, noise=0.15, seed=0)
START = network.init_network(4, seed=2, scale=1.0)


def test_epochs_to_reach():
    assert practice.epochs_to_reach([0.5, 0.2, 0.04, 0.01], 0.05) == 2
    assert practice.epochs_to_reach([0.5, 0.2], 0.05) is None
    assert practice.epochs_to_reach([0.5, np.nan], 0.05) is None
    with pytest.raises(ValueError, match="one loss per epoch"):
        practice.epochs_to_reach([[0.1]], 0.05)


def test_accuracy_counts_the_right_side_of_0_5():
    net = network.Network(np.zeros((1, 3)), [0.0, 0.0])
    net.V[0] = 0.7  # output 0.7 everywhere: every example called class 1
    assert practice.accuracy(net, X, y) == pytest.approx(np.mean(y == 1))


def test_classifier_normalises_first():
    norm = datasets.fit_normaliser(X)
    predict = practice.classifier(START, norm)
    assert np.allclose(predict(X), network.predict(START, norm(X)))
    assert np.allclose(practice.classifier(START)(X), network.predict(START, X))


def test_compare_modes_gives_each_mode_the_same_updates():
    runs = practice.compare_modes(START, X, y, lr=0.5, updates=80, batch_size=8, seed=0)
    assert [r.updates_per_epoch for r in runs.values()] == [1, 5, 40]
    for run in runs.values():
        assert len(run.result.update_losses) == 80 and run.updates[-1] == 80
        assert run.result.losses[0] == pytest.approx(network.loss(START, X, y))
    # the batch run is plain batch training
    alone = network.train(START, X, y, lr=0.5, epochs=80)
    assert np.allclose(runs["batch"].result.losses, alone.losses)


def test_mode_table_reports_computed_counts():
    runs = practice.compare_modes(START, X, y, lr=0.5, updates=600, batch_size=8, seed=0)
    table = practice.mode_table(runs, 0.05).splitlines()
    for line, run in zip(table[1:], runs.values()):
        epoch = practice.epochs_to_reach(run.result.losses, 0.05)
        assert line.split()[:4] == [run.mode, str(run.updates_per_epoch), str(epoch), str(epoch * run.updates_per_epoch)]
    # the notebook's claim: stochastic needs the fewest epochs, batch the fewest updates
    epochs = {m: practice.epochs_to_reach(r.result.losses, 0.05) for m, r in runs.items()}
    updates = {m: epochs[m] * r.updates_per_epoch for m, r in runs.items()}
    assert min(epochs, key=epochs.get) == "stochastic" and min(updates, key=updates.get) == "batch"


def test_fastest_rate_agrees_with_single_runs():
    rates = [0.1, 0.5, 1.3, 5.0]
    search = practice.fastest_rate(START, X, y, rates, epochs=300, threshold=0.05)
    for rate, needed in zip(rates, search.epochs_needed):
        run = network.train(START, X, y, lr=rate, epochs=300)
        expected = None if run.diverged else practice.epochs_to_reach(run.losses, 0.05)
        assert (None if needed < 0 else needed) == expected
    assert search.runs.rates[search.best] == 1.3
    assert search.summary("x") == f"x: best rate 1.3 reaches loss 0.05 after {search.epochs_needed[2]} epochs"


def test_fastest_rate_when_no_rate_gets_there():
    search = practice.fastest_rate(START, datasets.rescale(X, [10, 1], [20, 0]), y, [0.1, 0.4], epochs=50,
                                   threshold=0.05)
    assert np.all(search.epochs_needed == -1)
    assert search.summary("raw").startswith("raw: no rate reaches loss 0.05 in 50 epochs (best: rate")


def test_overfitting_run_shows_overfitting():
    experiment = practice.overfitting_runs()
    assert practice.overfitting_runs() is experiment  # cached: one run shared by notebook and exercise
    assert len(experiment.X_train) == 20 and len(experiment.X_held) == 60
    assert np.allclose(experiment.X_train.mean(axis=0), 0) and np.allclose(experiment.X_train.std(axis=0), 1)
    small, big = experiment.results[2], experiment.results[30]
    assert big.final_loss < small.final_loss              # the big network fits the training data better
    assert big.val_losses[-1] > small.val_losses[-1]      # ... and does worse on held-out data
    assert big.val_losses[-1] > 1.2 * big.val_losses.min()  # its held-out loss rose after a minimum
    assert big.val_losses.min() < small.val_losses.min()   # stopped early, the big one would have been best


def test_describe_epochs():
    ok = network.train(START, X, y, lr=0.8, epochs=20)
    assert practice.describe_epochs(0.8, ok) == f"rate 0.8: training loss {ok.losses[-1]:.4f} after 20 epochs"
    blown = network.train(START, X, y, lr=3.0, epochs=300)
    assert blown.diverged
    assert practice.describe_epochs(3.0, blown) == f"rate 3: diverged after {blown.losses.size - 1} epochs"
    worse = network.train(START, X, y, lr=2.0, epochs=300)
    assert practice.describe_epochs(2.0, worse).endswith("(worse than at the start)")


def test_normalising_claims_of_the_notebook():
    measured = datasets.rescale(X, [10, 1], [20, 0])
    rates = np.geomspace(0.01, 10, 19)
    search = {name: practice.fastest_rate(START, inputs, y, rates, epochs=400, threshold=0.05)
              for name, inputs in [("raw", X), ("measured", measured),
                                   ("normalised", datasets.fit_normaliser(measured)(measured))]}
    assert np.all(search["measured"].epochs_needed == -1)  # no rate gets there with x1 in tens
    fastest = {name: s.epochs_needed[s.best] for name, s in search.items() if name != "measured"}
    assert 0 < fastest["normalised"] < fastest["raw"]


@pytest.mark.parametrize("noise, more_data_helps", [(0.1, False), (0.3, True)])
def test_more_data_claims_of_the_notebook(noise, more_data_helps):
    X_fresh, y_fresh = datasets.noisy_xor(400, noise=noise, seed=99)
    fresh = {}
    for n in (12, 200):
        X_n, y_n = datasets.noisy_xor(n, noise=noise, seed=1)
        scale = datasets.fit_normaliser(X_n)
        fresh[n] = practice.accuracy(network.train(START, scale(X_n), y_n, lr=1.0, epochs=400).net,
                                     scale(X_fresh), y_fresh)
    if more_data_helps:
        assert fresh[12] < fresh[200] < 0.95  # better with more data, yet the overlap stays
    else:
        assert fresh[12] == fresh[200] == 1.0


def test_stochastic_jitter_claim_of_the_notebook():
    last = {rate: network.train(START, X, y, lr=rate, epochs=60, mode="stochastic", seed=0).losses[-10:]
            for rate in (1.0, 0.3, 0.1)}
    spread = [last[rate].std() for rate in (1.0, 0.3, 0.1)]
    assert spread[0] > spread[1] > spread[2]                      # the jitter grows with the rate
    assert last[0.3].mean() < min(last[1.0].mean(), last[0.1].mean())  # the middle rate ends best
