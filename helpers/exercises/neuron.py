"""Exercises for notebook 04 (one neuron): the ½'s learning rate, a curvature question, and three code exercises.

The learner writes ``forward``, ``gradients`` and ``train`` (:data:`ex_forward`,
:data:`ex_gradients`, :data:`ex_train`); each is checked on several cases against the
references below (the gradients also against central differences), and each typical
mistake is declared as a wrong implementation with the hint that names it. The references
are the notebook's solutions, line for line; :mod:`helpers.neuron` computes the same with
input checks, and the tests check that both agree.
"""
from __future__ import annotations

import numpy as np

from helpers.maths import neuron as nr
from helpers.exercises import CodeExercise, Exercise, Mistake, call
from helpers.maths.gradcheck import numerical_gradient

__all__ = ["ex1", "ex2", "ex_forward", "ex_gradients", "ex_train", "forward", "gradients", "train", "EX1_INPUT"]

EX1_INPUT = 1.5  # exercise 1: notebook 03's input, now with the ½ loss
_X2 = EX1_INPUT ** 2

ex1 = Exercise(
    "Exercise 1 (one step to the minimum with the ½ loss)",
    solution=lambda: 1 / _X2,
    decimals=4,
    hint="with the ½ a step multiplies w − w* by 1 − η·x²; which η makes that factor 0?",
    explanation="1 − η·2.25 = 0 gives η = 1/x² ≈ 0.4444, twice notebook 03's 1/(2x²): the ½ halves every slope, "
                "so the rate must double to take the same step.",
    mistakes=[
        Mistake(lambda: 1 / (2 * _X2), "that is notebook 03's rate 1/(2x²) for (y − t)². With the ½ every slope is "
                                       "halved, and the factor is 1 − η·x²."),
        Mistake(lambda: 2 / _X2, "at η = 2/x² the factor 1 − η·x² is −1: the weight bounces for ever. One step to "
                                 "the minimum needs the factor 0."),
        Mistake(lambda: 1 / EX1_INPUT, "the factor is 1 − η·x², with x squared: 1.5² = 2.25."),
        Mistake(lambda: 0.5 / EX1_INPUT, "1/3 is the best weight w* = t/x itself, where the step should land; the "
                                         "question asks for the learning rate that gets there."),
        Mistake(lambda: 0.8 - 0.5 / EX1_INPUT, "0.4667 is the distance w − w* the step must cover; the learning "
                                               "rate is that distance divided by the slope (y − t)·x = 1.05."),
    ],
)


def _same_limit_for_or() -> str:
    """"the same": the curvature, and so the limit 2/λ, is computed from the inputs alone."""
    and_limit, or_limit = (2 / nr.curvatures(nr.GATE_X, nr.GATES[g])[-1] for g in ("AND", "OR"))
    return "the same" if np.isclose(and_limit, or_limit) else ("smaller" if or_limit < and_limit else "larger")


ex2 = Exercise(
    "Exercise 2 (the limit for OR)",
    solution=_same_limit_for_or,
    hint="what is the curvature made of? Look at which numbers enter the means of x_i·x_j.",
    explanation="The curvature is the mean of the products of the inputs (and of the bias input 1): the targets "
                "never enter it, and OR has the same four inputs, so its limit is again 2/λ = 1.2554.",
    choices=("smaller", "the same", "larger"),
    mistakes=[
        Mistake("smaller", "the targets do not enter the curvature: it is the mean of the inputs' products x_i·x_j, "
                           "and OR has the same inputs as AND."),
        Mistake("larger", "the targets do not enter the curvature: it is the mean of the inputs' products x_i·x_j, "
                          "and OR has the same inputs as AND."),
    ],
)


# ---------------------------------------------------------------- the references (the notebook's solutions)
def forward(X, w, b):
    """Every sample's output y = σ(X·w + b), one per row of X."""
    a = X @ w + b
    y = nr.sigmoid(a)
    return y


def gradients(X, t, w, b):
    """The mean over the samples of ∂L/∂w and ∂L/∂b, for L = ½(y − t)² and y = σ(X·w + b)."""
    y = nr.sigmoid(X @ w + b)
    delta = (y - t) * y * (1 - y)
    dw = X.T @ delta / len(X)
    db = np.mean(delta)
    return dw, db


def train(X, t, w, b, lr, epochs):
    """``epochs`` steps of batch gradient descent, both gradients from the current w and b."""
    for epoch in range(epochs):
        dw, db = nr.gradients(X, t, w, b)
        w = w - lr * dw
        b = b - lr * db
    return w, b


