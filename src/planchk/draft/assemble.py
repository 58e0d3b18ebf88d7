"""From an indicator table (and the plan's prose) to a draft spec and its review list.

Every row of the table ends up in exactly one place: an indicator of the draft, a row left out
with the reason in the review list, or a category or empty row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from planchk.draft import cells
from planchk.draft.cells import NameCell, NoTarget, TargetCell, Unreadable
from planchk.draft.errors import DraftError
from planchk.draft.grid import Document
from planchk.draft.ids import category_id, indicator_id, unique_ids
from planchk.draft.model import DraftBaseline, DraftCategory, DraftIndicator, DraftSpec
from planchk.draft.prose import (
    Measure,
    ProseBaseline,
    base_paragraphs,
    goal_names,
    propose_baselines,
)
from planchk.draft.review import ReviewItem
from planchk.draft.tables import CATEGORY_ROW, EMPTY_ROW, IndicatorTable, TableRow, find_table
from planchk.draft.years import PlanYears, plan_ordinal, plan_years
from planchk.messages import Message, joined, msg
from planchk.quantities import RANGE, format_decimal, in_range, normalise_text
from planchk.spec import Attribute, ChangeMode, Comparator, Direction, TargetKind, name_key
from planchk.units import split_unit

#: The unit written where the plan does not tell the measure's unit (a growth rate's table
#: says %, the unit of the growing measure is elsewhere); validation then names every data row
#: until a person sets it.
UNKNOWN_UNIT = "待定"

_GROWTH = re.compile(r"年均(增长率?|增速|递增|下降|降低)")
_DECREASE = re.compile(r"降低|下降|减少|削减|压减")
_ADDED = re.compile(r"累计新增|新增")
_INCREASE = re.compile(r"提高|增加|提升")
_MIRROR = {
    Comparator.AT_LEAST: Comparator.AT_MOST,
    Comparator.MORE_THAN: Comparator.LESS_THAN,
    Comparator.AT_MOST: Comparator.AT_LEAST,
    Comparator.LESS_THAN: Comparator.MORE_THAN,
    Comparator.ABOUT: Comparator.ABOUT,
}
_WHY_LEFT_OUT = {
    Unreadable.EMPTY: msg("no target in the table (表中无目标值)"),
    Unreadable.QUALITATIVE: msg("qualitative target (定性目标): the spec cannot hold it yet"),
    Unreadable.REFERENCE: msg(
        "target tied to another indicator (参照其他指标): the spec cannot hold it yet"
    ),
    Unreadable.ASPIRATIONAL: msg("aspirational target (力争): the spec cannot hold it yet"),
    Unreadable.RANGE: msg("a range of values: the spec cannot hold ranges yet"),
    Unreadable.UNREADABLE: msg("the target cell cannot be read as a comparator and a number"),
}
#: The text of an empty cell, where the review list quotes it.
_EMPTY_CELL = msg("(empty)")


@dataclass
class _Row:
    """One indicator row while it is drafted, before ids are given."""

    no: int
    place: str
    category: str
    name: NameCell
    unit: str
    attribute: Attribute
    direction: Direction
    kind: TargetKind
    comparator: Comparator
    value: Decimal
    change: ChangeMode | None
    measure: str | None
    baseline: DraftBaseline | None
    sources: dict[str, str] = field(default_factory=dict)
    rate: bool = False


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug or "plan"


def _notes_about(mark: str, notes: tuple[str, ...]) -> list[str]:
    """The sentences of the table's notes that explain `mark` (* or ①)."""
    sentences = [
        part.strip()
        for note in notes
        for part in re.split(r"(?=[①②③④⑤⑥⑦⑧⑨⑩])|[。;；]", note)
        if part.strip()
    ]
    found = []
    for sentence in sentences:
        body = re.sub(r"^注[:：]?", "", sentence).strip()
        if (mark in "*＊" and ("*" in body or "＊" in body)) or body.startswith(mark):
            found.append(body)
    return found


def _number(row: TableRow, name: NameCell, position: int) -> tuple[int, str]:
    text = normalise_text(row.number).strip()
    if re.fullmatch(r"\d{1,4}", text) and int(text) >= 1:
        return int(text), ""
    if name.number:
        return int(name.number), ""
    return position, msg(
        "no 序号 in the row: numbered {position} by its place in the table", position=position
    )


def _target_cell(row: TableRow) -> tuple[str, str, bool]:
    """(cell text, its column's header, whether that column totals the period: 累计)."""
    if row.cumulative and not cells.is_empty(row.cumulative):
        header = normalise_text(row.cumulative_header)
        return row.cumulative, row.cumulative_header, "累计" in header and "年均" not in header
    return row.target, row.target_header, False


