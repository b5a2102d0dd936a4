"""Comparing a result with the expected one (helpers/exercises/compare.py): Compare finds the first Difference
and a hint that says only what the numbers show; show and show_pair print values short, on one line.

The first tests go through a CodeExercise (what the learner sees); the rest call Compare and show directly.
"""
import math

import numpy as np
import pytest
from test_exercises_codecheck import ex

from helpers.exercises import CodeExercise, call
from helpers.exercises.compare import Compare, Difference, Problem, show, show_pair


# ------------------------------------------------ through a CodeExercise (moved from test_exercises_codecheck.py)
def test_close_values_are_shown_with_enough_digits_to_differ():
    feedback = ex.check(lambda x: 2 * x + 1e-5)
    assert "expected 3\n" in feedback.message and "got      3.00001" in feedback.message


@pytest.mark.parametrize("answer, words", [
    (lambda x: None, "forget `return`"),
    (lambda x: Ellipsis, "Replace the ..."),
    (lambda x: "3", "Expected a number, got str '3'"),
    (lambda x: [2 * x], "Expected a number"),
    (lambda x: True, "Expected a number, got bool"),
    (lambda x: np.nan * x, "A nan ('not a number') came out"),
    (lambda x: np.inf * (x + 1), "An inf (infinity) came out"),
    (lambda x: 2j * x, "Expected a number"),
    (lambda x: -2 * x, "The sign is flipped"),
    (lambda x: {"x": x}, "Expected a number, got dict"),
    (lambda x: (y for y in [x]), "Expected a number, got generator"),
    (lambda x: 10**400, "Expected a number"),
])
def test_results_of_the_wrong_kind_get_a_clear_word(answer, words):
    feedback = ex.check(answer)
    assert feedback.status == "wrong" and words in feedback.message, feedback


def test_text_and_yes_no_results():
    words = CodeExercise("W", reference=lambda x: ("big" if x > 1 else "small", x > 1), cases=[call(2.0)], hint="h")
    assert words.check(lambda x: (np.str_("big"), np.bool_(True))).correct  # numpy's own str and bool are fine
    assert words.check(lambda x: ("big", 1)).status == "wrong"
    assert words.check(lambda x: ("Big", True)).status == "wrong"


def test_results_compared_inside_tuples_lists_and_dicts():
    pairs = CodeExercise("Pairs", reference=lambda x: {"a": (x, [x, 2 * x])}, cases=[call(1.0)], hint="h")
    assert pairs.check(lambda x: {"a": [x, (x, 2 * x)]}).correct  # tuples and lists are interchangeable
    assert "['a'][1][1]" in pairs.check(lambda x: {"a": (x, [x, 3 * x])}).message
    assert "Different keys" in pairs.check(lambda x: {"b": 1}).message
    assert "Expected 2 values, got 3" in pairs.check(lambda x: {"a": (x, x, x)}).message


def test_a_self_referencing_result_does_not_hang():
    deep = CodeExercise("Deep", reference=lambda: [[[[[[[[[[1.0]]]]]]]]]], cases=[call()], hint="h")

    def loop():
        a = []
        a.append(a)
        return a

    assert deep.check(loop).status == "wrong"


def test_ratio_hints_name_the_part_that_is_off():
    """A ratio hint says "every value" only of an array; a single number is named (review 04-07 N5)."""
    from helpers.exercises.compare import Compare
    compare = Compare(rtol=1e-6, atol=1e-9, names=("dw", "db"))
    want = (np.array([0.5, -1.0]), 0.25)
    assert compare((np.array([0.5, -1.0]), 1.0), want).hint.startswith("Your db is 4 times the right one")
    assert compare((np.array([2.0, -4.0]), 0.25), want).hint.startswith("Every value of dw is 4 times")
    assert compare((np.array([1.0, -2.0]), 0.25), want).hint.startswith("Every value of dw is twice")
    assert compare(0.125, 0.25).hint.startswith("Your value is half the right one")
    assert compare(np.array([-1.0, 2.0]), np.array([1.0, -2.0])).hint == "The sign is flipped."
    unnamed = Compare(rtol=1e-6, atol=1e-9)
    assert unnamed((1.0, 3.0), (1.0, 1.0)).hint.startswith("The 2nd value is 3 times the right one")


