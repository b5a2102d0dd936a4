"""Running the learner's code (helpers/exercises/running.py): run_case gives a value, the error raised or
"timed out", with numpy quiet; error_text shows the learner's own line, the error and a hint, never a
traceback; is_stub tells whether a function or class still holds a ... to fill in.

The first tests go through a CodeExercise (what the learner sees); the rest call running's functions directly.
"""
import signal
import threading
import time
import warnings

import numpy as np
import pytest
from python_says import error_line
from test_exercises_codecheck import double, ex

from helpers.exercises import Case, CodeExercise, call
from helpers.exercises.reading import read_number
from helpers.exercises.running import Outcome, error_text, is_stub, run_case


# ------------------------------------------------ through a CodeExercise (moved from test_exercises_codecheck.py)
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
    assert lines[2].startswith("  test_exercises_running.py, line ") and lines[2].endswith(":  return x / scale")
    assert lines[3] == "  " + error_line("1.5 / 0")
    assert "helpers" not in feedback.message and "Traceback" not in feedback.message


def test_an_error_outside_the_learners_code_is_reported_without_a_line():
    ex_class = CodeExercise("Build", reference=str, kind="class",
                            cases=[Case("build from 'ab', then call .upper()", lambda cls: cls("ab").upper())],
                            hint="h")
    feedback = ex_class.check(tuple)
    assert error_line("tuple('ab').upper()") in feedback.message
    assert "line" not in feedback.message


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


# ---------------------------------------------------------------- run_case
def test_a_result_is_the_outcomes_value():
    assert run_case(call(1.5), double, 1.0) == Outcome(value=3.0, error=None, timed_out=False)
    counted = Case("double(1) + double(2)", lambda code: code(1) + code(2))
    assert run_case(counted, double, 1.0) == Outcome(value=6)


def test_an_exception_is_the_outcomes_error_not_raised():
    def divides(x):
        return x / 0

    outcome = run_case(call(1.5), divides, 1.0)
    assert isinstance(outcome.error, ZeroDivisionError) and outcome.value is None and not outcome.timed_out


def test_run_case_lets_keyboard_interrupt_through():
    def interrupted(x):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_case(call(1.0), interrupted, 1.0)


def forever(x):
    while True:
        pass


def test_an_endless_loop_times_out_after_the_limit_and_leaves_no_alarm():
    before = signal.getsignal(signal.SIGALRM)
    start = time.perf_counter()
    outcome = run_case(call(1.0), forever, 0.2)
    took = time.perf_counter() - start
    assert outcome == Outcome(value=None, error=None, timed_out=True)
    assert 0.2 <= took < 2
    assert signal.getsignal(signal.SIGALRM) is before and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_quick_code_under_a_limit_leaves_no_alarm_either():
    assert run_case(call(1.0), double, 5.0).value == 2.0
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_a_timer_set_outside_keeps_its_own_time():
    """Whoever set an alarm before (a test runner's time-out, a teacher's tool) gets it back with the time it had
    left, less the time the code ran, not less the limit the code was given."""
    fired = []
    previous = signal.signal(signal.SIGALRM, lambda *_: fired.append(True))
    try:
        signal.setitimer(signal.ITIMER_REAL, 3.0)
        assert run_case(call(1.0), double, 5.0).value == 2.0  # quick code, a limit longer than the 3 s left
        left = signal.getitimer(signal.ITIMER_REAL)[0]
        assert fired == [] and 2.0 < left <= 3.0, left
        assert run_case(call(1.0), forever, 0.2).timed_out
        left = signal.getitimer(signal.ITIMER_REAL)[0]
        assert fired == [] and 1.5 < left <= 2.8, left
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_no_limit_outside_the_main_thread_and_still_a_value():
    """Signals work only in the main thread: elsewhere the code runs without a limit (it must still run)."""
    outcomes = []
    thread = threading.Thread(target=lambda: outcomes.append(run_case(call(1.0), double, 0.5)))
    thread.start()
    thread.join(10)
    assert outcomes == [Outcome(value=2.0)]


def test_numpy_errors_and_warnings_stay_quiet_inside_and_are_restored_after():
    def overflows(x):
        warnings.warn("a learner's own warning")
        return np.exp(np.float64(1000.0)) * x

    with np.errstate(all="raise"), warnings.catch_warnings():
        warnings.simplefilter("error")
        outcome = run_case(call(1.0), overflows, 1.0)
        assert np.geterr()["over"] == "raise"  # the caller's numpy settings are back
        with pytest.raises(FloatingPointError):
            np.exp(np.float64(1000.0))
    assert outcome.error is None and outcome.value == np.inf