def _scaled(reading: TargetCell, unit: str) -> Decimal:
    if not reading.magnitude:
        return reading.value
    power, _ = split_unit(unit)
    return reading.value * Decimal(10) ** (reading.magnitude - power)


def _decide(
    name: str, unit: str, reading: TargetCell, total_column: bool, header: str, has_base: bool
) -> tuple[TargetKind, Comparator, Decimal, ChangeMode | None, str]:
    """Kind, comparator, signed value, change mode, and why (for the review list)."""
    value = _scaled(reading, unit)
    decrease = _DECREASE.search(name) is not None
    growth = _GROWTH.search(name) is not None or (
        "年均" in normalise_text(header) and not reading.bracketed and not total_column
    )
    total = reading.bracketed or total_column
    if total or (_ADDED.search(name) and not growth):
        if decrease:
            mode = ChangeMode.RELATIVE if unit in ("%", "") else ChangeMode.ABSOLUTE
            why = (
                msg("a total over the period with 降低/下降 in the name: a relative change, down")
                if mode is ChangeMode.RELATIVE
                else msg(
                    "a total over the period with 降低/下降 in the name: an absolute change, down"
                )
            )
            return TargetKind.CHANGE, _MIRROR[reading.comparator], -value, mode, why
        if _ADDED.search(name) or not (has_base or _INCREASE.search(name)):
            return (
                TargetKind.CUMULATIVE,
                reading.comparator,
                value,
                None,
                msg(
                    "新增/累计 in the name or a [ ] total without a base-year level: additions "
                    "summed over the period"
                ),
            )
        return (
            TargetKind.CHANGE,
            reading.comparator,
            value,
            ChangeMode.ABSOLUTE,
            msg(
                "a [ ] total of a level measure (提高, or a base-year level in the row): its change "
                "since the base year, in its unit"
            ),
        )
    if growth:
        if decrease:
            return (
                TargetKind.AVERAGE_GROWTH,
                _MIRROR[reading.comparator],
                -value,
                None,
                msg("年均下降 in the name: an average annual decrease"),
            )
        return (
            TargetKind.AVERAGE_GROWTH,
            reading.comparator,
            value,
            None,
            msg("年均增长/年均增速 in the name or column: an average annual growth"),
        )
    if decrease and unit in ("%", ""):
        return (
            TargetKind.CHANGE,
            _MIRROR[reading.comparator],
            -value,
            ChangeMode.RELATIVE,
            msg("降低/下降 in the name: a relative change since the base year, down"),
        )
    return TargetKind.LEVEL, reading.comparator, value, None, ""


def _unusable(kind: TargetKind, change: ChangeMode | None, unit: str, value: Decimal) -> str:
    """Why a read target cannot go into a spec, or "": never a number the spec would refuse."""
    if kind is TargetKind.CHANGE and change is ChangeMode.ABSOLUTE and not unit:
        return msg("a change in the measure's unit, but the table gives no unit")
    if (kind is TargetKind.AVERAGE_GROWTH or change is ChangeMode.RELATIVE) and value <= -100:
        return msg("a percentage change must be above -100")
    if not in_range(value):
        return msg(
            "the target {value} is out of the range planchk accepts ({range})",
            value=format_decimal(value),
            range=RANGE,
        )
    return ""


def _direction(comparator: Comparator, kind: TargetKind, value: Decimal, name: str) -> Direction:
    """Less is better for a ceiling (控制在…以内, <) and for a reduction (降低, a negative change)."""
    if comparator in (Comparator.AT_MOST, Comparator.LESS_THAN):
        return Direction.DECREASE
    if comparator is not Comparator.ABOUT:
        return Direction.INCREASE
    negative = kind in (TargetKind.CHANGE, TargetKind.AVERAGE_GROWTH) and value < 0
    return Direction.DECREASE if negative or _DECREASE.search(name) else Direction.INCREASE


def _measure(name: str, kind: TargetKind, goal: str | None, years: PlanYears) -> str | None:
    if kind is TargetKind.AVERAGE_GROWTH:
        if goal:
            return _GROWTH.sub("", goal).strip() or None
        stripped = _GROWTH.sub("", name).strip()
        return stripped if stripped and stripped != name else None
    if kind is TargetKind.CUMULATIVE:
        rest = _ADDED.sub("", name, count=1).strip()
        return f"{years.base + 1}年起累计新增{rest}"
    return None


