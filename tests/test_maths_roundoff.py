"""helpers.maths.roundoff: a number with the digits asked for, or the bound it is under when it is round-off."""
import math

import pytest

from helpers.maths import roundoff


@pytest.mark.parametrize("x, spec, expected", [
    (0.125, ".2g", "0.12"), (4.3665, ".2g", "4.4"), (1.28e-11, ".2g", "1.3e-11"),   # losses in 05 and 06
    (3.14e-6, ".3g", "3.14e-06"), (2.5e-4, ".1e", "2.5e-04"),
    (3e-31, ".2g", "< 1e-12"), (2.5e-17, ".3g", "< 1e-12"), (0.0, ".3g", "< 1e-12"),
    (-4e-13, ".2g", "< 1e-12"),                                                     # round-off of either sign
])
def test_a_number_or_the_round_off_bound(x, spec, expected):
    assert roundoff.text(x, spec) == expected


def test_the_bound_is_written_without_a_leading_zero_in_its_exponent():
    assert roundoff.text(3e-8, ".2g", below=1e-6) == "< 1e-6"
    assert roundoff.text(3e-10, ".2g", below=1e-9) == "< 1e-9"
    assert roundoff.text(2e-6, ".2g", below=1e-6) == "2e-06"  # at the bound: a real number, printed


def test_not_a_number_is_never_called_round_off():
    assert roundoff.text(math.nan, ".2g") == "nan" and roundoff.text(math.inf, ".2g") == "inf"
