"""`--format table` for `validate` and `spec check`: problems grouped by file, one per line.

Each problem line starts `file:line:column [name]`, which terminals and editors turn into a
link to the place. Plain text, so it does not import rich.
"""

from __future__ import annotations

from planchk.formats import RenderOptions
from planchk.formats.escaping import one_line
from planchk.problems import omitted_note
from planchk.validation import CheckedFile, Validation


def render_validation(validation: Validation, options: RenderOptions) -> str:
    """Every file with its counts and its problems, then a one-line verdict."""
    del options  # problem messages are in English; no colour needed to read them
    lines: list[str] = []
    for name, checked, problems in validation.sections():
        lines.append(one_line(name) + (f": {_counts(checked)}" if checked is not None else ""))
        for problem in problems:
            lines.append(
                f"  {one_line(problem.location)}: {problem.severity} {problem.code}: "
                f"{one_line(problem.message)}"
            )
    if validation.regions:
        lines.extend(_regions(validation))
    note = omitted_note(validation.not_listed)
    if note is not None:
        lines.append(note + " (see --max-problems)")
    lines.append(verdict(validation))
    return "\n".join(lines) + "\n"


def _regions(validation: Validation) -> list[str]:
    """In data with a region column: how many regions have problems, and each one's counts."""
    found = validation.regions_with_problems()
    lines = [f"regions: {regions_summary(validation)}"]
    lines.extend(
        f"  {one_line(r.region)}: {_plural(r.errors, 'error')}, {_plural(r.warnings, 'warning')}"
        for r in found
    )
    return lines


def regions_summary(validation: Validation) -> str:
    """`3 of 2,000 regions have problems` (data with a region column)."""
    found = len(validation.regions_with_problems())
    total = len(validation.regions)
    if not found:
        return f"{total:,} region(s), none with a problem"
    return f"{found:,} of {total:,} region(s) have problems"


def verdict(validation: Validation) -> str:
    """`3 files checked: 2 errors, 1 warning. Not valid.`"""
    checked = len(validation.files)
    what = "file" if checked == 1 else "files"
    found = f"{_plural(validation.errors, 'error')}, {_plural(validation.warnings, 'warning')}"
    if validation.valid:
        outcome = "Valid."
    elif validation.errors:
        outcome = "Not valid."
    else:
        outcome = "Not valid under --strict (warnings count)."
    return f"{checked} {what} checked: {found}. {outcome}"


def _counts(checked: CheckedFile) -> str:
    found = f"{_plural(checked.errors, 'error')}, {_plural(checked.warnings, 'warning')}"
    if checked.kind == "spec":
        return found
    rows = f"{_plural(checked.rows, 'row')} ({checked.used} used"
    if checked.restated:
        rows += f", {checked.restated} restated"
    rows += f", {checked.rejected} rejected)"
    if not checked.complete:
        rows += ", not read to the end"
    return f"{rows}; {found}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"