# ---------------------------------------------------------------- the cases
SAMPLE = (np.array([[1.5, 0.5]]), np.array([0.5]))          # the walkthrough sample, as a batch of one
W, B = np.array([0.8, -0.4]), 0.1                            # the walkthrough's weights
ODD = (np.array([[1.0, 2.0], [-1.0, 0.5], [0.0, -2.0]]),     # three samples with unequal inputs and targets
       np.array([1.0, 0.0, 0.3]))
W_ODD, B_ODD = np.array([0.3, -0.2]), 0.05


def _loss(X, t, w, b):
    return nr.loss(forward(X, w, b), t)


def _central_differences(X, t, w, b):
    """(∂L/∂w, ∂L/∂b) measured by nudging each number: independent of :func:`gradients`."""
    dw = numerical_gradient(lambda v: _loss(X, t, v, b), w)
    db = numerical_gradient(lambda v: _loss(X, t, w, float(v[0])), [b])[0]
    return dw, float(db)


def _gradient_case(X, t, w, b):
    return call(X, t, w, b, numeric=lambda: _central_differences(X, t, w, b))


ex_forward = CodeExercise(
    "Exercise 3 (forward)", reference=forward,
    cases=[call(SAMPLE[0], W, B), call(nr.GATE_X, W, B), call(ODD[0], W_ODD, B_ODD),
           call(np.array([[40.0, -40.0], [-40.0, 40.0]]), np.array([10.0, 1.0]), 0.0)],
    hint="a = X @ w + b gives every sample's weighted sum at once; then y = nr.sigmoid(a).",
    mistakes=[
        Mistake(lambda X, w, b: X @ w + b, "that is the weighted sum a; the output is y = σ(a): apply nr.sigmoid."),
        Mistake(lambda X, w, b: nr.sigmoid(X @ w), "the bias is missing: a = X @ w + b."),
        Mistake(lambda X, w, b: nr.sigmoid(X @ w) + b, "the bias belongs inside the sigmoid: y = σ(X @ w + b)."),
        Mistake(lambda X, w, b: 1 / (1 + np.exp(X @ w + b)), "σ(a) = 1/(1 + e^(−a)): the exponent has a minus sign."),
        Mistake(lambda X, w, b: nr.sigmoid(X @ w - b), "the bias is added, not subtracted: a = X @ w + b."),
        Mistake(lambda X, w, b: nr.sigmoid(np.sum(X * w) + b),
                "that is one number for the whole batch: np.sum(X * w) adds up every sample's inputs together. "
                "Each row of X needs its own weighted sum: X @ w (or np.sum(X * w, axis=1))."),
        Mistake(lambda X, w, b: nr.sigmoid(w @ X + b),
                "w @ X puts the factors the other way round: X is n × 2 (one row per sample) and w has 2 "
                "values, so X @ w gives one weighted sum per sample."),
    ],
)

def _with_error(X, t, w, b, error):
    """The gradients with y − t replaced by ``error(y, t)``."""
    y = nr.sigmoid(X @ w + b)
    delta = error(y, t) * y * (1 - y)
    return X.T @ delta / len(X), np.mean(delta)


def _mean_of_everything(X, t, w, b):
    """dw as the mean over every entry of delta·x: one number instead of one per weight."""
    y = nr.sigmoid(X @ w + b)
    delta = (y - t) * y * (1 - y)
    return np.mean(delta[:, None] * X), np.mean(delta)


def _db_without_mean(X, t, w, b):
    y = nr.sigmoid(X @ w + b)
    delta = (y - t) * y * (1 - y)
    return X.T @ delta / len(X), delta


def _dw_without_transpose(X, t, w, b):
    y = nr.sigmoid(X @ w + b)
    delta = (y - t) * y * (1 - y)
    return X @ delta / len(X), np.mean(delta)


def _with_slope(X, t, w, b, slope):
    """The gradients with σ′ replaced by ``slope(a, y)``: the shape of two typical mistakes."""
    a = X @ w + b
    y = nr.sigmoid(a)
    delta = (y - t) * slope(a, y)
    return X.T @ delta / len(X), np.mean(delta)


