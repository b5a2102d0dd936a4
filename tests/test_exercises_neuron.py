"""Notebook 04's exercises: the answers agree with independent arithmetic, the references with helpers.neuron,
every typical mistake is caught with its hint, and garbage gets a clear word."""
import numpy as np
import pytest

from helpers.maths import neuron as nr
from helpers.exercises import neuron as on

X, AND = nr.GATE_X, nr.GATES["AND"]
W, B = np.array([0.8, -0.4]), 0.1


# ---------------------------------------------------------------- the number and the choice
def test_one_step_rate_with_the_half():
    lr = on.ex1.answer()
    # by hand: one step on ½(1.5w − 0.5)² from 0.8 lands on 1/3
    w = 0.8 - lr * (1.5 * 0.8 - 0.5) * 1.5
    assert w == pytest.approx(1 / 3)
    assert on.ex1.check(0.4444).correct and on.ex1.check(4 / 9).correct
    assert "give 4" in on.ex1.check(0.444).message


@pytest.mark.parametrize("typed, words", [
    (0.2222, "notebook 03's rate"), (0.8889, "bounces for ever"), (0.6667, "x squared"),
    (0.3333, "best weight w*"), (0.4667, "distance w − w*"),
])
def test_one_step_rate_mistakes(typed, words):
    feedback = on.ex1.check(typed)
    assert feedback.status == "wrong" and words.lower() in feedback.message.lower(), feedback


def test_the_limit_for_or_is_the_same_because_targets_do_not_enter_the_curvature():
    assert on.ex2.answer() == "the same"
    limits = [2 / nr.curvatures(X, nr.GATES[g], W, B)[-1] for g in nr.GATES]
    assert limits == pytest.approx([1.2554] * 3, abs=5e-5)
    # and training says so too: OR at 1.2 settles, at 1.3 grows, like AND
    for gate in ("AND", "OR"):
        assert not nr.train(X, nr.GATES[gate], W, B, lr=1.2, epochs=300, activation="identity").diverged
        assert nr.train(X, nr.GATES[gate], W, B, lr=1.3, epochs=300, activation="identity").diverged
    assert on.ex2.check("The same").correct
    assert "targets do not enter" in on.ex2.check("larger").message
    assert on.ex2.check(1.2554).status == "wrong kind"


# ---------------------------------------------------------------- the code exercises
def test_references_agree_with_helpers_neuron():
    rng = np.random.default_rng(3)
    for _ in range(5):
        Xr, t = rng.normal(size=(5, 2)), rng.uniform(0, 1, 5)
        w, b = rng.normal(size=2), float(rng.normal())
        assert on.forward(Xr, w, b) == pytest.approx(nr.forward(Xr, w, b))
        dw, db = on.gradients(Xr, t, w, b)
        ref_dw, ref_db = nr.gradients(Xr, t, w, b)
        assert dw == pytest.approx(ref_dw) and db == pytest.approx(ref_db)
        w_end, b_end = on.train(Xr, t, w, b, 0.7, 20)
        run = nr.train(Xr, t, w, b, lr=0.7, epochs=20)
        assert w_end == pytest.approx(run.w) and b_end == pytest.approx(run.b)


@pytest.mark.parametrize("ex", [on.ex_forward, on.ex_gradients, on.ex_train], ids=lambda e: e.title)
def test_each_code_exercise_passes_its_reference_and_names_each_mistake(ex):
    assert ex.verify() == []
    assert ex.check(ex.reference).correct
    assert len(ex.mistakes) >= 4


def test_the_gradient_cases_agree_with_central_differences():
    for case in on.ex_gradients.cases:
        dw, db = case.apply(on.gradients)
        num_dw, num_db = case.numeric()
        assert dw == pytest.approx(num_dw, rel=1e-6) and db == pytest.approx(num_db, rel=1e-6)
    assert on.ex_gradients.check(on.gradients).message.endswith(
        "agree with the reference and with central differences.")


@pytest.mark.parametrize("wrong, words", [
    (lambda X, w, b: X @ w + b, "apply nr.sigmoid"),
    (lambda X, w, b: nr.sigmoid(X @ w), "the bias is missing"),
    (lambda X, w, b: nr.sigmoid(X @ w) + b, "inside the sigmoid"),
    (lambda X, w, b: 1 / (1 + np.exp(X @ w + b)), "minus sign"),
    (lambda X, w, b: nr.sigmoid(X * w + b), "Shape (1, 2) where (1,) was expected"),
])
def test_forward_mistakes(wrong, words):
    feedback = on.ex_forward.check(wrong)
    assert feedback.status == "wrong" and words.lower() in feedback.message.lower(), feedback


