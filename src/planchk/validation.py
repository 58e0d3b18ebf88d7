"""`planchk validate` and `planchk spec check`: what is wrong with a submission, without scoring.

`validate` runs the loader's row checks (every error and warning of every file, see `data.py`)
and adds checks that look across rows: a header-only file (`no-data`), an indicator without a
value for a year the data covers (`missing-indicator`), and a change on the previous year beyond
a plausible bound (`implausible-change`). In data with a region column (a panel) the checks
across rows look within each region, and every region's problems are counted. The result is a
frozen `Validation` that formatters render; `Validation.valid` decides the exit code.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Container, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal, localcontext
from itertools import chain, compress, repeat
from operator import add, and_, eq, gt, is_, itemgetter, mul, ne, not_, or_, sub
from pathlib import Path
from typing import Literal, NamedTuple, TypeVar

from planchk.assessments import AssessmentError, load_assessments
from planchk.data import (
    ColumnBatch,
    Dataset,
    FileSummary,
    LoadedData,
    Observation,
    Observations,
    read_data,
)
from planchk.exact import certified_negative
from planchk.kinds import target_warnings
from planchk.layout import Layout
from planchk.messages import indicator_ref, msg
from planchk.policy import RevisionPolicy
from planchk.problems import Problem, ProblemCode, Severity, problem_order, sort_problems
from planchk.quantities import format_decimal
from planchk.results import PlanRef
from planchk.revisions import revision_problems, revisions
from planchk.sources import SqlSource
from planchk.spec import (
    ChangeBound,
    Indicator,
    Reporting,
    Spec,
    SpecError,
    TargetKind,
    load_spec,
    references_of,
)
from planchk.validation_results import (
    VALIDATION_SCHEMA_VERSION,
    CheckedFile,
    CheckedRegion,
    ProblemEntry,
    Revision,
    Validation,
)

# The result models live in planchk.validation_results (formatters import them from there);
# they stay importable from here for library users.
__all__ = [
    "VALIDATION_SCHEMA_VERSION",
    "CheckedFile",
    "CheckedRegion",
    "ProblemEntry",
    "Validation",
    "check_spec",
    "validate",
]

#: The bound of `implausible-change` for indicators whose spec sets no `max_change` and that
#: are not running totals (which grow fast from a zero baseline by design).
DEFAULT_MAX_CHANGE = ChangeBound(relative=Decimal(50))

_T = TypeVar("_T")


def validate(
    paths: Sequence[str | Path | SqlSource],
    spec: Spec,
    *,
    strict: bool = False,
    max_problems: int | None = None,
    sheet: str | None = None,
    layout: Layout = Layout.AUTO,
    previous: Sequence[str | Path] = (),
    policy: RevisionPolicy = RevisionPolicy.WARNING,
    assessments: str | Path | None = None,
) -> Validation:
    """Check data files against `spec` without scoring them (`sheet` and `layout` as for
    `planchk.data.load_data`); with `previous` (the data as it was, on the base branch say),
    also list every figure revised, added or removed; with `assessments`, check that file's
    assessments against the spec and the data's regions too."""
    loaded = read_data(paths, spec, sheet=sheet, layout=layout)
    assessed_problems, assessed_file = check_assessments(assessments, spec, loaded.regions)
    # the previous data's own problems were its submitter's; only its figures count here
    changed = (
        revisions(spec, read_data(previous, spec, sheet=sheet, layout=layout), loaded, policy)
        if previous
        else []
    )
    counts: Counter[tuple[str, Severity]] = Counter(loaded.counts)
    by_region: Counter[tuple[str, Severity]] = Counter(loaded.region_counts)

    def counted(problems: Iterable[Problem]) -> Iterator[Problem]:
        for problem in problems:
            counts[(problem.file, problem.severity)] += 1
            if problem.region is not None:
                by_region[(problem.region, problem.severity)] += 1
            yield problem

    found = counted(
        chain(
            header_only_files(loaded),
            missing_indicators(spec, loaded),
            implausible_changes(spec, loaded.dataset, loaded.files),
            revision_problems(changed),
            assessed_problems,
        )
    )
    # Only the problems listed are kept: a panel of 50,000 regions with one figure each has
    # nearly a million missing-indicator warnings, which --max-problems only counts.
    listed, not_listed = first_problems(chain(loaded.problems, found), max_problems)
    regions = [
        CheckedRegion(
            region=region,
            errors=by_region[(region, Severity.ERROR)],
            warnings=by_region[(region, Severity.WARNING)],
        )
        for region in loaded.regions
    ]
    files = [
        CheckedFile(
            file=f.file,
            kind="data",
            errors=counts[(f.file, Severity.ERROR)],
            warnings=counts[(f.file, Severity.WARNING)],
            rows=f.rows,
            used=f.used,
            restated=f.restated,
            rejected=f.rejected,
            notes=f.notes,
            complete=f.complete,
        )
        for f in loaded.files
    ]
    if assessed_file is not None:
        files.append(assessed_file)
    return _validation(
        "validate",
        _plan_ref(spec),
        files,
        listed,
        counts,
        Counter(loaded.omitted) + not_listed,
        strict=strict,
        max_problems=max_problems,
        regions=regions,
        previous=tuple(str(p) for p in previous),
        revisions=changed,
    )


