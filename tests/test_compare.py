"""evaluate --compare: changes since a previous JSON report, in every format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planchk.cli import app
from planchk.compare import CompareError, change_kind, compare, load_previous
from planchk.data import load_data
from planchk.engine import evaluate
from planchk.formats import OutputFormat, render
from planchk.results import ChangeKind, IndicatorResult, Report, Status
from planchk.spec import Spec

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


@pytest.fixture(scope="module")
def reports(spec: Spec) -> tuple[Report, Report]:
    data = ROOT / "data"
    dataset = load_data([data], spec)
    return evaluate(spec, dataset, 2017), evaluate(spec, dataset, 2018)


@pytest.fixture
def previous_file(tmp_path: Path, reports: tuple[Report, Report]) -> Path:
    path = tmp_path / "2017.json"
    path.write_text(render(reports[0], OutputFormat.JSON), encoding="utf-8")
    return path


def _result(report: Report, no: int) -> IndicatorResult:
    return next(r for r in report.indicators if r.no == no)


def test_changes_between_2017_and_2018(reports: tuple[Report, Report], previous_file: Path) -> None:
    before, after = reports
    comparison = compare(after, load_previous(previous_file), str(previous_file))
    assert comparison.previous_year == 2017
    assert comparison.previous_file == str(previous_file)
    assert comparison.unchanged + len(comparison.changes) == 20
    for change in comparison.changes:
        old, new = _result(before, change.no), _result(after, change.no)
        assert (change.previous_status, change.status) == (old.status, new.status)
        assert (change.previous_score, change.score) == (old.score, new.score)
        assert (old.status, old.score) != (new.status, new.score)
    changed = {c.no for c in comparison.changes}
    for result in after.indicators:
        old = _result(before, result.no)
        if (old.status, old.score) == (result.status, result.score):
            assert result.no not in changed


def test_same_report_has_no_changes(reports: tuple[Report, Report], previous_file: Path) -> None:
    comparison = compare(reports[0], load_previous(previous_file), "x.json")
    assert comparison.changes == ()
    assert comparison.unchanged == 20


def _with(report: Report, no: int, status: Status, score: float | None) -> IndicatorResult:
    return _result(report, no).model_copy(update={"status": status, "score": score})


@pytest.mark.parametrize(
    ("old", "new", "kind"),
    [
        ((Status.BEHIND, 70.0), (Status.ON_TRACK, 96.0), ChangeKind.IMPROVED),
        ((Status.ON_TRACK, 100.0), (Status.BEHIND, 80.0), ChangeKind.WORSENED),
        ((Status.BEHIND, 70.0), (Status.BEHIND, 75.0), ChangeKind.IMPROVED),
        ((Status.BEHIND, 75.0), (Status.BEHIND, 70.0), ChangeKind.WORSENED),
        ((Status.BEHIND, 75.0), (Status.BEHIND, 75.0), None),
        ((Status.REGRESSING, 0.0), (Status.NOT_ACHIEVED, 0.0), ChangeKind.WORSENED),
        ((Status.ON_TRACK, 100.0), (Status.ACHIEVED, 100.0), ChangeKind.IMPROVED),
        ((Status.NO_DATA, None), (Status.OFF_TRACK, 10.0), ChangeKind.NEW_DATA),
        ((None, None), (Status.OFF_TRACK, 10.0), ChangeKind.NEW_DATA),
        ((Status.OFF_TRACK, 10.0), (Status.NO_DATA, None), ChangeKind.LOST_DATA),
        ((Status.NO_DATA, None), (Status.NO_DATA, None), None),
    ],
)
def test_change_kinds(
    reports: tuple[Report, Report],
    old: tuple[Status | None, float | None],
    new: tuple[Status, float | None],
    kind: ChangeKind | None,
) -> None:
    assert change_kind(old[0], old[1], _with(reports[1], 1, *new)) is kind


def test_other_plan_is_refused(reports: tuple[Report, Report], tmp_path: Path) -> None:
    raw = json.loads(render(reports[0], OutputFormat.JSON))
    raw["plan"]["id"] = "another-plan"
    path = tmp_path / "other.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(CompareError, match="another-plan"):
        compare(reports[1], load_previous(path), str(path))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{not json", "not valid JSON"),
        (b"\xff\xfe", "not UTF-8"),
        (b"[]", "not a planchk JSON report"),
        (b'{"schema_version": 3, "plan": {"id": "x"}, "year": 1, "indicators": []}', "schema"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    ],
)
def test_bad_previous_reports(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "prev.json"
    path.write_bytes(content)
    with pytest.raises(CompareError, match=message) as info:
        load_previous(path)
    assert str(path) in str(info.value)


def test_missing_previous_report(tmp_path: Path) -> None:
    with pytest.raises(CompareError, match="cannot read"):
        load_previous(tmp_path / "absent.json")


@pytest.mark.parametrize("fmt", list(OutputFormat))
def test_compare_appears_in_every_format(
    fmt: OutputFormat, previous_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    result = runner.invoke(
        app,
        ["evaluate", "data", "--year", "2018", "--compare", str(previous_file), "--format", fmt],
    )
    assert result.exit_code == 1, result.stderr  # indicator 9 still fails
    text = result.stdout
    if fmt is OutputFormat.JSON:
        comparison = json.loads(text)["comparison"]
        assert comparison["previous_year"] == 2017
        assert comparison["changes"]
        assert {c["change"] for c in comparison["changes"]} <= {k.value for k in ChangeKind}
    elif fmt is OutputFormat.GITHUB:
        assert "::notice title=planchk indicator" in text
    else:
        assert "2017" in text
        assert "improved" in text or "worsened" in text


def test_compare_error_is_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    result = runner.invoke(app, ["evaluate", "data/2018.csv", "--compare", str(bad)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"--compare: {bad}:1: not valid JSON" in result.stderr


def test_report_without_compare_has_no_comparison_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = runner.invoke(app, ["evaluate", "data/2018.csv", "--format", "json"])
    assert "comparison" not in json.loads(result.stdout)


def _previous_with_score(tmp_path: Path, report: Report, no: int, score: float) -> Path:
    """`report` as a previous JSON report, with indicator `no`'s score replaced."""
    raw = json.loads(render(report, OutputFormat.JSON))
    for indicator in raw["indicators"]:
        if indicator["no"] == no:
            indicator["score"] = score
    path = tmp_path / "previous.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", list(OutputFormat))
