"""Start-up benchmark: `planchk evaluate data/2018.csv --format json` against the bare import of
planchk's own dependencies (`import typer, pydantic, rich, yaml`), in the same run.

Prints the median wall time of each over N runs (taken in turns) and their ratio. For reference it also times
the smallest typer program, one command with one option, which shows what running any typer
command costs beyond importing typer (typer builds its parameters with pydantic). Run from the
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
        medians = median_seconds(
            {
                "bare": [sys.executable, "-c", "import typer, pydantic, rich, yaml"],
                "tool": [planchk, "evaluate", "data/2018.csv", "--format", "json"],
                "hello": [sys.executable, str(hello_file)],
            },
            runs,
        )
    bare, tool, hello = medians["bare"], medians["tool"], medians["hello"]
    print(f"runs per command:                             {runs}")
    print(f"import typer, pydantic, rich, yaml           {bare * 1000:6.1f} ms (median)")
    print(f"planchk evaluate data/2018.csv --format json {tool * 1000:6.1f} ms (median)")
    print(f"ratio                                        {tool / bare:6.2f}")
    print(
        f"for reference: a one-command typer program   {hello * 1000:6.1f} ms, ratio {hello / bare:.2f}"
    )


if __name__ == "__main__":
    main()