class _Drafter:
    def __init__(self, document: Document, table: IndicatorTable, years: PlanYears) -> None:
        self.document = document
        self.table = table
        self.years = years
        self.review: list[ReviewItem] = []
        self.left_out = 0
        #: the names drafted so far, compared as a spec compares them
        self.names: set[str] = set()

    def note(
        self, place: str, no: int | None, field_: str, value: str | None, source: str, why: str
    ) -> None:
        if not isinstance(source, Message):  # the plan's own text, on one line
            source = source.replace("\n", " ")
        self.review.append(ReviewItem(place, no, field_, value, source, why))

    def leave_out(self, row: TableRow, no: int | None, source: str, why: str) -> None:
        self.left_out += 1
        self.note(row.place, no, "row", None, source, why)

    def _name_clash(self, name: str) -> str:
        """Why `name` cannot be drafted beside the names before it (a spec refuses two
        indicators of one name, or a name that is a number), or "" and `name` is taken."""
        key = name_key(name)
        if key in self.names:
            return msg("the name {name!r} is used by an earlier row", name=name)
        if key.isdigit():
            return msg("the name {name!r} is a number, which data rows use for 序号", name=name)
        self.names.add(key)
        return ""

    def row(self, row: TableRow, position: int, seen: set[int]) -> _Row | None:
        name = cells.read_name(row.name)
        no, numbered = _number(row, name, position)
        if not name.name:
            self.leave_out(row, None, row.name, msg("the 指标 cell holds no name"))
            return None
        # A spec refuses two indicators of one number or name (a data row would be ambiguous).
        clash = msg("number {no} is used by an earlier row", no=no) if no in seen else ""
        clash = clash or self._name_clash(name.name)
        if clash:
            self.leave_out(row, no, row.name, clash)
            return None
        seen.add(no)
        if numbered:
            self.note(row.place, no, "no", str(no), row.name, numbered)
        text, header, total_column = _target_cell(row)
        reading = cells.read_target(text)
        if isinstance(reading, NoTarget) and text != row.target and row.target:
            # The 年均/累计 cell cannot be read (7.2‰); the end-year column may hold the target.
            fallback = cells.read_target(row.target)
            if isinstance(fallback, TargetCell):
                self.note(
                    row.place,
                    no,
                    "target",
                    None,
                    text,
                    msg(
                        "{why}: the {column} column is used",
                        why=_WHY_LEFT_OUT[reading.why],
                        column=row.target_header,
                    ),
                )
                text, header, total_column, reading = row.target, row.target_header, False, fallback
        elif text != row.target and row.target and not cells.is_empty(row.target):
            # Both the end-year column (60) and the 年均/累计 column ([3.9]) give a target.
            self.note(
                row.place,
                no,
                "target",
                None,
                row.target,
                msg(
                    "the {column} column gives a target too; the draft takes the {taken} "
                    "column's, one target per indicator",
                    column=row.target_header,
                    taken=row.cumulative_header,
                ),
            )
        if isinstance(reading, NoTarget):
            self.leave_out(row, no, text or _EMPTY_CELL, _WHY_LEFT_OUT[reading.why])
            return None
        unit = normalise_text(re.sub(r"^[(（]|[)）]$", "", row.unit)).strip() or name.unit
        has_base = bool(row.base) and not cells.is_empty(row.base)
        kind, comparator, value, change, why = _decide(
            name.name, unit, reading, total_column, header, has_base
        )
        direction = _direction(comparator, kind, value, name.name)
        if unusable := _unusable(kind, change, unit, value):
            self.leave_out(row, no, text, unusable)
            return None
        attribute = cells.read_attribute(row.attribute)
        sources = {"name": row.name.replace("\n", " "), "target": text}
        if attribute is None:
            attribute = Attribute.EXPECTED
            self.note(
                row.place,
                no,
                "attribute",
                "expected",
                row.attribute or _EMPTY_CELL,
                msg("no 约束性/预期性 in the row: drafted as expected"),
            )
        else:
            sources["attribute"] = row.attribute
        if reading.bare:
            self.note(
                row.place,
                no,
                "target.comparator",
                str(comparator),
                text,
                msg(
                    "no comparator word (超过, 左右, 以内): read as at least, planchk's convention"
                ),
            )
        if reading.magnitude:
            self.note(
                row.place,
                no,
                "target.value",
                format_decimal(value),
                text,
                msg("a magnitude word in the cell: converted to the unit {unit}", unit=unit),
            )
        if why:
            self.note(row.place, no, "target.kind", str(kind), f"{name.name} {text}".strip(), why)
        if reading.rest:
            self.note(
                row.place,
                no,
                "target",
                None,
                reading.rest,
                msg("a second target in the cell (力争…, another form): left out of the draft"),
            )
        for mark in reading.marks:
            for explained in _notes_about(mark, self.table.grid.notes):
                self.note(
                    row.place,
                    no,
                    "target",
                    reading.text,
                    explained,
                    msg("the cell's mark {mark}", mark=mark),
                )
        for mark in name.marks:
            for explained in _notes_about(mark, self.table.grid.notes):
                self.note(
                    row.place,
                    no,
                    "name",
                    name.name,
                    explained,
                    msg("the name's mark {mark}", mark=mark),
                )
        rate = unit == "%" and (kind is TargetKind.AVERAGE_GROWTH or change is ChangeMode.RELATIVE)
        baseline = self.table_baseline(row, no, kind, rate)
        if kind is TargetKind.CUMULATIVE:
            baseline = DraftBaseline(
                Decimal(0),
                msg(
                    "definition: the running total starts at the end of {year}",
                    year=self.years.base,
                ),
            )
            self.note(
                row.place,
                no,
                "baseline",
                "0",
                text,
                msg(
                    "a running total since the end of {year}: its baseline is 0",
                    year=self.years.base,
                ),
            )
        return _Row(
            no=no,
            place=row.place,
            category=normalise_text(row.category).replace(" ", ""),
            name=name,
            unit=unit,
            attribute=attribute,
            direction=direction,
            kind=kind,
            comparator=comparator,
            value=value,
            change=change,
            measure=None,
            baseline=baseline,
            sources=sources,
            rate=rate,
        )

    def table_baseline(
        self, row: TableRow, no: int, kind: TargetKind, rate: bool
    ) -> DraftBaseline | None:
        if not row.base or cells.is_empty(row.base):
            return None
        number = cells.read_number(row.base)
        _, marks = cells.split_marks(row.base)
        if number is None or not in_range(number):
            why = (
                msg("the base-year cell is not a number")
                if number is None
                else msg(
                    "the base-year cell is out of the range planchk accepts ({range})", range=RANGE
                )
            )
            self.note(row.place, no, "baseline", None, row.base, why)
            return None
        if rate:
            self.note(
                row.place,
                no,
                "baseline",
                None,
                row.base,
                msg("the base-year cell is a rate (%), not the level of the measure: not used"),
            )
            return None
        for mark in marks:
            for explained in _notes_about(mark, self.table.grid.notes):
                year = re.search(r"(\d{4})年", explained)
                if year and int(year.group(1)) != self.years.base:
                    self.note(
                        row.place,
                        no,
                        "baseline",
                        None,
                        f"{row.base} ({explained})",
                        msg(
                            "the base-year figure is for {year}, not {base}: left out, the spec's "
                            "baseline is for the base year",
                            year=year.group(1),
                            base=self.years.base,
                        ),
                    )
                    return None
                self.note(
                    row.place,
                    no,
                    "baseline",
                    format_decimal(number),
                    explained,
                    msg("the base-year cell's mark {mark}", mark=mark),
                )
        return DraftBaseline(number, msg("plan table, column {column}", column=row.base_header))


