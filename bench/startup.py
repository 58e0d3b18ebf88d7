"""Start-up benchmark: `planchk evaluate data/2018.csv --format json` against the floor of its own
stack, a one-command typer program that validates one pydantic model, in the same run.

Prints the median wall time of each over N runs (taken in turns) and their ratio (the goal is
at most 1.15). For reference it also times the bare import of planchk's dependencies
(`import typer, pydantic, rich, yaml`) and the smallest typer program, one command with one
option, which shows what running any typer command costs beyond importing typer. Run from the
repository root with planchk installed: `python bench/startup.py [runs]`.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HELLO_TYPER = """\
import typer

app = typer.Typer()


@app.command()
def main(name: str = "planchk") -> None:
    print(name)


app()
"""

#: The floor the goal is measured against: one typer command that validates one pydantic model.
TYPER_PYDANTIC = """\
import pydantic
import typer

app = typer.Typer()


class Row(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(frozen=True, extra="forbid")
    indicator: str
    year: int
    value: float


@app.command()
def main(path: str) -> None:
    print(Row(indicator="x", year=2018, value=1.5).model_dump_json(), path)


app()
"""


def median_seconds(commands: dict[str, list[str]], runs: int) -> dict[str, float]:
    """The median wall time of each command over `runs` runs, taken in turns (one run of each
    command, then the next round), so that a machine slowing down or speeding up during the
    benchmark affects every command alike and leaves their ratios alone."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            start = time.perf_counter()
            subprocess.run(
                command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
            )
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(found) for name, found in times.items()}


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 21
    planchk = shutil.which("planchk")
    if planchk is None:
        sys.exit("planchk is not on PATH: install it first (see README)")
    with tempfile.TemporaryDirectory() as tmp:
        hello_file = Path(tmp) / "hello_typer.py"
        hello_file.write_text(HELLO_TYPER, encoding="utf-8")
        floor_file = Path(tmp) / "typer_pydantic.py"
        floor_file.write_text(TYPER_PYDANTIC, encoding="utf-8")
        medians = median_seconds(
            {
                "bare": [sys.executable, "-c", "import typer, pydantic, rich, yaml"],
                "tool": [planchk, "evaluate", "data/2018.csv", "--format", "json"],
                "hello": [sys.executable, str(hello_file)],
                "floor": [sys.executable, str(floor_file), "data/2018.csv"],
            },
            runs,
        )
    bare, tool, hello = medians["bare"], medians["tool"], medians["hello"]
    floor = medians["floor"]
    print(f"runs per command:                             {runs}")
    print(f"typer command validating one pydantic model  {floor * 1000:6.1f} ms (median)")
    print(f"planchk evaluate data/2018.csv --format json {tool * 1000:6.1f} ms (median)")
    print(f"ratio (goal: at most 1.15)                   {tool / floor:6.2f}")
    print(f"for reference: import typer, pydantic, rich, yaml {bare * 1000:6.1f} ms")
    print(f"for reference: a one-command typer program   {hello * 1000:6.1f} ms")


if __name__ == "__main__":
    main()
