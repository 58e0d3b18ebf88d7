"""`validate`'s checks across rows over plain batches kept as columns: `implausible-change`
(`planchk.validation.bounded_rows`) gives the same warnings, in the same order, with the same
messages and places, as over the same files read row by row, and as the straightforward exact
check (every change decided with decimals); `missing-indicator` skips a region's year by
`ObservationKeys.complete` only where `absent` finds no indicator missing."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planchk import csvread
from planchk import data as reading
from planchk.data import Dataset, LoadedData, read_data
from planchk.spec import Spec, parse_spec
from planchk.validation import implausible_changes, validate
from test_column_batches import batches
from test_fast_paths import reference_changes

HEADER = "region,indicator,year,value,unit\n"


def _spec(bound: dict[str, Any] | None) -> Spec:
    """`x` (亿元, a level: negatives allowed, `bound` or the default one), `y` (家, a count:
    never negative), `g` (a yearly change in %, the row itself the change) and `t` (a running
    total: no bound)."""

    def indicator(no: int, id_: str, unit: str, **more: Any) -> dict[str, Any]:
        return {
            "no": no,
            "id": id_,
            "category": "c",
            "name": {"en": id_},
            "unit": {"zh": unit},
            "attribute": "expected",
            "direction": "increase",
            "target": {"kind": "level", "comparator": "at_least", "value": 200},
            **more,
        }

    x = indicator(1, "x", "亿元") | ({} if bound is None else {"max_change": bound})
    growth = {"kind": "change", "change": "relative", "comparator": "at_most", "value": -15}
    return parse_spec(
        {
            "plan": {"id": "p", "title": {"en": "P"}, "base_year": 2015, "end_year": 2020},
            "categories": [{"id": "c", "name": {"en": "C"}}],
            "indicators": [
                x,
                indicator(2, "y", "家"),
                indicator(
                    3, "g", "%", reporting="yearly_change", target=growth, direction="decrease"
                ),
                indicator(
                    4,
                    "t",
                    "家",
                    target={"kind": "cumulative", "comparator": "at_least", "value": 50},
                    baseline={"value": 0},
                ),
            ],
        }
    )


@contextmanager
def _folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


@contextmanager
def _batches_of(size: int) -> Iterator[pytest.MonkeyPatch]:
    """Files read `size` rows a batch; the patch given can turn plain batches off too."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            reading,
            "csv_batches",
            lambda path, encoding, delimiter=",": csvread.csv_batches(
                path, encoding, size, delimiter
            ),
        )
        yield patch


def _both(paths: list[Path], spec: Spec, size: int) -> tuple[LoadedData, LoadedData]:
    """The files read `size` rows a batch with plain batches kept as columns, and row by row."""
    with _batches_of(size) as patch:
        quick = read_data(paths, spec)
        patch.setattr(reading._RowReader, "_plain_batch", lambda *args: None)
        slow = read_data(paths, spec)
    return quick, slow


#: Changes in percent: on the 50% and 12.5% bounds, a hair either side, none, or anywhere.
_CHANGES = st.one_of(
    st.sampled_from(
        [
            Decimal(50),
            Decimal(-50),
            Decimal("12.5"),
            Decimal("-12.5"),
            Decimal("50.0000000001"),
            Decimal("-49.9999999999"),
            Decimal("50.00000000000000001"),
            Decimal(0),
            Decimal(-100),  # to zero
        ]
    ),
    st.decimals(min_value=-200, max_value=200, places=3),
)
#: First values: zero, round ones, ones float64 does not hold, one beyond 64 bits of digits.
_STARTS = ["0", "100", "6151.5", "0.1", "7.7", "40", "123456789012345678901.5", "-250.25"]


def _text(value: Decimal, draw: st.DataObject) -> str:
    """`value` written plainly, now and then with trailing zeros or as -0 (its text then is
    not what `str` of its value gives)."""
    text = format(value, "f")
    form = draw.draw(st.sampled_from(["as is", "as is", "zeros", "signed"]))
    if form == "zeros":
        return text + ("0" if "." in text else ".00")
    if form == "signed" and value == 0:
        return "-0"
    return text


