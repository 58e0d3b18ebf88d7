"""The range a reported value must lie in: the spec's `bounds`, else two rules of common sense.

- A count cannot be negative: an indicator whose unit is a Chinese measure word (家, 人, 项, 件,
  个, ... with or without a magnitude such as 万家) has a minimum of 0.
- A share cannot exceed 100%: an indicator whose unit is `%` has a maximum of 100.

Neither rule applies to rows reported as `yearly_change` or `change_from_base` (a change can
be negative or above 100%). A `bounds: {min, max}` in the spec replaces the rule on the side it sets. A value outside
its range is an `out-of-range` error: the row is not used.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from planchk.messages import msg
from planchk.quantities import Qualifier, format_decimal
from planchk.spec import Indicator, Reporting
from planchk.units import split_unit

#: Chinese measure words that count things; a value in one of them is never negative.
COUNT_UNITS = frozenset(
    [
        "家",
        "人",
        "项",
        "件",
        "个",
        "所",
        "名",
        "户",
        "次",
        "座",
        "台",
        "辆",
        "套",
        "位",
        "篇",
        "部",
        "种",
        "条",
        "张",
        "间",
        "处",
        "例",
        "只",
        "头",
        "架",
        "艘",
        "支",
        "本",
        "册",
        "起",
    ]
)


@dataclass(frozen=True, slots=True)
class Limit:
    """One side of a value's range and the reason for it."""

    value: Decimal
    reason: str


def value_limits(
    indicator: Indicator, mode: Reporting | None = None
) -> tuple[Limit | None, Limit | None]:
    """The (minimum, maximum) a reported value of `indicator` may take, in its unit, for a
    figure reported as `mode` (default: as the spec's `reporting` says)."""
    low = high = None
    if (mode or indicator.reporting) not in (Reporting.YEARLY_CHANGE, Reporting.CHANGE_FROM_BASE):
        base = split_unit(indicator.unit.zh or indicator.unit.en or "")[1]
        if base in COUNT_UNITS:
            low = Limit(Decimal(0), msg("a count cannot be negative"))
        elif base == "%":
            high = Limit(Decimal(100), msg("a share cannot exceed {hundred}", hundred="100%"))
    # The spec's bounds are on figures as its `reporting` says: a row reported otherwise (a
    # yearly change beside levels) is not held to them.
    bounds = indicator.bounds if mode in (None, indicator.reporting) else None
    if bounds is not None and bounds.min is not None:
        low = Limit(bounds.min, msg("the minimum in the spec's bounds"))
    if bounds is not None and bounds.max is not None:
        high = Limit(bounds.max, msg("the maximum in the spec's bounds"))
    return low, high


def range_problem(
    indicator: Indicator, value: Decimal, qualifier: Qualifier, mode: Reporting | None = None
) -> str | None:
    """Why `value` (in the indicator's unit) is certainly outside its range, or None.

    A bound is judged by what it proves: ">120" for a share is out of range, ">-5" for a count
    is not (the true value may well be positive).
    """
    low, high = value_limits(indicator, mode)
    shown = format_decimal(value)
    if low is not None and value < low.value and qualifier is not Qualifier.AT_LEAST:
        return msg(
            "{shown} is below {limit}: {reason}",
            shown=shown,
            limit=format_decimal(low.value),
            reason=low.reason,
        )
    if high is not None and value > high.value and qualifier is not Qualifier.AT_MOST:
        return msg(
            "{shown} is above {limit}: {reason}",
            shown=shown,
            limit=format_decimal(high.value),
            reason=high.reason,
        )
    return None
