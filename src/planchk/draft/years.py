"""The plan's base and end years: from the options, the table's year columns, or the title.

A five-year plan named “十三五” runs 2016-2020, so its base year is 2015: from the third plan
(1966-1970) on, the Nth plan ends in 1955 + 5N; the first ended in 1957, the second in 1962.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planchk.draft.errors import DraftError
from planchk.messages import msg

_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_PLAN_NAME = re.compile(r"(十[一二三四五六七八九]?|[一二三四五六七八九])五")


@dataclass(frozen=True, slots=True)
class PlanYears:
    base: int
    end: int
    #: where the years come from, for the spec's comment and the review list
    source: str


def plan_ordinal(title: str) -> int | None:
    """13 for a title naming “十三五”; None when the title names no five-year plan."""
    match = _PLAN_NAME.search(title)
    if match is None:
        return None
    word = match.group(1)
    if word.startswith("十"):
        return 10 + (_DIGITS[word[1]] if len(word) > 1 else 0)
    return _DIGITS[word]


def ordinal_name(ordinal: int) -> str:
    """“十二五” for 12: how the plan before this one is named in its text."""
    digits = {value: key for key, value in _DIGITS.items()}
    tens, ones = divmod(ordinal, 10)
    word = ("十" if tens == 1 else "") + (digits[ones] if ones else "")
    return f"{word}五"


def plan_years(
    title: str, header_years: tuple[int, ...], base: int | None, end: int | None, file: str
) -> PlanYears:
    """The base and end years, options first; a DraftError when nothing tells them."""
    if base is not None and end is not None:
        return _ordered(PlanYears(base, end, msg("--base-year and --end-year")), file)
    distinct = sorted(set(header_years))
    if len(distinct) >= 2:
        found = PlanYears(
            distinct[0],
            distinct[-1],
            msg("column headers {base}年 / {end}年", base=distinct[0], end=distinct[-1]),
        )
    else:
        ordinal = plan_ordinal(title)
        if ordinal is None:
            raise DraftError(
                msg(
                    "{file}: cannot tell the plan's base and end years (未能确定规划基期和目标年): "
                    "neither the table's headers (2015年 / 2020年) nor the title (“十三五”) give "
                    "them; give --base-year and --end-year",
                    file=file,
                )
            )
        finish = {1: 1957, 2: 1962}.get(ordinal, 1955 + 5 * ordinal)
        found = PlanYears(
            finish - 5, finish, msg("the title: “{plan}”", plan=ordinal_name(ordinal))
        )
    years = PlanYears(
        base if base is not None else found.base,
        end if end is not None else found.end,
        found.source
        if base is None and end is None
        else msg("{source}, and an option", source=found.source),
    )
    return _ordered(years, file)


def _ordered(years: PlanYears, file: str) -> PlanYears:
    if years.end <= years.base:
        raise DraftError(
            msg(
                "{file}: the end year {end} is not after the base year {base}",
                file=file,
                end=years.end,
                base=years.base,
            )
        )
    return years
