"""Reading what a learner typed (helpers/exercises/reading.py): a number, a list of numbers, one option's text.

Each reader returns the answer in plain form or raises Unreadable with a status and a message that names
the slip. The first tests go through an Exercise (what the learner sees); the rest call the readers directly.
"""
import decimal
import fractions
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_exercises import Node, Weird, choice, number, steps

from helpers.exercises import Exercise
from helpers.exercises.reading import (Unreadable, decimals_typed, describe, normal_text, read_choice, read_number,
                                       read_numbers, sentence)


def unreadable(reader, *args) -> Unreadable:
    """The Unreadable that ``reader(*args)`` raises (the test fails if it returns instead)."""
    with pytest.raises(Unreadable) as why:
        reader(*args)
    return why.value


# ---------------------------------------------------------------- through an Exercise (moved from test_exercises.py)
@pytest.mark.parametrize("answer, words", [
    ((0, 49), "use a dot for decimals"),              # 0,49
    ((-1, 5), "write -1.5"),                           # -1,5
    ("0.49", "remove the quotes"),
    (" 0,49 ", "remove the quotes and use a dot"),
    ("(1.5*0.8 - 0.5)**2", "remove the quotes, so that Python computes it"),
    ("abc", "type the number itself"),
    ("", "type the number itself"),
    ((0.49,), "trailing comma"),
    ((1, 0, 8), "use a dot"),
    ([0.49], "Remove the brackets"),
    ({"w": 0.59}, "dict"),
    ({0.59}, "set"),
    (None, "without `return`"),
    (True, "yes/no"),
    (np.bool_(False), "yes/no"),
    (1 + 2j, "complex"),
    (np.complex128(0.5), "complex"),
    (float("nan"), "not a number"),
    (np.array([0.59]), "float(answer)"),
    (np.zeros((2, 2)), "shape (2, 2)"),
    (print, "call it"),
    (Exercise, "call it"),
])
def test_wrong_kinds_get_a_pointed_word(answer, words):
    feedback = number.check(answer)
    assert feedback.status == "wrong kind", feedback
    assert words in feedback.message


@pytest.mark.parametrize("answer, words", [
    (10**400, "401 digits"), (-10**400, "401 digits"), (fractions.Fraction(10**400, 3), "too big"),
    (float("inf"), "infinitely large"), (-math.inf, "infinitely large"), (np.float64("inf"), "infinitely large"),
    (decimal.Decimal("1e400"), "infinitely large"),
])
def test_huge_and_infinite_numbers_are_wrong_with_a_reason(answer, words):
    feedback = number.check(answer)
    assert feedback.status == "wrong" and words in feedback.message


def test_a_value_node_is_pointed_to_its_data_or_grad():
    assert ".grad" in number.check(Node()).message


def test_choice_text_regardless_of_spacing_case_and_quotes():
    for typed in (" Diverges ", "DIVERGES", "diverges.", '"diverges"', "di verges"):
        assert choice.check(typed).correct, typed
    assert choice.check("Oscillates  but converges").status == "wrong"
    assert choice.check("converges").message == "Pick: not quite. The factor is negative."
    assert choice.check("oscillatesbutconverges").message.startswith("Pick: not quite. Hint:")
    assert choice.check("explodes").status == "wrong kind" and "not one of the options" in choice.check("explodes").message
    assert choice.check(3).status == "wrong kind" and "as text" in choice.check(3).message


@pytest.mark.parametrize("typed", ["1e-5", "1e-05", "1E-5", " 1e-5 ", 1e-5, 0.00001, np.float64(1e-5), "0.00001"])
def test_number_options_accept_the_number_and_pythons_spelling(typed):
    assert steps.check(typed).correct


def test_number_options_reject_other_numbers_clearly():
    assert steps.check(1e-12).status == "wrong"
    assert steps.check(1e-7).status == "wrong kind" and "not one of the options" in steps.check(1e-7).message
    assert steps.check(10**400).status == "wrong kind"
    assert "'1e-2', '1e-5', '1e-12'" in steps.check("1e-7").message


