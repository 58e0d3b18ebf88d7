"""Baselines quoted in the plan's prose: 国家级高新技术企业总数达6151家.

A plan's text reviews the previous plan period (“十二五”期间发展回顾) and quotes the base year's
figures. A clause of such a paragraph that names a measure, then a number and a unit, is a
candidate; it is proposed as the baseline of the indicator whose measure it names most closely
(longest common subsequence of the two names, as a share of both lengths), in the indicator's
unit, converted exactly (1.63万亿元 -> 16300 亿元). The goal paragraphs' wording of a target
(园区规模以上企业总收入年均增长10%) is used as a second name of the measure. Every proposal is
flagged for review with its quote: closeness of names is evidence, not proof.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from planchk.draft.years import ordinal_name
from planchk.quantities import Qualifier, normalise_text
from planchk.units import conversion_factor, split_unit

#: A name must share at least this share of its characters (Dice coefficient) with a clause.
MIN_CLOSENESS = Decimal("0.5")

_HEADING = re.compile(r"^([一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])")
_UNITS = "美元|元|家|件|项|人|个|所|名|户|座|吨|%"
_MAGNITUDES = "万亿|千亿|亿|千万|百万|万|千"
_LEVEL_CLAUSE = re.compile(
    rf"^(?P<subject>[^\d]*?)(?P<verb>总数达到|总数达|达到|已达|达|实现|为|接近|超过|突破|约|近|共计|共)?"
    rf"(?P<number>\d+(?:\.\d+)?)(?P<magnitude>{_MAGNITUDES})?(?P<unit>{_UNITS})(?P<after>.*)$"
)
_GOAL_CLAUSE = re.compile(
    r"^(?P<subject>[^\d]*?)(?P<verb>年均增长|年均增速|年均下降|总数达到|总数达|达到|达|超过|累计|为)?"
    r"(?P<number>\d+(?:\.\d+)?)"
)
_PLACE = re.compile(r"^((全|本)(区|市|县|省|国)|园区|[\u4e00-\u9fff]{2}(区|园))")
_NOISE = re.compile(r"[\s()（）“”\"《》〈〉\[\]]")
_TOTAL = re.compile(r"(总数|总量)$")
_APPROXIMATE = ("接近", "约", "近")
_LOWER_BOUND = ("超过", "突破")


@dataclass(frozen=True, slots=True)
class Measure:
    """What prose matching needs to know of one indicator."""

    no: int
    names: tuple[str, ...]
    #: the table's unit, or "" when the table gives a rate (%) and the measure's unit is unknown
    unit: str
    target: Decimal


@dataclass(frozen=True, slots=True)
class ProseBaseline:
    no: int
    value: Decimal
    unit: str
    qualifier: Qualifier
    quote: str
    closeness: Decimal


@dataclass(frozen=True, slots=True)
class _Clause:
    order: int
    text: str
    subject: str
    number: Decimal
    unit: str
    qualifier: Qualifier


def core(name: str) -> str:
    """A name as compared: no brackets or spaces, no leading place (全区, 海淀园), no 总数."""
    text = _NOISE.sub("", normalise_text(name))
    text = _PLACE.sub("", text)
    return _TOTAL.sub("", text)


def closeness(a: str, b: str) -> Decimal:
    """2·LCS / (|a| + |b|) of the two names' cores: 1 for the same name, 0 for nothing shared."""
    x, y = core(a), core(b)
    if not x or not y:
        return Decimal(0)
    previous = [0] * (len(y) + 1)
    for char in x:
        current = [0]
        for j, other in enumerate(y, start=1):
            current.append(previous[j - 1] + 1 if char == other else max(previous[j], current[-1]))
        previous = current
    return Decimal(2 * previous[-1]) / Decimal(len(x) + len(y))


def _clauses(paragraphs: Sequence[str]) -> list[str]:
    out: list[str] = []
    for paragraph in paragraphs:
        for sentence in re.split(r"[。；;！!？?]", paragraph):
            out.extend(part.strip() for part in re.split(r"[,，]", sentence) if part.strip())
    return out