def _grad(delta_of, mean=True):
    def gradients(X, t, w, b):
        y = nr.sigmoid(X @ w + b)
        delta = delta_of(y, t, X @ w + b)
        n = len(X) if mean else 1
        return X.T @ delta / n, np.sum(delta) / n
    return gradients


@pytest.mark.parametrize("wrong, words", [
    (_grad(lambda y, t, a: (t - y) * y * (1 - y)), "the sign is flipped"),
    (_grad(lambda y, t, a: 2 * (y - t) * y * (1 - y)), "factor 2 too many"),
    (_grad(lambda y, t, a: y - t), "σ′ is missing"),
    (_grad(lambda y, t, a: (y - t) * nr.sigmoid_slope(y)), "applies σ a second time"),
    (_grad(lambda y, t, a: (y - t) * a * (1 - a)), "not with a"),
    (_grad(lambda y, t, a: (y - t) * y * (1 - y), mean=False), "the sum over the samples"),
    (lambda X, t, w, b: on.gradients(X, t, w, b)[::-1], "order"),
    (lambda X, t, w, b: None, "forget `return`"),
])
def test_gradient_mistakes_written_differently_from_the_declared_ones(wrong, words):
    feedback = on.ex_gradients.check(wrong)
    assert feedback.status == "wrong" and words.lower() in feedback.message.lower(), feedback


def _half_summed(sum_dw: bool):
    """The gradients with only one of dw, db summed over the samples instead of averaged."""
    def gradients(X, t, w, b):
        y = nr.sigmoid(X @ w + b)
        delta = (y - t) * y * (1 - y)
        return X.T @ delta / (1 if sum_dw else len(X)), np.sum(delta) / (len(X) if sum_dw else 1)
    return gradients


@pytest.mark.parametrize("sum_dw, words", [
    (False, "Your db is 4 times the right one: a sum over 4 samples"),
    (True, "Every value of dw is 4 times the right one: a sum over 4 samples"),
])
def test_summing_only_one_gradient_names_that_one(sum_dw, words):
    """Review 04-07 N5: with dw right and only db summed, the hint spoke of "every value"."""
    feedback = on.ex_gradients.check(_half_summed(sum_dw))
    assert feedback.status == "wrong"
    assert f"got      {'dw' if sum_dw else 'db'} " in feedback.message
    assert words in feedback.message and "Every value is" not in feedback.message, feedback
    # the hint is true: the part it names is exactly 4 times the reference's (the case has 4 samples)
    dw, db = on.gradients(X, AND, W, B)
    got_dw, got_db = _half_summed(sum_dw)(X, AND, W, B)
    assert np.allclose(got_dw, 4 * dw if sum_dw else dw) and np.isclose(got_db, db if sum_dw else 4 * db)


def test_training_loop_mistakes_written_by_hand():
    def b_sees_new_w(X, t, w, b, lr, epochs):
        for _ in range(epochs):
            w = w - lr * nr.gradients(X, t, w, b)[0]
            b = b - lr * nr.gradients(X, t, w, b)[1]
        return w, b

    def plus(X, t, w, b, lr, epochs):
        for _ in range(epochs):
            dw, db = nr.gradients(X, t, w, b)
            w = w + lr * dw
            b = b + lr * db
        return w, b

    assert "saw the new w" in on.ex_train.check(b_sees_new_w).message
    assert "climbs the loss" in on.ex_train.check(plus).message
    forgot_b = on.ex_train.check(lambda X, t, w, b, lr, epochs: (on.train(X, t, w, b, lr, epochs)[0], b))
    assert forgot_b.status == "wrong" and "expected b" in forgot_b.message


def test_garbage_and_unfinished_code_get_a_clear_word():
    def forward(X, w, b):
        a = ...  # noqa: F841  (the unfinished template a learner sees)
        y = ...
        return y

    assert on.ex_forward.check(forward).status == "unanswered"
    assert "replace every ..." in on.ex_forward.check(forward).message
    assert on.ex_forward.check(...).status == "unanswered"
    assert on.ex_forward.check(0.75).status == "wrong kind"
    assert on.ex_forward.check(on.forward(X, W, B)).status == "wrong kind"  # called instead of passed

    def broken(X, w, b):
        return nr.sigmoid(X @ w + c)  # noqa: F821  a name that does not exist

    feedback = on.ex_forward.check(broken)
    assert feedback.status == "wrong" and "NameError" in feedback.message and "Traceback" not in feedback.message
    assert on.ex_train.check(lambda X, t, w, b: (w, b)).status == "wrong kind"  # too few parameters