def test_shape_hints_say_what_the_values_show():
    """What the values of a result of the wrong shape show, and the case that showed it with its arrays."""
    times2 = CodeExercise("Times 2", reference=lambda v: 2 * v, cases=[call(np.array([1.0, 2.0, 3.0]))], hint="h")
    column = times2.check(lambda v: (2 * v)[:, None]).message
    assert "Case 1 of 1, <lambda>(v=[1, 2, 3])" in column
    assert "Shape (3, 1) where (3,) was expected" in column and "column (n, 1)" in column
    assert "One entry missing: these are the right values without the first entry" in times2.check(
        lambda v: (2 * v)[1:]).message
    assert "One number where an array of shape (3,) was expected." in times2.check(lambda v: 2.0).message
    square = CodeExercise("T", reference=lambda M: M @ np.diag([1.0, 2.0]),
                          cases=[call(np.array([[1.0, 2.0], [3.0, 4.0]]))], hint="h")
    assert "transpose of the right one" in square.check(lambda M: (M @ np.diag([1.0, 2.0])).T).message


def test_two_results_in_the_wrong_order_are_named():
    from helpers.exercises.compare import Compare
    compare = Compare(rtol=1e-6, atol=1e-9, names=("dw", "db"))
    assert "wrong order: return them as (dw, db)" in compare((0.25, np.array([0.5, -1.0])),
                                                             (np.array([0.5, -1.0]), 0.25)).hint


# ---------------------------------------------------------------- Compare: same, or the first difference
def compare(**names) -> Compare:
    return Compare(rtol=1e-6, atol=1e-9, **names)


@pytest.mark.parametrize("got, want", [
    (1.0, 1.0), (1.0 + 5e-7, 1.0), (5e-10, 0.0), (np.float32(0.5), 0.5), (3, 3.0), ([1.0, 2.0], (1.0, 2.0)),
    ([[1, 2], [3, 4]], np.array([[1.0, 2.0], [3.0, 4.0]])), (None, None),
    (True, True), (np.bool_(False), False), (np.str_("big"), "big"), ({"a": (1.0, [2.0])}, {"a": [1.0, (2.0,)]}),
])
def test_equal_results_within_the_tolerance_have_no_difference(got, want):
    assert compare()(got, want) is None


@pytest.mark.parametrize("got, want", [(1.0 + 2e-6, 1.0), (2e-9, 0.0), (1, True), (True, 1.0), ("Big", "big"),
                                       (np.array([1.0, 2.0]), np.array([1.0, 2.1]))])
def test_a_result_outside_the_tolerance_or_of_another_kind_differs_and_keeps_both_values(got, want):
    diff = compare()(got, want)
    assert isinstance(diff, Difference) and diff.where == ""
    assert diff.got is got and diff.want is want


def test_the_first_failing_entry_is_named_by_its_place():
    diff = compare()([1.0, 2.0, 3.0], [1.0, 5.0, 7.0])
    assert (diff.where, diff.got, diff.want) == ("the 2nd value", 2.0, 5.0)
    assert compare()((1.0, 2.0, 3.0, 9.0), (1.0, 2.0, 3.0, 4.0)).where == "the 4th value"
    nested = compare()([[1.0, 2.0], [3.0, 4.0]], [[1.0, 2.0], [3.0, 5.0]])
    assert (nested.got, nested.want) == (4.0, 5.0) and nested.where.endswith("[1]")


def test_returned_values_are_named_as_the_exercise_names_them():
    named = compare(names=("dw", "db"))
    assert named((np.array([1.0, 2.0]), 0.5), (np.array([1.0, 2.0]), 0.7)).where == "db"
    diff = named((np.array([1.0, 2.5]), 0.5), (np.array([1.0, 2.0]), 0.7))
    assert diff.where == "dw" and diff.got.tolist() == [1.0, 2.5]  # an array is shown whole, not one entry


def test_a_dict_is_compared_key_by_key_and_different_keys_are_said():
    diff = compare()({"w": 1.0, "b": 2.0}, {"w": 1.0, "b": 3.0})
    assert (diff.where, diff.got, diff.want) == ("['b']", 2.0, 3.0)
    keys = compare()({"w": 1.0}, {"w": 1.0, "b": 3.0})
    assert (keys.got, keys.want, keys.hint) == (["w"], ["b", "w"], "Different keys.")


