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

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol, TypeVar

from pydantic import BaseModel

from planchk.assessments import Assessments
from planchk.data import Dataset, Observation
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
from planchk.results import CategoryResult, RegionResult, Summary
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
    values: dict[str, dict[int, list[Decimal | None]]]
    plain: dict[str, list[bool]]
    reported: dict[str, list[bool]]
    rows: list[list[Observation]]
    warnings: list[list[Problem]]
    files: tuple[str, ...]

    @classmethod
    def of(cls, spec: Spec, dataset: Dataset) -> Columns:
        """One pass over the panel's rows."""
        regions = dataset.regions
        count = len(regions)
        place = {region: i for i, region in enumerate(regions)}
        ids = [ind.id for ind in spec.indicators]
        values: dict[str, dict[int, list[Decimal | None]]] = {id_: {} for id_ in ids}
        plain = {id_: [True] * count for id_ in ids}
        reported = {id_: [False] * count for id_ in ids}
        rows: list[list[Observation]] = [[] for _ in regions]
        exact = Qualifier.EXACT
        for obs in dataset.observations:
            i = place.get(obs.region) if obs.region is not None else None
            if i is None:
                continue
            rows[i].append(obs)
            by_year = values.get(obs.indicator_id)
            if by_year is None:
                continue
            reported[obs.indicator_id][i] = True
            column = by_year.get(obs.year)
            if column is None:
                column = by_year[obs.year] = [None] * count
            if (
                column[i] is not None
                or obs.qualifier is not exact
                or obs.preliminary
                or obs.reported_as is not None
                or obs.price_basis is not None
            ):
                plain[obs.indicator_id][i] = False
            column[i] = obs.value
        warnings: list[list[Problem]] = [[] for _ in regions]
        for warning in dataset.warnings:
            i = place.get(warning.region) if warning.region is not None else None
            if i is not None:
                warnings[i].append(warning)
        return cls(regions, values, plain, reported, rows, warnings, dataset.files)

    def dataset(self, i: int) -> Dataset:
        """Region `i`'s own data, as `Dataset.split_regions` gives it."""
        return Dataset(tuple(self.rows[i]), tuple(self.warnings[i]), self.files, (self.regions[i],))


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
            RegionResult(
                region=region,
                summary=summary,
                categories=categories,
                indicators=shown,
                warnings=tuple(ProblemText(w) for w in columns.warnings[i]),
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