# ---------------------------------------------------------------- error_text
def text_of(code, case=None) -> list[str]:
    """error_text's lines for what ``code`` raises on ``case`` (call(1.5) unless given)."""
    case = case or call(1.5)
    outcome = run_case(case, code, 1.0)
    assert outcome.error is not None, outcome
    return error_text(outcome.error, case).splitlines()


def line_of(function, offset: int) -> int:
    """The file line ``offset`` lines below ``def function``."""
    return function.__code__.co_firstlineno + offset


def test_the_deepest_line_of_the_learners_own_code_is_shown():
    def inner(v):
        return v["w"]

    def outer(x):
        parts = {"b": x}
        return inner(parts)

    lines = text_of(outer)
    assert lines[0] == f"  test_exercises_running.py, line {line_of(inner, 1)}:  return v[\"w\"]"
    assert lines[1] == "  KeyError: 'w'" and len(lines) == 2  # no hint for an error we know nothing about


def test_an_error_raised_inside_helpers_shows_the_learners_line_that_called_it():
    def reads(x):
        return read_number("x")

    lines = text_of(reads)
    assert lines[0] == f"  test_exercises_running.py, line {line_of(reads, 1)}:  return read_number(\"x\")"
    assert lines[1].startswith("  Unreadable: expected a single number")
    assert "reading.py" not in "\n".join(lines) and "Traceback" not in "\n".join(lines)


def test_an_error_in_the_cases_own_code_shows_no_line():
    adds_text = Case("double(1) + 'x'", lambda code: code(1.0) + "x")
    lines = text_of(double, adds_text)
    assert lines == ["  " + error_line("2.0 + 'x'")]


def test_the_message_is_one_short_line():
    def shouts(x):
        raise ValueError("first\n\n   second " + "x" * 1000)

    message = text_of(shouts)[1]
    assert message.startswith("  ValueError: first second xxx") and len(message) == len("  ValueError: ") + 300
    assert text_of(lambda x: exec("raise ValueError()"))[-1] == "  ValueError"


class Value:
    """A learner's node class with no / and no **."""

    def __init__(self, data):
        self.data = data


@pytest.mark.parametrize("code, start, words", [
    (lambda x: [x].sort().append(1), "Something", "gave None: did a function or method forget `return`?"),
    (lambda x: np.ones((4, 2)) @ np.ones((3, 2)), "The shapes",
     "the left side ends in size 2 and the right side starts with size 3"),
    (lambda x: np.ones(3) + np.ones(2), "These shapes", "do not combine value by value"),
    (lambda x: Value(x) / 4, "A Value", "divide by multiplying with the reciprocal, total * (1 / 4)"),
    (lambda x: Value(x) ** 2, "A Value", "square by multiplying, e * e"),
    (lambda x: -Value(x), "A Value", "where a plain number belongs: a Value knows only the operations"),
    (lambda x: float(Value(x)), "float()", "was given a Value"),      # a symbol keeps its case
    (lambda x: x ^ 2, "^", "is not a power in Python"),
])
def test_a_known_error_gets_one_hint_as_a_sentence(code, start, words):
    lines = text_of(code)
    assert len(lines) == 3 and lines[2].startswith(f"  {start} ") and words in lines[2], lines


@pytest.mark.parametrize("code", [lambda x: {}["w"], lambda x: [][1], lambda x: int("x"), lambda x: x.nothing])
def test_an_unknown_error_gets_no_hint(code):
    lines = text_of(code)
    assert len(lines) == 2 and lines[0].startswith("  test_exercises_running.py, line ")


# ---------------------------------------------------------------- is_stub
def stub(x):
    ...


def half_done(x):
    y = ...
    return y


def nested_stub(x):
    def inner():
        return ...
    return inner()


def uses_ellipsis_to_index(x):
    return np.asarray(x)[..., 0] + np.asarray(x)[...]


def done(x):
    """Replace ... here with your code (the docstring's ... is text, not a stub)."""
    return "..."


lambda_stub = lambda x: ...  # noqa: E731  a learner may write a lambda


class StubClass:
    def __init__(self, w):
        self.w = w

    def forward(self, x):
        ...


class DoneClass:
    def forward(self, x):
        return x[...]


@pytest.mark.parametrize("code, expected", [
    (stub, True), (half_done, True), (nested_stub, True), (lambda_stub, True), (StubClass, True),
    (uses_ellipsis_to_index, False), (done, False), (DoneClass, False), (double, False),
    (print, False), (np.sum, False), (3.0, False),
], ids=lambda v: getattr(v, "__name__", repr(v)))
def test_is_stub_finds_a_dots_to_fill_in_only_as_code(code, expected):
    assert is_stub(code) is expected
