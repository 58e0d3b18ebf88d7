"""`evaluate --compare PREVIOUS.json`: what changed since a previous JSON report.

The previous report is read leniently: only the fields a comparison needs (schema version, plan
id, year, and each indicator's id, number, status and score), so reports that carry more fields
still compare. An indicator has improved when its status is better (achieved > on track >
behind > off track > regressing > not achieved) or, with the same status, its score is higher;
worsened the other way round (scores are compared to `SCORE_DECIMALS` decimals, and shown with
as many as it takes to tell them apart); `new_data` when it had no data (or was absent) and now has a
status; `lost_data` when it had a status and now has no data.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from planchk.results import (
    STATUS_SEVERITY,
    UNRANKED_STATUSES,
    ChangeKind,
    Comparison,
    IndicatorChange,
    IndicatorResult,
    Report,
    Status,
)

#: Scores are compared to this many decimals: a smaller difference (the rounding of a float) is
#: no change, and the formats show a change's two scores with up to this many decimals.
SCORE_DECIMALS = 4

#: A report of a few hundred indicators is well under 1 MB; anything far larger is not one.
MAX_REPORT_BYTES = 64 * 1024 * 1024


class CompareError(ValueError):
    """A previous report planchk cannot compare with; the message names the file and why."""


class _Lenient(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class _PreviousIndicator(_Lenient):
    id: str
    no: int
    status: Status
    score: float | None


class _PreviousPlan(_Lenient):
    id: str


class PreviousReport(_Lenient):
    """The part of a previous JSON report that a comparison reads."""

    # Version 2 added the results of several targets and assessments; what a comparison reads
    # (`status` and `score`) is unchanged.
    schema_version: Literal[1, 2]
    plan: _PreviousPlan
    year: int
    indicators: tuple[_PreviousIndicator, ...]


def load_previous(path: str | Path) -> PreviousReport:
    """Read a JSON report written by `planchk evaluate --format json` (with `--region NAME`,
    the region's report); raise `CompareError`."""
    from planchk.inputfiles import InputFileError, read_text  # noqa: PLC0415

    path = Path(path)
    try:
        text = read_text(path, MAX_REPORT_BYTES)
    except InputFileError as exc:
        raise CompareError(f"{path}: {exc}; not a planchk JSON report") from None
    except OSError as exc:
        raise CompareError(f"{path}: cannot read it: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise CompareError(f"{path}: not UTF-8 text; not a planchk JSON report") from None
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CompareError(
            f"{path}:{exc.lineno}: not valid JSON ({exc.msg}, column {exc.colno})"
        ) from None
    except RecursionError:
        raise CompareError(f"{path}: the JSON is nested too deeply") from None
    if (
        isinstance(raw, dict)
        and "schema_version" not in raw
        and isinstance(raw.get("report"), dict)
    ):
        raw = raw["report"]  # one region of a panel (`--region NAME --format json`)
    try:
        return PreviousReport.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        field = ".".join(str(part) for part in first["loc"]) or "the document"
        raise CompareError(
            f"{path}: not a planchk JSON report (schema_version 1 or 2): {field}: {first['msg']}"
        ) from None


def compare(report: Report, previous: PreviousReport, previous_file: str) -> Comparison:
    """The indicators of `report` whose status or score differs from `previous`."""
    if previous.plan.id != report.plan.id:
        raise CompareError(
            f"{previous_file}: the previous report is for plan {previous.plan.id!r}, "
            f"not {report.plan.id!r}"
        )
    before = {p.id: p for p in previous.indicators}
    changes = []
    for result in report.indicators:
        old = before.get(result.id)
        kind = change_kind(
            None if old is None else old.status,
            None if old is None else old.score,
            result,
        )
        if kind is not None:
            changes.append(
                IndicatorChange(
                    no=result.no,
                    id=result.id,
                    name=result.name,
                    change=kind,
                    previous_status=None if old is None else old.status,
                    status=result.status,
                    previous_score=None if old is None else old.score,
                    score=result.score,
                )
            )
    return Comparison(
        previous_file=previous_file,
        previous_year=previous.year,
        changes=tuple(changes),
        unchanged=len(report.indicators) - len(changes),
    )


def change_kind(
    old_status: Status | None, old_score: float | None, result: IndicatorResult
) -> ChangeKind | None:
    """How `result` differs from a previous status and score; None when it does not."""
    status, score = result.status, result.score
    if old_status is None or old_status in UNRANKED_STATUSES:
        return None if status in UNRANKED_STATUSES else ChangeKind.NEW_DATA
    if status in UNRANKED_STATUSES:
        return ChangeKind.LOST_DATA
    severity, old_severity = STATUS_SEVERITY[status], STATUS_SEVERITY[old_status]
    if severity != old_severity:
        return ChangeKind.IMPROVED if severity < old_severity else ChangeKind.WORSENED
    if score is None or old_score is None:
        return None
    score, old_score = round(score, SCORE_DECIMALS), round(old_score, SCORE_DECIMALS)
    if score == old_score:
        return None
    return ChangeKind.IMPROVED if score > old_score else ChangeKind.WORSENED