# ---------------------------------------------------------------- read_number
@pytest.mark.parametrize("answer, value", [
    (0.5, 0.5), (-3, -3.0), (np.float32(0.5), 0.5), (np.float16(0.25), 0.25), (np.int64(7), 7.0),
    (np.array(0.125), 0.125), (np.array(np.float32(2.5)), 2.5), (fractions.Fraction(1, 4), 0.25),
    (decimal.Decimal("0.1"), 0.1), (2**64, 18446744073709551616.0), (1e-320, 1e-320),
])
def test_a_real_number_of_any_kind_reads_as_a_plain_float(answer, value):
    got = read_number(answer)
    assert type(got) is float and got == value


def test_a_third_reads_as_the_float_nearest_a_third():
    assert read_number(fractions.Fraction(1, 3)) == 1 / 3


@pytest.mark.parametrize("typed, meant", [("0,5", "0.5"), ("−0,25", "-0.25"), (" 1e-5 ", "1e-05"), (".5", "0.5")])
def test_a_number_in_quotes_is_told_to_lose_them_and_shown_as_the_number_it_is(typed, meant):
    why = unreadable(read_number, typed)
    assert why.status == "wrong kind"
    assert f"({meant} without quotes is a number)" in why.message
    assert ("use a dot" in why.message) == ("," in typed)


@pytest.mark.parametrize("typed", ["1/3", "2 * 0.25", "(1 - 0.2)**2", "1 ÷ 3", "−1+2"])
def test_arithmetic_in_quotes_is_told_to_let_python_compute_it(typed):
    why = unreadable(read_number, typed)
    assert why.status == "wrong kind" and "so that Python computes it" in why.message


@pytest.mark.parametrize("typed", ["50%", "half", "w1", "0.5 ± 0.1", "()", "+-"])
def test_text_that_is_not_a_number_or_arithmetic_asks_for_the_number_itself(typed):
    why = unreadable(read_number, typed)
    assert why.status == "wrong kind" and "type the number itself" in why.message
    assert "remove the quotes" not in why.message


@pytest.mark.parametrize("pair, meant", [((0, 5), "0.5"), ((0, 49), "0.49"), ((-1, 5), "-1.5"), ((21, 0), "21.0"),
                                         ((np.int64(0), 5), "0.5")])
def test_a_decimal_comma_outside_quotes_is_read_back_as_the_number_meant(pair, meant):
    why = unreadable(read_number, pair)
    assert why.status == "wrong kind" and f"write {meant}." in why.message
    assert meant.replace(".", ",") in why.message  # what the learner typed, shown back


@pytest.mark.parametrize("pair", [(0, -5), (0.5, 1), (True, 1), (1, 2, 3)])
def test_values_separated_by_commas_that_cannot_be_a_decimal_comma_are_counted(pair):
    why = unreadable(read_number, pair)
    assert why.status == "wrong kind" and f"got {len(pair)} values separated by commas" in why.message
    assert "write" not in why.message


@pytest.mark.parametrize("answer, words", [
    ([0.5], "a list of 1. Remove the brackets."),
    ([0.5, 0.6], "a list of 2."),
    (np.array([0.5]), "Take the number out with float(answer)."),
    (np.array([[0.5]]), "float(answer)"),
])
def test_a_list_or_array_where_one_number_belongs_says_how_many_and_what_to_do(answer, words):
    why = unreadable(read_number, answer)
    assert why.status == "wrong kind" and words in why.message


def test_brackets_and_float_are_suggested_only_for_a_single_number():
    assert "Remove the brackets" not in unreadable(read_number, [0.5, 0.6]).message
    assert "float(answer)" not in unreadable(read_number, np.array([0.5, 0.6])).message


@pytest.mark.parametrize("nan", [math.nan, np.float64("nan"), np.float32("nan"), decimal.Decimal("NaN"),
                                 decimal.Decimal("sNaN"), np.array(math.nan)])
def test_nan_is_the_wrong_kind_and_says_not_a_number(nan):
    why = unreadable(read_number, nan)
    assert why.status == "wrong kind" and "not a number" in why.message


@pytest.mark.parametrize("big", [math.inf, -math.inf, np.float32("inf"), decimal.Decimal("-Infinity")])
def test_an_infinite_number_is_a_wrong_number_not_a_wrong_kind(big):
    why = unreadable(read_number, big)
    assert why.status == "wrong" and "infinitely large" in why.message


