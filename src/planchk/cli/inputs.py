"""Reading what a command names: the spec, the data sources and the data; every problem told
on standard error and exit code 2 when they cannot be read."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from planchk.cli.exits import fail, report_problems, say
from planchk.cli.voice import spec_read
from planchk.layout import Layout
from planchk.messages import msg, said
from planchk.problems import InputError

if TYPE_CHECKING:
    from planchk.assessments import Assessments
    from planchk.data import Dataset
    from planchk.sources import SqlSource
    from planchk.spec import Spec


def load_spec(spec: Path | None) -> Spec:
    """The spec `--spec` names, or the default one (with a note when it is the shipped one)."""
    from planchk.runfiles import spec_to_use  # noqa: PLC0415
    from planchk.spec import SpecError, language_of  # noqa: PLC0415
    from planchk.speccache import load_spec as read_spec  # noqa: PLC0415

    path, note = spec_to_use(spec)
    if note is not None:
        say(msg("planchk: {message}", message=note))
    try:
        loaded = read_spec(path)
    except SpecError as exc:
        spec_read(language_of(path))
        report_problems(exc)
    spec_read(loaded.plan.language)
    return loaded


def load(
    spec: Path | None,
    data: list[str],
    query: str | None = None,
    table: str | None = None,
    *,
    sheet: str | None = None,
    layout: Layout = Layout.AUTO,
) -> tuple[Spec, Dataset]:
    """The spec and the data of the data arguments."""
    from planchk.data import load_data  # noqa: PLC0415
    from planchk.sources import SourceError  # noqa: PLC0415

    found = sources(data, query, table)
    loaded = load_spec(spec)
    try:
        return loaded, load_data(found, loaded, sheet=sheet, layout=layout)
    except InputError as exc:
        report_problems(exc)
    except SourceError as exc:
        fail(said(exc))


def load_assessments(path: Path | None, spec: Spec, dataset: Dataset) -> Assessments | None:
    """The assessments of `--assessments`, checked against the spec and the data's regions."""
    from planchk.assessments import load_assessments as read_assessments  # noqa: PLC0415

    if path is None:
        return None
    try:
        return read_assessments(path, spec, dataset.regions)
    except InputError as exc:
        report_problems(exc)


def sources(
    data: list[str], query: str | None, table: str | None, *, exist: bool = False
) -> list[str | SqlSource]:
    """The data arguments as paths and database sources; with `exist`, every path must exist."""
    from planchk.runfiles import missing_path  # noqa: PLC0415
    from planchk.sources import SourceError, data_sources  # noqa: PLC0415

    missing = missing_path(data) if exist else None
    if missing is not None:
        fail(msg("{path}: path does not exist", path=missing))
    try:
        return data_sources(data, query, table)
    except SourceError as exc:
        fail(said(exc))