def first_problems(
    problems: Iterable[Problem], limit: int | None
) -> tuple[list[Problem], Counter[ProblemCode]]:
    """The first `limit` of `problems` in `sort_problems`'s order (every one for None), and
    the codes of the rest, counted; only those listed are held at once."""
    if limit is None:
        return sort_problems(list(problems)), Counter()
    rest: Counter[ProblemCode] = Counter()

    def counted(problem: Problem) -> Problem:
        rest[problem.code] += 1
        return problem

    # nsmallest is sorted(...)[:limit], ties in the order given, as sort_problems orders them;
    # with a limit of 0 it would not look at the problems at all, and they must be counted
    counting = map(counted, problems)
    first = heapq.nsmallest(limit, counting, key=problem_order) if limit > 0 else []
    for _ in counting:  # what nsmallest left unread
        pass
    rest.subtract(problem.code for problem in first)
    return first, +rest


def check_assessments(
    path: str | Path | None, spec: Spec, regions: Sequence[str]
) -> tuple[list[Problem], CheckedFile | None]:
    """The problems of an assessments file (`planchk.assessments`) and its summary (its rows are
    its assessments); nothing without one."""
    if path is None:
        return [], None
    try:
        found = load_assessments(path, spec, regions)
    except AssessmentError as exc:
        problems, rows, rejected = list(exc.problems), exc.rows, exc.rejected
    else:
        problems, rows, rejected = [], len(found), 0
    checked = CheckedFile(
        file=str(path),
        kind="assessments",
        errors=len(problems),
        warnings=0,
        rows=rows,
        used=rows - rejected,
        rejected=rejected,
    )
    return problems, checked


def check_spec(
    path: str | Path, *, strict: bool = False, max_problems: int | None = None
) -> Validation:
    """Check a spec file on its own (`planchk spec check`)."""
    try:
        spec: Spec | None = load_spec(path)
        problems: list[Problem] = target_warnings(spec, str(path)) if spec else []
    except SpecError as exc:
        spec, problems = None, exc.problems
    counts = Counter((p.file, p.severity) for p in problems)
    entry = CheckedFile(
        file=str(path),
        kind="spec",
        errors=counts[(str(path), Severity.ERROR)],
        warnings=counts[(str(path), Severity.WARNING)],
    )
    plan = None if spec is None else _plan_ref(spec)
    return _validation(
        "spec check",
        plan,
        [entry],
        problems,
        counts,
        {},
        strict=strict,
        max_problems=max_problems,
    )