@pytest.mark.parametrize("power, digits", [(308, 309), (400, 401), (5000, 5001)])
def test_a_whole_number_too_big_for_a_float_says_how_many_digits_it_has(power, digits):
    why = unreadable(read_number, 10**power * 3)  # 3·10^power has power + 1 digits
    assert why.status == "wrong" and f"has {digits} digits" in why.message


def test_ellipsis_is_unanswered_and_none_points_at_a_missing_return():
    assert unreadable(read_number, ...).status == "unanswered"
    why = unreadable(read_number, None)
    assert why.status == "wrong kind" and "got None" in why.message and "`return`" in why.message


def test_yes_no_values_are_not_read_as_one_and_zero():
    for answer in (True, False, np.bool_(True)):
        why = unreadable(read_number, answer)
        assert why.status == "wrong kind" and f"got {bool(answer)}, a yes/no value" in why.message


def test_a_complex_number_is_shown_and_explained():
    z = (-8) ** (1 / 3)  # about 1 + 1.732j: a negative number to a fractional power
    why = unreadable(read_number, z)
    assert why.status == "wrong kind" and f"complex number {z!r}" in why.message and "(-8) ** (1/3)" in why.message
    assert "complex number (0.5+0j)" in unreadable(read_number, np.complex128(0.5)).message


def test_a_function_or_class_is_asked_to_be_called_and_a_node_to_give_its_number():
    assert "got the function sin: call it" in unreadable(read_number, math.sin).message
    assert "got the class Fraction: call it" in unreadable(read_number, fractions.Fraction).message

    class Grad:  # anything with a number in .grad or .data is a node of a graph
        grad = 0.5
    assert ".data (the value) or .grad (the gradient)" in unreadable(read_number, Grad()).message


@pytest.mark.parametrize("answer", [object(), Weird(), b"0.5", range(3), slice(1), iter([1])],
                         ids=lambda a: type(a).__name__)
def test_anything_else_is_the_wrong_kind_with_a_safe_description(answer):
    why = unreadable(read_number, answer)
    assert why.status == "wrong kind" and "such as 0.42" in why.message and len(why.message) < 200


# Anything a learner can type, nested: the readers return or raise Unreadable, nothing else.
_LEAVES = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.complex_numbers(), st.text(max_size=8),
                    st.fractions(), st.decimals(), st.just(...), st.builds(Weird),
                    st.floats(width=32).map(np.float32), st.integers(-2**63, 2**63 - 1).map(np.int64))
ANSWERS = st.recursive(_LEAVES, lambda inner: st.one_of(st.lists(inner, max_size=3), st.tuples(inner, inner),
                                                         st.dictionaries(st.text(max_size=2), inner, max_size=2),
                                                         st.lists(st.floats(), max_size=4).map(np.array)),
                       max_leaves=8)


@settings(max_examples=300, deadline=None)
@given(ANSWERS)
def test_a_reader_returns_a_plain_answer_or_raises_unreadable_and_nothing_else(answer):
    for reader, args, statuses in ((read_number, (), {"wrong kind", "wrong", "unanswered"}),
                                   (read_numbers, ((2,),), {"wrong kind", "wrong", "unanswered"}),
                                   (read_choice, (("0.5", "1e-5"),), {"wrong kind", "unanswered"}),
                                   (read_choice, (("same", "different"),), {"wrong kind", "unanswered"})):
        try:
            got = reader(answer, *args)
        except Unreadable as why:
            assert why.status in statuses and 0 < len(why.message) < 400, why.message
            continue
        if reader is read_number:
            assert type(got) is float and math.isfinite(got)
        elif reader is read_numbers:
            assert got.shape == (2,) and got.dtype == float and np.all(np.isfinite(got))
        else:
            assert got in args[0]


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_any_finite_float_reads_as_itself_and_in_quotes_is_named(x):
    assert read_number(x) == x
    why = unreadable(read_number, repr(x))
    assert f"({x!r} without quotes is a number)" in why.message


