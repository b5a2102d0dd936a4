"""helpers.maths.checks: one message style, "NAME must be KIND such as EXAMPLE, got VALUE"."""
import math

import numpy as np
import pytest

from helpers.maths import checks


def test_a_number_comes_back_as_a_float():
    assert checks.number("x", 3) == 3.0 and isinstance(checks.number("x", np.float32(0.5)), float)
    assert checks.number("x", np.array(2.0)) == 2.0  # a 0-d array is one number
    assert checks.number("lr", 0.1, positive=True) == 0.1


@pytest.mark.parametrize("value, error, message", [
    ("0.5", TypeError, "weight w must be a real number such as 0.5, got str '0.5'"),
    (True, TypeError, "weight w must be a real number such as 0.5, got bool True"),
    (1j, TypeError, "weight w must be a real number such as 0.5, got complex 1j"),
    (np.array([1.0, 2.0]), TypeError, "weight w must be a real number such as 0.5, got ndarray"),
    (math.inf, ValueError, "weight w must be a finite number such as 0.5, got inf"),
    (math.nan, ValueError, "weight w must be a finite number such as 0.5, got nan"),
])
def test_a_bad_number_is_named_with_what_was_expected_and_what_came(value, error, message):
    with pytest.raises(error) as raised:
        checks.number("weight w", value)
    assert str(raised.value).startswith(message)


def test_a_real_number_may_be_infinite_but_must_be_real():
    assert checks.real("x", math.inf) == math.inf and math.isnan(checks.real("x", math.nan))
    assert type(checks.real("x", np.float64(0.5))) is float and checks.real("x", 2) == 2.0
    assert checks.is_real(0.5) and checks.is_real(np.array(1.0)) and not checks.is_real(np.bool_(True))
    for value in ("0.5", True, 1j, np.array([1.0, 2.0])):
        with pytest.raises(TypeError, match="data must be a real number such as 0.8, got"):
            checks.real("data", value, "0.8")


def test_positive_numbers():
    for bad in (0, -0.1, math.inf):
        with pytest.raises(ValueError, match=r"^lr must be a positive finite number such as 0.1, got "):
            checks.number("lr", bad, "0.1", positive=True)


def test_whole_numbers():
    assert checks.whole("n", 40, 4) == 40 and checks.whole("n", np.int64(5), 4) == 5
    with pytest.raises(TypeError, match=r"^n must be a whole number such as 40, got float 4.0"):
        checks.whole("n", 4.0, 4)
    with pytest.raises(ValueError, match=r"^n must be a whole number of at least 4 such as 40, got 3"):
        checks.whole("n", 3, 4)


def test_numbers_between_two_bounds():
    assert checks.between("noise", 0.0, 0.0, 1.0) == 0.0 and checks.between("noise", 1, 0.0, 1.0) == 1.0
    with pytest.raises(ValueError, match=r"^noise must be a number between 0.0 and 1.0 such as 0.1, got 1.5"):
        checks.between("noise", 1.5, 0.0, 1.0)


def test_a_learning_rate_is_a_positive_number_named_as_the_notebooks_name_it():
    assert checks.learning_rate(0.3) == 0.3
    with pytest.raises(ValueError, match=r"^learning rate lr must be a positive finite number such as 0.1, got -1.0"):
        checks.learning_rate(-1)
    with pytest.raises(TypeError, match=r"^lr must be a real number such as 0.1"):
        checks.learning_rate("fast", "lr")


def test_an_array_comes_back_as_floats_or_is_named():
    assert checks.array("weights w", [1, 2], (1,), "[0.8, -0.4]").tolist() == [1.0, 2.0]
    with pytest.raises(TypeError, match=r"^weights w must be numbers such as \[0.8, -0.4\], got str 'ab'"):
        checks.array("weights w", "ab", (1,), "[0.8, -0.4]")
    with pytest.raises(ValueError, match=r"^weights w must be numbers such as \[0.8, -0.4\], got shape \(2, 1\)"):
        checks.array("weights w", [[1], [2]], (1,), "[0.8, -0.4]")
    with pytest.raises(ValueError, match=r"^weights w must be numbers such as \[0.8, -0.4\], got shape \(0,\)"):
        checks.array("weights w", [], (1,), "[0.8, -0.4]")
    with pytest.raises(ValueError, match=r"^weights w must be finite numbers, got \[1, inf\]"):
        checks.array("weights w", [1, math.inf], (1,), "[0.8, -0.4]")


def test_targets_are_one_per_sample():
    assert checks.targets([0, 1], 2).tolist() == [0.0, 1.0]
    assert checks.targets([[0], [1]], 2).shape == (2,) and checks.targets(1, 1).tolist() == [1.0]
    for bad in ([0, 1, 1], [[0, 1]], 0.5):
        with pytest.raises(ValueError, match=r"^targets t must have shape \(2,\), one target per sample: there are 2 samples but"):
            checks.targets(bad, 2)


def test_samples_are_rows_x1_x2_with_their_targets():
    X, t = checks.samples([[0, 1], [1, 1]], [1, 0])
    assert X.shape == (2, 2) and X.dtype == float and t.tolist() == [1.0, 0.0]
    assert checks.samples([0.5, 0.5])[0].shape == (1, 2) and checks.samples([[0, 1]])[1] is None
    with pytest.raises(ValueError, match=r"^inputs X must have shape \(n, 2\), one row \(x1, x2\) per sample, got shape \(1, 3\)"):
        checks.samples([[0, 1, 2]])
    with pytest.raises(TypeError, match=r"^held-out X_val must be numbers of shape \(n, 2\) such as \[\[0, 1\], \[1, 1\]\], got list"):
        checks.samples([[0, "a"]], name="held-out X_val")
    with pytest.raises(ValueError, match=r"^inputs X must be finite numbers"):
        checks.samples([[0, math.nan]])
    with pytest.raises(ValueError, match=r"^targets t must have shape \(1,\)"):
        checks.samples([[0, 1]], [0, 1])