def header_only_files(loaded: LoadedData) -> list[Problem]:
    """A `no-data` error for each file with a good header and no data rows after it."""
    return [
        Problem(
            ProblemCode.NO_DATA,
            Severity.ERROR,
            msg("the file has a header but no data rows"),
            f.file,
        )
        for f in loaded.files
        if f.complete and f.rows == 0 and f.columns
    ]


def missing_indicators(spec: Spec, loaded: LoadedData) -> Iterator[Problem]:
    """A `missing-indicator` warning for each indicator without a row for a year the data covers.

    A year is covered when some file read to its end has rows for it (for the region, in data
    with a region column: each region is expected to report for the years it reports at all);
    the warning goes to the first such file.
    In the base year only indicators that need a base-year row are expected: those reported as
    levels whose spec gives no baseline (the region's own baseline counts, in a panel).
    A qualitative target is judged by an assessment, not by its data: its indicator is expected
    only where another indicator's target is tied to it (`reference`).
    """
    base_year = spec.plan.base_year
    referenced = {ref for indicator in spec.indicators for _, ref in references_of(indicator)}
    ids = [
        indicator.id
        for indicator in spec.indicators
        if not indicator.target.is_qualitative or indicator.id in referenced
    ]
    keys = loaded.keys
    for (region, year), file in sorted(loaded.covering.items(), key=_region_year):
        if keys.complete(region, year):
            continue  # the usual case: every indicator has a row
        absent = keys.absent(region, year, ids)
        if not absent:
            continue
        own = spec.for_region(region)
        for indicator in own.indicators:
            if indicator.id not in absent:
                continue
            if year == base_year and (
                indicator.baseline is not None or indicator.reporting is not Reporting.LEVEL
            ):
                continue
            if indicator.baseline is not None and year == own.base_year_of(indicator):
                continue  # a baseline dated to this year stands in for the year's row
            yield Problem(
                ProblemCode.MISSING_INDICATOR,
                Severity.WARNING,
                msg(
                    "indicator {indicator} has no value for {year}, a year this file covers "
                    "(and the spec gives no baseline)",
                    indicator=_describe(indicator),
                    year=year,
                )
                if year == base_year
                else msg(
                    "indicator {indicator} has no value for {year}, a year this file covers",
                    indicator=_describe(indicator),
                    year=year,
                ),
                file,
                region=region,
            )


def _region_year(item: tuple[tuple[str | None, int], str]) -> tuple[str, int]:
    (region, year), _ = item
    return region or "", year


def change_bound(indicator: Indicator) -> tuple[ChangeBound | None, str]:
    """The `implausible-change` bound of `indicator` and where it comes from."""
    if indicator.max_change is not None:
        return indicator.max_change, msg("the spec's max_change")
    if any(t.kind is TargetKind.CUMULATIVE for t in indicator.all_targets):
        return None, msg("none for running totals")
    if indicator.reporting is Reporting.CHANGE_FROM_BASE:
        # A change since the base year grows year on year by design (-5% then -10%).
        return None, msg("none for changes since the base year")
    return DEFAULT_MAX_CHANGE, msg("the default bound")