def base_paragraphs(
    paragraphs: Sequence[str], base: int, end: int, ordinal: int | None
) -> list[str]:
    """Paragraphs about the base year: those of a section reviewing the previous plan (its
    heading names “十二五” or 回顾), and any other that names the base year but not the end year."""
    previous = f"“{ordinal_name(ordinal - 1)}”" if ordinal and ordinal > 1 else None
    in_review = False
    out: list[str] = []
    for paragraph in paragraphs:
        if _HEADING.match(paragraph) and len(paragraph) <= 40:
            in_review = "回顾" in paragraph or (previous is not None and previous in paragraph)
            continue
        if in_review or (f"{base}年" in paragraph and f"{end}年" not in paragraph):
            out.append(paragraph)
    return out


def _level_clauses(paragraphs: Sequence[str]) -> list[_Clause]:
    out: list[_Clause] = []
    for order, text in enumerate(_clauses(paragraphs)):
        match = _LEVEL_CLAUSE.match(text)
        if match is None:
            continue
        subject = match.group("subject").strip()
        # A bare word (总收入, 产值) continues the subject of the clause before it.
        if (
            len(core(subject)) < 4
            or subject.startswith(("占", "是", "比"))
            or subject.endswith(("的", "在", "由", "至", "从"))
        ):
            continue
        verb = match.group("verb") or ""
        after = match.group("after")
        qualifier = Qualifier.EXACT
        if verb in _APPROXIMATE or after.startswith("左右"):
            qualifier = Qualifier.ABOUT
        elif verb in _LOWER_BOUND or after.startswith(("以上", "多")):
            qualifier = Qualifier.AT_LEAST
        unit = (match.group("magnitude") or "") + match.group("unit")
        out.append(_Clause(order, text, subject, Decimal(match.group("number")), unit, qualifier))
    return out


def goal_names(paragraphs: Sequence[str], measures: Sequence[Measure]) -> dict[int, str]:
    """How the goal paragraphs name each indicator's measure next to its target value."""
    found: dict[int, tuple[Decimal, str]] = {}
    for text in _clauses(paragraphs):
        match = _GOAL_CLAUSE.match(text)
        if match is None:
            continue
        subject = match.group("subject").strip()
        number = Decimal(match.group("number"))
        if len(core(subject)) < 2:
            continue
        for measure in measures:
            if number != measure.target:
                continue
            score = max(closeness(name, subject) for name in measure.names)
            best = found.get(measure.no)
            if score >= MIN_CLOSENESS and (best is None or score > best[0]):
                found[measure.no] = (score, subject)
    return {no: subject for no, (_, subject) in found.items()}


def measure_unit(table_unit: str, quote_unit: str) -> str:
    """The unit a proposed baseline is written in: the table's, or for a rate (the table says
    %) the quote's: 亿元 for money (as statistical tables give it), else the plain unit (件)."""
    if table_unit:
        return table_unit
    _, base = split_unit(quote_unit)
    return f"亿{base}" if base in ("元", "美元") else base


def propose_baselines(
    paragraphs: Sequence[str], measures: Sequence[Measure]
) -> dict[int, ProseBaseline]:
    """The closest base-year clause for each indicator, converted to its unit."""
    clauses = _level_clauses(paragraphs)
    best: dict[int, ProseBaseline] = {}
    for measure in measures:
        choice: tuple[Decimal, int, ProseBaseline] | None = None
        for clause in clauses:
            if measure.unit == "%" and clause.unit != "%":
                continue
            if not measure.unit and clause.unit == "%":
                continue
            if clause.subject.startswith(("新增", "累计")):
                continue  # additions over the previous period, not a level in the base year
            unit = measure_unit(measure.unit, clause.unit)
            factor = conversion_factor(clause.unit, unit)
            if factor is None:
                continue
            score = max(closeness(name, clause.subject) for name in measure.names)
            if score < MIN_CLOSENESS or (choice is not None and score <= choice[0]):
                continue
            value = clause.number * factor
            proposal = ProseBaseline(measure.no, value, unit, clause.qualifier, clause.text, score)
            choice = (score, clause.order, proposal)
        if choice is not None:
            best[measure.no] = choice[2]
    # One clause is the baseline of one indicator at most: the closer one keeps it.
    by_quote: dict[str, ProseBaseline] = {}
    for proposal in best.values():
        other = by_quote.get(proposal.quote)
        if other is None or proposal.closeness > other.closeness:
            by_quote[proposal.quote] = proposal
    return {p.no: p for p in sorted(by_quote.values(), key=lambda p: p.no)}