def _prose_baselines(drafter: _Drafter, rows: list[_Row]) -> None:
    document, years = drafter.document, drafter.years
    measures = [
        Measure(
            r.no,
            (_GROWTH.sub("", r.name.name).strip() or r.name.name,),
            "" if r.rate else r.unit,
            abs(r.value),
        )
        for r in rows
        if r.kind is not TargetKind.CUMULATIVE
    ]
    goals = goal_names(document.paragraphs, measures)
    for r in rows:
        r.measure = _measure(r.name.name, r.kind, goals.get(r.no), years)
        if r.measure is not None and r.kind is TargetKind.AVERAGE_GROWTH:
            source = goals.get(r.no, r.name.name)
            r.sources["measure"] = source
            drafter.note(
                r.place,
                r.no,
                "measure",
                r.measure,
                source,
                msg("what the growth is measured on, from the goal text or the name"),
            )
    named = [
        Measure(m.no, (m.names[0], *([goals[m.no]] if m.no in goals else [])), m.unit, m.target)
        for m in measures
    ]
    wanted = [
        m
        for m, r in zip(
            named, (r for r in rows if r.kind is not TargetKind.CUMULATIVE), strict=True
        )
        if r.baseline is None
    ]
    paragraphs = base_paragraphs(
        document.paragraphs, years.base, years.end, plan_ordinal(document.title)
    )
    proposals: dict[int, ProseBaseline] = propose_baselines(paragraphs, wanted)
    for r in rows:
        proposal = proposals.get(r.no)
        if proposal is not None:
            r.baseline = DraftBaseline(
                proposal.value, msg("plan text"), proposal.qualifier, proposal.quote
            )
            if r.rate:
                r.unit = proposal.unit
            drafter.note(
                r.place,
                r.no,
                "baseline",
                format_decimal(proposal.value),
                proposal.quote,
                msg(
                    "a base-year figure of the plan's text, in {unit}; names {closeness:.2f} alike",
                    unit=proposal.unit,
                    closeness=proposal.closeness,
                ),
            )
        if r.rate and r.unit == "%":
            r.unit = UNKNOWN_UNIT
            drafter.note(
                r.place,
                r.no,
                "unit",
                UNKNOWN_UNIT,
                r.name.name + "(%)",
                msg(
                    "the table gives the rate in {percent}; set the unit the data reports the "
                    "measure in (or, for data reported as the change on the previous year, "
                    "比上年下降5.0{percent}, unit {percent} and `reporting: yearly_change`)",
                    percent="%",
                )
                if r.kind is TargetKind.CHANGE
                else msg(
                    "the table gives the rate in {percent}; set the unit the data reports the "
                    "measure in",
                    percent="%",
                ),
            )
        if not r.unit:
            r.unit = UNKNOWN_UNIT
            drafter.note(
                r.place,
                r.no,
                "unit",
                UNKNOWN_UNIT,
                r.sources["name"],
                msg("no unit in the name's parentheses or a 单位 column"),
            )


