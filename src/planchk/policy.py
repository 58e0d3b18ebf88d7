"""What fails a run: the one place that turns statuses into a pass or a fail for CI."""

from __future__ import annotations

from enum import StrEnum

from planchk.results import FAILING_STATUSES, IndicatorResult, Report
from planchk.spec import Attribute


class FailOn(StrEnum):
    """`binding`: a binding indicator fails; `any`: any indicator fails; `never`: always pass."""

    BINDING = "binding"
    ANY = "any"
    NEVER = "never"


def failing_indicators(report: Report, fail_on: FailOn) -> list[IndicatorResult]:
    """Indicators that make the run fail under `fail_on`, in the spec's order.

    An indicator fails when its status is not_achieved, behind, off_track, regressing or no_data.
    """
    if fail_on is FailOn.NEVER:
        return []
    return [
        r
        for r in report.indicators
        if r.status in FAILING_STATUSES
        and (fail_on is FailOn.ANY or r.attribute is Attribute.BINDING)
    ]
