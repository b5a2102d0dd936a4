"""The exercises of notebook 06 (training in practice); every answer and typical mistake is computed with helpers."""
import math

import numpy as np

from helpers.maths import aiming, datasets, network, practice
from helpers.exercises import Exercise, Mistake

__all__ = ["ex1", "ex2", "ex3", "ex4", "MEASURED_SCALE", "MEASURED_OFFSET", "NEW_READING"]

# -- exercise 1: the gunner's second shot
TARGET, START, RATE = 70.0, 15.0, 0.1


def _second_angle() -> float:
    return float(aiming.shots(target=TARGET, start=START, lr=RATE, n=2).angles[1])


_MISS = aiming.landing(START) - TARGET       # −20 m: short
_SLOPE = aiming.dlanding_dangle(START)       # metres per degree
_SLOPE_PER_RADIAN = _SLOPE * 180 / math.pi   # the same slope per radian: no π/180

ex1 = Exercise(
    "Exercise 1 (one correction of the aim)",
    solution=_second_angle,
    hint="the miss is 50 − 70 = −20 m and the landing point moves dR/dθ = 100·2·cos(30°)·π/180 ≈ 3.02 m "
         "per degree; the new angle is 15 − 0.1 × miss × dR/dθ.",
    explanation="A shot 20 m short raises the gun by about 6°: the miss sets the size and the sign of the correction.",
    decimals=2,
    mistakes=[
        Mistake(lambda: START + RATE * _MISS * _SLOPE, "the miss R − target is −20 m (short), so 15 − 0.1 × miss "
                                                       "× dR/dθ raises the gun: mind the two minus signs."),
        Mistake(lambda: START - RATE * _MISS, "the miss is in metres: multiply it by dR/dθ (metres per degree) "
                                              "to get the cost's slope per degree."),
        Mistake(lambda: START - RATE * _MISS * _SLOPE_PER_RADIAN, "dR/dθ per degree has the factor π/180; "
                                                                  "without it the slope is per radian."),
        Mistake(lambda: -RATE * _MISS * _SLOPE, "that is the correction; add it to the first angle, 15°."),
        Mistake(lambda: START - _MISS * _SLOPE, "the rate 0.1 is missing: the correction is "
                                                "0.1 × miss × dR/dθ."),
    ],
)

# -- exercise 2: counting weight updates
N_EXAMPLES, BATCH, EPOCHS = 40, 12, 25


def _data() -> tuple[np.ndarray, np.ndarray]:
    """Notebook 06's data set: 40 noisy XOR examples (noise 0.15, seed 0)."""
    return datasets.noisy_xor(N_EXAMPLES, noise=0.15, seed=0)


def _minibatch_updates() -> int:
    X, t = _data()
    run = network.train(network.init_network(4, seed=practice.START_SEED, scale=1.0), X, t, lr=0.5, epochs=EPOCHS,
                        mode="minibatch", batch_size=BATCH, seed=0)
    return len(run.update_losses)


ex2 = Exercise(
    "Exercise 2 (counting weight updates)",
    solution=_minibatch_updates,
    hint="count the mini-batches in one epoch (the last one may be smaller than 12), then multiply by 25.",
    explanation="40 examples make 4 batches (12 + 12 + 12 + 4), so 25 epochs make 100 updates.",
    mistakes=[
        Mistake(lambda: EPOCHS * (N_EXAMPLES // BATCH), "the last one may be smaller than 12 (here 4 examples), "
                                                        "and it is still an update: 4 batches per epoch."),
        Mistake(lambda: EPOCHS * N_EXAMPLES / BATCH, "batches come whole: 40 examples in batches of 12 make "
                                                     "12 + 12 + 12 + 4, four batches per epoch."),
        Mistake(lambda: math.ceil(N_EXAMPLES / BATCH), "that is the number of updates in one epoch; there are "
                                                       "25 epochs."),
        Mistake(lambda: EPOCHS, "one update per epoch is batch training; mini-batches of 12 make several "
                                "updates per epoch."),
        Mistake(lambda: EPOCHS * N_EXAMPLES, "one update per example is stochastic training; here each update "
                                             "uses a mini-batch of 12."),
        Mistake(lambda: EPOCHS * BATCH, "12 is the size of a batch, not the number of batches: 40 examples make "
                                        "4 batches."),
    ],
)

# -- exercise 3: normalising a new reading
# Notebook 06's "measured" inputs: x1 read in other units (times 10, plus 20); x2 as generated.
MEASURED_SCALE, MEASURED_OFFSET = (10.0, 1.0), (20.0, 0.0)
NEW_READING = 30.0  # a new measurement of x1 to normalise in exercise 3


def _measured() -> np.ndarray:
    """The data set's inputs as measured: x1 in other units."""
    return datasets.rescale(_data()[0], MEASURED_SCALE, MEASURED_OFFSET)


def _measured_x1() -> np.ndarray:
    return _measured()[:, 0]


def _normalised_reading() -> float:
    norm = datasets.fit_normaliser(_measured())
    return float(norm([[NEW_READING, 0.0]])[0, 0])


ex3 = Exercise(
    "Exercise 3 (normalising a new reading)",
    solution=_normalised_reading,
    hint="subtract the training mean of x1, then divide by its standard deviation (use the printed norm.mean and norm.std).",
    explanation="New data gets the training data's shift and scale, never its own.",
    decimals=3,
    mistakes=[
        Mistake(lambda: NEW_READING, "30 is the reading as measured: subtract the training mean of x1, then "
                                     "divide by its standard deviation."),
        Mistake(lambda: NEW_READING - _measured_x1().mean(), "that is the reading minus the mean; divide by the "
                                                             "standard deviation too."),
        Mistake(lambda: (NEW_READING - _measured_x1().mean()) / _measured_x1().var(),
                "that divides by the variance; divide by the standard deviation, its square root."),
        Mistake(lambda: NEW_READING / _measured_x1().std(), "subtract the training mean first: "
                                                            "(30 − mean) / std."),
        Mistake(lambda: (NEW_READING - _measured_x1().mean()) / _measured_x1().std(ddof=1),
                "the normaliser divides by the standard deviation over n (np.std); use norm.std."),
        Mistake(lambda: NEW_READING - NEW_READING, "a single reading shifted by its own mean gives 0: new data "
                                                   "gets the training data's mean and standard deviation."),
    ],
)


# -- exercise 4: which network to keep (a prediction, asked before the run is shown)
def _network_by(loss: str) -> str:
    """The network size with the lowest final held-out ("val") or training ("train") loss, as text."""
    results = practice.overfitting_runs().results
    final = {k: (run.val_losses if loss == "val" else run.losses)[-1] for k, run in results.items()}
    return str(min(final, key=final.get))


ex4 = Exercise(
    "Exercise 4 (which network to keep)",
    solution=lambda: _network_by("val"),
    hint="30 hidden units have far more weights than there are training points (20, four of them with wrong "
         "labels): what will they do with those points, and how does that carry over to new ones?",
    explanation="The 30-unit network fits the training points better, wrong labels included, and so does worse "
                "on data it has not seen.",
    choices=("2", "30"),
    mistakes=[
        Mistake(lambda: _network_by("train"), "30 units do fit the training points better (a lower training "
                                              "loss), but with 20 points they also fit the wrong labels; the "
                                              "held-out loss judges what carries over to new data."),
    ],
)
