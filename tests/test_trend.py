"""The terminal's multi-year view: changes first, status by year, sparklines and the outlook."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from planchk.cli import app
from planchk.data import load_data
from planchk.formats import Lang, OutputFormat, RenderOptions, render
from planchk.formats.words import sparkline, yearly_values
from planchk.history import evaluate_history
from planchk.results import Report
from planchk.spec import Spec

GOLDEN = Path(__file__).resolve().parent / "golden"
runner = CliRunner()


@pytest.fixture(scope="module")
def report_2019(spec: Spec, repo_root: Path) -> Report:
    return evaluate_history(spec, load_data([repo_root / "data"], spec), 2019)


def test_multi_year_table_matches_golden(repo_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo_root)
    result = runner.invoke(app, ["evaluate", "data/", "--year", "2019"])
    assert result.stdout == (GOLDEN / "report-2016-2019.txt").read_text(encoding="utf-8"), (
        "the multi-year table changed; if intended, regenerate with `planchk evaluate data/ "
        "--year 2019 > tests/golden/report-2016-2019.txt`"
    )
    assert result.exit_code == 1


def test_changes_come_first_and_the_trend_last(report_2019: Report) -> None:
    text = render(report_2019, OutputFormat.TABLE)
    changes = text.index("Changes that matter:")
    assert changes < text.index("Category") < text.index("Status by year")
    # Indicator 9 (binding) ends short at the pace so far; indicator 13 worsened in 2017.
    assert "9 High-tech industry value added" in text[changes : text.index("Category")]
    assert "off track in 2016 → regressing in 2017" in " ".join(text.split())


def test_status_by_year_has_symbols_sparklines_scores_and_outlook(report_2019: Report) -> None:
    text = render(report_2019, OutputFormat.TABLE, RenderOptions(width=120))
    trend = text[text.index("Status by year") :]
    row = next(line for line in trend.splitlines() if line.startswith(" 4 "))
    # Indicator 4: off track in 2016, behind since; values rise every year. A linear-path share
    # projects linearly (4.1 + 1.2 × 5/4 = 5.6) and needs (5.8 − 5.3) / 1 = 0.5 points a year.
    assert row.split()[-7:] == ["○", "◐", "◐", "◐", "▁▂▄▆█", "5.6%", "0.5/yr"]
    scores = next(line for line in trend.splitlines() if "Overall score" in line)
    assert scores.split()[-4:] == [f"{y.score:.0f}" for y in report_2019.trend]


def test_end_year_has_no_outlook_columns(spec: Spec, repo_root: Path) -> None:
    report = evaluate_history(spec, load_data([repo_root / "data"], spec))
    text = render(report, OutputFormat.TABLE, RenderOptions(lang=Lang.ZH))
    assert "各年度状态" in text
    assert "期末预计" not in text
    assert "2020年为62.5%，未达到目标65%" in text


def test_one_year_keeps_the_one_year_table(spec: Spec, repo_root: Path) -> None:
    report = evaluate_history(spec, load_data([repo_root / "data" / "2018.csv"], spec))
    text = render(report, OutputFormat.TABLE)
    assert "Status by year" not in text
    assert "Changes that matter" not in text


def test_sparkline() -> None:
    assert sparkline([1, 2, 3, 4, 5, 6, 7, 8]) == "▁▂▃▄▅▆▇█"
    assert sparkline([5, None, 5]) == "▄ ▄"
    assert sparkline([None, None]) == ""
    assert sparkline([3.0, 1.0]) == "█▁"


def test_yearly_values_leave_gaps(report_2019: Report) -> None:
    values = yearly_values(report_2019.indicators[0], 2015, 2019)
    assert values == [6151, 6100, 9000, 10500, 11600]
    assert yearly_values(report_2019.indicators[10], 2015, 2019)[0] is None
