"""A panel judged as columns: each indicator for every region at once.

Judging a panel region by region builds, for every region and indicator, a `Context`, a
measurement with its audit trail and a judgement, though a panel keeps only the outcome. Here
the panel's values are gathered once into columns (for each indicator and year, every region's
value), each kind's `many` measures the plain regions of a column at once, deciding in floats
and certifying every decision with the margin of `planchk.exact.screened`, and
`planchk.engine.decide_many` gives their statuses and outcomes. Everything else goes to the
exact path of a region on its own (`planchk.engine.judge_indicator`): a region with a plan of
its own, an assessed indicator, one with several targets, a kind without `many`, a row that is
approximate, preliminary, bounded, in another 口径 or prices or repeated, a missing value, and
every decision the screen cannot certify (the numbers shown are computed as the exact path
computes them). A region without any row of an indicator is judged once for all such regions:
a kind reads only the indicator's own rows (a tied target also another's, so it is left
out), so its judgement on no rows is the same in each. The result is the same, byte for byte
(`tests/test_columnar.py`).
"""

from __future__ import annotations

from array import array
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import compress, groupby, repeat
from typing import Protocol, TypeVar, overload

from pydantic import BaseModel

from planchk.assessments import Assessments
from planchk.data import ColumnBatch, Dataset, Observation, Observations, scaled
from planchk.engine import (
    Decided,
    Judgement,
    decide_many,
    judge_indicator,
    outcome,
    scores,
    scores_many,
    thresholds,
)
from planchk.kinds import KINDS
from planchk.kinds.base import Batch
from planchk.problems import Problem, ProblemText
from planchk.quantities import Qualifier
from planchk.results import CategoryResult, RegionResult, Summary, compact
from planchk.spec import Indicator, Spec

#: Whether panels are judged as columns; tests switch it off to compare with the exact path.
ENABLED = True

_Part = TypeVar("_Part", bound=BaseModel)


class _Keeper(Protocol):
    def __call__(self, part: _Part, /) -> _Part: ...


#: Where a part shared by many regions is kept once (`planchk.panel.Shared.part`), or None.
Keep = _Keeper | None


@dataclass
class Tally:
    """Which (region, indicator id) of a run were judged in columns, which on their own, and
    which shared the one judgement of an indicator without rows (`without_rows`)."""

    columns: list[tuple[str, str]] = field(default_factory=list)
    alone: list[tuple[str, str]] = field(default_factory=list)
    without_rows: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Columns:
    """A panel's values as columns: `values[indicator id][year][i]` is region `i`'s value
    (None where it has none), `plain[indicator id][i]` whether region `i` reports the indicator
    plainly (one row a year, exact, final, in the spec's 口径 and prices), `reported[indicator
    id][i]` whether it has any row of it, and each region's own rows and warnings, for the
    regions judged on their own."""

    regions: tuple[str, ...]
    values: dict[str, dict[int, ValueColumn]]
    plain: dict[str, list[bool]]
    reported: dict[str, list[bool]]
    rows: Sequence[list[Observation]]
    warnings: list[list[Problem]]
    files: tuple[str, ...]

    @classmethod
    def of(cls, spec: Spec, dataset: Dataset) -> Columns:
        """One pass over the panel's rows: a plain batch kept as columns
        (`planchk.data.ColumnBatch`) is gathered from its columns, with no observation made."""
        regions = dataset.regions
        count = len(regions)
        place: dict[str | None, int] = {region: i for i, region in enumerate(regions)}
        ids = [ind.id for ind in spec.indicators]
        values: dict[str, dict[int, ValueColumn]] = {id_: {} for id_ in ids}
        plain = {id_: [True] * count for id_ in ids}
        reported = {id_: [False] * count for id_ in ids}
        positions = [array("I") for _ in regions]
        gathered = _Gathered(values, plain, reported, count)
        pending = _Pending(place, ids)
        observations = dataset.observations
        parts = observations.parts if isinstance(observations, Observations) else [observations]
        start = 0
        exact = Qualifier.EXACT
        for part in parts:
            if isinstance(part, ColumnBatch):
                pending.add(part, start)
                start += len(part)
                continue
            pending.flush(gathered, positions)  # the rows before these first, in their order
            for position, obs in enumerate(part, start=start):
                i = place.get(obs.region) if obs.region is not None else None
                if i is None:
                    continue
                positions[i].append(position)
                found = gathered.column(obs.indicator_id, obs.year)
                if found is None:
                    continue
                column, simple, given = found
                given[i] = True
                if (
                    column.has(i)
                    or obs.qualifier is not exact
                    or obs.preliminary
                    or obs.reported_as is not None
                    or obs.price_basis is not None
                ):
                    simple[i] = False
                column.set(i, obs.value)
            start += len(part)
        pending.flush(gathered, positions)
        warnings: list[list[Problem]] = [[] for _ in regions]
        for warning in dataset.warnings:
            i = place.get(warning.region) if warning.region is not None else None
            if i is not None:
                warnings[i].append(warning)
        rows = _RegionRows(observations, positions)
        return cls(regions, values, plain, reported, rows, warnings, dataset.files)

    def dataset(self, i: int) -> Dataset:
        """Region `i`'s own data, as `Dataset.split_regions` gives it."""
        return Dataset(tuple(self.rows[i]), tuple(self.warnings[i]), self.files, (self.regions[i],))


