"""Number display: the digits the plan and data have are kept; computed numbers are rounded."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planchk.numbers import num, number


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        (23.04, "", "23.04"),  # a boundary of the plan stays visible
        (23.0, "", "23"),
        (5.8, "%", "5.8%"),
        (16300.0, "", "16,300"),
        (6660.4, "", "6,660.4"),
        (19723.333333333332, "", "19,723"),
        (62.16666666666667, "%", "62.2%"),
        (0.784313725490196, "", "0.78"),
        (-0.0, "", "0"),
        (None, "", "–"),
    ],
)
def test_number_keeps_written_digits(value: float | None, unit: str, shown: str) -> None:
    assert number(value, unit) == shown


@given(st.decimals(min_value=-(10**6), max_value=10**6, places=2, allow_nan=False))
def test_a_value_with_two_decimals_reads_back_exactly(value: object) -> None:
    text = number(float(str(value))).replace(",", "")
    assert float(text) == float(str(value))


def test_num_is_calculator_friendly() -> None:
    assert num(23.04) == "23.04"
    assert num(16300.0) == "16300"
