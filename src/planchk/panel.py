"""Evaluating one plan for every region of a panel, and ranking the regions.

A panel is data with a region column. Each region is judged exactly as its data would be on
its own (the engine's `judge_indicator` and `scores`, with the region's own baselines and
targets from the spec), in the assessment year of the whole panel, so that every region is
judged for the same year. A panel keeps each indicator's outcome, not its full result: the full
report of one region is `evaluate_region`, the same as `planchk.history.evaluate_history` gives
for the region's data alone (every year of its data, with trends).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import BaseModel

from planchk import columnar
from planchk.assessments import Assessments
from planchk.data import Dataset
from planchk.engine import (
    EvaluationError,
    assessment_year,
    judge_indicator,
    outcome,
    scores,
)
from planchk.gcpause import paused_gc
from planchk.history import evaluate_history
from planchk.problems import ProblemText
from planchk.rational import Fraction
from planchk.results import PanelReport, PlanRef, RegionRank, RegionResult, Report, compact
from planchk.spec import Spec, region_key

_Part = TypeVar("_Part", bound=BaseModel)

#: Called after each region with (regions done, regions in all): drives a progress bar.
Progress = Callable[[int, int], None]


def evaluate_panel(
    spec: Spec,
    dataset: Dataset,
    year: int | None = None,
    progress: Progress | None = None,
    assessments: Assessments | None = None,
) -> PanelReport:
    """Evaluate every region of `dataset` for the assessment year (default: latest in the panel)."""
    if not dataset.is_panel:
        raise EvaluationError("the data has no region column: evaluate it with evaluate()")
    t = assessment_year(spec, dataset, year)
    return judge_panel(spec, dataset, t, progress, assessments)


def judge_panel(
    spec: Spec,
    dataset: Dataset,
    t: int,
    progress: Progress | None = None,
    assessments: Assessments | None = None,
) -> PanelReport:
    """`evaluate_panel` for an assessment year `t` already decided (by `assessment_year`)."""
    with paused_gc():
        return _judge_panel(spec, dataset, t, progress, assessments or Assessments())


def _judge_panel(
    spec: Spec, dataset: Dataset, t: int, progress: Progress | None, assessments: Assessments
) -> PanelReport:
    shared = Shared()
    if columnar.ENABLED:
        results = columnar.judge_columns(spec, dataset, t, assessments, progress, keep=shared.part)
    else:
        results = []
        regions = dataset.split_regions()
        for done, (region, data) in enumerate(regions.items(), start=1):
            results.append(shared.region(judge_region(spec, data, region, t, assessments)))
            if progress is not None:
                progress(done, len(regions))
    plan = spec.plan
    return PanelReport(
        plan=PlanRef(
            id=plan.id, title=plan.title, base_year=plan.base_year, end_year=plan.end_year
        ),
        year=t,
        elapsed_share=float(Fraction(t - plan.base_year, plan.end_year - plan.base_year)),
        minimum_coverage=float(spec.scoring.minimum_coverage),
        ranking=rank_regions(results),
        regions=tuple(results),
        data_files=dataset.files,
        warnings=tuple(ProblemText(w) for w in dataset.warnings),
    )


def judge_region(
    spec: Spec,
    dataset: Dataset,
    region: str,
    year: int,
    assessments: Assessments | None = None,
) -> RegionResult:
    """One region's scores and outcomes: what `RegionResult.of` makes of its full report."""
    own = spec.for_region(region)
    found = assessments or Assessments()
    judgements = [
        judge_indicator(own, dataset, ind, year, found.find(ind.id, region, year))
        for ind in own.indicators
    ]
    summary, categories = scores(own, judgements)
    return RegionResult(
        region=region,
        summary=summary,
        categories=categories,
        indicators=tuple(outcome(j, year) for j in judgements),
        warnings=tuple(ProblemText(w) for w in dataset.warnings),
    )


class Shared:
    """One object for equal parts of regions' results: the outcome of an indicator without data
    is the same in every region without it, and so are many summaries and category scores.

    Results are frozen, so regions may share them; without this a panel of 50,000 regions with
    one figure each held a million outcomes, nearly all the same "no data". Parts are equal
    when their JSON is (a zero's sign included), which is also the quickest key to make."""

    def __init__(self) -> None:
        self._parts: dict[tuple[type, bytes], Any] = {}

    def region(self, result: RegionResult) -> RegionResult:
        return compact(
            result.model_copy(
                update={
                    "summary": self.part(result.summary),
                    "categories": tuple(map(self.part, result.categories)),
                    "indicators": tuple(map(self.part, result.indicators)),
                }
            )
        )

    def part(self, model: _Part) -> _Part:
        key = (type(model), model.__pydantic_serializer__.to_json(model))
        found: _Part | None = self._parts.get(key)
        if found is None:
            found = self._parts[key] = compact(model)
        return found


def unmatched_regions(spec: Spec, dataset: Dataset) -> list[str]:
    """Regions the spec's regions section names that the data does not have (a misspelt name
    would otherwise leave a district silently judged against the plan's own figures)."""
    in_data = {region_key(region) for region in dataset.regions}
    return [name for name in spec.regions if region_key(name) not in in_data]


def evaluate_region(
    spec: Spec,
    dataset: Dataset,
    region: str,
    year: int,
    assessments: Assessments | None = None,
) -> Report:
    """One region's full report: its own data against its own baselines and targets, in every
    year of its data up to `year` (as `evaluate` reports data without a region column)."""
    return evaluate_history(spec.for_region(region), dataset, year, assessments)


def rank_regions(results: list[RegionResult]) -> tuple[RegionRank, ...]:
    """Regions by overall score, best first; equal scores share a rank (1, 2, 2, 4), and regions
    whose score is withheld come last, unranked. Ties are listed by region name."""
    ordered = sorted(
        results, key=lambda r: (r.summary.score is None, -(r.summary.score or 0.0), r.region)
    )
    ranking: list[RegionRank] = []
    previous: float | None = None
    rank = 0
    for position, entry in enumerate(ordered, start=1):
        summary = entry.summary
        if summary.score is not None and summary.score != previous:
            rank, previous = position, summary.score
        ranking.append(
            compact(
                RegionRank(
                    region=entry.region,
                    rank=None if summary.score is None else rank,
                    score=summary.score,
                    coverage=summary.coverage,
                    binding_failures=summary.binding_failures,
                )
            )
        )
    return tuple(ranking)