def implausible_changes(
    spec: Spec, dataset: Dataset, files: Iterable[FileSummary] = ()
) -> list[Problem]:
    """An `implausible-change` warning for each value too far from the previous year's.

    Levels and additions are compared with the same indicator's value for the previous year (of
    the same region, in a panel; relative bounds are skipped when that value is 0); a
    `yearly_change` row is itself the change. Decided exactly: a change that float64 shows to
    be far inside its bound is passed without decimal arithmetic, every other one is decided
    with decimals.
    """
    columns = {f.file: f.columns for f in files}
    bounds = {}
    for indicator in spec.indicators:
        bound, origin = change_bound(indicator)
        if bound is not None:
            bounds[indicator.id] = (indicator, bound, origin)
    # Only rows of an indicator with a bound are compared, each with the previous year's row
    # of the same indicator (and region, in a panel; a row with its own 口径 with the row
    # reported the same way). A panel has hundreds of thousands of rows, so these steps run
    # inside map() over columns (a plain batch's own, `ColumnBatch`), and an `Observation` is
    # made only for the few rows decided exactly and the rows they are compared with.
    observations = dataset.observations
    rows = bounded_rows(observations, bounds)
    previous, compared = previous_rows(rows.regions, rows.indicators, rows.years, rows.modes)
    decide = _not_screened(rows.values, rows.modes, rows.indicators, previous, compared, bounds)
    positions = rows.positions
    problems = []
    with localcontext(prec=_EXACT_DIGITS):
        for at in compress(range(len(decide)), decide):
            if rows.modes[at] is Reporting.CHANGE_FROM_BASE:
                continue  # a change since the base year grows year on year by design
            obs = observations[positions[at]]
            before = observations[positions[previous[at]]] if compared[at] else None
            indicator, bound, origin = bounds[obs.indicator_id]
            message = _implausible(indicator, bound, origin, obs, before)
            if message is not None:
                problems.append(
                    Problem(
                        ProblemCode.IMPLAUSIBLE_CHANGE,
                        Severity.WARNING,
                        message,
                        obs.file,
                        obs.line,
                        "value",
                        obs.column or columns.get(obs.file, {}).get("value"),
                        obs.region,
                        obs.sheet,
                    )
                )
    return problems


class BoundedRows(NamedTuple):
    """The rows of indicators with a change bound, as columns: each row's place among the
    dataset's observations, its region, indicator id, year, own 口径 and value as a float."""

    positions: list[int]
    regions: list[str | None]
    indicators: list[str]
    years: list[int]
    modes: list[Reporting | None]
    values: list[float]


def bounded_rows(observations: Sequence[Observation], bounded: Container[str]) -> BoundedRows:
    """The rows of `observations` whose indicator is in `bounded`, in order, as columns: a
    plain batch's read from its columns (`ColumnBatch`), without an `Observation` per row."""
    found = BoundedRows([], [], [], [], [], [])
    parts = observations.parts if isinstance(observations, Observations) else [observations]
    start = 0
    for part in parts:
        if isinstance(part, ColumnBatch):
            _add_batch(found, part, start, bounded)
        else:
            _add_rows(found, part, start, bounded)
        start += len(part)
    return found


def _add_batch(found: BoundedRows, batch: ColumnBatch, start: int, bounded: Container[str]) -> None:
    ids, codes = batch.ids
    wanted = [id_ in bounded for id_ in ids]
    keep: list[bool] | None = None  # None: every row
    if codes is None:
        if not wanted[0]:
            return
    elif not all(wanted):
        keep = list(map(wanted.__getitem__, codes))

    def kept(column: Iterable[_T]) -> Iterable[_T]:
        return column if keep is None else compress(column, keep)

    before = len(found.positions)
    found.positions.extend(kept(range(start, start + len(batch))))
    found.regions.extend(kept(batch.region_names()))
    found.indicators.extend(kept(batch.indicator_ids()))
    found.years.extend(kept(batch.years))
    found.values.extend(kept(batch.floats()))
    found.modes.extend(repeat(None, len(found.positions) - before))  # a batch's rows have none


def _add_rows(
    found: BoundedRows, part: Sequence[Observation], start: int, bounded: Container[str]
) -> None:
    keep = list(map(bounded.__contains__, map(_INDICATOR, part)))
    rows = list(compress(part, keep))
    found.positions.extend(compress(range(start, start + len(part)), keep))
    found.regions.extend(map(_REGION, rows))
    found.indicators.extend(map(_INDICATOR, rows))
    found.years.extend(map(_YEAR, rows))
    found.modes.extend(map(_REPORTED_AS, rows))
    found.values.extend(map(float, map(_VALUE, rows)))  # values are finite, within ±1e30


