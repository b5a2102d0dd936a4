"""The generic code checker (CodeExercise): garbage answers, errors in the learner's code, time limits, copies of
the arguments, declared mistakes. Comparing results (the hints, show) is in test_exercises_compare.py."""
import signal
import time

import numpy as np
import pytest
from python_says import error_line

from helpers.exercises import Case, CodeExercise, Feedback, Mistake, call


def double(x):
    return 2 * x


ex = CodeExercise("Double", reference=double, cases=[call(1.5), call(np.array([1.0, -2.0])), call(0.0)],
                  hint="multiply by 2")


def test_right_and_wrong():
    assert ex.check(double).correct and ex.check(lambda x: x + x).correct
    assert ex.check(double).message == "Double: correct! All 3 cases agree with the reference."
    wrong = ex.check(lambda x: 3 * x)
    assert wrong.message.splitlines() == ["Double: not quite. Case 1 of 3, <lambda>(x=1.5):", "Hint: Multiply by 2",
                                          "  expected 3", "  got      4.5"]  # the hint leads (issue 24)


@pytest.mark.parametrize("answer, status, words", [
    (..., "unanswered", "write your function in place of the ..."),
    (None, "wrong kind", "got None"),
    (3.0, "wrong kind", "expected your function itself"),
    ("double", "wrong kind", "got str 'double'"),
    (double(2.0), "wrong kind", "no brackets"),
    ([double], "wrong kind", "got list"),
    (CodeExercise, "wrong kind", "got the class CodeExercise"),
    (lambda: 1, "wrong kind", "takes the parameters ()"),
    (lambda x, y: 1, "wrong kind", "is called with 1 arguments"),
])
def test_answers_that_are_not_a_function(answer, status, words):
    feedback = ex.check(answer)
    assert feedback.status == status and words in feedback.message, feedback


def test_a_stub_is_unanswered():
    def double(x):
        ...

    def half_done(x):
        y = ...
        return y

    def uses_ellipsis_as_index(x):
        return 2 * np.asarray(x)[...]

    assert ex.check(double).message == "Double: replace every ... in double with your code and run the cell again."
    assert ex.check(half_done).status == "unanswered"
    assert ex.check(uses_ellipsis_as_index).correct


def test_an_error_in_the_learners_code_names_their_line_not_helpers():
    def divides(x):
        scale = 0
        return x / scale

    feedback = ex.check(divides)
    lines = feedback.message.splitlines()
    assert lines[0] == "Double: not quite. Case 1 of 3, divides(x=1.5):"
    assert lines[1] == "  your code raised an error."
    assert lines[2].startswith("  test_exercises_codecheck.py, line ") and lines[2].endswith(":  return x / scale")
    assert lines[3] == "  " + error_line("1.5 / 0")
    assert "helpers" not in feedback.message and "Traceback" not in feedback.message


def test_an_error_outside_the_learners_code_is_reported_without_a_line():
    ex_class = CodeExercise("Build", reference=str, kind="class",
                            cases=[Case("build from 'ab', then call .upper()", lambda cls: cls("ab").upper())],
                            hint="h")
    feedback = ex_class.check(tuple)
    assert error_line("tuple('ab').upper()") in feedback.message
    assert "line" not in feedback.message


def test_a_slip_in_the_learners_code_gets_the_slip_explanation():
    feedback = ex.check(lambda x: x ^ 2)
    assert "^ is not a power in Python" in feedback.message


def test_arguments_are_fresh_copies_for_every_run():
    data = np.array([1.0, 2.0])
    inplace = CodeExercise("In place", reference=lambda v: v * 2, cases=[call(data), call(data)], hint="h")

    def mutates(v):
        v *= 2
        return v

    assert inplace.check(mutates).correct and list(data) == [1.0, 2.0]


