"""The exercises of notebook 05 (training in practice); every answer is computed with helpers."""
from helpers import aiming, datasets, network, practice
from helpers.exercises import Exercise

__all__ = ["ex1", "ex2", "ex3", "ex4", "MEASURED_SCALE", "MEASURED_OFFSET", "NEW_READING"]

# Notebook 05's "measured" inputs: x1 read in other units (times 10, plus 20); x2 as generated.
MEASURED_SCALE, MEASURED_OFFSET = (10.0, 1.0), (20.0, 0.0)
NEW_READING = 30.0  # a new measurement of x1 to normalise in exercise 3


def _second_angle() -> float:
    return float(aiming.shots(target=70.0, start=15.0, rate=0.1, n=2).angles[1])


def _minibatch_updates() -> int:
    X, y = datasets.noisy_xor(40, noise=0.15, seed=0)
    run = network.train(network.init_network(4, seed=2, scale=1.0), X, y, lr=0.5, epochs=25,
                        mode="minibatch", batch_size=12, seed=0)
    return len(run.update_losses)


def _normalised_reading() -> float:
    X, _ = datasets.noisy_xor(40, noise=0.15, seed=0)
    norm = datasets.fit_normaliser(datasets.rescale(X, MEASURED_SCALE, MEASURED_OFFSET))
    return float(norm([[NEW_READING, 0.0]])[0, 0])


def _network_to_keep() -> str:
    held = {k: run.val_losses[-1] for k, run in practice.overfitting_runs().results.items()}
    return str(min(held, key=held.get))


ex1 = Exercise(
    "Exercise 1 (one correction of the aim)",
    solution=_second_angle,
    hint="the miss is 50 − 70 = −20 m and the landing point moves dR/dθ = 100·2·cos(30°)·π/180 ≈ 3.02 m "
         "per degree; the new angle is 15 − 0.1 × miss × dR/dθ.",
    explanation="A shot 20 m short raises the gun by about 6°: the miss sets the size and the sign of the correction.",
)

ex2 = Exercise(
    "Exercise 2 (counting weight updates)",
    solution=_minibatch_updates,
    hint="count the mini-batches in one epoch (the last one may be smaller than 12), then multiply by 25.",
    explanation="40 examples make 4 batches (12 + 12 + 12 + 4), so 25 epochs make 100 updates.",
)

ex3 = Exercise(
    "Exercise 3 (normalising a new reading)",
    solution=_normalised_reading,
    hint="subtract the training mean of x1, then divide by its standard deviation (use the printed norm.mean and norm.std).",
    explanation="New data gets the training data's shift and scale, never its own.",
)

ex4 = Exercise(
    "Exercise 4 (which network to keep)",
    solution=_network_to_keep,
    hint="compare the DASHED (held-out) curves at the end of training, not the solid (training) ones.",
    explanation="The 30-unit network fits the training points better but does worse on data it has not seen.",
    choices=("2", "30"),
)
