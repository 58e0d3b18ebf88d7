"""A progress bar on standard error for long panel evaluations (rich, imported only when shown).

The bar is shown only where a person watches it: standard error is a terminal, the report is
in a human format, and the report does not go down a pipe. Machine formats and piped or
redirected output never get one, so nothing but the report ever reaches a pipe.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from planchk.panel import Progress

#: Panels with fewer regions are evaluated in well under a second: no bar.
MIN_REGIONS = 200


def wanted(regions: int, human_format: bool, stdout_is_terminal: bool, stderr: IO[str]) -> bool:
    """Whether a run over `regions` regions shows a progress bar on `stderr`."""
    return regions >= MIN_REGIONS and human_format and stdout_is_terminal and stderr.isatty()


@contextmanager
def progress_if_wanted(
    regions: int, human_format: bool, stdout_is_terminal: bool, stderr: IO[str]
) -> Iterator[Progress | None]:
    """`progress_bar` where `wanted`, else nothing (yields None)."""
    if not wanted(regions, human_format, stdout_is_terminal, stderr):
        yield None
        return
    with progress_bar(regions, stderr, "Evaluating regions") as bar:
        yield bar


@contextmanager
def progress_bar(total: int, stderr: IO[str], description: str) -> Iterator[Progress]:
    """A rich progress bar on `stderr`, cleared when done; yields the callback to advance it."""
    from rich.console import Console  # noqa: PLC0415
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn  # noqa: PLC0415

    console = Console(file=stderr)
    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task(description, total=total)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield advance