def test_the_checker_stops_an_endless_loop_and_restores_the_alarm():
    quick = CodeExercise("Loop", reference=double, cases=[call(1.0)], hint="h", time_limit=0.3)

    def forever(x):
        while True:
            pass

    def swallows(x):
        while True:
            try:
                time.sleep(1)
            except Exception:  # a learner's bare except cannot eat the time limit
                pass

    before = signal.getsignal(signal.SIGALRM)
    start = time.perf_counter()
    assert "still running after 0.3 s" in quick.check(forever).message
    assert "still running" in quick.check(swallows).message
    assert time.perf_counter() - start < 3
    assert signal.getsignal(signal.SIGALRM) is before and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_keyboard_interrupt_is_not_swallowed():
    def interrupted(x):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ex.check(interrupted)


def test_numpy_warnings_stay_quiet():
    with np.errstate(all="raise"):
        feedback = ex.check(lambda x: np.exp(np.float64(1e6)) * x)
    assert feedback.status == "wrong"


def test_declared_mistakes_must_match_on_every_case():
    ex_m = CodeExercise("M", reference=double, cases=[call(1.0), call(0.0), call(-2.0)], hint="h",
                        mistakes=[Mistake(lambda x: 2 * x + 1, "plus one.")])
    assert "Plus one." in ex_m.check(lambda x: 2 * x + 1).message
    only_first = ex_m.check(lambda x: 3.0 if x == 1.0 else 5.0)  # matches the mistake on the first case only
    assert "Plus one." not in only_first.message


def test_verify_reports_a_bad_exercise():
    bad = CodeExercise("Bad", reference=double, cases=[call(0.0, numeric=lambda: 1.0)], hint="h",
                       mistakes=[Mistake(lambda x: 0 * x, "zero."), Mistake(lambda x: 3 * x, "triple.")])
    problems = bad.verify()
    assert any("central differences" in p for p in problems)
    assert any("'zero.' passes every case" in p for p in problems)  # 0·0 = 2·0: no case tells them apart
    assert any("'triple.' passes every case" in p for p in problems)  # 3·0 = 2·0 too


def test_exercise_definition_errors():
    with pytest.raises(ValueError):
        CodeExercise("X", reference=double, cases=[], hint="h")
    with pytest.raises(ValueError):
        CodeExercise("X", reference=double, cases=[call(1)], hint="h", kind="module")
    assert isinstance(ex.check(double), Feedback)


def test_a_matmul_mismatch_names_the_learners_line_and_the_sizes_that_met():
    """Only what the shapes show, no guess at the cause (issue 24: the same error had different causes)."""
    layer = CodeExercise("Layer", reference=lambda X, W: X @ W.T, cases=[call(np.ones((4, 2)), np.ones((3, 2)))],
                         hint="h")

    def no_transpose(X, W):
        Z = X @ W
        return Z

    message = layer.check(no_transpose).message
    assert "Z = X @ W" in message and "X (4, 2)" in message and "W (3, 2)" in message
    assert "the left side ends in size 2 and the right side starts with size 3" in message


class Counter:
    """A class exercise's reference: counts up by ``add``, which returns the counter."""

    def __init__(self, start):
        self.total = start

    def add(self, k):
        self.total += k
        return self


counter = CodeExercise("Counter", reference=Counter, kind="class",
                       cases=[Case("Counter(1).add(2).add(3).total", lambda cls: cls(1).add(2).add(3).total)],
                       hint="h")


def test_a_class_exercise_tells_garbage_stubs_and_errors_apart():
    assert counter.check(Counter).correct
    assert counter.check(Counter(1)).status == "wrong kind"
    assert "an object made with the class Counter" in counter.check(Counter(1)).message
    assert counter.check(3).status == "wrong kind" and "an object made" not in counter.check(3).message
    assert counter.check(...).status == "unanswered"

    class Stub(Counter):
        def add(self, k):
            ...

    assert counter.check(Stub).status == "unanswered" and "replace every ... in Stub" in counter.check(Stub).message

    class ForgetsReturn(Counter):
        def add(self, k):
            self.total += k

    assert "forget `return`" in counter.check(ForgetsReturn).message

    class NoAdd:
        def __init__(self, start):
            self.total = start

    feedback = counter.check(NoAdd)
    assert "raised an error" in feedback.message and "AttributeError" in feedback.message