# ---------------------------------------------------------------- read_numbers
def test_a_list_tuple_or_array_of_numbers_reads_as_a_float_array_of_the_shape():
    for answer in ([1, 0.5], (1, 0.5), np.array([1, 0.5]), [np.int64(1), np.float32(0.5)],
                   [fractions.Fraction(1), 0.5]):
        got = read_numbers(answer, (2,))
        assert got.dtype == np.float64 and got.shape == (2,) and got.tolist() == [1.0, 0.5]
    assert read_numbers([[1, 2], [3, 4]], (2, 2)).tolist() == [[1.0, 2.0], [3.0, 4.0]]


@pytest.mark.parametrize("answer, shape, words", [
    ([1, 2, 3], (2,), "expected 2 numbers in a list (shape (2,)), got shape (3,)"),
    ([1, 2, 3, 4], (2, 2), "expected 4 numbers in a list (shape (2, 2)), got shape (4,)"),
    (np.ones((2, 3)), (3, 2), "got shape (2, 3)"),
    (0.5, (2,), "got float 0.5"),
    ("0.5, 0.6", (2,), "got str '0.5, 0.6'"),
    (None, (2,), "got NoneType None"),
    ({1: 0.5, 2: 0.6}, (2,), "got dict"),
    (np.float64(0.5), (2,), "got float64"),
])
def test_a_wrong_shape_or_kind_says_how_many_numbers_were_expected_and_what_came(answer, shape, words):
    why = unreadable(read_numbers, answer, shape)
    assert why.status == "wrong kind" and words in why.message


@pytest.mark.parametrize("answer, shape, where, words", [
    ([0.6, "0.6"], (2,), "entry 1: ", "remove the quotes"),
    ([[1, 2], [3, "x"]], (2, 2), "entry (1, 1): ", "type the number itself"),
    ([0.1, math.nan, 0.3], (3,), "entry 1: ", "not a number"),
    ([[0.5], 0.5], (2,), "entry 0: ", "Remove the brackets"),
    ([None, 1], (2,), "entry 0: ", "got None"),
])
def test_the_first_unreadable_entry_is_named_with_its_index(answer, shape, where, words):
    why = unreadable(read_numbers, answer, shape)
    assert why.message.startswith(where) and words in why.message


def test_an_entry_keeps_its_status_but_a_missing_entry_is_the_wrong_kind():
    assert unreadable(read_numbers, [1.0, 10**400], (2,)).status == "wrong"  # a wrong number, as for one number
    partly = unreadable(read_numbers, [1.0, ...], (2,))
    assert partly.status == "wrong kind" and partly.message.startswith("entry 1: ")
    assert unreadable(read_numbers, ..., (2,)).status == "unanswered"


# ---------------------------------------------------------------- read_choice
SPEEDS = ("converges", "oscillates but converges", "diverges")


def test_an_option_is_returned_as_its_own_text_whatever_the_spacing_case_quotes_or_full_stop():
    for typed in ("Diverges.", " 'diverges' ", "DIVER GES", "“diverges”"):
        assert read_choice(typed, SPEEDS) == "diverges"
    assert read_choice("Oscillates but converges", SPEEDS) == "oscillates but converges"


def test_an_option_can_be_named_without_its_small_words_when_only_one_fits():
    assert read_choice("same", ("the same", "different")) == "the same"
    assert read_choice("oscillates converges", SPEEDS) == "oscillates but converges"
    both = unreadable(read_choice, "W11", ("all but W11", "only W11"))  # both say W11 once small words go
    assert both.status == "wrong kind" and "fits more than one option ('all but W11', 'only W11')" in both.message


@pytest.mark.parametrize("typed", ["oscillates", "the", "but", "converge"])
def test_a_part_of_an_option_or_only_small_words_is_no_option(typed):
    why = unreadable(read_choice, typed, SPEEDS)
    assert why.status == "wrong kind" and "is not one of the options" in why.message
    assert "is not one of the options" in unreadable(read_choice, typed, ("all of it", "none of it")).message


@pytest.mark.parametrize("typed, option", [(0.01, "0.01"), ("0,01", "0.01"), (np.float64(0.1), "0.1"), (1, "1e0"),
                                          ("1E0", "1e0"), (np.int64(1), "1e0"), ("1e-2", "0.01")])
def test_numeric_options_are_read_as_numbers(typed, option):
    assert read_choice(typed, ("0.01", "0.1", "1e0")) == option


