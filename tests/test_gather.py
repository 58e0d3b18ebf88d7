"""`planchk.columnar.Columns.of` gathers plain batches (`planchk.data.ColumnBatch`) many rows at a
time: the columns, flags and region rows it makes are those of the same rows gathered one by
one, whatever the order of the rows, their repeats, the regions and indicators the panel does
not judge, and the rows read one by one between batches."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from planchk.columnar import Columns
from planchk.data import ColumnBatch, Dataset, Observation, Observations
from planchk.quantities import Qualifier
from planchk.spec import Spec

REGIONS = [f"district-{k}" for k in range(4)]
IDS = ["national-high-tech-enterprises", "enterprise-rd-institutions", "no-such-indicator"]
#: beside plain numbers, one beyond 64 bits: a batch with it keeps its values as they are
VALUES = ["6151", "6151.0", "0.00", "12.5", "7", "-0.0000001", "9223372036854775808"]

ROW = st.tuples(
    st.sampled_from([*REGIONS, "elsewhere"]),  # a region the panel does not judge
    st.sampled_from(IDS),
    st.sampled_from([2015, 2016, 2018]),
    st.sampled_from(VALUES),
)
Row = tuple[str, str, int, str]
#: rows, whether they are a plain batch (else rows read one by one), whether every region has
#: them in the same order (a panel's usual layout), and whether a batch keeps values as written
PART = st.tuples(
    st.lists(ROW, min_size=1, max_size=25), st.booleans(), st.booleans(), st.booleans()
)


def part(
    rows: list[Row], batch: bool, as_written: bool, first: int
) -> list[Observation] | ColumnBatch:
    lines = list(range(first, first + len(rows)))
    if batch:
        columns = (
            [row[1] for row in rows],
            [row[2] for row in rows],
            [Decimal(row[3]) for row in rows],
            [row[3] for row in rows],
            [None] * len(rows),
            [None] * len(rows),
            [None] * len(rows),
            lines,
            [row[0] for row in rows],
        )
        return ColumnBatch(columns, "panel.csv", None, 4, as_written=as_written)
    return [
        Observation(
            indicator, year, Decimal(value), Qualifier.EXACT, line % 3 == 0, value, None, None,
            None, "panel.csv", line, region,
        )
        for line, (region, indicator, year, value) in zip(lines, rows, strict=True)
    ]  # fmt: skip


def gathered(columns: Columns) -> tuple[object, ...]:
    values = {
        id_: {
            year: [None if v is None else v.as_tuple() for v in column]
            for year, column in by_year.items()
        }
        for id_, by_year in columns.values.items()
    }
    return (columns.regions, values, columns.plain, columns.reported, list(columns.rows))


@settings(max_examples=300, deadline=None)
@given(st.lists(PART, min_size=1, max_size=5))
def test_columns_gathered_at_once_are_those_gathered_row_by_row(
    spec: Spec, parts: list[tuple[list[Row], bool, bool, bool]]
) -> None:
    made: list[list[Observation] | ColumnBatch] = []
    first = 2
    for given_rows, batch, whole, as_written in parts:
        rows = (
            [(region, *row[1:]) for region in REGIONS for row in given_rows]
            if whole
            else given_rows
        )
        made.append(part(rows, batch, as_written, first))
        first += len(rows)
    observations = Observations(made)
    by_batch = Dataset(observations, (), ("panel.csv",), tuple(REGIONS))
    by_row = Dataset(tuple(observations), (), ("panel.csv",), tuple(REGIONS))
    assert gathered(Columns.of(spec, by_batch)) == gathered(Columns.of(spec, by_row))