def previous_rows(
    regions: Sequence[str | None],
    indicators: Sequence[str],
    years: Sequence[int],
    modes: Sequence[Reporting | None],
) -> tuple[Sequence[int], list[bool]]:
    """For each row (given as columns), the index of its previous year's row, the one with the
    same region, indicator and 口径 and the year before, and whether it has one (the index is
    then any valid one). Rows are distinct in (region, indicator, year, 口径), as a
    `Dataset`'s are; of several rows under one key, the last is the previous year's row.

    Files list their rows in a regular order (by region, year and indicator, say), so that a
    row's previous year's row is usually `stride` rows before it; that is checked for every row
    as columns. Rows whose row `stride` before is not theirs start a run of rows linked so;
    when no two runs are of the same region, indicator and 口径, each run holds all of its key's
    rows, one a year, so a run's first row has no previous year's row and the links are all
    there is. Otherwise every row's previous year's row is found under its key in a dict.
    """
    count = len(years)
    stride = _stride(regions, indicators, years, modes)
    if stride:
        ahead = slice(stride, None)
        behind = slice(None, count - stride)
        next_year = map(eq, years[ahead], map((1).__add__, years[behind]))
        if modes.count(None) != count:  # else every row is reported as the spec says
            next_year = map(and_, next_year, map(eq, modes[ahead], modes[behind]))
        linked = [False] * stride
        linked.extend(
            map(
                and_,
                map(
                    and_,
                    map(eq, regions[ahead], regions[behind]),
                    map(eq, indicators[ahead], indicators[behind]),
                ),
                next_year,
            )
        )
        starts = list(compress(zip(regions, indicators, modes, strict=True), map(not_, linked)))
        if len(set(starts)) == len(starts):
            return range(-stride, count - stride), linked
    following = dict(
        zip(
            zip(regions, indicators, map((1).__add__, years), modes, strict=True),
            range(count),
            strict=True,
        )
    )
    before = list(
        map(following.get, zip(regions, indicators, years, modes, strict=True), repeat(-1))
    )
    return before, list(map(ne, before, repeat(-1)))


def _stride(
    regions: Sequence[str | None],
    indicators: Sequence[str],
    years: Sequence[int],
    modes: Sequence[Reporting | None],
) -> int:
    """How many rows after the first its next year's row is (among the first `_STRIDE_ROWS`
    rows), 0 if there is none."""
    if not years:
        return 0
    wanted = (regions[0], indicators[0], years[0] + 1, modes[0])
    within = min(len(years), _STRIDE_ROWS)
    found = zip(
        regions[1:within], indicators[1:within], years[1:within], modes[1:within], strict=True
    )
    return next((at for at, key in enumerate(found, 1) if key == wanted), 0)


#: How far `_stride` looks for the first row's next year's row.
_STRIDE_ROWS = 4096


def _not_screened(
    values: list[float],
    modes: list[Reporting | None],
    indicators: list[str],
    previous: Sequence[int],
    compared: list[bool],
    bounds: Mapping[str, tuple[Indicator, ChangeBound, str]],
) -> list[bool]:
    """For each row (its value as a float: `values`), whether it is to be decided exactly:
    False where float64 certifies that its change is far inside its bound
    (`planchk.exact.certified_negative`), or where a row of a level or addition has no
    previous year's row to compare with (`compared`; `previous` is the index of the row it
    has).

    The screen compares the change |v - b|, times 100 for a relative bound, with
    `limit * |b|` (relative) or `limit` (absolute), written `relative * |b| + absolute` with
    the limit that does not apply 0, so that one expression serves every row. A row with its
    own 口径 and a yearly change (itself the change) are decided exactly. Every step runs
    inside map() over the column of rows."""
    screens = {
        indicator_id: screen
        for indicator_id, (indicator, bound, _) in bounds.items()
        if (screen := _float_screen(indicator, bound)) is not None
    }
    unscreened = list(
        map(not_, map(and_, map(is_, modes, repeat(None)), map(screens.__contains__, indicators)))
    )
    every = not any(unscreened)
    # Usually every indicator has the default bound: its limits are then the same for all rows.
    same = set(screens.values()) if len(set(screens.values())) == 1 else None
    decide: list[bool] = []
    # A slice of rows at a time: the columns of the screen are then a few small lists, not
    # six of every row's floats at once. Rows not screenable are screened too (with limits
    # of 0) and then decided exactly: that is quicker than leaving them out.
    for start in range(0, len(values), _SCREEN_ROWS):
        these = slice(start, start + _SCREEN_ROWS)
        now = values[these]
        then = _previous_values(values, previous[these])
        change, allowed = _change_and_allowed(now, then, screens, same, indicators[these])
        size = map(abs, then)
        magnitude = list(map(add, map(add, map(add, change, allowed), map(abs, now)), size))
        certified = certified_negative(map(sub, change, allowed), magnitude)
        # decided exactly: not screenable, or compared and not certified inside its bound
        outside = map(gt, compared[these], certified)
        decide.extend(outside if every else map(or_, unscreened[these], outside))
    return decide


