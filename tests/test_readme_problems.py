"""The README's table of problem codes: one row per code, each with an example of its own."""

from __future__ import annotations

import re
from pathlib import Path

from planchk.problems import ProblemCode

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def table_rows() -> dict[str, tuple[str, str]]:
    """code -> (severity, example) from the 'Problems planchk reports' table."""
    section = README.split("## Problems planchk reports", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        match = re.match(r"\| `([a-z-]+)` \| (error|warning) \| .* \| `+ ?(.*?) ?`+ \|$", line)
        if match:
            rows[match.group(1)] = (match.group(2), match.group(3))
    return rows


def test_every_problem_code_has_a_row_with_an_example() -> None:
    rows = table_rows()
    assert set(rows) == {code.value for code in ProblemCode}
    for code, (severity, example) in rows.items():
        # the example is planchk's message for that code and severity
        assert f": {severity} {code}: " in example, (code, example)
