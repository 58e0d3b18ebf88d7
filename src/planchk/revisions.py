"""Figures that changed since the previous data (`planchk validate --previous DIR`).

A submission that changes figures already accepted (the data on the base branch) is what a
statistics office must see first. Each figure is keyed by region, indicator and year; a figure
in both with another value or qualifier is revised, one only in the submission is added, one
only in the previous data is removed (a row of the submission that names the figure but whose
value could not be read is its own error, not a removal). Values are compared exactly, in the
spec's unit, so `1.05万` and `10500` are the same figure.

A revision whose row has a note (the reason, 统计快报修正 say) is listed; one without is also
a `revised-value` problem, a warning or, under `--revisions error`, an error; `--revisions
allow` lists revisions without making them problems.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from planchk.data import LoadedData, Observation
from planchk.messages import msg
from planchk.policy import RevisionPolicy
from planchk.problems import Problem, ProblemCode, Severity, place
from planchk.spec import Spec
from planchk.validation_results import Revision

Key = tuple[str | None, str, int]


def _by_key(observations: Iterable[Observation]) -> dict[tuple[Key, str | None], Observation]:
    """Figures by key and 口径: a year's yearly change and its change since the base year are
    two figures, each compared with its own."""
    return {
        ((obs.region, obs.indicator_id, obs.year), obs.reported_as): obs for obs in observations
    }


def _where(obs: Observation) -> str:
    return place(obs.file, obs.line)


def _shown(obs: Observation) -> str:
    return obs.reported + (f" {obs.reported_unit}" if obs.reported_unit else "")


def revisions(
    spec: Spec, previous: LoadedData, current: LoadedData, policy: RevisionPolicy
) -> list[Revision]:
    """Every figure revised, added or removed, by indicator number, region, year."""
    numbers = {ind.id: ind.no for ind in spec.indicators}
    before = _by_key(previous.dataset.observations)
    now = _by_key(current.dataset.observations)
    found: list[Revision] = []
    for (key, mode), obs in now.items():
        old = before.get((key, mode))
        if old is None:
            found.append(_revision("added", numbers, key, None, obs, None))
        elif (old.value, old.qualifier) != (obs.value, obs.qualifier):
            reason = (obs.note or "").strip() or None
            severity = (
                None
                if reason is not None or policy is RevisionPolicy.ALLOW
                else Severity(policy.value)
            )
            found.append(_revision("revised", numbers, key, old, obs, severity, reason))
    for (key, mode), old in before.items():
        if (key, mode) not in now and (key not in current.keys or mode is not None):
            found.append(_revision("removed", numbers, key, old, None, None))
    return sorted(found, key=lambda r: (r.no, r.region or "", r.year, r.kind))


def _revision(
    kind: Literal["revised", "added", "removed"],
    numbers: dict[str, int],
    key: Key,
    old: Observation | None,
    new: Observation | None,
    severity: Severity | None,
    reason: str | None = None,
) -> Revision:
    region, indicator, year = key
    return Revision(
        kind=kind,
        no=numbers[indicator],
        indicator=indicator,
        region=region,
        year=year,
        previous=None if old is None else _shown(old),
        current=None if new is None else _shown(new),
        previous_location=None if old is None else _where(old),
        current_location=None if new is None else _where(new),
        file=None if new is None else new.file,
        line=None if new is None else new.line,
        reason=reason,
        severity=severity,
    )


def revision_problems(found: Iterable[Revision]) -> list[Problem]:
    """A `revised-value` problem for each revision without a reason, on the submitted row."""
    problems = []
    for r in found:
        if r.severity is None or r.file is None:
            continue
        problems.append(
            Problem(
                ProblemCode.REVISED_VALUE,
                r.severity,
                msg(
                    "indicator {no} ({id}) {year}: revised from {previous} ({location}) to "
                    "{current}; give the reason in the row's note",
                    no=r.no,
                    id=r.indicator,
                    year=r.year,
                    previous=r.previous,
                    location=r.previous_location,
                    current=r.current,
                ),
                r.file,
                r.line,
                "value",
                None,
                r.region,
            )
        )
    return problems
