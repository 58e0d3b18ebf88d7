"""Writing a draft spec as YAML, with the text each value came from as a comment beside it.

Written by hand rather than by a YAML library so that every value can carry its comment and the
output is the same bytes for the same draft. Strings are JSON-quoted, which YAML reads as they are.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from planchk.draft.model import DraftIndicator, DraftSpec
from planchk.language import Lang
from planchk.messages import msg, text_in
from planchk.quantities import Qualifier, format_decimal


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _q(text: str) -> str:
    """A double-quoted YAML string; characters YAML does not allow raw (control characters,
    U+FFFE) are escaped."""
    quoted = json.dumps(text, ensure_ascii=False)
    return "".join(c if c.isprintable() else _escape(c) for c in quoted)


def _n(value: Decimal) -> str:
    return format_decimal(value if value else Decimal(0))


def _comment(text: str | None) -> str:
    if not text:
        return ""
    printable = "".join(c if c.isprintable() else " " for c in text)
    return "  # " + " ".join(printable.split())


def _indicator(ind: DraftIndicator, lang: Lang) -> list[str]:
    lines = [
        f"  - no: {ind.no}",
        f"    id: {ind.id}",
        f"    category: {ind.category}",
        f"    name: {{zh: {_q(ind.name)}}}{_comment(ind.source('name'))}",
    ]
    if ind.measure is not None:
        lines.append(f"    measure: {{zh: {_q(ind.measure)}}}{_comment(ind.source('measure'))}")
    lines += [
        f"    unit: {{zh: {_q(ind.unit)}}}",
        f"    attribute: {ind.attribute}{_comment(ind.source('attribute'))}",
        f"    direction: {ind.direction}",
    ]
    target = f"kind: {ind.kind}, comparator: {ind.comparator}, value: {_n(ind.value)}"
    if ind.change is not None:
        target += f", change: {ind.change}"
    lines.append(f"    target: {{{target}}}{_comment(ind.source('target'))}")
    if ind.baseline is not None:
        base = ind.baseline
        lines += ["    baseline:", f"      value: {_n(base.value)}"]
        if base.qualifier is not Qualifier.EXACT:
            lines.append(f"      qualifier: {base.qualifier}")
        lines.append(f"      source: {_q(text_in(base.source, lang))}")
        if base.quote is not None:
            lines.append(f"      quote: {_q(base.quote)}")
    if ind.note is not None:
        lines.append(f"    note: {_q(ind.note)}")
    return lines


def render_spec(draft: DraftSpec, lang: Lang = Lang.EN) -> str:
    """The draft as a spec file that `planchk spec check` accepts, its comments in `lang`; it
    says the plan's language (`plan.language`) when that is not English."""
    heading = msg(
        "Drafted by planchk spec draft from {file}, {table}.\n"
        "Review it before use: `planchk spec draft --format json` lists every choice to confirm\n"
        "and every row left out. The comment beside a value is the text it was read from.",
        file=Path(draft.file).name,
        table=draft.table,
    )
    lines = [f"# {line}" for line in text_in(heading, lang).splitlines()]
    lines += ["schema: 1", "", "plan:", f"  id: {draft.plan_id}"]
    lines += [
        f"  title: {{zh: {_q(draft.title)}}}",
        f"  base_year: {draft.base_year}{_comment(text_in(draft.years_source, lang))}",
        f"  end_year: {draft.end_year}",
        f"  source: {_q(Path(draft.file).name)}",
    ]
    if draft.language is not Lang.EN:
        lines.append(f"  language: {draft.language}")
    lines += ["", "categories:"]
    for category in draft.categories:
        lines.append(f"  - id: {category.id}")
        lines.append(f"    name: {{zh: {_q(category.name)}}}")
    lines += ["", "indicators:"]
    for index, indicator in enumerate(draft.indicators):
        if index:
            lines.append("")
        lines += _indicator(indicator, lang)
    return "\n".join(lines) + "\n"
