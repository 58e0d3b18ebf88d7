"""Trajectories for charts: an indicator's values from the data against its expected path.

The expected path runs from the baseline in the base year to the target in the end year, in the
same quantity as the values: the measure's level for level, growth and change targets (a growth
target of 10% a year from 16300 expects 16300·1.1^n after n years), the running total added since
the base year for cumulative targets, and an index (base year = 100) for growth and change targets
that the data reports only as yearly changes. Each kind draws its own (`planchk.kinds`); floats
only: trajectories are drawn, never judged.
"""

from __future__ import annotations

from planchk.data import Dataset
from planchk.kinds import KINDS
from planchk.results import IndicatorResult, Trajectory, judged_against
from planchk.spec import Indicator, Spec


def trajectory(
    spec: Spec, dataset: Dataset, indicator: Indicator, result: IndicatorResult, year: int
) -> Trajectory:
    """The indicator's trajectory up to `year`, the year of `result`.

    Without a baseline there is no expected path (and, for growth and change targets, no target
    in the charted quantity): the trajectory then holds the values alone.
    """
    judged = judged_against(indicator, result)  # of several targets, the deciding one
    return KINDS[judged.target.kind].trajectory(spec, dataset, judged, result, year)
