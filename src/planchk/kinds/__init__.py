"""One module per target kind, registered in one dict (`KINDS`).

Adding a kind is one new module that builds a `Kind` and one line here; a test checks that
every `TargetKind` has an entry and that every entry provides every part.
"""

from __future__ import annotations

from planchk.kinds import average_growth, change, cumulative, each_year, level, qualitative
from planchk.kinds.base import Kind
from planchk.problems import Problem, ProblemCode, Severity
from planchk.spec import Spec, TargetKind

#: What planchk knows about each kind of target.
KINDS: dict[TargetKind, Kind] = {
    TargetKind.LEVEL: level.KIND,
    TargetKind.CUMULATIVE: cumulative.KIND,
    TargetKind.AVERAGE_GROWTH: average_growth.KIND,
    TargetKind.CHANGE: change.KIND,
    TargetKind.EACH_YEAR: each_year.KIND,
    TargetKind.QUALITATIVE: qualitative.KIND,
}


def target_warnings(spec: Spec, file: str) -> list[Problem]:
    """Each kind's spec rules over the spec's indicators, as `ambiguous-target` warnings."""
    return [
        Problem(
            ProblemCode.AMBIGUOUS_TARGET,
            Severity.WARNING,
            f"indicator {ind.no} ({ind.id}) target: {message}",
            file,
        )
        for ind in spec.indicators
        for message in KINDS[ind.target.kind].check(ind)
    ]


__all__ = ["KINDS", "Kind", "target_warnings"]
