"""Evaluating one plan for every region of a panel, and ranking the regions.

A panel is data with a region column. Each region is evaluated exactly as its data would be on
its own (`planchk.engine.evaluate` with the region's own baselines and targets from the spec),
in the assessment year of the whole panel, so that every region is judged for the same year.
"""

from __future__ import annotations

from collections.abc import Callable

from planchk.data import Dataset
from planchk.engine import EvaluationError, assessment_year, evaluate
from planchk.gcpause import paused_gc
from planchk.results import PanelReport, PlanRef, RegionRank, RegionReport, Report
from planchk.spec import Spec

#: Called after each region with (regions done, regions in all): drives a progress bar.
Progress = Callable[[int, int], None]


def evaluate_panel(
    spec: Spec, dataset: Dataset, year: int | None = None, progress: Progress | None = None
) -> PanelReport:
    """Evaluate every region of `dataset` for the assessment year (default: latest in the panel)."""
    if not dataset.is_panel:
        raise EvaluationError("the data has no region column: evaluate it with evaluate()")
    with paused_gc():
        return _evaluate_panel(spec, dataset, assessment_year(spec, dataset, year), progress)


def _evaluate_panel(spec: Spec, dataset: Dataset, t: int, progress: Progress | None) -> PanelReport:
    regions = dataset.split_regions()
    reports: list[RegionReport] = []
    for done, (region, data) in enumerate(regions.items(), start=1):
        reports.append(RegionReport(region=region, report=evaluate_region(spec, data, region, t)))
        if progress is not None:
            progress(done, len(regions))
    plan = spec.plan
    return PanelReport(
        plan=PlanRef(
            id=plan.id, title=plan.title, base_year=plan.base_year, end_year=plan.end_year
        ),
        year=t,
        elapsed_share=reports[0].report.elapsed_share,
        ranking=rank_regions(reports),
        regions=tuple(reports),
        data_files=dataset.files,
        warnings=tuple(str(w) for w in dataset.warnings),
    )


def evaluate_region(spec: Spec, dataset: Dataset, region: str, year: int) -> Report:
    """One region's report: its own data against its own baselines and targets."""
    return evaluate(spec.for_region(region), dataset, year)


def rank_regions(reports: list[RegionReport]) -> tuple[RegionRank, ...]:
    """Regions by overall score, best first; equal scores share a rank (1, 2, 2, 4), and regions
    whose score is withheld come last, unranked. Ties are listed by region name."""
    ordered = sorted(
        reports,
        key=lambda r: (
            r.report.summary.score is None,
            -(r.report.summary.score or 0.0),
            r.region,
        ),
    )
    ranking: list[RegionRank] = []
    previous: float | None = None
    rank = 0
    for position, entry in enumerate(ordered, start=1):
        summary = entry.report.summary
        if summary.score is not None and summary.score != previous:
            rank, previous = position, summary.score
        ranking.append(
            RegionRank(
                region=entry.region,
                rank=None if summary.score is None else rank,
                score=summary.score,
                coverage=summary.coverage,
                binding_failures=summary.binding_failures,
            )
        )
    return tuple(ranking)
