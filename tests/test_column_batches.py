"""Plain batches kept as columns (`planchk.data.ColumnBatch`), the keys of the rows read
(`ObservationKeys`) and the columns a panel is judged from (`planchk.columnar.Columns.of`):
each gives exactly what reading row by row gives, value texts, exponents and problems included."""

from __future__ import annotations

import csv
from collections.abc import Set as AbstractSet
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planchk import data
from planchk.columnar import Columns
from planchk.data import ColumnBatch, LoadedData, Observations, observation_key, read_data
from planchk.quantities import plain_numbers
from planchk.spec import Spec

# Texts whose value is not what `str` of it writes, or that do not fit 64 bits, beside plain ones.
COUNTS = [
    "6151",
    "6151.0",
    "0006151",
    "0.00",
    "0",
    "0.0000001",
    "7000.250",
    "12.5",
]
SIGNED = ["-0", "-0.000", "-4.1", "3.20", "-0.0000001", "15"]
#: more digits than 64 bits hold: such a batch keeps its values as they are
BIG = ["123456789012345678901234567.5", "9223372036854775808", "-9223372036854775809", "1"]


def write(path: Path, rows: list[tuple[str, str, str, str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["region", "indicator", "year", "value", "unit"])
        writer.writerows(rows)
    return path


def panel(values: list[str], indicator: str, unit: str) -> list[tuple[str, str, str, str, str]]:
    return [
        (f"district-{k:02d}", indicator, str(year), value, unit)
        for k, value in enumerate(values)
        for year in (2015, 2018)
    ]


def both(
    spec: Spec, paths: list[Path], monkeypatch: pytest.MonkeyPatch
) -> tuple[LoadedData, LoadedData]:
    """The files read with plain batches kept as columns, and read row by row."""
    fast = read_data(paths, spec)
    with monkeypatch.context() as patched:
        patched.setattr(data._RowReader, "_plain_batch", lambda *args: None)
        slow = read_data(paths, spec)
    return fast, slow


def batches(loaded: LoadedData) -> int:
    found = loaded.dataset.observations
    assert isinstance(found, Observations)
    return sum(isinstance(part, ColumnBatch) for part in found.parts)


def assert_same(fast: LoadedData, slow: LoadedData) -> None:
    a, b = list(fast.dataset.observations), list(slow.dataset.observations)
    assert a == b
    assert [o.value.as_tuple() for o in a] == [o.value.as_tuple() for o in b]
    assert [o.reported for o in a] == [o.reported for o in b]
    assert fast.problems == slow.problems
    assert fast.files == slow.files
    assert set(fast.keys) == set(slow.keys)
    assert len(fast.keys) == len(slow.keys)
    assert fast.dataset.regions == slow.dataset.regions


@pytest.mark.parametrize(
    ("values", "indicator", "unit", "as_digits"),
    [
        (COUNTS, "1", "家", True),
        (SIGNED, "import-export-value", "", True),
        (BIG, "import-export-value", "", False),
        (["1.5", "2", "0.25"], "1", "万家", False),  # times a factor: kept as they are
    ],
)
def test_values_as_columns_are_the_rows_values(
    spec: Spec,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    values: list[str],
    indicator: str,
    unit: str,
    as_digits: bool,
) -> None:
    """Trailing zeros, leading zeros, zeros with a sign, numbers `str` writes in exponent form,
    more digits than 64 bits hold, and a unit's factor: every value is the same Decimal (its
    exponent too) and every text the same, read as columns or row by row."""
    path = write(tmp_path / "panel.csv", panel(values, indicator, unit))
    fast, slow = both(spec, [path], monkeypatch)
    assert batches(fast) == 1  # the batch was read as columns, not row by row
    assert batches(slow) == 0
    found = fast.dataset.observations
    assert isinstance(found, Observations)
    (batch,) = found.parts
    assert isinstance(batch, ColumnBatch)
    assert (batch.digits() is not None) is as_digits
    assert_same(fast, slow)


def test_each_row_made_alone_is_the_row_made_with_its_batch(spec: Spec, tmp_path: Path) -> None:
    path = write(tmp_path / "panel.csv", panel(COUNTS, "1", "家"))
    found = read_data([path], spec).dataset.observations
    assert isinstance(found, Observations)
    together = list(found)
    assert [found.at(k) for k in range(len(found))] == together
    assert found[-1] == together[-1]
    assert found[2:4] == tuple(together[2:4])
    assert found == tuple(together)
    assert found != together[:-1]


PLAIN = st.from_regex(r"-?[0-9]{1,30}(\.[0-9]{1,30})?", fullmatch=True)


@settings(max_examples=200, deadline=None)
@given(st.lists(PLAIN, min_size=1, max_size=40))
def test_a_batch_gives_back_its_values_and_texts(texts: list[str]) -> None:
    """Any plain numbers: the batch's values are `plain_numbers`' (exponent and all), and each
    observation's text is the text read."""
    numbers = plain_numbers(texts)
    assert numbers is not None
    count = len(texts)
    batch = ColumnBatch(
        (
            ["x"] * count,
            [2018] * count,
            numbers,
            texts,
            [None] * count,
            [None] * count,
            [None] * count,
            list(range(2, count + 2)),
            [f"r{k % 3}" for k in range(count)],
        ),
        "f.csv",
        None,
        4,
        as_written=True,
    )
    made = batch.observations()
    assert [o.value.as_tuple() for o in made] == [n.as_tuple() for n in numbers]
    assert [o.reported for o in made] == texts
    assert [batch.observation(k) for k in range(count)] == made
    assert [o.region for o in made] == [f"r{k % 3}" for k in range(count)]


def test_duplicates_across_batches_and_files(
    spec: Spec, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A key first given by a plain batch and again by a later row of the same file (an error
    naming the first row), and restated in another file (used once), as row by row."""
    rows = panel(["6151", "6200", "7000"], "1", "家")
    first = write(tmp_path / "a.csv", rows)
    again = write(tmp_path / "b.csv", [*rows[:2], ("district-01", "1", "2018", "9", "家")])
    same_file = write(tmp_path / "c.csv", [*rows, ("district-02", "1", "2018", "1", "家")])
    for paths in ([first, again], [same_file]):
        fast, slow = both(spec, paths, monkeypatch)
        assert_same(fast, slow)
        assert any(p.code == "duplicate-row" for p in fast.problems)
    fast, _ = both(spec, [first, again], monkeypatch)
    assert fast.files[1].restated == 2


def test_keys_hold_every_row_named(spec: Spec, tmp_path: Path) -> None:
    """Used rows' keys and a rejected row's, nothing else; the set compares as a set."""
    rows = [*panel(["6151", "6200"], "1", "家"), ("district-09", "1", "2018", "六十", "家")]
    loaded = read_data([write(tmp_path / "panel.csv", rows)], spec)
    expected = {observation_key(o) for o in loaded.dataset.observations}
    expected.add(("district-09", "national-high-tech-enterprises", 2018))
    named: AbstractSet[tuple[str | None, str, int]] = loaded.keys  # compared as any set
    assert named == expected
    assert expected == named
    assert loaded.keys.absent("district-09", 2018, ["national-high-tech-enterprises", "x"]) == ["x"]
    assert loaded.keys.absent("district-09", 2019, ["national-high-tech-enterprises"]) == [
        "national-high-tech-enterprises"
    ]
    assert loaded.keys.absent("nowhere", 2018, ["national-high-tech-enterprises"]) == [
        "national-high-tech-enterprises"
    ]
    assert ("district-09", "national-high-tech-enterprises", 2019) not in loaded.keys
    assert ("nowhere", "national-high-tech-enterprises", 2018) not in loaded.keys
    assert ("district-00", "no-such-indicator", 2018) not in loaded.keys
    assert loaded.named == {
        ("national-high-tech-enterprises", 2015),
        ("national-high-tech-enterprises", 2018),
    }


def test_columns_gathered_from_batches_are_the_rows(spec: Spec, tmp_path: Path) -> None:
    """`Columns.of` on a panel read as columns holds each row's value (its exponent too), and
    each region's own data is what `split_regions` gives."""
    plain = write(
        tmp_path / "a.csv", [*panel(COUNTS, "1", "家"), *panel(SIGNED, "import-export-value", "")]
    )
    other = write(
        tmp_path / "b.csv",
        [
            ("district-00", "1", "2019", "预计6300", "家"),  # preliminary: not plain
            ("district-03", "2", "2018", "约985", "家"),  # approximate: not plain
        ],
    )
    loaded = read_data([plain, other], spec)
    assert batches(loaded) == 1
    dataset = loaded.dataset
    columns = Columns.of(spec, dataset)
    place = {region: i for i, region in enumerate(columns.regions)}
    for obs in dataset.observations:
        assert obs.region is not None
        value = columns.values[obs.indicator_id][obs.year][place[obs.region]]
        assert value is not None
        assert value.as_tuple() == obs.value.as_tuple()
        assert columns.reported[obs.indicator_id][place[obs.region]]
    assert not columns.plain["national-high-tech-enterprises"][place["district-00"]]
    assert columns.plain["national-high-tech-enterprises"][place["district-01"]]
    assert not columns.plain["enterprise-rd-institutions"][place["district-03"]]
    assert columns.values["enterprise-rd-institutions"][2018][place["district-04"]] is None
    split = dataset.split_regions()
    for i, region in enumerate(columns.regions):
        assert columns.dataset(i) == split[region]
