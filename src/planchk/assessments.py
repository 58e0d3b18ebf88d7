"""Manual assessments (`--assessments FILE`): a person's verdict on an indicator, with its reason.

A qualitative target (保持在合理区间、各年度视情提出) is judged only by an assessment; any other
target's computed status may be overridden by one, and both statuses are then shown. An
assessment names the indicator (id, number or name), optionally a region and a year, the status
(the stable English value or the official Chinese term: 已完成, 符合进度, …), the reason, who
assessed it and when, the evidence, and optionally the text of the evaluation table's
原因分析 (`cause`) and 下一步措施 (`measures`) columns, as Open SDG's manual `progress_status`
records a verdict beside the computed one.

The file is YAML (a list under `assessments:`) or CSV (one assessment a row, English or Chinese
headers). `parse_assessments` is pure: text in, `Assessments` or an `InputError` naming the file,
the line (and for YAML the column) and the field of every problem out. `load_assessments` reads
the file and parses it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from planchk.messages import indicator_ref, joined, msg, said
from planchk.problems import InputError, Problem, ProblemCode, Severity
from planchk.results import Assessment, Status
from planchk.spec import Spec, region_key

#: Keys of an assessment, as YAML writes them and as CSV headers (English or Chinese).
FIELDS = (
    "indicator",
    "region",
    "year",
    "status",
    "reason",
    "assessed_by",
    "date",
    "evidence",
    "cause",
    "measures",
)
HEADER_ALIASES: dict[str, str] = {
    "指标": "indicator",
    "地区": "region",
    "年份": "year",
    "评估结论": "status",
    "状态": "status",
    "理由": "reason",
    "评估人": "assessed_by",
    "日期": "date",
    "依据": "evidence",
    "原因分析": "cause",
    "下一步措施": "measures",
}
_REQUIRED = ("indicator", "status", "reason")

#: The statuses a person may give: every status but those that say no judgement was made.
MANUAL_STATUSES = tuple(s for s in Status if s not in (Status.NO_DATA, Status.INCONCLUSIVE))
_STATUS_WORDS: dict[str, Status] = {
    **{s.value: s for s in MANUAL_STATUSES},
    **{s.value.replace("_", " "): s for s in MANUAL_STATUSES},
    **{s.zh: s for s in MANUAL_STATUSES},
}

#: The largest assessments file read (a plan has tens of indicators, not millions).
MAX_ASSESSMENT_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class Assessments:
    """The assessments of a run, looked up by indicator, region and year.

    The most specific assessment applies: one for the region and the year, then for the region
    in any year, then for every region in the year, then for every region in any year.
    """

    entries: tuple[Assessment, ...] = ()
    _index: dict[tuple[str, str | None, int | None], Assessment] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        for entry in self.entries:
            region = None if entry.region is None else region_key(entry.region)
            self._index[(entry.indicator, region, entry.year)] = entry

    def find(self, indicator: str, region: str | None, year: int) -> Assessment | None:
        """The assessment that applies to `indicator` (its id) in `region` and `year`."""
        key = None if region is None else region_key(region)
        for wanted in ((key, year), (key, None), (None, year), (None, None)):
            found = self._index.get((indicator, *wanted))
            if found is not None:
                return found
        return None

    def __len__(self) -> int:
        return len(self.entries)


class AssessmentError(InputError):
    """An assessments file that cannot be used; every problem in it is listed, with how many
    assessments it holds (`rows`) and how many of them have a problem (`rejected`)."""

    def __init__(self, problems: list[Problem], rows: int = 0, rejected: int = 0) -> None:
        super().__init__(problems)
        self.rows = rows
        self.rejected = rejected


def load_assessments(path: str | Path, spec: Spec, regions: Sequence[str] = ()) -> Assessments:
    """Read an assessments file (.yaml, .yml or .csv) for `spec`; `regions` are the data's
    regions (none for data without a region column)."""
    path = Path(path)
    file = str(path)
    suffix = path.suffix.lower()
    if suffix not in (".yaml", ".yml", ".csv"):
        raise AssessmentError(
            [
                _problem(
                    ProblemCode.UNREADABLE_FILE,
                    msg(
                        "assessments are read from .yaml, .yml or .csv files, not {suffix}",
                        suffix=suffix or msg("a file without a suffix"),
                    ),
                    file,
                )
            ]
        )
    try:
        text = _read(path, csv_file=suffix == ".csv")
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise AssessmentError(
            [
                _problem(
                    ProblemCode.UNREADABLE_FILE,
                    msg("cannot read the assessments: {reason}", reason=said(exc)),
                    file,
                )
            ]
        ) from None
    return parse_assessments(text, file, spec, regions, csv_text=suffix == ".csv")


def _read(path: Path, *, csv_file: bool) -> str:
    from planchk.inputfiles import read_text  # noqa: PLC0415

    if not csv_file:
        return read_text(path, MAX_ASSESSMENT_BYTES)
    data = path.read_bytes()[: MAX_ASSESSMENT_BYTES + 1]
    if len(data) > MAX_ASSESSMENT_BYTES:
        raise ValueError(f"larger than {MAX_ASSESSMENT_BYTES:,} bytes")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030")  # Excel on Chinese Windows saves CSV as GBK


@dataclass(frozen=True)
class _Entry:
    """One assessment as written, with where each of its fields stands."""

    values: dict[str, Any]
    line: int | None
    places: dict[str, tuple[int | None, int | None]]  # field -> (line, column)
    #: field -> its column's header as the file writes it (状态 for status), for a CSV file:
    #: a problem names the column the person sees
    headers: dict[str, str] = field(default_factory=dict)


def parse_assessments(
    text: str, file: str, spec: Spec, regions: Sequence[str] = (), *, csv_text: bool = False
) -> Assessments:
    """The assessments in `text` (YAML, or CSV with `csv_text`); raise `AssessmentError`
    listing every problem with its file, line and field."""
    problems: list[Problem] = []
    entries = (
        _csv_entries(text, file, problems) if csv_text else _yaml_entries(text, file, problems)
    )
    checked: list[Assessment] = []
    seen: dict[tuple[str, str | None, int | None], Assessment] = {}
    rejected = 0
    for entry in entries:
        found = _check(entry, file, spec, regions, problems)
        if found is None:
            rejected += 1
            continue
        key = (
            found.indicator,
            None if found.region is None else region_key(found.region),
            found.year,
        )
        first = seen.get(key)
        if first is not None:
            rejected += 1
            problems.append(
                _problem(
                    ProblemCode.DUPLICATE_ROW,
                    msg(
                        "a second assessment of indicator {indicator}{scope}; the first is on "
                        "line {line}",
                        indicator=_named(spec, found.indicator),
                        scope=_scope(found),
                        line=first.line,
                    ),
                    file,
                    entry.line,
                    "indicator",
                    entry.places.get("indicator", (None, None))[1],
                )
            )
            continue
        seen[key] = found
        checked.append(found)
    if problems:
        raise AssessmentError(problems, len(entries), rejected)
    return Assessments(tuple(checked))


def _scope(found: Assessment) -> str:
    region = "" if found.region is None else msg(" in {region}", region=found.region)
    year = msg(" for every year") if found.year is None else msg(" for {year}", year=found.year)
    return msg("{region}{year}", region=region, year=year)


def _named(spec: Spec, indicator_id: str) -> str:
    """An assessed indicator as a message names it: its id, by number and name in Chinese."""
    indicator = spec.indicator(indicator_id)
    if indicator is None:
        return indicator_id
    return indicator_ref(indicator.no, indicator.id, indicator.name.zh)


def _yaml_entries(text: str, file: str, problems: list[Problem]) -> list[_Entry]:
    from planchk.yamlload import Positions, YamlError, load_yaml  # noqa: PLC0415

    try:
        raw = load_yaml(text)
    except YamlError as exc:
        problems.append(_problem(ProblemCode.TYPE_ERROR, exc.message, file, exc.line))
        return []
    items = raw.get("assessments") if isinstance(raw, dict) else raw
    if isinstance(raw, dict) and set(raw) != {"assessments"}:
        extra = ", ".join(sorted(str(k) for k in raw if k != "assessments"))
        problems.append(
            _problem(
                ProblemCode.TYPE_ERROR,
                msg("an assessments file holds only `assessments:`, not {extra}", extra=extra)
                if "assessments" in raw
                else msg("an assessments file holds a list under `assessments:`"),
                file,
                1,
            )
        )
        return []
    if not isinstance(items, list):
        problems.append(
            _problem(
                ProblemCode.TYPE_ERROR,
                msg("an assessments file holds a list under `assessments:`"),
                file,
                1,
            )
        )
        return []
    positions = Positions(text)
    prefix: tuple[str, ...] = ("assessments",) if isinstance(raw, dict) else ()
    entries: list[_Entry] = []
    for index, item in enumerate(items):
        start = positions.of((*prefix, index))
        line = None if start is None else start[0]
        if not isinstance(item, dict):
            problems.append(
                _problem(
                    ProblemCode.TYPE_ERROR,
                    msg(
                        "assessment {number}: expected a mapping of indicator, status, reason, …",
                        number=index + 1,
                    ),
                    file,
                    line,
                )
            )
            continue
        places: dict[str, tuple[int | None, int | None]] = {}
        for key in item:
            at = positions.of((*prefix, index, str(key)))
            places[str(key)] = (line, None) if at is None else at
        entries.append(_Entry({str(k): v for k, v in item.items()}, line, places))
    return entries


def _csv_entries(text: str, file: str, problems: list[Problem]) -> list[_Entry]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
        if header is None:
            problems.append(_problem(ProblemCode.BAD_HEADER, msg("the file is empty"), file, 1))
            return []
        names = [HEADER_ALIASES.get(h.strip(), h.strip().lower()) for h in header]
        unknown = [h for h, n in zip(header, names, strict=True) if n not in FIELDS]
        for h in unknown:
            problems.append(
                _problem(
                    ProblemCode.BAD_HEADER,
                    msg(
                        "unknown column {column!r}; the columns are {columns} (or 指标, 地区, "
                        "年份, 评估结论, 理由, 评估人, 日期, 依据, 原因分析, 下一步措施)",
                        column=h,
                        columns=", ".join(FIELDS),
                    ),
                    file,
                    1,
                    h,
                    header.index(h) + 1,
                )
            )
        missing = [n for n in _REQUIRED if n not in names]
        if missing:
            problems.append(
                _problem(
                    ProblemCode.BAD_HEADER,
                    msg("the header lacks the column(s) {columns}", columns=", ".join(missing)),
                    file,
                    1,
                )
            )
        if unknown or missing:
            return []
        entries: list[_Entry] = []
        written = {n: h.strip() for n, h in zip(names, header, strict=True)}
        line = reader.line_num + 1
        for row in reader:
            if any(cell.strip() for cell in row):
                if len(row) != len(names):
                    problems.append(
                        _problem(
                            ProblemCode.RAGGED_ROW,
                            msg(
                                "{cells} cells in a row under a header of {columns} columns",
                                cells=len(row),
                                columns=len(names),
                            ),
                            file,
                            line,
                        )
                    )
                else:
                    values = {n: c.strip() for n, c in zip(names, row, strict=True) if c.strip()}
                    places: dict[str, tuple[int | None, int | None]] = {
                        n: (line, i + 1) for i, n in enumerate(names)
                    }
                    entries.append(_Entry(values, line, places, written))
            line = reader.line_num + 1
    except csv.Error as exc:
        problems.append(_problem(ProblemCode.MALFORMED_CSV, str(exc), file, reader.line_num))
        return []
    return entries


def _check(
    entry: _Entry, file: str, spec: Spec, regions: Sequence[str], problems: list[Problem]
) -> Assessment | None:
    """The assessment an entry records, or None after adding its problems."""
    before = len(problems)
    values = entry.values

    def bad(code: ProblemCode, name: str, message: str) -> None:
        line, column = entry.places.get(name, (entry.line, None))
        where = entry.headers.get(name, name)
        problems.append(_problem(code, message, file, line or entry.line, where, column))

    for name in values:
        if name not in FIELDS:
            bad(
                ProblemCode.TYPE_ERROR,
                name,
                msg("unknown key {key!r}; the keys are {keys}", key=name, keys=", ".join(FIELDS)),
            )
    for name in _REQUIRED:
        if values.get(name) is None or (_is_text(values[name]) and _text(values[name]) is None):
            if name == "reason":
                needs = msg("an assessment needs a reason: why the indicator has this status")
            else:
                needs = msg("an assessment needs {field}", field=entry.headers.get(name, name))
            bad(ProblemCode.MISSING_VALUE, name, needs)
    indicator = None
    key = _text(values.get("indicator"))
    if key is not None:
        indicator = spec.indicator(key)
        if indicator is None:
            bad(
                ProblemCode.UNKNOWN_INDICATOR,
                "indicator",
                msg(
                    "no indicator {indicator!r} in the spec; `planchk indicators` lists them",
                    indicator=key,
                ),
            )
    status = None
    word = _text(values.get("status"))
    if word is not None:
        status = _STATUS_WORDS.get(word.lower(), _STATUS_WORDS.get(word))
        if status is None:
            choices = joined(
                [msg("{value} ({synonyms})", value=s.value, synonyms=s.zh) for s in MANUAL_STATUSES]
            )
            bad(
                ProblemCode.INVALID_STATUS,
                "status",
                msg("unknown status {word!r}; one of {choices}", word=word, choices=choices),
            )
    year = _year(values.get("year"), spec, bad)
    region = _region(values.get("region"), regions, bad)
    when = _date(values.get("date"), bad)
    texts = {}
    for name in ("reason", "assessed_by", "evidence", "cause", "measures"):
        value = values.get(name)
        if value is not None and not _is_text(value):
            bad(
                ProblemCode.TYPE_ERROR,
                name,
                msg("{field} must be text, not a list or mapping", field=name),
            )
        texts[name] = _text(value)
    if len(problems) > before or indicator is None or status is None:
        return None
    reason = texts["reason"]
    assert reason is not None
    return Assessment(
        indicator=indicator.id,
        region=region,
        year=year,
        status=status,
        reason=reason,
        assessed_by=texts["assessed_by"],
        date=when,
        evidence=texts["evidence"],
        cause=texts["cause"],
        measures=texts["measures"],
        file=file,
        line=entry.line,
    )


def _is_text(value: object) -> bool:
    """Whether a value reads as text: a string or a number, not a list, mapping or boolean."""
    return isinstance(value, str | int | float) and not isinstance(value, bool)


def _text(value: object) -> str | None:
    if value is None or isinstance(value, dict | list | bool):
        return None
    text = str(value).strip()
    return text or None


def _year(value: object, spec: Spec, bad: Any) -> int | None:
    if value is None:
        return None
    plan = spec.plan
    try:
        year = int(str(value).strip())
    except ValueError:
        bad(
            ProblemCode.TYPE_ERROR,
            "year",
            msg(
                "year must be a year such as {year}, not {value!r}", year=plan.end_year, value=value
            ),
        )
        return None
    if not plan.base_year < year <= plan.end_year:
        bad(
            ProblemCode.YEAR_OUT_OF_RANGE,
            "year",
            msg(
                "{year} is outside the plan: an assessment year is in {first}-{last}",
                year=year,
                first=plan.base_year + 1,
                last=plan.end_year,
            ),
        )
        return None
    return year


def _region(value: object, regions: Sequence[str], bad: Any) -> str | None:
    name = _text(value)
    if name is None:
        return None
    for region in regions:
        if region_key(region) == region_key(name):
            return region
    if not regions:
        bad(
            ProblemCode.UNKNOWN_REGION,
            "region",
            msg("region {region!r}, but the data has no region column", region=name),
        )
    else:
        shown = ", ".join(regions[:5]) + (", ..." if len(regions) > 5 else "")
        bad(
            ProblemCode.UNKNOWN_REGION,
            "region",
            msg(
                "no region {region!r} in the data; its regions are {shown}",
                region=name,
                shown=shown,
            ),
        )
    return None


def _date(value: object, bad: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        bad(
            ProblemCode.TYPE_ERROR,
            "date",
            msg("date must be written YYYY-MM-DD, not {value!r}", value=value),
        )
        return None


def _problem(
    code: ProblemCode,
    message: str,
    file: str,
    line: int | None = None,
    column: str | None = None,
    column_number: int | None = None,
) -> Problem:
    return Problem(code, Severity.ERROR, message, file, line, column, column_number)
