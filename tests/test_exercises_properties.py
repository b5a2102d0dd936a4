"""The checker never misjudges an answer: properties over every exercise, found in the notebooks and helpers.

Number exercises: the answer rounded or cut off to the asked decimals is correct; any other answer at that
precision is never correct and never told "right to k decimals" with k ≥ the decimals asked (and when it
is told "right to k decimals", that is true); nothing a learner can pass makes a checker raise.

Code exercises: every notebook solution is changed in one place at a time (tests/mutants.py: a sign, a
factor, a transpose, sum <-> mean, = <-> +=, a slice, two returned values, a .data). The checker's verdict
is checked against an independent comparison: "correct" only if the mutant agrees on every case, the case
it reports is the first that differs, and a declared mistake it names behaves like the mutant on every
case (and on fresh inputs, for exercises called with arrays) — otherwise it would name a different
mistake. A correct solution with a side effect the lesson forbids (07: zeroing inside backward) is
rejected. Hypothesis runs derandomized, without a database, so every run checks the same examples.
"""
from __future__ import annotations

import copy
import decimal
import fractions
import math
import re

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mutants import Mutant, behaviour, mutants, solutions
from test_exercises_all import CODE_EXERCISES, EXERCISES

from helpers.exercises import Feedback
from helpers.exercises.feedback import MARKS
from helpers.exercises.reading import sentence

PROPERTY = settings(deadline=None, derandomize=True, database=None, max_examples=60,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

NUMBERS = [(label, ex) for label, ex in EXERCISES if ex.choices is None and np.ndim(ex.answer()) == 0]


def precision(value: float, decimals: int | None) -> int:
    """The decimals an answer is asked to: the declared ones, or those of a short exact answer (0.4745 -> 4)."""
    if decimals is not None:
        return decimals
    return next(k for k in range(7) if abs(round(value, k) - value) <= 1e-12 * max(1.0, abs(value)))


def to_decimals(value: float, k: int, rounding: str) -> float:
    """``value`` rounded or cut off to k decimals, read from its 15 significant digits (0.15999999999999992
    is 0.16): what a learner who rounds or cuts the printed answer types."""
    return float(decimal.Decimal(f"{value:.15g}").quantize(decimal.Decimal(1).scaleb(-k), rounding=rounding))


def test_every_exercise_is_found():
    assert len(NUMBERS) >= 15 and len(CODE_EXERCISES) >= 11
    assert {s.exercise.title for s in SOLUTIONS} == {ex.title for _, ex in CODE_EXERCISES}


# ---------------------------------------------------------------- number exercises
@pytest.mark.parametrize("label, ex", NUMBERS, ids=[n[0] for n in NUMBERS])
def test_the_answer_rounded_or_cut_to_the_asked_decimals_is_accepted(label, ex):
    answer = float(ex.answer())
    d = precision(answer, ex.decimals)
    for rounding in (decimal.ROUND_HALF_UP, decimal.ROUND_HALF_EVEN, decimal.ROUND_DOWN):
        typed = to_decimals(answer, d, rounding)
        assert ex.check(typed).correct, (typed, ex.check(typed))
        assert ex.check(f"{typed:.{d}f}").status == "wrong kind"  # in quotes: told to remove them, not judged


_RIGHT_TO = re.compile(r"(?<!not )right (?:to (\d+) decimals?|as a whole number)")


@pytest.mark.parametrize("label, ex", NUMBERS, ids=[n[0] for n in NUMBERS])
@PROPERTY
@given(offset=st.one_of(st.integers(1, 30), st.integers(-30, -1), st.integers(-10**7, 10**7)))
def test_any_other_answer_at_the_asked_precision_is_wrong_and_not_called_nearly_right(label, ex, offset):
    answer = float(ex.answer())
    d = precision(answer, ex.decimals)
    accepted = {to_decimals(answer, d, r) for r in (decimal.ROUND_HALF_UP, decimal.ROUND_DOWN)}
    typed = to_decimals(answer, d, decimal.ROUND_HALF_UP) + offset * 10.0 ** -d
    typed = to_decimals(typed, d, decimal.ROUND_HALF_UP)  # as the learner types it: d decimals
    if typed in accepted:
        return
    feedback = ex.check(typed)
    assert not feedback.correct, (typed, feedback)
    said = _RIGHT_TO.search(feedback.message)
    if said:
        k = int(said.group(1) or 0)
        assert k < d, (typed, feedback)  # "right to k decimals" with k >= d would ask for what was given
        assert typed in {to_decimals(answer, k, r) for r in (decimal.ROUND_HALF_UP, decimal.ROUND_HALF_DOWN,
                                                              decimal.ROUND_DOWN)}, (typed, feedback)


class _Broken:
    """A learner's object whose every special method raises."""

    def __float__(self):
        raise ValueError("no float")

    def __str__(self):
        raise RuntimeError("no str")

    def __repr__(self):  # raising here too would only break the test report of a failure
        return "_Broken()"

    def __eq__(self, other):
        raise TypeError("no ==")

    __hash__ = object.__hash__

    def __len__(self):
        raise TypeError("no len")

    def __array__(self, *args, **kwargs):
        raise ValueError("no array")


class _Node:
    def __init__(self, data):
        self.data, self.grad, self.parents = data, 0.0, []


_SCALARS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True), st.integers(min_value=-10**500, max_value=10**500),
    st.text(max_size=12), st.sampled_from(["0,16", "0.16", "1e-5", "same", " the same ", "−0.5", "nan", "…"]),
    st.complex_numbers(allow_nan=True), st.none(), st.just(...), st.booleans(),
    st.decimals(allow_nan=True), st.fractions(), st.floats(width=32).map(np.float32), st.integers(-5, 5).map(np.int8),
    st.builds(_Broken), st.builds(_Node, st.floats()), st.just(print), st.just(float), st.just(np.array),
    st.floats().map(lambda x: np.array(x)), st.binary(max_size=4),
)
LEARNER_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.tuples(inner, inner),
                            st.dictionaries(st.text(max_size=3), inner, max_size=2),
                            st.lists(st.floats(), min_size=1, max_size=6).map(np.array),
                            st.lists(st.lists(st.floats(), min_size=2, max_size=2), min_size=1, max_size=3).map(np.array)),
    max_leaves=6)