def test_a_score_change_is_shown_with_the_digits_that_tell_it_apart(
    fmt: OutputFormat, tmp_path: Path, reports: tuple[Report, Report]
) -> None:
    after = reports[1]
    now = _result(after, 10)  # on track in 2018, score 98.17 (640 against a pace of 641.6)
    assert now.status is Status.ON_TRACK
    assert now.score is not None
    assert f"{now.score:.0f}" == "98"
    previous = _previous_with_score(tmp_path, after, 10, 98.4)
    comparison = compare(after, load_previous(previous), str(previous))
    assert [(c.no, c.change) for c in comparison.changes] == [(10, ChangeKind.WORSENED)]
    report = after.model_copy(update={"comparison": comparison})
    text = render(report, fmt)
    if fmt is OutputFormat.JSON:
        assert json.loads(text)["comparison"]["changes"][0]["previous_score"] == 98.4
        return
    shown = f"{now.score:.1f}"
    assert shown != "98.4"
    assert "98.4" in text
    assert shown in text
    assert "98 → 98" not in text
    assert "98 -> on track 98" not in text


def test_a_difference_below_the_compared_decimals_is_no_change(
    tmp_path: Path, reports: tuple[Report, Report]
) -> None:
    after = reports[1]
    now = _result(after, 10)
    assert now.score is not None
    previous = _previous_with_score(tmp_path, after, 10, now.score + 1e-9)
    comparison = compare(after, load_previous(previous), str(previous))
    assert comparison.changes == ()
