"""The series charted for an indicator: its rows of the data as the report describes them, and
the actual values as levels, running totals or an index. Floats only: charts are drawn, never
judged."""

from __future__ import annotations

from collections.abc import Callable

from planchk.chain import Since, base_level, since_base
from planchk.data import Dataset, Observation
from planchk.quantities import Qualifier
from planchk.rational import Fraction
from planchk.results import IndicatorResult, Observed, PathPoint, Trajectory
from planchk.spec import Indicator, Reporting


def observed(obs: Observation) -> Observed:
    """A data row as the report describes it."""
    return Observed(
        year=obs.year,
        value=float(obs.value),
        qualifier=obs.qualifier.value,
        preliminary=obs.preliminary,
        reported=obs.reported,
        reported_unit=obs.reported_unit,
        source=obs.source,
        illustrative=obs.illustrative,
        file=obs.file,
        line=obs.line,
        cell=None if obs.sheet is None else obs.location.removeprefix(f"{obs.file}!"),
        reported_as=None if obs.reported_as is None else obs.reported_as.value,
        price_basis=None if obs.price_basis is None else obs.price_basis.value,
    )


def _own_reporting(dataset: Dataset, indicator: Indicator, base: int, year: int) -> bool:
    """Whether a row from the base year to `year` says it is reported otherwise (口径)."""
    return any(
        obs.reported_as is not None
        for y in range(base, year + 1)
        for obs in dataset.rows(indicator.id, y)
    )


def rows(dataset: Dataset, indicator: Indicator, base: int, year: int) -> tuple[Observed, ...]:
    """The indicator's rows of the data from the base year to `year`, with their provenance."""
    found = (dataset.get(indicator.id, y) for y in range(base, year + 1))
    return tuple(observed(obs) for obs in found if obs is not None)


def rounded(value: float) -> float:
    # Paths are computed in floats; rounding keeps 19723.000000000004 out of JSON and charts.
    return round(value, 6)


def unit(indicator: Indicator) -> str:
    return indicator.unit.zh or indicator.unit.en or ""


def share(year: int, base: int, end: int) -> float:
    return float(Fraction(year - base, end - base))


def expected_path(base: int, end: int, value: Callable[[int], float]) -> tuple[PathPoint, ...]:
    """The expected path from the base year to the end year: `value(year)` for each, rounded."""
    return tuple(PathPoint(year=y, value=rounded(value(y))) for y in range(base, end + 1))


def point(year: int, value: float, obs: Observation | None) -> PathPoint:
    if obs is None:
        return PathPoint(year=year, value=value)
    return PathPoint(
        year=year,
        value=value,
        illustrative=obs.illustrative,
        approximate=obs.preliminary or obs.qualifier is not Qualifier.EXACT,
    )


def levels(
    dataset: Dataset,
    indicator: Indicator,
    base: int,
    year: int,
    baseline: float | None,
    result: IndicatorResult,
) -> tuple[PathPoint, ...]:
    """The measure's values from the baseline the evaluation used to `year`."""
    points: list[PathPoint] = []
    if baseline is not None:
        # The baseline the evaluation used: the spec's (no observation) or the data's.
        from_data = result.baseline_source == "data"
        points.append(point(base, baseline, dataset.get(indicator.id, base) if from_data else None))
    for y in range(base + 1, year + 1):
        obs = dataset.get(indicator.id, y)
        if obs is not None:
            points.append(point(y, float(obs.value), obs))
    return tuple(points)


def additions(
    dataset: Dataset, indicator: Indicator, base: int, year: int, baseline: float | None
) -> tuple[PathPoint, ...]:
    """The running total added since the base year."""
    points = [PathPoint(year=base, value=0.0)]
    total = Fraction(0)
    for y in range(base + 1, year + 1):
        obs = dataset.get(indicator.id, y)
        if indicator.reporting is Reporting.ADDITION:
            if obs is None:
                break  # a missing year leaves every later running total unknown
            total += Fraction(obs.value)
            points.append(point(y, float(total), obs))
        elif obs is not None and baseline is not None:
            points.append(point(y, rounded(float(obs.value) - baseline), obs))
    return tuple(points)


def index(dataset: Dataset, indicator: Indicator, base: int, year: int) -> tuple[PathPoint, ...]:
    """An index with the base year at 100: from the changes since the base year, chained from
    yearly changes, or (for rows with their own 口径) from levels over the baseline, as the
    evaluation reads them (`planchk.chain`). A year the rows do not give is left out."""
    points = [PathPoint(year=base, value=100.0)]

    def rows_of(y: int) -> tuple[Observation, ...]:
        return dataset.rows(indicator.id, y)

    baseline = base_level(indicator, rows_of, base)
    for y in range(base + 1, year + 1):
        since = since_base(indicator, rows_of, base, y, baseline)
        if isinstance(since, Since):
            points.append(point(y, rounded(float(100 * since.factor)), since.rows[-1]))
    return tuple(points)


def measure_trajectory(
    dataset: Dataset,
    indicator: Indicator,
    result: IndicatorResult,
    year: int,
    base: int,
    end: int,
    path: Callable[[float, int], float],
) -> Trajectory:
    """The measure's level (or an index, base year = 100, when only yearly changes are
    reported) against `path(start, year)`, for growth and change targets.

    Without a baseline there is no expected path, and no target in the charted quantity.
    """
    indexed = indicator.reports_percent_change or _own_reporting(dataset, indicator, base, year)
    start = 100.0 if indexed else result.baseline
    if start is None:
        return Trajectory(
            quantity="level",
            unit=unit(indicator),
            baseline=None,
            target=None,
            expected=(),
            actual=levels(dataset, indicator, base, year, None, result),
            observations=rows(dataset, indicator, base, year),
        )
    expected = expected_path(base, end, lambda y: path(start, y))
    actual = (
        index(dataset, indicator, base, year)
        if indexed
        else levels(dataset, indicator, base, year, result.baseline, result)
    )
    return Trajectory(
        quantity="index" if indexed else "level",
        unit="" if indexed else unit(indicator),
        baseline=start,
        target=expected[-1].value,
        expected=expected,
        actual=actual,
        observations=rows(dataset, indicator, base, year),
    )