def _sound(feedback) -> None:
    assert isinstance(feedback, Feedback) and feedback.status in MARKS
    assert "Traceback" not in feedback.message and 'File "' not in feedback.message


@pytest.mark.parametrize("label, ex", EXERCISES, ids=[e[0] for e in EXERCISES])
@PROPERTY
@given(value=LEARNER_VALUES)
def test_nothing_a_learner_passes_makes_a_checker_raise(label, ex, value):
    _sound(ex.check(value))


# ---------------------------------------------------------------- code exercises
SOLUTIONS = solutions()
MUTANTS = [m for s in SOLUTIONS for m in mutants(s)]


def same(a, b, ex) -> bool:
    """Two behaviours agree: the same error, or values equal to the exercise's tolerance (written apart from
    the checker's Compare, so that a bug there cannot hide here)."""
    if a[0] != b[0]:
        return False
    if a[0] != "value":
        return a == b
    return _values_agree(a[1], b[1], ex.rtol, ex.atol)


def _values_agree(x, y, rtol, atol) -> bool:
    if isinstance(x, (tuple, list)) and isinstance(y, (tuple, list)):
        return len(x) == len(y) and all(_values_agree(p, q, rtol, atol) for p, q in zip(x, y))
    if isinstance(x, (str, type(None))) or isinstance(y, (str, type(None))):
        return type(x) is type(y) and x == y
    try:
        p, q = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    except (TypeError, ValueError):
        try:
            return bool(x == y)
        except Exception:
            return False
    return p.shape == q.shape and bool(np.allclose(p, q, rtol=rtol, atol=atol, equal_nan=True))


