"""`planchk.radicals`: the exact sign of a^(1/n) − (k·b^(1/n) + c), against a 120-digit
reference, on exact equalities, and at the boundaries the progress thresholds need."""

from __future__ import annotations

from decimal import Context, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planchk.radicals import (
    degree,
    integer_root,
    linear_sign,
    power_coefficients,
    radical_sign,
    rational_root,
)
from planchk.rational import Fraction

_REFERENCE = Context(prec=120)


def _root(value: Fraction, n: int) -> Decimal:
    ctx = _REFERENCE
    return ctx.power(ctx.divide(Decimal(value.numerator), Decimal(value.denominator)),
                     ctx.divide(Decimal(1), Decimal(n)))  # fmt: skip


def _reference(a: Fraction, b: Fraction, n: int, k: Fraction, c: Fraction) -> Decimal:
    ctx = _REFERENCE
    kd = ctx.divide(Decimal(k.numerator), Decimal(k.denominator))
    cd = ctx.divide(Decimal(c.numerator), Decimal(c.denominator))
    return ctx.subtract(_root(a, n), ctx.add(ctx.multiply(kd, _root(b, n)), cd))


positive = st.fractions(min_value=Fraction(1, 10), max_value=10, max_denominator=1000).map(Fraction)
rational = st.fractions(min_value=-3, max_value=3, max_denominator=100).map(Fraction)


@given(a=positive, b=positive, n=st.integers(1, 12), k=rational, c=rational)
def test_the_sign_agrees_with_a_120_digit_reference(
    a: Fraction, b: Fraction, n: int, k: Fraction, c: Fraction
) -> None:
    reference = _reference(a, b, n, k, c)
    if abs(reference) > Decimal("1e-90"):  # beyond any doubt of the reference itself
        assert radical_sign(a, b, n, k, c) == (1 if reference > 0 else -1)


@given(v=positive, n=st.integers(1, 8), k=rational)
def test_perfect_powers_are_decided_exactly(v: Fraction, n: int, k: Fraction) -> None:
    # b = v^n: y = v is rational; choose a so that x = k·v + c exactly, for c making it positive.
    c = Fraction(1) - k * v if k * v + 1 > 0 else 1 - 2 * k * v
    z = k * v + c
    assert z > 0
    assert radical_sign(z**n, v**n, n, k, c) == 0
    assert radical_sign(z**n + Fraction(1, 10**30), v**n, n, k, c) == 1
    assert radical_sign(z**n - min(z**n / 2, Fraction(1, 10**30)), v**n, n, k, c) == -1


@pytest.mark.parametrize(
    ("a", "b", "n", "k", "c", "expected"),
    [
        (Fraction(2), Fraction(2), 2, Fraction(1), Fraction(0), 0),  # √2 = √2
        (Fraction(4), Fraction(4), 4, Fraction(1), Fraction(0), 0),  # y = √2 has degree 2
        (Fraction(8), Fraction(8), 6, Fraction(1), Fraction(0), 0),  # 8^(1/6) = √2
        (Fraction(2), Fraction(8), 6, Fraction(1), Fraction(0), -1),  # 2^(1/6) < √2
        (Fraction(3), Fraction(2), 2, Fraction(1), Fraction(0), 1),
        # growth equal to the reference's: R = g/g_ref = 1, that is x = 1·y + 0
        (Fraction(133, 100), Fraction(133, 100), 3, Fraction(1), Fraction(0), 0),
        # R ≥ 0.95 ⇔ x ≥ 0.95·y + 0.05: at a = b, R = 1 ≥ 0.95
        (Fraction(133, 100), Fraction(133, 100), 3, Fraction(95, 100), Fraction(5, 100), 1),
        (Fraction(1), Fraction(2), 3, Fraction(-1), Fraction(-1), 1),  # k·y + c < 0
        (Fraction(1), Fraction(1), 5, Fraction(1), Fraction(0), 0),
    ],
)
def test_known_signs(
    a: Fraction, b: Fraction, n: int, k: Fraction, c: Fraction, expected: int
) -> None:
    assert radical_sign(a, b, n, k, c) == expected


@pytest.mark.parametrize(
    ("b", "n", "expected"),
    [
        (Fraction(2), 6, (6, Fraction(2))),
        (Fraction(8), 6, (2, Fraction(2))),
        (Fraction(64), 6, (1, Fraction(2))),
        (Fraction(9, 4), 2, (1, Fraction(3, 2))),
        (Fraction(1), 7, (1, Fraction(1))),
    ],
)
def test_degree(b: Fraction, n: int, expected: tuple[int, Fraction]) -> None:
    assert degree(b, n) == expected


def test_power_coefficients_of_one_plus_root_two_squared() -> None:
    assert power_coefficients(Fraction(2), 2, Fraction(1), Fraction(1)) == [3, 2]  # 3 + 2√2


@given(value=st.integers(0, 10**60), n=st.integers(1, 9))
def test_integer_root_is_the_floor(value: int, n: int) -> None:
    root = integer_root(value, n)
    assert root**n <= value < (root + 1) ** n


@given(v=positive, n=st.integers(1, 6))
def test_rational_root_finds_exact_powers_only(v: Fraction, n: int) -> None:
    assert rational_root(v**n, n) == v
    if n > 1 and rational_root(v, n) is not None:
        assert rational_root(v, n) ** n == v  # type: ignore[operator]


@given(b=positive, n=st.integers(1, 8), k=rational, c=rational)
def test_linear_sign_agrees_with_the_reference(
    b: Fraction, n: int, k: Fraction, c: Fraction
) -> None:
    ctx = _REFERENCE
    kd = ctx.divide(Decimal(k.numerator), Decimal(k.denominator))
    cd = ctx.divide(Decimal(c.numerator), Decimal(c.denominator))
    reference = ctx.add(ctx.multiply(kd, _root(b, n)), cd)
    if abs(reference) > Decimal("1e-90"):
        assert linear_sign(b, n, k, c) == (1 if reference > 0 else -1)


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError, match="a > 0"):
        radical_sign(Fraction(0), Fraction(1), 2, Fraction(1), Fraction(0))
    with pytest.raises(ValueError, match="value >= 0"):
        integer_root(-1, 2)