@pytest.mark.parametrize("got, want, hint", [
    (None, 1.0, "Your code gave None: did a function forget `return`?"),
    (0.0, None, "Expected nothing back (None)."),
    (..., [1.0], "Replace the ... with your code."),
    (1.0, (1.0, 2.0), "Expected 2 values (a tuple), got float 1.0."),
    ([1.0], [1.0, 2.0], "Expected 2 values, got 1."),
    ([1.0, 2.0], {"a": 1.0}, "Expected a dict, got list [1.0, 2.0]."),
    ("3", 3.0, "Expected a number, got str '3'."),
    (np.bool_(True), np.array([1.0]), "Expected a number, got bool True."),
    ([3.0], 3.0, "Expected a number, got list [3.0]."),
    ({"x": 1.0}, np.array([1.0, 2.0]), "Expected numbers, got dict {'x': 1.0}."),
])
def test_a_result_of_the_wrong_kind_says_what_was_expected_and_what_came(got, want, hint):
    assert compare()(got, want).hint == hint


def test_a_problem_a_case_found_is_shown_with_its_own_hint():
    cut = Problem("a graph cut off from w", "The loss does not depend on w.")
    diff = compare()(cut, 1.0)
    assert diff.got is cut and diff.hint == "The loss does not depend on w." and show(cut) == "a graph cut off from w"
    assert compare()(cut, cut) is None and compare()(1.0, cut).hint == ""


# ---------------------------------------------------------------- hints: only what the numbers show
W = np.array([0.5, -1.0])


@pytest.mark.parametrize("got, hint", [
    (-W, "The sign is flipped."),
    (2 * W, "Every value is twice the right one: a factor 2 too many."),
    (W / 2, "Every value is half the right one: a factor 2 missing (or a ½ too many)."),
    (3 * W, "Every value is 3 times the right one."),
    (1000 * W, "Every value is 1000 times the right one."),
    (W / 4, "Every value is 1/4 of the right one."),
    (W + 0.1, ""),                 # no simple factor: no hint
    (1.5 * W, ""),                 # 1.5 rounds to 2, but 2·W is not it
    (2e7 * W, ""),                 # beyond a million times: no claim
])
def test_a_simple_factor_is_named_and_nothing_else_is(got, hint):
    assert compare()(got, W).hint == hint


def test_a_factor_is_called_a_sum_or_a_mean_only_when_the_case_has_that_many_samples():
    four = compare()
    four.samples = frozenset({4})
    assert four(4 * W, W).hint == "Every value is 4 times the right one: a sum over 4 samples where a mean was meant?"
    assert four(W / 4, W).hint == "Every value is 1/4 of the right one: divided by the 4 samples once too often?"
    assert four(3 * W, W).hint == "Every value is 3 times the right one."
    three = compare()
    three.samples = frozenset({3})
    assert three(4 * W, W).hint == "Every value is 4 times the right one."


def test_a_ratio_hint_says_what_it_is_about():
    assert compare()(1.5, 0.5).hint == "Your value is 3 times the right one."
    assert compare(names=("loss",))((1.5,), (0.5,)).hint == "Your loss is 3 times the right one."
    assert compare()(np.zeros(2) + 1.0, np.zeros(2)).hint == ""  # no ratio to a zero


def test_nan_and_inf_are_named_only_when_the_right_result_has_none():
    assert compare()(np.array([1.0, math.nan]), W).hint.startswith("A nan ('not a number') came out")
    assert compare()(np.array([math.inf, 1.0]), W).hint.startswith("An inf (infinity) came out")
    assert compare()(math.inf, -math.inf).hint == "The sign is flipped."  # an inf is expected: not named


def test_a_square_result_transposed_is_named():
    want = np.array([[1.0, 2.0], [3.0, 4.0]])
    assert compare()(want.T, want).hint == "Your result is the transpose of the right one: a .T too many or too few?"
    assert compare()(np.array([[1.0, 3.0], [2.0, 5.0]]), want).hint == ""


A = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])


