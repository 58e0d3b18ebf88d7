"""What fails a run: the one place that turns statuses into a pass or a fail for CI."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import TYPE_CHECKING, TypeVar

from planchk.messages import joined, msg

if TYPE_CHECKING:  # the result models are imported when a run is judged, not at start-up
    from planchk.results import (
        IndicatorOutcome,
        IndicatorResult,
        PanelReport,
        RegionReport,
        RegionResult,
        Report,
    )

    Judged = TypeVar("Judged", IndicatorResult, IndicatorOutcome)


class RevisionPolicy(StrEnum):
    """`--revisions`: what a figure revised without a reason in its note is (`validate
    --previous`): an `error`, a `warning` (the default), or `allow`ed (listed, no problem)."""

    ERROR = "error"
    WARNING = "warning"
    ALLOW = "allow"


class FailOn(StrEnum):
    """`binding`: a binding indicator fails; `any`: any indicator fails; `never`: always pass."""

    BINDING = "binding"
    ANY = "any"
    NEVER = "never"


def not_compliant(evaluation: Report | RegionReport | PanelReport, fail_on: FailOn) -> str | None:
    """Why a run fails under `fail_on`, as `indicator(s) 8, 9` or `region(s) a, b and 3 more`
    (at most ten named); None when it does not fail."""
    from planchk.results import PanelReport, RegionReport  # noqa: PLC0415

    panel = isinstance(evaluation, PanelReport)
    if isinstance(evaluation, PanelReport):
        failing = failing_regions(evaluation, fail_on)
    else:
        report = evaluation.report if isinstance(evaluation, RegionReport) else evaluation
        failing = [str(r.no) for r in failing_indicators(report, fail_on)]
    if not failing:
        return None
    named = joined(failing[:10])  # 8, 9 in English, 8，9 in Chinese
    if len(failing) > 10:
        more = len(failing) - 10
        if panel:
            return msg("region(s) {named} and {more} more", named=named, more=more)
        return msg("indicator(s) {named} and {more} more", named=named, more=more)
    return (
        msg("region(s) {named}", named=named) if panel else msg("indicator(s) {named}", named=named)
    )


def failing_indicators(report: Report, fail_on: FailOn) -> list[IndicatorResult]:
    """Indicators that make the run fail under `fail_on`, in the spec's order.

    An indicator fails when its status is not_achieved, behind, off_track, regressing or no_data.
    """
    return _failing(report.indicators, fail_on)


def failing_regions(panel: PanelReport, fail_on: FailOn) -> list[str]:
    """Regions of a panel with an indicator that fails under `fail_on`, in the data's order."""
    return [r.region for r in panel.regions if _failing(r.indicators, fail_on)]


def failing_in_region(region: RegionResult, fail_on: FailOn) -> list[IndicatorOutcome]:
    """A region's indicators that fail under `fail_on`, in the spec's order."""
    return _failing(region.indicators, fail_on)


def _failing(indicators: Iterable[Judged], fail_on: FailOn) -> list[Judged]:
    from planchk.results import FAILING_STATUSES  # noqa: PLC0415
    from planchk.spec import Attribute  # noqa: PLC0415

    if fail_on is FailOn.NEVER:
        return []
    return [
        r
        for r in indicators
        if r.status in FAILING_STATUSES
        and (fail_on is FailOn.ANY or r.attribute is Attribute.BINDING)
    ]