def _previous_values(values: list[float], previous: Sequence[int]) -> list[float]:
    """`values` at `previous`; as one slice where the previous rows are a run (`stride` rows
    before each row), with 0.0 for the first rows, which have none (and are not compared)."""
    if not isinstance(previous, range) or previous.step != 1:
        return list(map(values.__getitem__, previous))
    none = min(max(-previous.start, 0), len(previous))
    return [0.0] * none + values[previous.start + none : previous.stop]


def _change_and_allowed(
    now: list[float],
    then: list[float],
    screens: Mapping[str, tuple[float, float, float]],
    same: set[tuple[float, float, float]] | None,
    indicators: Sequence[str],
) -> tuple[list[float], list[float]]:
    """Each row's change |v - b| times its scale, and `relative * |b| + absolute`
    (`_not_screened`); where every screen is `same`, without the limit that is 0 (the same
    floats: |b| * relative + 0.0 is |b| * relative, 0.0 * |b| + absolute is absolute)."""
    if same is None:
        scale, relative, absolute = _limits(screens, same, indicators)
        change = list(map(mul, map(abs, map(sub, now, then)), scale))
        allowed = list(map(add, map(mul, relative, map(abs, then)), absolute))
        return change, allowed
    ((scale_of, relative_of, absolute_of),) = same
    change = list(map(scale_of.__mul__, map(abs, map(sub, now, then))))
    if absolute_of == 0:
        return change, list(map(relative_of.__mul__, map(abs, then)))
    return change, [absolute_of] * len(then)


def _limits(
    screens: Mapping[str, tuple[float, float, float]],
    same: set[tuple[float, float, float]] | None,
    indicators: Sequence[str],
) -> tuple[Iterable[float], Iterable[float], Iterable[float]]:
    """The scale, relative and absolute limit of each row's screen (`_float_screen`), as
    columns; repeated where every screen is `same`."""
    if same is not None:
        return tuple(map(repeat, next(iter(same))))  # type: ignore[return-value]
    picked = list(map(screens.get, indicators, repeat(_NO_SCREEN)))
    scale, relative, absolute = (list(map(itemgetter(i), picked)) for i in range(3))
    return scale, relative, absolute


#: Rows screened together by `_not_screened`.
_SCREEN_ROWS = 4096

#: The screen of a row not screened (its result is not used).
_NO_SCREEN = (1.0, 0.0, 0.0)

#: Digits that keep products of values in planchk's range (|x| < 1e30, 30 decimals) exact.
_EXACT_DIGITS = 200

_REGION, _INDICATOR, _YEAR, _REPORTED_AS, _VALUE = (
    itemgetter(Observation._fields.index(name))
    for name in ("region", "indicator_id", "year", "reported_as", "value")
)


def _float_screen(indicator: Indicator, bound: ChangeBound) -> tuple[float, float, float] | None:
    """(scale, relative limit, absolute limit) of the float screen of a level or addition (the
    limit that does not apply is 0); None for a yearly change (the row is itself the change:
    one exact comparison, nothing to save)."""
    if indicator.reporting is Reporting.YEARLY_CHANGE:
        return None
    if bound.relative is not None:
        return 100.0, float(bound.relative), 0.0
    assert bound.absolute is not None
    return 1.0, 0.0, float(bound.absolute)