def assemble(
    document: Document, table_number: int | None, base: int | None, end: int | None
) -> DraftSpec:
    """The draft spec of `document`'s indicator table."""
    table = find_table(document, table_number, end)
    years = plan_years(
        f"{document.title} {table.grid.title}", table.columns.years, base, end, document.file
    )
    drafter = _Drafter(document, table, years)
    drafter.note(
        table.grid.place,
        None,
        "plan.base_year/end_year",
        f"{years.base}-{years.end}",
        years.source,
        msg("the plan period"),
    )
    rows: list[_Row] = []
    seen: set[int] = set()
    for position, row in enumerate(table.rows, start=1):
        drafted = drafter.row(row, position, seen)
        if drafted is not None:
            rows.append(drafted)
    for place, text, why in table.other_rows:
        if why not in (CATEGORY_ROW, EMPTY_ROW):
            drafter.left_out += 1
            drafter.note(place, None, "row", None, text, why)
    _prose_baselines(drafter, rows)
    if not rows:
        reasons: list[str] = [
            msg("{place}: {why}", place=item.place, why=item.why)
            for item in drafter.review
            if item.field == "row"
        ]
        nothing = msg(
            "{file}: {table} ({header}) has no row that can be drafted as an indicator "
            "(没有可起草的指标)",
            file=document.file,
            table=table.grid.place,
            header=" | ".join(table.header),
        )
        raise DraftError(
            msg("{error}: {reasons}", error=nothing, reasons=joined(reasons, "; "))
            if reasons
            else nothing
        )
    categories: list[DraftCategory] = []
    by_name: dict[str, str] = {}
    for r in rows:
        name = r.category or table.grid.title or "指标"
        if name not in by_name:
            by_name[name] = category_id(len(by_name) + 1)
            categories.append(DraftCategory(by_name[name], name, r.place))
    ids = unique_ids(indicator_id(r.name.name, r.no) for r in rows)
    indicators = tuple(
        DraftIndicator(
            no=r.no,
            id=ident,
            category=by_name[r.category or table.grid.title or "指标"],
            name=r.name.name,
            unit=r.unit,
            attribute=r.attribute,
            direction=r.direction,
            kind=r.kind,
            comparator=r.comparator,
            value=r.value,
            change=r.change,
            measure=r.measure,
            baseline=r.baseline,
            note=r.name.note or None,
            sources=tuple(r.sources.items()),
        )
        for r, ident in zip(rows, ids, strict=True)
    )
    other = sum(1 for _, _, why in table.other_rows if why in (CATEGORY_ROW, EMPTY_ROW))
    title = document.title or table.grid.title
    order = {place: index for index, place in enumerate(table.grid.places)}
    review = sorted(drafter.review, key=lambda item: order.get(item.place, -1))
    return DraftSpec(
        file=document.file,
        table=table.grid.place,
        plan_id=_slug(Path(document.file).stem),
        title=title,
        base_year=years.base,
        end_year=years.end,
        years_source=years.source,
        categories=tuple(categories),
        indicators=indicators,
        review=tuple(review),
        rows_left_out=drafter.left_out,
        other_rows=other,
        language=document.language(),
    )