class _RegionRows(Sequence[list[Observation]]):
    """Each region's rows, made from the panel's observations when a region is judged on its
    own (most regions never are, and their rows are never made into observations)."""

    def __init__(self, observations: Sequence[Observation], positions: list[array[int]]) -> None:
        self._observations = observations
        self._positions = positions

    def __len__(self) -> int:
        return len(self._positions)

    @overload
    def __getitem__(self, i: int) -> list[Observation]: ...
    @overload
    def __getitem__(self, i: slice) -> list[list[Observation]]: ...
    def __getitem__(self, i: int | slice) -> list[Observation] | list[list[Observation]]:
        if isinstance(i, slice):
            return [self[k] for k in range(len(self))[i]]
        return list(map(self._observations.__getitem__, self._positions[i]))


class ValueColumn(Sequence[Decimal | None]):
    """One indicator's values in one year, by region (None where a region has none): each
    as its digits and exponent (`planchk.data.ColumnBatch.digits`), made a Decimal when read,
    so that a panel's values take 9 bytes each here, not a Decimal's 104 (a kind reads only
    the years it needs). A value kept otherwise (a row read one by one) is kept as it is."""

    def __init__(self, count: int) -> None:
        self.digits = array("q", [0]) * count
        self.exponents = array("b", [_ABSENT]) * count
        self.other: dict[int, Decimal] = {}

    def __len__(self) -> int:
        return len(self.exponents)

    def has(self, i: int) -> bool:
        return self.exponents[i] != _ABSENT

    def set(self, i: int, value: Decimal) -> None:
        self.exponents[i] = _OTHER
        self.other[i] = value

    @overload
    def __getitem__(self, i: int) -> Decimal | None: ...
    @overload
    def __getitem__(self, i: slice) -> list[Decimal | None]: ...
    def __getitem__(self, i: int | slice) -> Decimal | list[Decimal | None] | None:
        if isinstance(i, slice):
            return [self[k] for k in range(len(self))[i]]
        exponent = self.exponents[i]
        if exponent == _ABSENT:
            return None
        if exponent == _OTHER:
            return self.other[i]
        return scaled(self.digits[i], exponent)


#: A `ValueColumn`'s exponents for no value, and for a value kept as it is (a plain number's
#: exponent is at least -30).
_ABSENT = -128
_OTHER = -127


class _Gathered:
    """The columns `Columns.of` fills: for each indicator and year every region's value, and
    whether each region reports each indicator plainly and at all."""

    def __init__(
        self,
        values: dict[str, dict[int, ValueColumn]],
        plain: dict[str, list[bool]],
        reported: dict[str, list[bool]],
        count: int,
    ) -> None:
        self.values, self.plain, self.reported, self.count = values, plain, reported, count
        self._found: dict[tuple[str, int], tuple[ValueColumn, list[bool], list[bool]] | None] = {}

    def column(
        self, indicator_id: str, year: int
    ) -> tuple[ValueColumn, list[bool], list[bool]] | None:
        """The value column of an indicator and year (made when first asked for), with the
        indicator's plain and reported flags; None for an indicator the spec does not have."""
        key = (indicator_id, year)
        if key in self._found:
            return self._found[key]
        by_year = self.values.get(indicator_id)
        found = None
        if by_year is not None:
            column = by_year.get(year)
            if column is None:
                column = by_year[year] = ValueColumn(self.count)
            found = (column, self.plain[indicator_id], self.reported[indicator_id])
        self._found[key] = found
        return found


