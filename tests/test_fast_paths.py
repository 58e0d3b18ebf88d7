"""The quick paths of reading and validating give what the exact paths give, on random input.

Three quick paths each fall back to an exact one for anything they cannot read alike:
- `planchk.csvread` splits quote-free lines at their delimiters (`_split`) instead of reading
  them with `csv.reader`: the same rows, line numbers and errors, whatever the text;
- `planchk.data` reads plain batches column by column (`_RowReader._plain_batch`) instead of
  row by row: the same observations, problems and counts, whatever the cells;
- `implausible-change` passes in float64 the changes far inside their bound: the same warnings
  as deciding every change with decimals (`exact.MARGIN = inf` turns the screen off).
"""

from __future__ import annotations

import math
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planchk import csvread, exact
from planchk import data as reading
from planchk.csvread import CsvReadError, csv_batches
from planchk.data import Dataset, Observation, read_data
from planchk.quantities import Qualifier
from planchk.spec import Reporting, Spec
from planchk.validation import implausible_changes


@contextmanager
def _folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


# --- CSV text: split at the delimiters or read by csv.reader -----------------------------------

_TEXT = st.lists(
    st.sampled_from([",", "\t", '"', "\n", "\r", "\r\n", "a", "1", " ", "家", "\x00"])
).map("".join)


def _read(path: Path, size: int, delimiter: str) -> tuple[list[Any], tuple[Any, ...] | None]:
    """Every row with its line, and the error that stopped the reading, if any."""
    rows: list[Any] = []
    try:
        for batch in csv_batches(path, "utf-8-sig", size, delimiter):
            rows.extend((line, list(cells)) for line, cells in zip(*batch, strict=True))
    except CsvReadError as exc:
        return rows, (exc.code, exc.message, exc.line)
    return rows, None


@settings(max_examples=300, deadline=None)
@given(
    text=_TEXT,
    size=st.integers(1, 5),
    chunk=st.sampled_from([4, 16, 64, 1 << 20]),
    delimiter=st.sampled_from([",", "\t"]),
    blank=st.booleans(),
)
def test_split_lines_read_as_csv_reader_reads_them(
    text: str, size: int, chunk: int, delimiter: str, blank: bool
) -> None:
    """Random text of delimiters, quotes, line breaks of every kind and blank lines, read in
    small pieces (so that quoted cells go on past a piece) and small batches."""
    if blank:
        text = "a,b\n\n" + text
    with _folder() as folder, pytest.MonkeyPatch.context() as patch:
        path = folder / "x.csv"
        path.write_bytes(text.encode("utf-8"))
        patch.setattr(csvread, "_CHUNK", chunk)
        quick = _read(path, size, delimiter)
        patch.setattr(csvread, "_split", lambda *args: iter([None]))
        assert quick == _read(path, size, delimiter)


@settings(max_examples=100, deadline=None)
@given(
    width=st.integers(1, 4),
    rows=st.lists(
        st.lists(st.sampled_from(["", "a", " 1 ", "x y", "家"]), min_size=1), min_size=1, max_size=9
    ),
    ending=st.sampled_from(["\n", "\r\n"]),
    last=st.booleans(),
)
def test_split_rows_of_one_width_are_split(
    width: int, rows: list[list[str]], ending: str, last: bool
) -> None:
    """Quote-free lines of one width are split, not read by csv.reader, and read alike."""
    lines = [",".join((cells * width)[:width]) for cells in rows]
    text = ending.join(lines) + (ending if last else "")
    with _folder() as folder, pytest.MonkeyPatch.context() as patch:
        path = folder / "x.csv"
        path.write_bytes(text.encode("utf-8"))
        batches = list(csv_batches(path, "utf-8-sig", 3))
        quick = _read(path, 3, ",")
        patch.setattr(csvread, "_split", lambda *args: iter([None]))
        assert quick == _read(path, 3, ",")
    if all(lines):  # a blank line is a row of no cells: csv.reader reads it
        assert all(isinstance(batch.rows, csvread.ColumnRows) for batch in batches)


# --- value cells: a plain batch read column by column, or row by row ---------------------------

_PLAIN = st.from_regex(r"-?[0-9]{1,30}(\.[0-9]{1,30})?", fullmatch=True)
_ODD = st.sampled_from(
    [
        "",
        " ",
        "-0",
        "0.00",
        "-0.0",
        "007",
        "1e5",
        "1E-3",
        "+5",
        ".5",
        "5.",
        "1,435",
        "1,435.5",
        "5,8",
        "10 500",
        "１２３",
        "５.８%",
        "12%",
        ">6100",
        "约9000",
        "9000左右",
        "预计1.8",
        "10500①",
        "十",
        "abc",
        "1" * 29,
        "1" * 31,
        "0." + "0" * 29 + "1",
        "-99999",
        "101",
        " 12 ",
        "12\t",
    ]
)


