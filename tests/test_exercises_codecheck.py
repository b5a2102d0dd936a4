"""The generic code checker (CodeExercise): garbage answers, copies of the arguments, declared mistakes, a class
exercise, the message's layout. Comparing results (the hints, show) is in test_exercises_compare.py; running the
learner's code (their line when it raises, stubs, the time limit, quiet numpy) in test_exercises_running.py."""
import numpy as np
import pytest

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
