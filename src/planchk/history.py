"""Several years at once: the plan evaluated in every year of the data up to the assessment year.

`evaluate_history` runs the one-year engine (`planchk.engine.evaluate`) for each year, and returns
the assessment year's `Report` with each indicator's status history and trajectory, the overall
score per year, and the status changes that matter. Like the engine, it is pure.
"""

from __future__ import annotations

from collections.abc import Sequence

from planchk.assessments import Assessments
from planchk.data import Dataset
from planchk.engine import assessment_year, evaluate
from planchk.results import (
    STATUS_SEVERITY,
    IndicatorResult,
    Report,
    Status,
    StatusChange,
    StatusChangeKind,
    YearPoint,
    YearScore,
)
from planchk.spec import Attribute, Spec
from planchk.trajectory import trajectory


def history_years(spec: Spec, dataset: Dataset, year: int) -> list[int]:
    """The years to evaluate: every year of the data after the base year up to `year`, and `year`."""
    return sorted({y for y in dataset.years() if spec.plan.base_year < y < year} | {year})


def evaluate_history(
    spec: Spec,
    dataset: Dataset,
    year: int | None = None,
    assessments: Assessments | None = None,
) -> Report:
    """Evaluate every year of the data up to the assessment year (default: the latest).

    Returns the assessment year's report, as `evaluate` does, with `history` and `trajectory`
    per indicator, `trend` (the overall score per year) and `changes` filled in. Each year
    takes the assessments that apply to it (`planchk.assessments`).
    """
    return assess(spec, dataset, assessment_year(spec, dataset, year), assessments)


def assess(spec: Spec, dataset: Dataset, t: int, assessments: Assessments | None = None) -> Report:
    """`evaluate_history` for an assessment year `t` already decided (by `assessment_year`)."""
    reports = [evaluate(spec, dataset, y, assessments) for y in history_years(spec, dataset, t)]
    final = reports[-1]
    indicators = tuple(
        result.model_copy(
            update={
                "history": tuple(_point(r.year, r.indicators[i]) for r in reports),
                "trajectory": trajectory(spec, dataset, spec.indicators[i], result, t),
            }
        )
        for i, result in enumerate(final.indicators)
    )
    trend = tuple(
        YearScore(
            year=r.year,
            score=r.summary.score,
            coverage=r.summary.coverage,
            score_withheld=r.summary.score_withheld,
        )
        for r in reports
    )
    return final.model_copy(
        update={
            "indicators": indicators,
            "trend": trend,
            "changes": changes_that_matter(indicators, t, spec.plan.end_year),
        }
    )


def _point(year: int, result: IndicatorResult) -> YearPoint:
    return YearPoint(
        year=year,
        status=result.status,
        approximate=result.approximate,
        score=result.score,
        progress_ratio=result.progress_ratio,
        actual=result.actual,
        expected=result.expected,
        manual=result.manual,
    )


def changes_that_matter(
    indicators: Sequence[IndicatorResult], year: int, end_year: int
) -> tuple[StatusChange, ...]:
    """Binding indicators whose end value misses the target, then worsened statuses (latest first).

    The end value is the anticipated one before the end year (the projection at the pace so far)
    and the actual one in the end year. What counts as worsened is `worsened`.
    """
    misses: list[StatusChange] = []
    worse: list[StatusChange] = []
    for r in indicators:
        binding = r.attribute is Attribute.BINDING
        end_value = None
        if binding and year < end_year and r.projection and not r.projection.meets_target:
            end_value = r.projection.end_value
        elif binding and year == end_year and r.status is Status.NOT_ACHIEVED:
            end_value = r.actual
        if end_value is not None:
            misses.append(
                StatusChange(
                    kind=StatusChangeKind.END_VALUE_MISSES,
                    no=r.no,
                    id=r.id,
                    binding=True,
                    year=year,
                    status=r.status,
                    end_value=end_value,
                    target=r.target,
                )
            )
        for before, after in zip(r.history, r.history[1:], strict=False):
            if worsened(before, after, end_year):
                worse.append(
                    StatusChange(
                        kind=StatusChangeKind.WORSENED,
                        no=r.no,
                        id=r.id,
                        binding=binding,
                        year=after.year,
                        previous_year=before.year,
                        previous_status=before.status,
                        status=after.status,
                        target=r.target,
                    )
                )
    worse.sort(key=lambda c: (-c.year, not c.binding, c.no))
    return tuple(misses + worse)


def worsened(before: YearPoint, after: YearPoint, end_year: int) -> bool:
    """Whether the status got worse from one year to the next.

    In the end year the pace statuses give way to the end-of-plan verdict: an indicator behind
    (or on track, off track, regressing) the year before that ends not achieved has not got worse
    by that alone, so it counts as worsened only when its score fell too (a score withheld, with
    no value to judge in the end year, counts as 0).
    """
    if before.status not in STATUS_SEVERITY or after.status not in STATUS_SEVERITY:
        return False
    if STATUS_SEVERITY[after.status] <= STATUS_SEVERITY[before.status]:
        return False
    if after.year == end_year and after.status is Status.NOT_ACHIEVED:
        return (after.score or 0.0) < (before.score or 0.0)
    return True