@pytest.mark.parametrize("typed", [0.02, 10**400, -math.inf, "0.011"])
def test_another_number_is_not_an_option(typed):
    why = unreadable(read_choice, typed, ("0.01", "0.1", "1e0"))
    assert why.status == "wrong kind" and "not one of the options '0.01', '0.1', '1e0'" in why.message


@pytest.mark.parametrize("answer, choices", [(0.5, ("same", "different")), (True, ("0", "1")), (None, SPEEDS),
                                             (["same"], ("same", "different")), (math.nan, ("0.5", "1"))])
def test_a_non_text_answer_is_asked_for_one_option_as_text(answer, choices):
    why = unreadable(read_choice, answer, choices)
    if isinstance(answer, float) and all(c[0].isdigit() for c in choices):
        assert "not one of the options" in why.message  # nan is a number, but no option's
    else:
        assert "one of the options as text, in quotes" in why.message
    assert why.status == "wrong kind"


def test_an_unanswered_choice():
    assert unreadable(read_choice, ..., SPEEDS).status == "unanswered"


# ---------------------------------------------------------------- normal_text, decimals_typed, describe, sentence
def test_normal_text_drops_case_spaces_quotes_and_one_final_full_stop():
    assert normal_text(" All but W11,W21 ") == normal_text("all but w11, w21") == "allbutw11,w21"
    assert normal_text('"Diverges."') == normal_text("‘diverges’") == "diverges"
    assert normal_text("1e-5..") == "1e-5."  # only the last full stop goes
    assert normal_text("w1.5") == "w1.5" and normal_text("w1, w2") != normal_text("w1. w2")


@pytest.mark.parametrize("x, k", [(0.475, 3), (21.0, 0), (21, 0), (0.5, 1), (-2.25, 2), (1e-4, 4), (0.1 + 0.2, 17),
                                  (1 / 3, 16), (2 / 3, 16), (1e-20, 18), (123456.789, 3)])
def test_decimals_typed_counts_the_decimals_python_keeps(x, k):
    assert decimals_typed(x) == k


@pytest.mark.parametrize("value, text", [
    (0.25, "float 0.25"), ("0.49", "str '0.49'"), (None, "NoneType None"), (True, "bool True"),
    ((0, 49), "tuple (0, 49)"), (2**64 - 1, "int 18446744073709551615"), (2**64, "an int with 20 digits"),
    (10**100, "an int with 101 digits"),
    (np.zeros((2, 3)), "a numpy array of shape (2, 3)"), (fractions.Fraction, "the class Fraction"),
    (np.float64(0.5), "float64 0.5"), (np.True_, "bool True"), (np.int64(-3), "int64 -3"), (np.str_("a"), "str_ 'a'"),
    (print, "the function print"), (lambda x: x, "the function <lambda>"), (Weird(), "Weird <Weird object>"),
])
def test_describe_says_the_kind_and_a_short_text(value, text):
    assert describe(value) == text


def test_describe_stays_short_for_long_values():
    assert describe(-10**5000) == "an int with 5001 digits"  # too long for Python to print
    long_text = describe("x" * 10_000)
    assert long_text.startswith("str 'xxx") and long_text.endswith("…") and len(long_text) == len("str ") + 40
    assert len(describe(list(range(10_000)))) < 60 and len(describe("y" * 100, width=10)) == len("str ") + 10
    loop = []
    loop.append(loop)
    assert describe(loop).startswith("list [[") and len(describe(loop)) < 50


@pytest.mark.parametrize("text, said", [
    ("that is w1.", "That is w1."), ("a node used twice", "A node used twice"), ("  keep it  ", "Keep it"),
    ("i think so", "I think so"), ("y = 0.9", "y = 0.9"), ("dL/dw = 1.2", "dL/dw = 1.2"),
    ("σ′ is missing", "σ′ is missing"), ("x is the input", "x is the input"), ("a = 2", "a = 2"),
    ("w1 is right", "w1 is right"), ("", ""), ("a", "a"),
    ("forget `return`?", "Forget `return`?"),
])
def test_sentence_capitalises_a_first_word_but_never_a_symbol(text, said):
    assert sentence(text) == said