def _fresh(args: tuple, seed: int) -> tuple:
    """The same kinds of arguments with new numbers: arrays of floats get new values (a column of ones, the
    bias input, stays), floats new values; whole numbers (epochs) stay."""
    rng = np.random.default_rng(seed)

    def fresh(x):
        if isinstance(x, np.ndarray) and x.dtype.kind == "f":
            new = rng.normal(size=x.shape)
            if x.ndim == 2:
                ones = np.all(x == 1.0, axis=0)
                new[:, ones] = 1.0
            return new
        if isinstance(x, float):
            return float(rng.normal())
        return copy.deepcopy(x)
    return tuple(fresh(a) for a in args)


def _named(feedback, ex) -> list:
    return [m for m in ex.mistakes if sentence(m.hint) in feedback.message]


def _first_part(got, want, ex, top=True):
    """The first (got, want) pair of numbers or arrays that differ, walking tuples in order, as Compare does."""
    if isinstance(want, (tuple, list)) and isinstance(got, (tuple, list)) and len(got) == len(want):
        for g, w in zip(got, want):
            if not _values_agree(g, w, ex.rtol, ex.atol):
                return _first_part(g, w, ex, top=False)
    return got, want


def _close(a, b, ex) -> bool:
    try:
        a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    except (TypeError, ValueError):
        return False
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=ex.rtol, atol=ex.atol))


def _without(w, which, name):
    w = np.asarray(w, dtype=float)
    axis = {"row": 0, "column": 1, "entry": 0}[name]
    return np.delete(w, 0 if which == "first" else w.shape[axis] - 1, axis=axis)


#: what a generic hint may claim, and how to check that the claim is true of the case it reports
CLAIMS = [
    (r"The sign is flipped", lambda g, w, ex, m: _close(g, -np.asarray(w, dtype=float), ex)),
    (r"is twice the right one", lambda g, w, ex, m: _close(g, 2 * np.asarray(w, dtype=float), ex)),
    (r"is half the right one", lambda g, w, ex, m: _close(g, np.asarray(w, dtype=float) / 2, ex)),
    (r"is (\d+) times the right one", lambda g, w, ex, m: _close(g, int(m[1]) * np.asarray(w, dtype=float), ex)),
    (r"is 1/(\d+) of the right one", lambda g, w, ex, m: _close(g, np.asarray(w, dtype=float) / int(m[1]), ex)),
    (r"the transpose of the right one|Transposed", lambda g, w, ex, m: _close(np.asarray(g, dtype=float).T, w, ex)),
    (r"in another layout", lambda g, w, ex, m: np.size(g) == np.size(w) and _close(
        np.reshape(np.asarray(g, dtype=float), np.shape(w)), w, ex)),
    (r"without the (first|last) (row|column|entry)", lambda g, w, ex, m: _close(g, _without(w, m[1], m[2]), ex)),
    (r"mean is the right number|it is the right number", lambda g, w, ex, m: _close(np.mean(g), w, ex)),
]
#: words that name a cause; a message may hold them only in a declared mistake's hint or a checked claim
GUESSES = ("bias", "forgot", "forgotten")


def _check_generic_claims(feedback, ex, theirs, right, first) -> None:
    """Every claim of a generic hint is true of the first failing case, and no cause is guessed."""
    text = feedback.message
    for mistake in _named(feedback, ex):
        text = text.replace(sentence(mistake.hint), "")
    text = text.replace(sentence(ex.hint), "")
    lines = text.splitlines()[1:]  # the first line names the case (its label is the exercise's)
    lines = [line for line in lines if ".py, line" not in line and not re.match(r"\s+\w+(Error|Exception): ", line)]
    text = "\n".join(lines)
    if theirs[first][0] == "value" and right[first][0] == "value":
        got, want = _first_part(theirs[first][1], right[first][1], ex)
        for claim, holds in CLAIMS:
            found = re.search(claim, text)
            if found:
                assert holds(got, want, ex, found), f"the hint claims {found[0]!r}, which is not true: {feedback.message}"
                text = text.replace(found[0], "")
    guessed = [word for word in GUESSES if word in text.lower()]
    assert not guessed, f"a guess at the cause ({guessed}) no declared mistake backs: {feedback.message}"