@pytest.mark.parametrize("got, want, hint", [
    (A.T, A, "Shape (3, 2) where (2, 3) was expected. Transposed: these are the right values, a .T too many or too "
             "few (or the factors of @ swapped)."),
    (A[0][:, None], A[0], "Shape (3, 1) where (3,) was expected. The right values in another layout: a column (n, 1) "
                          "where a flat (n,) was meant: reshape it, e.g. with .ravel()."),
    (A[0], A[0][:, None], "Shape (3,) where (3, 1) was expected. The right values in another layout: reshape it, "
                          "e.g. with .ravel()."),
    (A[0][:, None] * np.ones(3), A[0], "Shape (3, 3) where (3,) was expected. An n×n table whose diagonal holds the "
                                       "right values: a column (n, 1) met a flat (n,) and broadcast to a table."),
    (A[:, :2], A, "Shape (2, 2) where (2, 3) was expected. One column missing: these are the right values without "
                  "the last column."),
    (A[1:], A, "Shape (1, 3) where (2, 3) was expected. One row missing: these are the right values without the "
               "first row."),
    (np.array([1.0, 2.0, 3.0, 4.0, 5.0]), A[0], "Shape (5,) where (3,) was expected."),
    (np.array([1.0, 3.0]), 2.0, "Expected one number, got 2 values (shape (2,)); their mean is the right number."),
    (np.array([2.0]), 2.0, "Expected one number, got an array of shape (1,) holding one; it is the right number."),
    (np.array([1.0, 2.0]), 5.0, "Expected one number, got 2 values (shape (2,))."),
    (2.0, A[0], "One number where an array of shape (3,) was expected."),
])
def test_a_result_of_the_wrong_shape_gets_its_shapes_and_what_the_values_show(got, want, hint):
    assert compare()(got, want).hint == hint


# ---------------------------------------------------------------- show and show_pair
@pytest.mark.parametrize("value, text", [
    (0.123456, "0.1235"), (2.0, "2"), (1e-7, "1e-07"), (123456.0, "1.235e+05"), (-0.5, "-0.5"),
    (np.float32(0.5), "0.5"), (np.float64(0.1), "0.1"), (np.int64(3), "3"), (-7, "-7"),
    (10**18, "1000000000000000000"), (True, "True"), (None, "None"),
    (np.bool_(False), "False"), (np.bool_(True), "True"),
    ([1.0, 2.5], "[1, 2.5]"), ((1.0,), "(1,)"), ((1.0, 2), "(1, 2)"), (np.array([[1.0, 2.0], [3.0, 4.0]]),
                                                                      "[[1, 2], [3, 4]]"),
    (np.array(0.5), "0.5"), (np.array([True, False]), "[True, False]"), ("abc", "str 'abc'"),
    (np.array(["a"]), "a numpy array of shape (1,)"),
])
def test_show_gives_four_significant_digits_on_one_line(value, text):
    assert show(value) == text


def test_show_keeps_big_and_deep_values_short():
    long = show(np.arange(100.0))
    assert "\n" not in long and "..." in long and long.startswith("[0") and long.endswith("99.]") and len(long) < 60
    assert "31 digits" in show(10**30) and len(show(-10**5000)) < 30
    assert show(np.arange(24.0)) == "[" + ", ".join(str(i) for i in range(24)) + "]"
    assert show(list(range(30))).startswith("list [0, 1, 2") and len(show(list(range(30)))) < 70
    loop = []
    loop.append(loop)
    assert show(loop) == "[" * 9 + "…" + "]" * 9  # nine levels, then no deeper
    assert show(1 / 3, 8) == "0.33333333" and show([1 / 3], 2) == "[0.33]"


@pytest.mark.parametrize("got, want, shown", [
    (1.0, 2.0, ("1", "2")),
    (3.00001, 3.0, ("3.00001", "3")),
    (0.1 + 0.2, 0.3, ("0.30000000000000004", "0.29999999999999999")),
    (np.array([1.0, 2.00001]), np.array([1.0, 2.0]), ("[1, 2.00001]", "[1, 2]")),
    (0.5, 0.5, ("0.5", "0.5")),
    ("big", "Big", ("str 'big'", "str 'Big'")),
])
def test_show_pair_uses_just_enough_digits_to_show_the_two_differ(got, want, shown):
    assert show_pair(got, want) == shown


def test_a_numpy_yes_no_result_is_shown_as_true_or_false():
    """numpy 2 writes np.True_; the learner wrote or compared True (a comparison of numpy numbers gives np.bool_)."""
    yes = CodeExercise("Yes", reference=lambda x: x > 1, cases=[call(np.float64(2.0))], hint="h")
    assert yes.check(lambda x: x < 1).message.splitlines()[2:] == ["  expected True", "  got      False"]
