"""The evaluation `planchk evaluate` prints, as one library call: `planchk.evaluate`.

For data without a region column it returns the assessment year's `Report` with every year of the
data up to it (history, trend, changes that matter, trajectories); for a panel, the ranking of
every region (`PanelReport`), or with `region` one region's full report (`RegionReport`). The
assessment year is decided once, here, and every year and region is judged for it. With
`previous` (a JSON report written earlier) the report carries its comparison with it; with
`assessments` (`planchk.assessments`) an assessment's status is in force where one applies. Like
the engine it is pure: it reads only the previous report it is given, and prints nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from planchk.assessments import Assessments
from planchk.data import Dataset
from planchk.engine import EvaluationError, assessment_year
from planchk.history import assess
from planchk.messages import msg
from planchk.results import PanelReport, RegionReport, Report
from planchk.spec import Spec, region_key

if TYPE_CHECKING:
    from planchk.panel import Progress

#: What `evaluate` returns: one series, one region of a panel, or a panel's ranking.
Evaluation = Report | RegionReport | PanelReport


def evaluate(
    spec: Spec,
    dataset: Dataset,
    year: int | None = None,
    *,
    region: str | None = None,
    previous: str | Path | None = None,
    progress: Progress | None = None,
    assessments: Assessments | None = None,
) -> Evaluation:
    """Evaluate `dataset` against `spec` for the assessment year (default: the latest in the data).

    `region` names one region of a panel to report in full; `previous` is a JSON report to
    compare with (of that region, for a panel); `progress` is called after each region of a
    panel; `assessments` (`planchk.load_assessments`) give the status of the indicators they
    assess. Raises `EvaluationError` for an evaluation that cannot be run as asked (an unknown
    region, a year outside the plan period) and `CompareError` for a previous report that is not
    one of this plan.
    """
    t = assessment_year(spec, dataset, year)
    if dataset.is_panel and region is None:
        if previous is not None:
            raise EvaluationError(
                "--compare compares the report of one region: name it with --region NAME"
            )
        # only a panel is judged as columns: `planchk.panel` and `planchk.columnar` (their
        # dataclasses) stay off the start-up of one series
        from planchk.panel import judge_panel  # noqa: PLC0415

        return judge_panel(spec, dataset, t, progress, assessments)
    own_spec, own_data = one_series(spec, dataset, region)
    report = assess(own_spec, own_data, t, assessments)
    if previous is not None:
        # only a run with --compare reads a previous report: its models stay off start-up
        from planchk.compare import compare, load_previous  # noqa: PLC0415

        comparison = compare(report, load_previous(previous), str(previous))
        report = report.model_copy(update={"comparison": comparison})
    if own_data is dataset:
        return report
    return RegionReport(region=own_data.regions[0], report=report)


def evaluate_panel(
    spec: Spec,
    dataset: Dataset,
    year: int | None = None,
    assessments: Assessments | None = None,
) -> PanelReport:
    """The ranking of every region of the panel `dataset` (what `planchk report` writes for a
    panel without a region)."""
    if not dataset.is_panel:
        raise EvaluationError("a ranking of regions needs data with a region column (地区)")
    from planchk.panel import judge_panel  # noqa: PLC0415

    return judge_panel(spec, dataset, assessment_year(spec, dataset, year), None, assessments)


def evaluate_series(
    spec: Spec,
    dataset: Dataset,
    year: int | None = None,
    region: str | None = None,
    assessments: Assessments | None = None,
) -> Report:
    """The full report of one time series: the data itself, or the region `region` of a panel."""
    own_spec, own_data = one_series(spec, dataset, region)
    return assess(own_spec, own_data, assessment_year(own_spec, own_data, year), assessments)


def explanation(
    spec: Spec,
    dataset: Dataset,
    indicator: str,
    year: int | None = None,
    region: str | None = None,
    lang: str = "en",
    assessments: Assessments | None = None,
) -> tuple[Report, str]:
    """The full report of one time series and the step-by-step explanation of `indicator` (its
    id, number, or Chinese or English name) in it. Raises `EvaluationError` for an indicator
    the spec does not have, as for a region the data does not have."""
    own_spec = one_series(spec, dataset, region)[0]
    found = own_spec.indicator(indicator)
    if found is None:
        raise EvaluationError(
            msg(
                "no indicator {indicator!r} in the spec; `planchk indicators` lists them",
                indicator=indicator,
            )
        )
    from planchk.explain import explain  # noqa: PLC0415

    report = evaluate_series(spec, dataset, year, region, assessments)
    return report, explain(own_spec, report, found, lang)


def one_series(spec: Spec, dataset: Dataset, region: str | None) -> tuple[Spec, Dataset]:
    """The spec and data of one time series: the data itself, or one region of a panel with the
    region's own baselines and targets."""
    if not dataset.is_panel:
        if region is not None:
            raise EvaluationError("--region needs data with a region column (地区)")
        return spec, dataset
    if region is None:
        raise EvaluationError(
            f"the data has a region column: name one region with --region ({_some(dataset)})"
        )
    name = region_name(dataset, region)
    return spec.for_region(name), dataset.for_region(name)


def region_name(dataset: Dataset, region: str) -> str:
    """The region of `dataset` that `region` names, as the data spells it (full-width letters
    and case folded)."""
    wanted = region_key(region)
    for name in dataset.regions:
        if region_key(name) == wanted:
            return name
    raise EvaluationError(f"no region {region!r} in the data; its regions are {_some(dataset)}")


def warnings_of(spec: Spec, dataset: Dataset, evaluation: Evaluation) -> list[str]:
    """The warnings about the data behind `evaluation`, one line each (for standard error): the
    data's own, and for a panel the regions the spec names that the data does not have."""
    report = evaluation.report if isinstance(evaluation, RegionReport) else evaluation
    lines = list(report.warnings)
    if dataset.is_panel:
        from planchk.panel import unmatched_regions  # noqa: PLC0415

        lines.extend(
            msg(
                "planchk: warning: the spec's regions section names {name!r}, "
                "which is not a region of the data",
                name=name,
            )
            for name in unmatched_regions(spec, dataset)
        )
    return lines


def _some(dataset: Dataset) -> str:
    return ", ".join(dataset.regions[:5]) + (", ..." if len(dataset.regions) > 5 else "")
