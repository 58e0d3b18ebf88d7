"""The files a run reads and writes: the spec read when none is named, the data paths that must
exist, and an output file that would overwrite one of the run's inputs.

These are the rules the command applies before it reads anything; the command only tells what
they find and chooses the exit code.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from planchk.messages import msg


def spec_to_use(given: Path | None) -> tuple[Path, str | None]:
    """The spec file a run reads (`given`, else `targets/indicators.yaml` in the working
    directory, else the spec shipped with planchk) and, when it is the shipped one, the note
    that says so."""
    from planchk.spec import DEFAULT_SPEC_PATH, default_spec_path  # noqa: PLC0415

    if given is not None:
        return given, None
    path = default_spec_path()
    # the spec here is never announced, though in an editable install run from its checkout it
    # is also the bundled one
    if path == Path.cwd() / DEFAULT_SPEC_PATH:
        return path, None
    # a plan judged against another plan's targets would be worse than no report
    return path, msg(
        "no --spec given and no {path} here: using the built-in "
        "spec of Haidian District's 13th Five-Year Plan",
        path=str(DEFAULT_SPEC_PATH),
    )


def missing_path(args: Sequence[str]) -> str | None:
    """The first of the data arguments that is a path (not a database URL) and does not exist."""
    from planchk.sources import is_database_url  # noqa: PLC0415

    for arg in args:
        if not is_database_url(arg) and not Path(arg).exists():
            return arg
    return None


def input_clash(output: Path, inputs: Iterable[str | Path | None]) -> Path | None:
    """The input that writing to `output` would destroy: the default spec, one of `inputs` (a
    spec, a previous report, a data file), or a data file under an input directory; None when
    `output` is none of them."""
    from planchk.data import DATA_SUFFIXES  # noqa: PLC0415
    from planchk.output import same_file  # noqa: PLC0415
    from planchk.spec import default_spec_path  # noqa: PLC0415

    named = [default_spec_path(), *(Path(p) for p in inputs if p is not None)]
    return same_file(output, named, DATA_SUFFIXES)