@pytest.mark.parametrize("mutant", MUTANTS, ids=[m.label for m in MUTANTS])
def test_a_mutated_solution_gets_a_true_verdict(mutant: Mutant):
    ex = mutant.exercise
    feedback = ex.check(mutant.function)
    _sound(feedback)
    theirs = [behaviour(ex, mutant.function, case) for case in ex.cases]
    right = [behaviour(ex, ex.reference, case) for case in ex.cases]
    differs = [k for k in range(len(ex.cases)) if not same(theirs[k], right[k], ex)]
    if feedback.correct:
        assert not differs, f"accepted, but case {differs[0] + 1} differs"
        return
    assert feedback.status == "wrong" and differs, feedback
    assert f"Case {differs[0] + 1} of {len(ex.cases)}" in feedback.message, "not the first failing case"
    _check_generic_claims(feedback, ex, theirs, right, differs[0])
    for mistake in _named(feedback, ex):
        for k, case in enumerate(ex.cases):
            assert same(theirs[k], behaviour(ex, mistake.wrong, case), ex), \
                f"named {mistake.hint!r}, but on case {k + 1} the mutant does something else: {feedback.message}"
        if any(case.run is None for case in ex.cases):
            _behaves_alike_on_fresh_inputs(ex, mutant.function, mistake)


def _behaves_alike_on_fresh_inputs(ex, code, mistake) -> None:
    """A named mistake is the mutant's own: they also agree on inputs the checker never tried."""
    @settings(deadline=None, derandomize=True, database=None, max_examples=4)
    @given(seed=st.integers(0, 2**32 - 1))
    def alike(seed):
        for case in ex.cases:
            if case.run is None:
                new = type(case)(case.label, None, _fresh(case.args, seed), case.kwargs)
                assert same(behaviour(ex, code, new), behaviour(ex, mistake.wrong, new), ex), \
                    f"named {mistake.hint!r}, but on other inputs the mutant is a different mistake"
    alike()


def _zeroing(backward, leaves_only: bool):
    """The learner's correct backward, with every node's (or every leaf's) grad set to 0 first."""
    def zeroing_backward(output):
        order, todo, seen = [], [output], set()
        while todo:
            node = todo.pop()
            if id(node) not in seen:
                seen.add(id(node))
                order.append(node)
                todo.extend(parent for parent, _ in node.parents)
        for node in order:
            if not (leaves_only and node.parents):
                node.grad = 0.0
        backward(output)
    return zeroing_backward


#: side effects a lesson forbids, by the name of the solution function they would be added to
FORBIDDEN = {"backward": [("zeroes every grad first", lambda f: _zeroing(f, leaves_only=False)),
                          ("zeroes the leaves' grads first", lambda f: _zeroing(f, leaves_only=True))]}
SIDE_EFFECTS = [(f"{s.notebook[:2]} {s.name} {what}", s, add) for s in SOLUTIONS
                for what, add in FORBIDDEN.get(s.name, [])]


def test_every_forbidden_side_effect_has_an_exercise():
    assert {s.name for _, s, _ in SIDE_EFFECTS} == set(FORBIDDEN)


@pytest.mark.parametrize("label, solution, add", SIDE_EFFECTS, ids=[s[0] for s in SIDE_EFFECTS])
def test_a_correct_solution_with_a_forbidden_side_effect_is_rejected(label, solution, add):
    right = solution.namespace[solution.name]
    assert solution.exercise.check(right).correct
    feedback = solution.exercise.check(add(right))
    assert feedback.status == "wrong" and "zeroing belongs to the training loop" in feedback.message, feedback


@pytest.mark.parametrize("label, ex", CODE_EXERCISES, ids=[e[0] for e in CODE_EXERCISES])
@settings(deadline=None, derandomize=True, database=None, max_examples=25)
@given(value=LEARNER_VALUES)
def test_nothing_a_learners_code_returns_or_is_makes_a_code_checker_raise(label, ex, value):
    _sound(ex.check(value))
    _sound(ex.check(lambda *args, **kwargs: value))
    if math.isfinite(hash(id(value))):  # a function that raises what a learner's might
        def raising(*args, **kwargs):
            raise ValueError(value)
        _sound(ex.check(raising))