class _Pending:
    """Consecutive plain batches' rows (`planchk.data.ColumnBatch`), gathered into the columns
    at once when a row read one by one, or the end, comes (`flush`): grouped by region and by
    (indicator, year) with slices, sorts and maps instead of a Python step per row (on the
    2,000-region panel, 0.17-0.26 s instead of 0.31-0.45 s in one run), as row by row gathers
    them. A region's positions stay in order, and so do the writes to one column's cell (the
    last value wins, and a second makes the region's indicator not plain); the flags are only
    ever set, so the order between columns does not matter."""

    def __init__(self, place: dict[str | None, int], ids: list[str]) -> None:
        self._place = place
        self._index = {id_: k for k, id_ in enumerate(ids)}
        self._ids = ids
        self._clear()

    def _clear(self) -> None:
        self.places: list[int] = []  # each row's region
        self.keys: list[int] = []  # each row's (indicator, year) as one number, < 0 for none
        self.positions = array("I")  # each row's position in the panel
        self.digits = array("q")
        self.exponents = array("b")  # _OTHER where the batch keeps the value itself
        self.values: dict[int, Decimal] = {}  # those values, by row

    def add(self, batch: ColumnBatch, start: int) -> None:
        """Take a batch's rows, the first at `start` in the panel."""
        size = len(batch)
        names, region_codes = batch.regions
        table, id_codes = batch.ids
        places = [_NOWHERE if name is None else self._place.get(name, _NOWHERE) for name in names]
        # an indicator the spec does not have is a key below any other, never a column's
        keyed = [self._index.get(id_, _NO_KEY) << 16 for id_ in table]
        rows_places = list(
            repeat(places[0], size)
            if region_codes is None
            else map(places.__getitem__, region_codes)
        )
        keys = list(
            map(
                int.__add__,
                repeat(keyed[0], size) if id_codes is None else map(keyed.__getitem__, id_codes),
                batch.years,
            )
        )
        kept = batch.digits()
        if kept is None:
            digits: Sequence[int] = array("q", [0]) * size
            exponents: Sequence[int] = array("b", [_OTHER]) * size
        else:
            digits, exponents = kept
        positions: Sequence[int] = range(start, start + size)
        if _NOWHERE in rows_places:  # rows of no region the panel judges are left out
            known = list(map(_NOWHERE.__ne__, rows_places))
            if kept is None:
                values = list(compress(batch.values(), known))
            positions, digits, exponents, keys = (
                list(compress(column, known)) for column in (positions, digits, exponents, keys)
            )
            rows_places = list(compress(rows_places, known))
        elif kept is None:
            values = batch.values()
        if kept is None:
            first = len(self.places)
            self.values.update(zip(range(first, first + len(values)), values, strict=True))
        self.places += rows_places
        self.keys += keys
        self.positions.extend(positions)
        self.digits.extend(digits)
        self.exponents.extend(exponents)

    def flush(self, gathered: _Gathered, positions: list[array[int]]) -> None:
        """Gather the rows taken into `gathered` and each region's `positions`, and forget them."""
        places, count = self.places, len(self.places)
        if not count:
            return
        # runs of one region's rows, in row order: each region's positions stay in order
        end = 0
        for i, run in groupby(places):
            begin, end = end, end + len(list(run))
            positions[i].extend(self.positions[begin:end])
        width = self._block()
        if width:
            # every region's rows are one block naming the same (indicator, year)s in the same
            # order: the rows of one column are every `width`-th row
            for o, key in enumerate(self.keys[:width]):
                if key >= 0:
                    self._fill(gathered, key, range(o, count, width))
        else:
            keys = self.keys
            for key, run in groupby(sorted(range(count), key=keys.__getitem__), keys.__getitem__):
                if key >= 0:
                    self._fill(gathered, key, list(run))
        self._clear()

    def _block(self) -> int:
        """The number of rows each region has, where every region's rows are one block of
        distinct keys in the same order as the first region's; else 0."""
        places, keys, count = self.places, self.keys, len(self.places)
        first = places[0]
        width = places.index(next((p for p in places if p != first), first))
        width = width or count
        if count % width or len(set(keys[:width])) != width:
            return 0
        if keys != keys[:width] * (count // width):
            return 0
        regions = places[::width]
        if len(set(regions)) != len(regions):
            return 0
        if any(places[o::width] != regions for o in range(1, width)):
            return 0
        return width

    def _fill(self, gathered: _Gathered, key: int, rows: Sequence[int]) -> None:
        """Write one column's rows: at once where each is the first value of its region's cell
        (as one array where they are every region's, in order), else one by one as row-by-row
        gathering writes them."""
        found = gathered.column(self._ids[key >> 16], key & 0xFFFF)
        if found is None:
            return
        column, simple, given = found
        if isinstance(rows, range):
            at: list[int] = self.places[rows.start :: rows.step]
            numbers = self.digits[rows.start :: rows.step]
            exponents = self.exponents[rows.start :: rows.step]
        else:
            at = list(map(self.places.__getitem__, rows))
            numbers = array("q", map(self.digits.__getitem__, rows))
            exponents = array("b", map(self.exponents.__getitem__, rows))
        held = column.exponents
        every = len(at) == gathered.count and at == list(range(gathered.count))
        if _OTHER not in exponents and len(set(at)) == len(at):
            if every and held.count(_ABSENT) == len(held):
                column.digits, column.exponents = numbers, exponents
                given[:] = repeat(True, len(given))
                return
            if all(map(_ABSENT.__eq__, map(held.__getitem__, at))):
                _consume(map(column.digits.__setitem__, at, numbers))
                _consume(map(held.__setitem__, at, exponents))
                _consume(map(given.__setitem__, at, repeat(True)))
                return
        for row, i, number, exponent in zip(rows, at, numbers, exponents, strict=True):
            given[i] = True
            if held[i] != _ABSENT:
                simple[i] = False
            if exponent == _OTHER:
                column.set(i, self.values[row])
            else:
                column.digits[i], held[i] = number, exponent


#: A row of no region the panel judges, and the key of an indicator the spec does not have.
_NOWHERE = -1
_NO_KEY = -(1 << 40)


def _consume(calls: Iterable[object]) -> None:
    """Run every call of a `map` made for its effect, at C speed (the itertools recipe)."""
    deque(calls, maxlen=0)


def judge_columns(
    spec: Spec,
    dataset: Dataset,
    t: int,
    assessments: Assessments,
    done: Callable[[int, int], None] | None = None,
    tally: Tally | None = None,
    keep: Keep = None,
) -> list[RegionResult]:
    """Every region's result, as `planchk.panel.judge_region` gives it, judged in columns
    where the kinds can and region by region elsewhere; `done` is called after each region.

    `keep` (`planchk.panel.Shared.part`) is given the parts that regions often share: the
    outcomes judged on their own (an indicator without data), summaries and category scores;
    equal outcomes of a column are one object already (`planchk.engine.decide_many`)."""
    columns = Columns.of(spec, dataset)
    count = len(columns.regions)
    # regions with a plan of their own are judged on their own
    owns = [spec.for_region(region) for region in columns.regions]
    together = [own is spec for own in owns]
    assessed = {entry.indicator for entry in assessments.entries}
    ks = thresholds(spec)
    decided: list[list[Decided | None]] = []
    unreported: list[Decided | None] = []  # each indicator's one judgement on no rows
    for ind in spec.indicators:
        many = KINDS[ind.target.kind].many
        if many is None or ind.several_targets or ind.id in assessed:
            column: list[Decided | None] = [None] * count
        else:
            plain = [
                own and simple for own, simple in zip(together, columns.plain[ind.id], strict=True)
            ]
            batch = Batch(spec, ind, t, plain, dict(columns.values[ind.id]), ks)
            column = decide_many(spec, ind, t, many(batch))
        empty = _without_rows(spec, ind, t, assessed, columns, keep)
        unreported.append(empty)
        if empty is not None:
            for i, reported in enumerate(columns.reported[ind.id]):
                if together[i] and not reported:
                    column[i] = empty
        decided.append(column)
    if tally is not None:
        _count(columns.regions, spec.indicators, decided, unreported, tally)
    judged = _alone(columns, owns, t, assessments, decided, keep)
    scored = _scored(spec, owns, judged, keep)
    outcomes = zip(*([d.outcome for d in column] for column in judged), strict=True)
    results: list[RegionResult] = []
    for i, (region, (summary, categories), shown) in enumerate(
        zip(columns.regions, scored, outcomes, strict=True)
    ):
        results.append(
            compact(
                RegionResult(
                    region=region,
                    summary=summary,
                    categories=categories,
                    indicators=shown,
                    warnings=tuple(ProblemText(w) for w in columns.warnings[i]),
                )
            )
        )
        if done is not None:
            done(i + 1, count)
    return results


def _without_rows(
    spec: Spec, ind: Indicator, t: int, assessed: set[str], columns: Columns, keep: Keep
) -> Decided | None:
    """The judgement of `ind` for a region with no row of it, the same in every such region
    (a kind reads only the indicator's own rows); None where a target is tied to another
    indicator, whose rows the region may have, or an assessment may apply."""
    if ind.id in assessed or any(target.reference is not None for target in ind.all_targets):
        return None
    if all(columns.reported[ind.id]):
        return None  # every region has rows: no judgement to share
    return _decided(judge_indicator(spec, Dataset((), (), columns.files), ind, t), t, keep)


def _decided(j: Judgement, t: int, keep: Keep) -> Decided:
    """A judgement of the exact path, as a column holds one: what scores and a panel read."""
    shown = outcome(j, t)
    return Decided(
        j.no,
        j.category,
        j.weight,
        j.status,
        j.score,
        j.binding_failure,
        shown if keep is None else keep(shown),
    )


def _count(
    regions: tuple[str, ...],
    indicators: tuple[Indicator, ...],
    decided: list[list[Decided | None]],
    unreported: list[Decided | None],
    tally: Tally,
) -> None:
    """Which (region, indicator) the columns judged, which shared the judgement of no rows and
    which are left to be judged on their own."""
    for i, region in enumerate(regions):
        for ind, column, empty in zip(indicators, decided, unreported, strict=True):
            fast = column[i]
            if fast is None:
                tally.alone.append((region, ind.id))
            elif fast is empty:
                tally.without_rows.append((region, ind.id))
            else:
                tally.columns.append((region, ind.id))


def _alone(
    columns: Columns,
    owns: list[Spec],
    t: int,
    assessments: Assessments,
    decided: list[list[Decided | None]],
    keep: Keep,
) -> list[list[Decided]]:
    """The columns with what they left judged on its own, region by region (each region's
    own data is gathered once), against the region's own plan."""
    left: dict[int, list[int]] = {}
    for k, column in enumerate(decided):
        if None in column:
            for i, fast in enumerate(column):
                if fast is None:
                    left.setdefault(i, []).append(k)
    for i in sorted(left):
        own, region, data = owns[i], columns.regions[i], columns.dataset(i)
        for k in left[i]:
            ind = own.indicators[k]
            j = judge_indicator(own, data, ind, t, assessments.find(ind.id, region, t))
            decided[k][i] = _decided(j, t, keep)
    return [[d for d in column if d is not None] for column in decided]


def _scored(
    spec: Spec, owns: list[Spec], judged: list[list[Decided]], keep: Keep
) -> list[tuple[Summary, tuple[CategoryResult, ...]]]:
    """Each region's summary and category scores: in bulk for the regions judged against the
    plan itself (`planchk.engine.scores_many`), on its own for a region with a plan of its own."""
    alike = [i for i, own in enumerate(owns) if own is spec]
    if len(alike) == len(owns):
        bulk = iter(scores_many(spec, judged, len(owns)))
    else:
        subset = [[column[i] for i in alike] for column in judged]
        bulk = iter(scores_many(spec, subset, len(alike)))
    found = [
        next(bulk) if own is spec else scores(own, [column[i] for column in judged])
        for i, own in enumerate(owns)
    ]
    if keep is None:
        return found
    # those scored in bulk are one object for regions alike already
    return [
        scored if own is spec else (keep(scored[0]), tuple(map(keep, scored[1])))
        for own, scored in zip(owns, found, strict=True)
    ]