def _cells(odd: bool, share: bool) -> st.SearchStrategy[str]:
    """Value cells: of every form, or (mostly) plain and within range (a share at most 100)."""
    if odd:
        return st.one_of(_PLAIN, _ODD)
    return st.one_of(_SHARE if share else _COUNT, st.sampled_from(["12 ", " 7", "0", "0.5"]))


_COUNT = st.from_regex(r"[0-9]{1,12}(\.[0-9]{1,12})?", fullmatch=True)
_SHARE = st.from_regex(r"[0-9]{1,2}(\.[0-9]{1,12})?", fullmatch=True)
#: indicators, each with its unit written the ways a submitter writes it (and another unit)
_UNITS = {
    "1": ["", "家", " 家 ", "万家"],
    "2": ["家", "institutions"],
    "3": ["人", "", "万人"],
    "rd-intensity": ["%", "", " %"],
}


@settings(max_examples=100, deadline=None)
@given(
    draw=st.data(),
    rows=st.integers(1, 40),
    odd=st.booleans(),
    wrong=st.sampled_from(["", "", "", "人", "%"]),
    regions=st.lists(st.sampled_from(["a", "b", " a", "A", "ａ"]), min_size=1, max_size=3),
)
def test_plain_batches_read_as_rows_on_random_cells(
    spec: Spec, draw: st.DataObject, rows: int, odd: bool, wrong: str, regions: list[str]
) -> None:
    """Values of every form the reader accepts or refuses (signs, exponents, thousands
    separators, full-width digits, %, qualifiers, blanks, text), units with magnitudes and
    spaces (and, now and then, a unit that does not fit), regions written several ways: the
    same observations, problems and counts as reading row by row."""
    indicators = list(_UNITS)
    lines = ["region,indicator,year,value,unit"]
    for number in range(rows):
        indicator = indicators[number % len(indicators)]
        units = _UNITS[indicator] + ([wrong] if wrong else [])
        lines.append(
            ",".join(
                [
                    draw.draw(st.sampled_from(regions)),
                    indicator,
                    str(2016 + number // len(indicators) % 5),
                    draw.draw(_cells(odd, indicator == "rd-intensity")),
                    draw.draw(st.sampled_from(units)),
                ]
            )
        )
    with _folder() as folder, pytest.MonkeyPatch.context() as patch:
        path = folder / "panel.csv"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        quick = read_data([path], spec)
        patch.setattr(reading._RowReader, "_plain_batch", lambda *args: None)
        slow = read_data([path], spec)
    observed = quick.dataset.observations
    assert observed == slow.dataset.observations
    assert [str(o.value) for o in observed] == [str(o.value) for o in slow.dataset.observations]
    assert quick.problems == slow.problems
    assert quick.files == slow.files
    assert (quick.keys, quick.covering, quick.regions) == (slow.keys, slow.covering, slow.regions)


# --- implausible-change: screened in float64, or decided with decimals -------------------------

_CHANGES = st.one_of(
    st.sampled_from(
        [Decimal(50), Decimal(-50), Decimal("50.0000000001"), Decimal("-49.9999999999"), Decimal(0)]
    ),
    st.decimals(min_value=-200, max_value=200, places=6),
)


@settings(max_examples=60, deadline=None)
@given(
    draw=st.data(),
    regions=st.integers(1, 3),
    years=st.integers(2, 6),
    modes=st.lists(
        st.sampled_from([None, None, None, Reporting.YEARLY_CHANGE, Reporting.CHANGE_FROM_BASE]),
        min_size=1,
        max_size=3,
    ),
)
def test_screened_changes_are_decided_as_exactly(
    spec: Spec, draw: st.DataObject, regions: int, years: int, modes: list[Reporting | None]
) -> None:
    """Panels whose changes sit on the default 50% bound, a hair either side of it, from 0, or
    anywhere, with rows reported otherwise (口径) among them: the screen passes only what the
    exact comparison passes, and reports in the same order."""
    rows = []
    line = 2
    for region in range(regions):
        for indicator in spec.indicators[:8]:
            value = draw.draw(st.sampled_from([Decimal(0), Decimal(100), Decimal("6151.5")]))
            for year in range(2015, 2015 + years):
                mode = draw.draw(st.sampled_from(modes))
                rows.append(
                    Observation(
                        indicator.id, year, value, Qualifier.EXACT, False, str(value), None,
                        None, None, "p.csv", line, f"r{region}", None, 4, mode,
                    )
                )  # fmt: skip
                line += 1
                value = value * (1 + draw.draw(_CHANGES) / 100)
    dataset = Dataset(tuple(rows), regions=tuple(f"r{r}" for r in range(regions)))
    screened = implausible_changes(spec, dataset)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(exact, "MARGIN", math.inf)
        assert screened == implausible_changes(spec, dataset)