ex_gradients = CodeExercise(
    "Exercise 4 (the gradients)", reference=gradients, returns=("dw", "db"),
    cases=[_gradient_case(*SAMPLE, W, B), _gradient_case(nr.GATE_X, nr.GATES["AND"], W, B),
           _gradient_case(*ODD, W_ODD, B_ODD)],
    hint="delta = (y − t)·y·(1 − y) for every sample; dw = X.T @ delta / n (the mean of delta·x), db = the mean of delta.",
    mistakes=[
        Mistake(lambda X, t, w, b: _with_error(X, t, w, b, lambda y, t: t - y),
                "the sign is flipped: delta = (y − t)·σ′(a), output minus target. With t − y every step would go uphill."),
        Mistake(lambda X, t, w, b: tuple(2 * g for g in gradients(X, t, w, b)),
                "a factor 2 too many: the 2 of (y − t)² is cancelled by the ½ in L = ½(y − t)², so ∂L/∂y = y − t."),
        Mistake(lambda X, t, w, b: (X.T @ (nr.sigmoid(X @ w + b) - t) / len(X), np.mean(nr.sigmoid(X @ w + b) - t)),
                "σ′ is missing: delta = (y − t)·σ′(a) = (y − t)·y·(1 − y)."),
        Mistake(lambda X, t, w, b: _with_slope(X, t, w, b, lambda a, y: nr.sigmoid_slope(y)),
                "σ′ is taken at the weighted sum a, not at the output: σ′(a) = y·(1 − y), so use y·(1 − y) "
                "(nr.sigmoid_slope(y) applies σ a second time)."),
        Mistake(lambda X, t, w, b: _with_slope(X, t, w, b, lambda a, y: a * (1 - a)),
                "σ′(a) = y·(1 − y), written with the output y = σ(a), not with a."),
        Mistake(lambda X, t, w, b: tuple(len(X) * g for g in gradients(X, t, w, b)),
                "that is the sum over the samples; the loss is their mean, so divide by the number of samples."),
        Mistake(_db_without_mean, "one number for db, the mean of delta over the samples: np.mean(delta), "
                                  "not delta itself."),
        Mistake(_dw_without_transpose, "X @ delta does not fit: X is n × 2 and delta has n values. X.T @ delta "
                                       "adds up delta·x over the samples, one sum per weight."),
        Mistake(_mean_of_everything,
                "that is one number for all weights; dw needs one per weight, each the mean over the samples of "
                "delta·x for its own input: X.T @ delta / n."),
    ],
)


def _train_new_weights(X, t, w, b, lr, epochs):
    for epoch in range(epochs):
        dw, _ = nr.gradients(X, t, w, b)
        w = w - lr * dw
        _, db = nr.gradients(X, t, w, b)  # the mistake: b's gradient at the new w
        b = b - lr * db
    return w, b


def _train_uphill(X, t, w, b, lr, epochs):
    for epoch in range(epochs):
        dw, db = nr.gradients(X, t, w, b)
        w, b = w + lr * dw, b + lr * db
    return w, b


def _train_stale(X, t, w, b, lr, epochs):
    dw, db = nr.gradients(X, t, w, b)  # the mistake: computed once, before the loop
    for epoch in range(epochs):
        w, b = w - lr * dw, b - lr * db
    return w, b


def _train_returns_early(X, t, w, b, lr, epochs):
    for epoch in range(epochs):
        dw, db = nr.gradients(X, t, w, b)
        w, b = w - lr * dw, b - lr * db
        return w, b  # the mistake: inside the loop


ex_train = CodeExercise(
    "Exercise 5 (the training loop)", reference=train, returns=("w", "b"),
    cases=[call(nr.GATE_X, nr.GATES["AND"], W, B, 0.5, 1), call(nr.GATE_X, nr.GATES["AND"], W, B, 0.5, 3),
           call(nr.GATE_X, nr.GATES["OR"], W, B, 2.0, 10), call(nr.GATE_X, nr.GATES["AND"], W, B, 0.5, 0)],
    hint="every epoch: dw, db = nr.gradients(X, t, w, b), then w = w − lr·dw and b = b − lr·db; return w, b after the loop.",
    mistakes=[
        Mistake(_train_new_weights, "compute both gradients from the same, old w and b, then update both: here b's "
                                    "gradient saw the new w."),
        Mistake(_train_uphill, "the update climbs the loss: subtract lr·gradient, do not add it."),
        Mistake(_train_stale, "the gradients must be computed again every epoch, at the current w and b: here the "
                              "first epoch's gradients were used for every step."),
        Mistake(_train_returns_early, "the return is inside the loop, so the function stops after one epoch (and "
                                      "returns nothing for 0 epochs): move it out of the loop."),
    ],
)
