"""Ranges, every-year targets, dated baselines and indicator weights in every output format,
in the report documents and in `planchk explain` (the plan in tests/fixtures/forms)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planchk.cli import app

FORMS = Path(__file__).resolve().parent / "fixtures" / "forms"
SPEC = str(FORMS / "spec.yaml")
DATA = str(FORMS / "2023.csv")
runner = CliRunner()


def _evaluate(fmt: str) -> str:
    result = runner.invoke(app, ["evaluate", DATA, "--spec", SPEC, "--format", fmt])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_json_report_carries_ranges_missed_years_and_weights() -> None:
    report = json.loads(_evaluate("json"))
    by_id = {r["id"]: r for r in report["indicators"]}
    growth = by_id["gdp-growth"]
    assert growth["status"] == "not_achieved"
    assert growth["reason"] == "missed in 2022 (5.8): every year must meet the target"
    assert growth["range"] == {"min": 6.0, "max": 6.5}
    assert growth["components"]["missed_year"] == 2022
    assert by_id["urban-unemployment-rate"]["status"] == "on_track"  # 5.5 in 2022 is at most 5.5
    population = by_id["resident-population"]
    assert (population["weight"], population["target"]) == (3.0, 2400.0)
    assert population["range"] == {"min": 2300.0, "max": 2400.0}
    urbanisation = by_id["urbanisation-rate"]
    assert urbanisation["components"]["base_year"] == 2021
    assert urbanisation["components"]["elapsed_share"] == 0.5  # (2023 − 2021)/(2025 − 2021)
    assert urbanisation["expected"] == pytest.approx(62.8)  # 60.6 + 4.4 × 0.5


@pytest.mark.parametrize("fmt", ["table", "markdown", "junit", "github"])
def test_every_format_shows_the_range_and_the_missed_year(fmt: str) -> None:
    text = _evaluate(fmt).replace("%25", "%")  # GitHub escapes % in annotations
    assert "6%–6.5%" in text
    if fmt != "github":  # GitHub annotates only the indicators that fail
        assert "2,300–2,400" in text
    if fmt in ("junit", "github"):  # the table and Markdown give the status, not the reason
        assert "missed in 2022 (5.8)" in text


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_the_report_documents_show_the_range(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"report.{fmt}"
    result = runner.invoke(
        app, ["report", DATA, "--spec", SPEC, "--format", fmt, "--output", str(out)]
    )
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "6%–6.5%" in text
    assert "2,300–2,400" in text


@pytest.mark.parametrize(
    ("indicator", "expected"),
    [
        ("gdp-growth", ["2022: 5.8% misses the target", "First missed year: 2022"]),
        ("urban-unemployment-rate", ["2022: 5.5% meets the target", "years met / years judged"]),
        ("resident-population", ["(d_B − d_t) / (d_B × s) = (20 − 2) / (20 × 0.6)", "T' = 2400"]),
        ("urbanisation-rate", ["B = 2021 (the baseline's year; the plan starts in 2020)"]),
    ],
)
def test_explain_shows_each_form(indicator: str, expected: list[str]) -> None:
    result = runner.invoke(app, ["explain", indicator, DATA, "--spec", SPEC])
    assert result.exit_code == 0, result.output
    for text in expected:
        assert text in result.stdout
