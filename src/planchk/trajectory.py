"""Trajectories for charts: an indicator's values from the data against its expected path.

The expected path runs from the baseline in the base year to the target in the end year, in the
same quantity as the values: the measure's level for level, growth and change targets (a growth
target of 10% a year from 16300 expects 16300·1.1^n after n years), the running total added since
the base year for cumulative targets, and an index (base year = 100) for growth and change targets
that the data reports only as yearly changes. Floats only: trajectories are drawn, never judged.
"""

from __future__ import annotations

from planchk.data import Dataset, Observation
from planchk.engine import observed
from planchk.quantities import Qualifier
from planchk.rational import Fraction
from planchk.results import IndicatorResult, Observed, PathPoint, Trajectory
from planchk.spec import ChangeMode, Indicator, Path_, Reporting, Spec, TargetKind


def trajectory(
    spec: Spec, dataset: Dataset, indicator: Indicator, result: IndicatorResult, year: int
) -> Trajectory:
    """The indicator's trajectory up to `year`, the year of `result`.

    Without a baseline there is no expected path (and, for growth and change targets, no target
    in the charted quantity): the trajectory then holds the values alone.
    """
    base, end = spec.plan.base_year, spec.plan.end_year
    target = float(indicator.target.value)
    baseline = result.baseline
    kind = indicator.target.kind
    years = range(base, end + 1)

    def share(y: int) -> float:
        return float(Fraction(y - base, end - base))

    if kind is TargetKind.CUMULATIVE:
        return Trajectory(
            quantity="additions",
            unit=_unit(indicator),
            baseline=0.0,
            target=target,
            expected=tuple(PathPoint(year=y, value=_rounded(target * share(y))) for y in years),
            actual=_additions(dataset, indicator, base, year, baseline),
            observations=_rows(dataset, indicator, base, year),
        )
    if kind is TargetKind.LEVEL:
        expected: tuple[PathPoint, ...] = ()
        if baseline is not None:
            compound = indicator.target.path is Path_.COMPOUND and baseline > 0 and target > 0
            expected = tuple(
                PathPoint(
                    year=y,
                    value=_rounded(
                        baseline * (target / baseline) ** share(y)
                        if compound
                        else baseline + (target - baseline) * share(y)
                    ),
                )
                for y in years
            )
        return Trajectory(
            quantity="level",
            unit=_unit(indicator),
            baseline=baseline,
            target=target,
            expected=expected,
            actual=_levels(dataset, indicator, base, year, baseline, result),
            observations=_rows(dataset, indicator, base, year),
        )
    # Growth and change targets: the measure's level, or an index when only changes are reported.
    indexed = indicator.reporting is Reporting.YEARLY_CHANGE
    start = 100.0 if indexed else baseline
    if start is None:
        # No baseline: the values alone, with no path to compare them with.
        return Trajectory(
            quantity="level",
            unit=_unit(indicator),
            baseline=None,
            target=None,
            expected=(),
            actual=_levels(dataset, indicator, base, year, None, result),
            observations=_rows(dataset, indicator, base, year),
        )
    if kind is TargetKind.AVERAGE_GROWTH:
        rate = 1 + target / 100
        path = [_rounded(start * rate ** (y - base)) for y in years]
    elif indicator.target.change is ChangeMode.RELATIVE:
        path = [_rounded(start * (1 + target / 100) ** share(y)) for y in years]
    else:
        path = [_rounded(start + target * share(y)) for y in years]
    actual = (
        _index(dataset, indicator, base, year)
        if indexed
        else _levels(dataset, indicator, base, year, baseline, result)
    )
    return Trajectory(
        quantity="index" if indexed else "level",
        unit="" if indexed else _unit(indicator),
        baseline=start,
        target=path[-1],
        expected=tuple(PathPoint(year=y, value=v) for y, v in zip(years, path, strict=True)),
        actual=actual,
        observations=_rows(dataset, indicator, base, year),
    )


def _rows(dataset: Dataset, indicator: Indicator, base: int, year: int) -> tuple[Observed, ...]:
    """The indicator's rows of the data from the base year to `year`, with their provenance."""
    found = (dataset.get(indicator.id, y) for y in range(base, year + 1))
    return tuple(observed(obs) for obs in found if obs is not None)


def _rounded(value: float) -> float:
    # Paths are computed in floats; rounding keeps 19723.000000000004 out of JSON and charts.
    return round(value, 6)


def _unit(indicator: Indicator) -> str:
    return indicator.unit.zh or indicator.unit.en or ""


def _point(year: int, value: float, obs: Observation | None) -> PathPoint:
    if obs is None:
        return PathPoint(year=year, value=value)
    return PathPoint(
        year=year,
        value=value,
        illustrative=obs.illustrative,
        approximate=obs.preliminary or obs.qualifier is not Qualifier.EXACT,
    )


def _levels(
    dataset: Dataset,
    indicator: Indicator,
    base: int,
    year: int,
    baseline: float | None,
    result: IndicatorResult,
) -> tuple[PathPoint, ...]:
    points: list[PathPoint] = []
    if baseline is not None:
        # The baseline the evaluation used: the spec's (no observation) or the data's.
        from_data = result.baseline_source == "data"
        points.append(
            _point(base, baseline, dataset.get(indicator.id, base) if from_data else None)
        )
    for y in range(base + 1, year + 1):
        obs = dataset.get(indicator.id, y)
        if obs is not None:
            points.append(_point(y, float(obs.value), obs))
    return tuple(points)


def _additions(
    dataset: Dataset, indicator: Indicator, base: int, year: int, baseline: float | None
) -> tuple[PathPoint, ...]:
    points = [PathPoint(year=base, value=0.0)]
    total = Fraction(0)
    for y in range(base + 1, year + 1):
        obs = dataset.get(indicator.id, y)
        if indicator.reporting is Reporting.ADDITION:
            if obs is None:
                break  # a missing year leaves every later running total unknown
            total += Fraction(obs.value)
            points.append(_point(y, float(total), obs))
        elif obs is not None and baseline is not None:
            points.append(_point(y, _rounded(float(obs.value) - baseline), obs))
    return tuple(points)


def _index(dataset: Dataset, indicator: Indicator, base: int, year: int) -> tuple[PathPoint, ...]:
    points = [PathPoint(year=base, value=100.0)]
    level = Fraction(100)
    for y in range(base + 1, year + 1):
        obs = dataset.get(indicator.id, y)
        if obs is None:
            break  # later levels cannot be chained without this year's change
        level *= 1 + Fraction(obs.value) / 100
        points.append(_point(y, _rounded(float(level)), obs))
    return tuple(points)
