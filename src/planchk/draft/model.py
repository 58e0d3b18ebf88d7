"""The draft of a spec as values: what `writer` turns into YAML and `review` into a list."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from planchk.draft.review import ReviewItem
from planchk.language import Lang
from planchk.quantities import Qualifier
from planchk.spec import Attribute, ChangeMode, Comparator, Direction, TargetKind


@dataclass(frozen=True, slots=True)
class DraftBaseline:
    value: Decimal
    source: str
    qualifier: Qualifier = Qualifier.EXACT
    quote: str | None = None


@dataclass(frozen=True, slots=True)
class DraftIndicator:
    """One indicator as drafted; `sources` maps a field to the text it was read from."""

    no: int
    id: str
    category: str
    name: str
    unit: str
    attribute: Attribute
    direction: Direction
    kind: TargetKind
    comparator: Comparator
    value: Decimal
    change: ChangeMode | None = None
    measure: str | None = None
    baseline: DraftBaseline | None = None
    note: str | None = None
    sources: tuple[tuple[str, str], ...] = ()

    def source(self, field: str) -> str | None:
        return dict(self.sources).get(field)


@dataclass(frozen=True, slots=True)
class DraftCategory:
    id: str
    name: str
    place: str


@dataclass(frozen=True, slots=True)
class DraftSpec:
    """A drafted spec with its review list; `rows_left_out` counts the table rows it holds only
    in the review list."""

    file: str
    table: str
    plan_id: str
    title: str
    base_year: int
    end_year: int
    years_source: str
    categories: tuple[DraftCategory, ...]
    indicators: tuple[DraftIndicator, ...]
    review: tuple[ReviewItem, ...]
    rows_left_out: int
    #: body rows of the table that are category or empty rows
    other_rows: int
    #: the plan's language, as its text writes it (`plan.language` of the spec)
    language: Lang = Lang.EN
