"""parse_quantity and format_decimal: reported figures read exactly, with their qualifiers."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planchk.quantities import (
    Qualifier,
    Quantity,
    QuantityError,
    format_decimal,
    is_preliminary_note,
    normalise_text,
    parse_quantity,
)

# --- plain numbers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("6151", Decimal(6151)),
        ("5.8", Decimal("5.8")),
        ("0.1", Decimal("0.1")),
        (".5", Decimal("0.5")),
        ("-3", Decimal(-3)),
        ("+3", Decimal(3)),
        ("  16300  ", Decimal(16300)),
        ("58.0", Decimal("58.0")),
        ("1e3", Decimal(1000)),
    ],
)
def test_plain_numbers_are_exact_decimals(raw: str, expected: Decimal) -> None:
    quantity = parse_quantity(raw)
    assert isinstance(quantity.value, Decimal)
    assert quantity.value == expected
    assert quantity.qualifier is Qualifier.EXACT
    assert not quantity.preliminary
    assert not quantity.percent


def test_decimal_is_not_built_from_a_binary_float() -> None:
    # Decimal(0.1) is 0.1000000000000000055511151231257827...; the cell says 0.1.
    assert parse_quantity("0.1").value.as_tuple() == Decimal("0.1").as_tuple()
    assert parse_quantity("0.1").value != Decimal.from_float(0.1)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1,435", Decimal(1435)),
        ("12,345,678", Decimal(12345678)),
        ("1,435.25", Decimal("1435.25")),
        ("-1,000", Decimal(-1000)),
    ],
)
def test_thousands_separators(raw: str, expected: Decimal) -> None:
    assert parse_quantity(raw).value == expected


@pytest.mark.parametrize("raw", ["5,8", "1,43", "14,35", "1,4350", ",5", "1,,435"])
def test_commas_that_are_not_thousands_separators_are_rejected(raw: str) -> None:
    # 5,8 is a decimal comma; reading it as 58 would silently change the figure tenfold.
    with pytest.raises(QuantityError):
        parse_quantity(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("５.８", Decimal("5.8")),
        ("１，４３５", Decimal(1435)),
        ("６１５１", Decimal(6151)),
        ("５．８", Decimal("5.8")),  # full-width full stop
    ],
)
def test_full_width_digits_and_punctuation(raw: str, expected: Decimal) -> None:
    assert parse_quantity(raw).value == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1 435", Decimal(1435)),
        (" 1 435 ", Decimal(1435)),
        ("1\u3000435", Decimal(1435)),  # ideographic space
        ("1\u00a0435", Decimal(1435)),  # no-break space
        ("1 435.5", Decimal("1435.5")),
        ("超过 6 100", Decimal(6100)),
    ],
)
def test_inner_white_space_is_ignored(raw: str, expected: Decimal) -> None:
    assert parse_quantity(raw).value == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("5.8%", Decimal("5.8")), ("５.８％", Decimal("5.8")), ("-2.5 %", Decimal("-2.5"))],
)
def test_trailing_percent_is_recorded(raw: str, expected: Decimal) -> None:
    quantity = parse_quantity(raw)
    assert quantity.value == expected
    assert quantity.percent
    assert quantity.qualifier is Qualifier.EXACT


def test_no_percent_sign_means_percent_false() -> None:
    assert parse_quantity("5.8").percent is False


@pytest.mark.parametrize("raw", ["-0", "+0", "-0.00", "0e-5", "-0e3"])
def test_negative_zero_becomes_zero(raw: str) -> None:
    quantity = parse_quantity(raw)
    assert quantity.value == 0
    assert not quantity.value.is_signed()
    assert str(quantity) == "0"


# --- qualifiers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "qualifier", "value"),
    [
        (">6100", Qualifier.AT_LEAST, Decimal(6100)),
        (">=6100", Qualifier.AT_LEAST, Decimal(6100)),
        ("≥6100", Qualifier.AT_LEAST, Decimal(6100)),
        ("＞6100", Qualifier.AT_LEAST, Decimal(6100)),  # full-width >
        ("超过6100", Qualifier.AT_LEAST, Decimal(6100)),
        ("超6100", Qualifier.AT_LEAST, Decimal(6100)),
        ("逾6100", Qualifier.AT_LEAST, Decimal(6100)),
        ("突破1.8", Qualifier.AT_LEAST, Decimal("1.8")),
        ("6100以上", Qualifier.AT_LEAST, Decimal(6100)),
        ("6100多", Qualifier.AT_LEAST, Decimal(6100)),
        ("50%以上", Qualifier.AT_LEAST, Decimal(50)),
        ("~9000", Qualifier.ABOUT, Decimal(9000)),
        ("≈9000", Qualifier.ABOUT, Decimal(9000)),
        ("约9000", Qualifier.ABOUT, Decimal(9000)),
        ("接近9000", Qualifier.ABOUT, Decimal(9000)),
        ("近9000", Qualifier.ABOUT, Decimal(9000)),
        ("9000左右", Qualifier.ABOUT, Decimal(9000)),
        ("约9000左右", Qualifier.ABOUT, Decimal(9000)),  # the same qualifier twice agrees
        ("<5", Qualifier.AT_MOST, Decimal(5)),
        ("<=5", Qualifier.AT_MOST, Decimal(5)),
        ("≤5", Qualifier.AT_MOST, Decimal(5)),
        ("不足5", Qualifier.AT_MOST, Decimal(5)),
        ("不到5", Qualifier.AT_MOST, Decimal(5)),
        ("5以下", Qualifier.AT_MOST, Decimal(5)),
        ("5以内", Qualifier.AT_MOST, Decimal(5)),
        ("> 6,100", Qualifier.AT_LEAST, Decimal(6100)),
    ],
)
def test_qualifiers(raw: str, qualifier: Qualifier, value: Decimal) -> None:
    quantity = parse_quantity(raw)
    assert quantity.qualifier is qualifier
    assert quantity.value == value
    assert not quantity.preliminary


def test_percent_with_suffix_qualifier() -> None:
    assert parse_quantity("50%以上") == Quantity(Decimal(50), Qualifier.AT_LEAST, percent=True)


@pytest.mark.parametrize("raw", [">6100以下", "约9000以上", "不足5以上", "超过5左右", "<5多"])
def test_contradictory_qualifiers_are_an_error(raw: str) -> None:
    with pytest.raises(QuantityError, match="contradictory"):
        parse_quantity(raw)


@pytest.mark.parametrize(
    ("raw", "qualifier", "value"),
    [
        ("预计1.8", Qualifier.EXACT, Decimal("1.8")),
        ("预计超过6100", Qualifier.AT_LEAST, Decimal(6100)),
        ("预计 > 6100", Qualifier.AT_LEAST, Decimal(6100)),
        ("快报9000左右", Qualifier.ABOUT, Decimal(9000)),
        ("初步核算1.8", Qualifier.EXACT, Decimal("1.8")),
        ("预计5.8%", Qualifier.EXACT, Decimal("5.8")),
    ],
)
def test_preliminary_words(raw: str, qualifier: Qualifier, value: Decimal) -> None:
    quantity = parse_quantity(raw)
    assert quantity.preliminary
    assert quantity.qualifier is qualifier
    assert quantity.value == value


@pytest.mark.parametrize(
    ("quantity", "shown"),
    [
        (Quantity(Decimal(6100), Qualifier.AT_LEAST), ">6100"),
        (Quantity(Decimal(9000), Qualifier.ABOUT), "~9000"),
        (Quantity(Decimal(5), Qualifier.AT_MOST), "<5"),
        (Quantity(Decimal("5.80")), "5.8"),
        (Quantity(Decimal("1.8"), preliminary=True), "1.8"),
    ],
)
def test_quantity_str_shows_qualifier_symbol(quantity: Quantity, shown: str) -> None:
    assert str(quantity) == shown


def test_qualifier_symbols() -> None:
    assert {q: q.symbol for q in Qualifier} == {
        Qualifier.EXACT: "",
        Qualifier.AT_LEAST: ">",
        Qualifier.AT_MOST: "<",
        Qualifier.ABOUT: "~",
    }


# --- errors -------------------------------------------------------------------------------


@pytest.mark.parametrize("raw", ["", "   ", "\u3000", "\t\n"])
def test_empty_value_is_an_error(raw: str) -> None:
    with pytest.raises(QuantityError, match="empty"):
        parse_quantity(raw)


@pytest.mark.parametrize(
    "raw", ["abc", "5.8.1", "1-2", "--5", "约", ">", "%", "预计", "5%%", "0x10", "1_000"]
)
def test_not_a_number(raw: str) -> None:
    with pytest.raises(QuantityError, match="not a number"):
        parse_quantity(raw)


def test_error_names_the_cell() -> None:
    with pytest.raises(QuantityError, match="'abc'"):
        parse_quantity("  abc ")


def test_quantity_error_is_a_value_error() -> None:
    assert issubclass(QuantityError, ValueError)


@pytest.mark.parametrize(
    "raw", ["1.8万亿", "1.63万亿元", "2.1万", "约1.7万", "预计3万亿", "1,435亿"]
)
def test_magnitude_word_in_value_points_to_the_unit_column(raw: str) -> None:
    with pytest.raises(QuantityError) as info:
        parse_quantity(raw)
    message = str(info.value)
    assert "unit column" in message
    assert "万亿元" in message


@pytest.mark.parametrize("raw", ["NaN", "nan", "sNaN", "inf", "-inf", "Infinity", "-Infinity", "∞"])
def test_non_finite_values_are_rejected(raw: str) -> None:
    with pytest.raises(QuantityError):
        parse_quantity(raw)


@pytest.mark.parametrize("raw", ["1e309", "-1e309", "1e30", "9.99e30", "1" + "0" * 31, "1e-31"])
def test_out_of_range_values_are_rejected(raw: str) -> None:
    with pytest.raises(QuantityError, match="out of the range"):
        parse_quantity(raw)


@pytest.mark.parametrize("raw", ["9.99e29", "1e-30", "-1e29"])
def test_values_at_the_edge_of_the_range_are_accepted(raw: str) -> None:
    assert parse_quantity(raw).value == Decimal(raw)


# --- format_decimal -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Decimal(16300), "16300"),
        (Decimal("1.63E+4"), "16300"),
        (Decimal("1E+2"), "100"),
        (Decimal(100), "100"),
        (Decimal("5.80"), "5.8"),
        (Decimal("58.0"), "58"),
        (Decimal("0.25"), "0.25"),
        (Decimal("-2.50"), "-2.5"),
        (Decimal("0.000"), "0"),
        (Decimal("1E-7"), "0.0000001"),
        (Decimal("1E+29"), "1" + "0" * 29),
        # More digits than the default context precision (28): shown exactly, not rounded.
        (Decimal("0.1234567890123456789012345678901"), "0.1234567890123456789012345678901"),
        (Decimal("12345678901234567890123456789.5"), "12345678901234567890123456789.5"),
    ],
)
def test_format_decimal(value: Decimal, shown: str) -> None:
    assert format_decimal(value) == shown


def test_normalise_text_folds_full_width_and_trims() -> None:
    assert normalise_text("　ＡＢＣ１２３％ ") == "ABC123%"


# --- properties ---------------------------------------------------------------------------


@st.composite
def moderate_decimals(draw: st.DrawFn) -> Decimal:
    """Finite decimals well inside the accepted range, with up to 20 significant digits."""
    coefficient = draw(st.integers(min_value=-(10**20) + 1, max_value=10**20 - 1))
    exponent = draw(st.integers(min_value=-10, max_value=9))
    return Decimal(f"{coefficient}E{exponent}")


@given(moderate_decimals())
def test_parse_quantity_round_trips_any_decimal(d: Decimal) -> None:
    quantity = parse_quantity(f"{d:f}")
    assert quantity.value == d
    assert quantity.qualifier is Qualifier.EXACT
    assert format_decimal(quantity.value) == format_decimal(d)


@given(moderate_decimals())
def test_parse_quantity_reads_grouped_thousands(d: Decimal) -> None:
    assert parse_quantity(f"{d:,f}").value == d


@given(moderate_decimals())
def test_format_decimal_is_exact_and_plain(d: Decimal) -> None:
    shown = format_decimal(d)
    assert Decimal(shown) == d
    assert "E" not in shown
    assert "e" not in shown
    if "." in shown:
        assert not shown.endswith("0")
        assert not shown.endswith(".")


# --- footnote marks, white space, preliminary markers ----------------------------------------


@pytest.mark.parametrize(
    ("raw", "value", "mark"),
    [
        ("10500①", Decimal(10500), "①"),
        ("10500¹", Decimal(10500), "¹"),
        ("10500*", Decimal(10500), "*"),
        ("10500 *", Decimal(10500), "*"),
        ("10,500②③", Decimal(10500), "②③"),
        ("4.9%①", Decimal("4.9"), "①"),
        (">6100※", Decimal(6100), "※"),
    ],
)
def test_footnote_marks_are_kept_not_read_as_digits(raw: str, value: Decimal, mark: str) -> None:
    quantity = parse_quantity(raw)
    assert quantity.value == value
    assert quantity.mark == mark
    assert str(quantity).endswith(mark)


@pytest.mark.parametrize("raw", ["10①500", "¹10500", "1⁰500", "10₅00"])
def test_mark_digits_inside_a_number_are_an_error(raw: str) -> None:
    with pytest.raises(QuantityError, match="superscript or circled digit"):
        parse_quantity(raw)


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("10 500", Decimal(10500)),
        ("1 234 567.5", Decimal("1234567.5")),
        ("10\u00a0500", Decimal(10500)),
        ("10\u202f500", Decimal(10500)),
        ("4.9 %", Decimal("4.9")),
        ("约 9000", Decimal(9000)),
    ],
)
def test_spaces_between_groups_of_three_digits(raw: str, value: Decimal) -> None:
    assert parse_quantity(raw).value == value


@pytest.mark.parametrize("raw", ["10 5", "1 05", "10 5000", "1,000 500", "10  500"])
def test_other_spaces_inside_a_number_are_an_error(raw: str) -> None:
    with pytest.raises(QuantityError, match="groups of three"):
        parse_quantity(raw)


@pytest.mark.parametrize("raw", ["81\n00", "8\t100", "10\r\n500", "10\n500"])
def test_line_breaks_and_tabs_inside_a_number_are_an_error(raw: str) -> None:
    with pytest.raises(QuantityError, match="tab or line break"):
        parse_quantity(raw)


@pytest.mark.parametrize("raw", ["初步9000", "预估5.8"])
def test_only_explicit_words_make_a_value_preliminary(raw: str) -> None:
    with pytest.raises(QuantityError, match="not a number"):
        parse_quantity(raw)


@pytest.mark.parametrize(
    ("note", "preliminary"),
    [
        ("预计", True),
        ("初步核算数", True),
        ("快报", True),
        ("preliminary", True),
        ("Preliminary; revised in 2019", True),
        ("not an estimate", False),
        ("estimate", False),
        ("初步", False),
        ("final figure", False),
        ("nonpreliminary", False),
    ],
)
def test_preliminary_notes(note: str, preliminary: bool) -> None:
    assert is_preliminary_note(note) is preliminary


_MARK_CHARS = "①②⑳¹²³⁴*†‡※"


@given(
    st.integers(min_value=0, max_value=10**12),
    st.text(alphabet=_MARK_CHARS, min_size=1, max_size=3),
)
def test_a_mark_never_changes_the_number(number: int, mark: str) -> None:
    quantity = parse_quantity(f"{number}{mark}")
    assert quantity.value == number
    assert quantity.mark == mark


@given(st.integers(min_value=1000, max_value=10**15))
def test_space_grouping_reads_as_the_number(number: int) -> None:
    grouped = f"{number:,}".replace(",", " ")
    assert parse_quantity(grouped).value == number
    assert parse_quantity(f"{number:,}").value == number


@given(
    st.integers(min_value=0, max_value=10**9),
    st.integers(min_value=1, max_value=8),
    st.sampled_from([" ", "\t", "\n", "\r"]),
)
def test_white_space_inside_a_number_is_grouping_or_an_error(
    number: int, cut: int, space: str
) -> None:
    digits = str(number)
    cut = min(cut, len(digits))
    if cut == len(digits):
        return  # nothing after the space: trailing white space is trimmed
    raw = f"{digits[:cut]}{space}{digits[cut:]}"
    try:
        quantity = parse_quantity(raw)
    except QuantityError:
        return
    # Read at all only as a thousands grouping, and then as the digits written.
    assert space == " "
    assert len(digits) - cut == 3
    assert 1 <= cut <= 3
    assert quantity.value == number