@settings(max_examples=120, deadline=None)
@given(
    draw=st.data(),
    bound=st.sampled_from([None, {"relative": Decimal("12.5")}, {"absolute": 40}]),
    regions=st.integers(1, 3),
    years=st.integers(1, 6),
    files=st.integers(1, 3),
    size=st.sampled_from([2, 5, 2048]),
    shuffled=st.booleans(),
    gaps=st.booleans(),
    odd=st.sampled_from([0, 0, 1, 4]),  # how often a row is odd, in 20
)
def test_changes_over_columns_are_those_of_rows_read_one_by_one(
    draw: st.DataObject,
    bound: dict[str, Any] | None,
    regions: int,
    years: int,
    files: int,
    size: int,
    shuffled: bool,
    gaps: bool,
    odd: int,
) -> None:
    """Panels in one to three files, in batches of a few rows or of all, by region, year and
    indicator or shuffled, with years missing, values on a bound exactly or a hair either
    side, zeros, negatives, decimals, values beyond 64 bits, a magnitude's unit (万亿元),
    and odd rows that make their batch read row by row (an empty value, a preliminary figure,
    a negative count, a second row for a figure): the same warnings as reading row by row,
    and as deciding every change with decimals; every other problem the same too."""
    spec = _spec(bound)
    cells: dict[tuple[int, int, str], list[tuple[str, str]]] = {}
    for region in range(regions):
        for indicator in ("x", "y", "g", "t"):
            value = Decimal(draw.draw(st.sampled_from(_STARTS)))
            if indicator in "yt":
                value = abs(value)
            for year in range(2015, 2015 + years):
                unit = "%" if indicator == "g" else "家" if indicator in "yt" else "亿元"
                text = _text(value, draw)
                if indicator == "x" and draw.draw(st.integers(0, 5)) == 0:
                    unit, text = "万亿元", format(value / 10000, "f")
                row = [(text, unit)]
                if draw.draw(st.integers(1, 20)) <= odd:
                    row = draw.draw(
                        st.sampled_from(
                            [
                                [("", unit)],
                                [(f"预计{text}", unit)],
                                [("-5", unit)],
                                [(text, unit), ("1", unit)],
                            ]
                        )
                    )
                cells[(region, year, indicator)] = row
                value = value * (1 + draw.draw(_CHANGES) / 100)
                if len(format(value, "f")) > 30:  # keep the digits within a plain number's
                    value = Decimal(draw.draw(st.sampled_from(_STARTS)))
    keys = sorted(cells)
    if shuffled:
        keys = draw.draw(st.permutations(keys))
    if gaps:
        keys = [key for key in keys if draw.draw(st.integers(0, 4))]
    lines = [
        f"r{region},{indicator},{year},{text},{unit}\n"
        for region, year, indicator in keys
        for text, unit in cells[(region, year, indicator)]
    ]
    with _folder() as folder:
        paths = []
        for number in range(files):
            path = folder / f"part-{number}.csv"
            path.write_text(HEADER + "".join(lines[number::files]), encoding="utf-8")
            paths.append(path)
        quick, slow = _both(paths, spec, size)
        found = implausible_changes(spec, quick.dataset, quick.files)
        assert found == implausible_changes(spec, slow.dataset, slow.files)
        assert [(p.file, p.line, p.message) for p in found] == reference_changes(spec, slow.dataset)
        # as a tuple of observations (a library user's dataset): the rows' own path
        rows = Dataset(tuple(quick.dataset.observations), regions=quick.dataset.regions)
        assert found == implausible_changes(spec, rows, quick.files)
        with _batches_of(size) as patch:
            checked = validate(paths, spec)
            patch.setattr(reading._RowReader, "_plain_batch", lambda *args: None)
            assert checked == validate(paths, spec)


def test_a_panel_of_plain_batches_has_its_changes_found_from_thebatches(
    tmp_path: Path, spec: Spec
) -> None:
    """Every batch of a regular panel is kept as columns; its implausible changes (up, down,
    a level after a zero, a row after a missing year) are those of reading row by row."""
    rows = []
    for region in range(40):
        for year in range(2015, 2021):
            for no in (1, 2, 10, 16):
                value = Decimal(100 + region) * (Decimal("1.1") ** (year - 2015))
                if (region, year, no) in {(3, 2017, 1), (7, 2019, 10)}:
                    value *= 2  # up 120%, then down 45% (within the bound)
                if (region, year, no) == (9, 2018, 16):
                    value = Decimal("0.0")  # down 100%, then up from zero (not judged)
                if (region, year, no) == (11, 2016, 2):
                    continue  # 2017 has no previous year's row
                rows.append(f"d{region},{no},{year},{value:.4f},家\n")
    path = tmp_path / "panel.csv"
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    quick, slow = _both([path], spec, 100)
    parts = quick.dataset.observations.parts  # type: ignore[attr-defined]
    assert batches(quick) == len(parts) > 1
    found = implausible_changes(spec, quick.dataset, quick.files)
    assert found == implausible_changes(spec, slow.dataset, slow.files)
    assert [(p.region, p.line) for p in found] == [
        ("d3", 2 + 3 * 24 + 2 * 4),
        ("d7", 2 + 7 * 24 + 4 * 4 + 2),
        ("d9", 2 + 9 * 24 + 3 * 4 + 3),
    ]
    assert found[0].message.startswith("indicator 1 (national-high-tech-enterprises) 2017")


@settings(max_examples=150, deadline=None)
@given(
    rows=st.lists(
        st.tuples(
            st.sampled_from(["r0", "r1", "r2"]),
            st.sampled_from(["x", "y", "g", "t"]),
            st.integers(2015, 2020),
            st.sampled_from(["1", "1", "1", "abc"]),  # a rejected row names its key too
        ),
        max_size=60,
    )
)
def test_a_complete_year_is_one_without_an_absent_indicator(
    rows: list[tuple[str, str, int, str]],
) -> None:
    """For every region (and one the data does not have) and year (and years outside the
    plan): `complete` exactly where `absent` finds none of the spec's indicators missing."""
    spec = _spec(None)
    units = {"x": "亿元", "y": "家", "g": "%", "t": "家"}
    ids = [indicator.id for indicator in spec.indicators]
    with _folder() as folder:
        path = folder / "panel.csv"
        body = "".join(f"{r},{i},{y},{v},{units[i]}\n" for r, i, y, v in rows)
        path.write_text(HEADER + body, encoding="utf-8")
        keys = read_data([path], spec).keys
    for region in ("r0", "r1", "r2", "nowhere"):
        for year in range(2014, 2022):
            assert keys.complete(region, year) == (not keys.absent(region, year, ids))
