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
from decimal import Decimal, localcontext
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
from planchk.validation import _implausible, change_bound, implausible_changes, previous_rows


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
    # beyond the bound by less than float64 resolves: the screen's margin must leave them
    st.sampled_from([Decimal("50.00000000000000001"), Decimal("-50.00000000000000001")]),
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


def reference_changes(spec: Spec, dataset: Dataset) -> list[tuple[str, int, str]]:
    """The `implausible-change` warnings as (file, line, message), found the straightforward way:
    every row with a bound, in order, compared with decimals with the last row of its key's
    previous year (same region, indicator and 口径), no float screen and no columns."""
    bounds = {}
    for indicator in spec.indicators:
        bound, origin = change_bound(indicator)
        if bound is not None:
            bounds[indicator.id] = (indicator, bound, origin)
    rows = [obs for obs in dataset.observations if obs.indicator_id in bounds]
    by_key = {(o.region, o.indicator_id, o.year, o.reported_as): o for o in rows}
    found = []
    with localcontext(prec=200):
        for obs in rows:
            if obs.reported_as is Reporting.CHANGE_FROM_BASE:
                continue
            indicator, bound, origin = bounds[obs.indicator_id]
            previous = by_key.get((obs.region, obs.indicator_id, obs.year - 1, obs.reported_as))
            message = _implausible(indicator, bound, origin, obs, previous)
            if message is not None:
                found.append((obs.file, obs.line, message))
    return found


#: First values: 0, round ones, and ones float64 does not hold exactly.
_STARTS = [
    Decimal(0),
    Decimal(100),
    Decimal("6151.5"),
    Decimal("0.1"),
    Decimal("0.3"),
    Decimal("7.7"),
]

#: How a panel's rows may be ordered: by region, year and indicator (a row's previous year is
#: a fixed number of rows before it), by region, indicator and year (the row before it), or
#: at random (no order the quick path can use).
_ORDERS = st.sampled_from(["region-year-indicator", "region-indicator-year", "shuffled"])


@settings(max_examples=80, deadline=None)
@given(
    draw=st.data(),
    regions=st.integers(1, 3),
    years=st.integers(1, 6),
    order=_ORDERS,
    gaps=st.booleans(),
    modes=st.lists(
        st.sampled_from([None, None, None, Reporting.YEARLY_CHANGE, Reporting.CHANGE_FROM_BASE]),
        min_size=1,
        max_size=3,
    ),
)
def test_changes_are_found_as_the_straightforward_exact_check_finds_them(
    spec: Spec,
    draw: st.DataObject,
    regions: int,
    years: int,
    order: str,
    gaps: bool,
    modes: list[Reporting | None],
) -> None:
    """Panels in any order, with years missing or not, rows reported otherwise (口径) among
    them, changes on the 50% bound, a hair either side of it, from 0 or anywhere: the same
    warnings, in the same order, as comparing every row with decimals."""
    cells = {}
    for region in range(regions):
        for indicator in spec.indicators[:8]:
            value = draw.draw(st.sampled_from(_STARTS))
            for year in range(2015, 2015 + years):
                cells[(region, year, indicator.id)] = (value, draw.draw(st.sampled_from(modes)))
                value = value * (1 + draw.draw(_CHANGES) / 100)
    keys = sorted(cells)  # region, year, indicator
    if order == "region-indicator-year":
        keys.sort(key=lambda key: (key[0], key[2], key[1]))
    elif order == "shuffled":
        keys = draw.draw(st.permutations(keys))
    if gaps:
        keys = [key for key in keys if draw.draw(st.integers(0, 5))]
    rows = [
        Observation(
            indicator, year, value, Qualifier.EXACT, False, str(value), None, None, None,
            "p.csv", line, f"r{region}", None, 4, mode,
        )
        for line, (region, year, indicator) in enumerate(keys, 2)
        for value, mode in [cells[(region, year, indicator)]]
    ]  # fmt: skip
    dataset = Dataset(tuple(rows), regions=tuple(f"r{r}" for r in range(regions)))
    found = [(p.file, p.line, p.message) for p in implausible_changes(spec, dataset)]
    assert found == reference_changes(spec, dataset)


_KEYS = st.tuples(
    st.sampled_from(["a", "b", None]),
    st.sampled_from(["x", "y"]),
    st.integers(2015, 2018),
    st.sampled_from([None, Reporting.YEARLY_CHANGE]),
)


def _runs(key: tuple[str | None, str, int, Reporting | None]) -> tuple[str, str, str, int]:
    return str(key[0]), key[1], str(key[3]), key[2]


def _stride(key: tuple[str | None, str, int, Reporting | None]) -> tuple[str, int, str, str]:
    return str(key[0]), key[2], key[1], str(key[3])


@settings(max_examples=300, deadline=None)
@given(
    keys=st.one_of(
        st.lists(_KEYS, max_size=40),  # anything, repeated keys too
        st.lists(_KEYS, max_size=40, unique=True).map(lambda k: sorted(k, key=_runs)),
        st.lists(_KEYS, max_size=40, unique=True).map(lambda k: sorted(k, key=_stride)),
    )
)
def test_previous_rows_are_the_last_rows_of_the_previous_year(
    keys: list[tuple[str | None, str, int, Reporting | None]],
) -> None:
    """Each row's previous year's row is the last row with its region, indicator, 口径 and
    the year before, whether the rows come in a regular order (one run of rows a key, or a
    row's previous year a fixed number of rows before it) or not."""
    regions = [key[0] for key in keys]
    indicators = [key[1] for key in keys]
    years = [key[2] for key in keys]
    modes = [key[3] for key in keys]
    previous, compared = previous_rows(regions, indicators, years, modes)
    last = {}
    expected = []
    for index, (region, indicator, year, mode) in enumerate(keys):
        last[(region, indicator, year, mode)] = index
    for region, indicator, year, mode in keys:
        expected.append(last.get((region, indicator, year - 1, mode)))
    assert [at if has else None for at, has in zip(previous, compared, strict=True)] == expected