def _implausible(
    indicator: Indicator,
    bound: ChangeBound,
    origin: str,
    obs: Observation,
    previous: Observation | None,
) -> str | None:
    """Why `obs` is implausible after `previous` (the same indicator's value a year before, if
    any), or None; the message is written only for the few values that are."""
    limit = bound.relative if bound.relative is not None else bound.absolute
    assert limit is not None
    if obs.reporting(indicator) is Reporting.YEARLY_CHANGE:
        if abs(obs.value) <= limit:
            return None
        return msg(
            "{head}: a change of {change} on the previous year is beyond the plausible "
            "±{limit}% ({origin})",
            head=_head(indicator, obs),
            change=f"{format_decimal(obs.value)}%",
            limit=format_decimal(limit),
            origin=origin,
        )
    if previous is None:
        return None
    change = obs.value - previous.value
    if bound.absolute is not None:
        if abs(change) <= bound.absolute:
            return None
        return msg(
            "{head}: {value} differs by {change} from {previous}; the plausible change is at "
            "most {limit} ({origin})",
            head=_head(indicator, obs),
            value=obs.reported,
            change=format_decimal(abs(change)),
            previous=_where(previous),
            limit=format_decimal(bound.absolute),
            origin=origin,
        )
    if previous.value == 0 or abs(change) * 100 <= limit * abs(previous.value):
        return None  # within the bound, or no relative change from zero
    percent = change / abs(previous.value) * 100
    above = msg(
        "{head}: {value} is {percent:.1f}% above {previous}; the plausible change is at most "
        "{limit}% ({origin})"
    )
    below = msg(
        "{head}: {value} is {percent:.1f}% below {previous}; the plausible change is at "
        "most {limit}% ({origin})"
    )
    return msg(
        (above if percent > 0 else below).msgid,
        head=_head(indicator, obs),
        value=obs.reported,
        percent=abs(percent),
        previous=_where(previous),
        limit=format_decimal(limit),
        origin=origin,
    )


def _head(indicator: Indicator, obs: Observation) -> str:
    return msg("indicator {indicator} {year}", indicator=_describe(indicator), year=obs.year)


def _where(previous: Observation) -> str:
    return msg(
        "the {year} value {value} ({place})",
        year=previous.year,
        value=previous.reported,
        place=previous.location,
    )


def _validation(
    command: Literal["validate", "spec check"],
    plan: PlanRef | None,
    files: list[CheckedFile],
    problems: list[Problem],
    counts: Mapping[tuple[str, Severity], int],
    omitted: Mapping[ProblemCode, int],
    *,
    strict: bool,
    max_problems: int | None,
    regions: Sequence[CheckedRegion] = (),
    previous: tuple[str, ...] = (),
    revisions: Sequence[Revision] = (),
) -> Validation:
    ordered = sort_problems(problems)
    shown = ordered if max_problems is None else ordered[: max(max_problems, 0)]
    not_listed: Counter[ProblemCode] = Counter(omitted)
    not_listed.update(p.code for p in ordered[len(shown) :])
    errors = sum(n for (_, severity), n in counts.items() if severity is Severity.ERROR)
    warnings = sum(n for (_, severity), n in counts.items() if severity is Severity.WARNING)
    return Validation(
        command=command,
        plan=plan,
        strict=strict,
        valid=errors == 0 and not (strict and warnings),
        errors=errors,
        warnings=warnings,
        files=tuple(files),
        regions=tuple(regions),
        problems=tuple(ProblemEntry.of(p) for p in shown),
        not_listed=dict(sorted(not_listed.items())),
        previous=previous,
        revisions=tuple(revisions),
    )


def _plan_ref(spec: Spec) -> PlanRef:
    plan = spec.plan
    return PlanRef(id=plan.id, title=plan.title, base_year=plan.base_year, end_year=plan.end_year)


def _describe(indicator: Indicator) -> str:
    return indicator_ref(indicator.no, indicator.id, indicator.name.zh)
