"""Reading a plain batch over its columns gives what reading its rows one by one gives:
`inconsistent-baseline` warnings compared over a batch's columns against the same check of each
row's observation (`planchk.data._BaselineCheck`), on values on, near and beside the baseline
(trailing zeros, a negative zero, many digits), in regions with baselines of their own too;
ranges checked from the texts as with Decimals; and the texts a batch keeps."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from planchk.data import (
    ColumnBatch,
    Observations,
    _baseline_warnings,
    _BaselineCheck,
    _Choice,
    _RowReader,
    scaled,
)
from planchk.problems import ProblemLog
from planchk.quantities import plain_number, plain_numbers, written_as_str
from planchk.spec import Spec, load_spec

ROOT = Path(__file__).resolve().parent.parent
SPEC = load_spec(ROOT / "targets" / "indicators.yaml")
#: the same plan, with a region whose baseline of indicator 1 is its own (7000, not 6151)
REGIONAL = SPEC.model_validate(
    {
        **SPEC.model_dump(mode="json", by_alias=True, exclude_none=True),
        "regions": {
            "r1": {"national-high-tech-enterprises": {"baseline": {"value": 7000, "source": "x"}}}
        },
    }
)

INDICATORS = [
    "national-high-tech-enterprises",  # baseline 6151
    "rd-intensity",
    "listed-companies",
    "haiying-talents-added",  # baseline 0, a running total
    "import-export-value",
]
#: values on and beside the baselines, written as a plain batch may hold them
NEAR = st.sampled_from(
    [
        "6151",
        "6151.0",
        "6151.000",
        "06151",
        "6150.9999999999999999999",
        "6151.0000000000000000001",
        "6152",
        "7000",
        "7000.00",
        "0",
        "-0",
        "0.000",
        "-0.0",
        "0.0000001",
        "5.8",
        "123456789012345678901234567.5",
    ]
)
ROW = st.tuples(
    st.sampled_from(INDICATORS),
    st.sampled_from([2015, 2015, 2016]),
    NEAR,
    st.sampled_from(["r0", "r1", "r2"]),
)


def batch_of(rows: list[tuple[str, int, str, str]]) -> ColumnBatch:
    texts = [text for _, _, text, _ in rows]
    numbers = plain_numbers(texts)
    assert numbers is not None
    count = len(rows)
    return ColumnBatch(
        (
            [indicator for indicator, _, _, _ in rows],
            [year for _, year, _, _ in rows],
            numbers,
            texts,
            [None] * count,
            [None] * count,
            [None] * count,
            list(range(2, count + 2)),
            [region for _, _, _, region in rows],
        ),
        "f.csv",
        None,
        4,
        as_written=True,
    )


def row_by_row(spec: Spec, batch: ColumnBatch) -> list[object]:
    check = _BaselineCheck(spec, {"f.csv": {"value": 4}})
    check.rows(batch.observations())
    return list(check.warnings)


@settings(max_examples=300, deadline=None)
@given(st.lists(ROW, min_size=1, max_size=30), st.booleans())
def test_baseline_warnings_over_columns_are_those_of_the_rows(
    rows: list[tuple[str, int, str, str]], regional: bool
) -> None:
    spec = REGIONAL if regional else SPEC
    batch = batch_of(rows)
    found = _baseline_warnings(spec, Observations([batch]), {"f.csv": {"value": 4}})
    assert found == row_by_row(spec, batch)


def test_a_value_equal_to_the_baseline_with_trailing_zeros_is_no_warning() -> None:
    batch = batch_of(
        [
            ("national-high-tech-enterprises", 2015, "6151.00", "r0"),
            ("national-high-tech-enterprises", 2015, "6151.01", "r2"),
            ("national-high-tech-enterprises", 2015, "7000", "r1"),
        ]
    )
    found = _baseline_warnings(REGIONAL, Observations([batch]), {})
    assert [(w.line, w.region) for w in found] == [(3, "r2")]
    assert found == row_by_row(REGIONAL, batch)
    assert "6151.01 differs from the spec's baseline 6151" in found[0].message


#: plain numbers, many of them made of zeros: leading, trailing, signed, before a small digit
ZEROISH = st.from_regex(r"-?0{1,3}[0-9]{0,2}(\.0{0,8}[0-9]{0,2}0{0,2})?", fullmatch=True).filter(
    lambda text: plain_number(text) is not None
)
ANY_PLAIN = st.from_regex(r"-?[0-9]{1,30}(\.[0-9]{1,30})?", fullmatch=True)


@settings(max_examples=500, deadline=None)
@given(st.one_of(ZEROISH, ANY_PLAIN))
def test_written_as_str_is_whether_str_gives_the_text_back(text: str) -> None:
    value = plain_number(text)
    assert value is not None
    assert written_as_str([text]) is (str(value) == text)
    assert written_as_str(["5", text, "12.50"]) is (str(value) == text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(ZEROISH, ANY_PLAIN), min_size=1, max_size=30))
def test_a_batch_keeps_the_digits_and_texts_of_its_values(texts: list[str]) -> None:
    """Digits and exponents made over the whole column are each value's own (a zero's
    exponent 0), and each observation's text is the text read."""
    numbers = plain_numbers(texts)
    assert numbers is not None
    batch = batch_of([("national-high-tech-enterprises", 2018, text, "r0") for text in texts])
    made = batch.observations()
    assert [o.value.as_tuple() for o in made] == [n.as_tuple() for n in numbers]
    assert [o.reported for o in made] == texts
    kept = batch.digits()
    if kept is not None:
        digits, exponents = kept
        assert [scaled(d, e).as_tuple() for d, e in zip(digits, exponents, strict=True)] == [
            n.as_tuple() for n in numbers
        ]


#: values on, just inside and just beyond the ranges of a count (at least 0) and a share
#: (0 to 100%), and far from them
LIMITS = st.sampled_from(
    [
        "0",
        "-0",
        "0.000",
        "-0.0",
        "-0.000000000000000000000000000001",
        "0.000000000000000000000000000001",
        "100",
        "100.000",
        "100.0000000000000000000000000001",
        "99.99999999999999999999999999999",
        "100.00000000000001",
        "99.999999999999999",
        "-5",
        "6151",
        "123456789012345678901234567890",
    ]
)
LIMITED = ["national-high-tech-enterprises", "rd-intensity", "import-export-value"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(LIMITED), LIMITS), min_size=1, max_size=30))
def test_ranges_screened_in_floats_decide_as_decimals(rows: list[tuple[str, str]]) -> None:
    """A batch's values checked against their ranges from their texts (a float screen, then
    Decimals on a limit's float) decide as the Decimals themselves."""
    reader = _RowReader(Path("f.csv"), SPEC, ProblemLog(10), _Choice())
    keys = [key for key, _ in rows]
    texts = [text for _, text in rows]
    indicators = {key: SPEC.indicator(key) for key in keys}
    numbers = plain_numbers(texts)
    assert numbers is not None
    expected = reader._within_limits(indicators, keys, numbers)
    assert reader._texts_within_limits(indicators, keys, texts) is expected
