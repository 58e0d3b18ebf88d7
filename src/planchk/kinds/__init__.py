"""One module per target kind, registered in one dict (`KINDS`).

Adding a kind is one new module that builds a `Kind` and one line here; a test checks that
every `TargetKind` has an entry and that every entry provides every part.
"""

from __future__ import annotations

from planchk.kinds import average_growth, change, cumulative, each_year, level, qualitative
from planchk.kinds.base import Kind
from planchk.problems import Problem, ProblemCode, Severity
from planchk.spec import Indicator, Spec, TargetKind

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
    """Each kind's spec rules over every target of the spec's indicators, as
    `ambiguous-target` warnings naming the target (`target`, or `targets #N` of several)."""
    return [
        Problem(
            ProblemCode.AMBIGUOUS_TARGET,
            Severity.WARNING,
            f"indicator {ind.no} ({ind.id}) {_place(ind, number)}: {message}",
            file,
        )
        for ind in spec.indicators
        for number, target in enumerate(ind.all_targets, start=1)
        for message in KINDS[target.kind].check(ind.with_target(target))
    ]


def _place(indicator: Indicator, number: int) -> str:
    return f"targets #{number}" if indicator.several_targets else "target"


__all__ = ["KINDS", "Kind", "target_warnings"]
