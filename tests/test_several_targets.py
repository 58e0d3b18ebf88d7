"""Several targets on one indicator (`targets:`): each judged, the indicator takes the worse.

Table-driven like tests/test_engine.py: a one-indicator plan (2015 → 2020), baseline 100 in the
data unless said, and each target's status, the indicator's status, score and deciding target.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from planchk.cli import app
from planchk.results import Status
from planchk.spec import SpecError, parse_spec
from test_engine import data

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "multi"
runner = CliRunner()


def _evaluate_fixture(fmt: str) -> Result:
    """`planchk evaluate` of the fixture plan in tests/fixtures/multi, in `fmt`."""
    data, spec = str(FIXTURE / "2018.csv"), str(FIXTURE / "spec.yaml")
    return runner.invoke(app, ["evaluate", data, "--spec", spec, "--format", fmt])


def several(
    targets: list[dict[str, Any]],
    *,
    direction: str = "increase",
    attribute: str = "expected",
    regions: dict[str, Any] | None = None,
) -> dict[str, Any]:
    raw: dict[str, Any] = {
        "plan": {"id": "p", "title": {"en": "P"}, "base_year": 2015, "end_year": 2020},
        "categories": [{"id": "c", "name": {"en": "C"}}],
        "indicators": [
            {
                "no": 1,
                "id": "x",
                "category": "c",
                "name": {"en": "X"},
                "unit": {"en": "units"},
                "attribute": attribute,
                "direction": direction,
                "targets": targets,
            }
        ],
    }
    if regions is not None:
        raw["regions"] = regions
    return raw


LEVEL_200 = {"kind": "level", "comparator": "at_least", "value": 200}
LEVEL_150 = {"kind": "level", "comparator": "at_least", "value": 150}
GROWTH_10 = {"kind": "average_growth", "comparator": "at_least", "value": 10}
GROWTH_MORE_10 = {"kind": "average_growth", "comparator": "more_than", "value": 10}
GROWTH_20 = {"kind": "average_growth", "comparator": "at_least", "value": 20}
CEILING_5 = {"kind": "level", "comparator": "at_most", "value": 5}
CUT_40 = {"kind": "change", "change": "relative", "comparator": "at_most", "value": -40}
LEVEL_300_ASPIRATIONAL = {**LEVEL_150, "value": 300, "aspirational": True}
LEVEL_161 = {"kind": "level", "comparator": "at_least", "value": "161.051"}


@dataclass(frozen=True)
class Case:
    name: str
    targets: list[dict[str, Any]]
    values: dict[int, str]
    each: tuple[Status, ...]  # each target's own status
    status: Status  # the indicator's
    decider: int  # the deciding target's number
    score: object  # a float, pytest.approx(...) or None
    year: int = 2018
    direction: str = "increase"


CASES = [
    # 2018: the linear path to 200 expects 160; 10% a year expects 133.1 (1.1^3 = 1.331).
    Case("both on track", [LEVEL_200, GROWTH_10], {2015: "100", 2018: "160"},
         (Status.ON_TRACK, Status.ON_TRACK), Status.ON_TRACK, 1, 100.0),
    Case("the level behind, the growth on track", [LEVEL_200, GROWTH_10],
         {2015: "100", 2018: "140"}, (Status.BEHIND, Status.ON_TRACK), Status.BEHIND, 1,
         pytest.approx(100 * 40 / 60)),
    Case("the second target is the worse", [LEVEL_150, GROWTH_20], {2015: "100", 2018: "140"},
         (Status.ON_TRACK, Status.OFF_TRACK), Status.OFF_TRACK, 2, pytest.approx(59.34, abs=0.01)),
    Case("growth exactly at the target in the end year", [LEVEL_161, GROWTH_10],
         {2015: "100", 2020: "161.051"}, (Status.ACHIEVED, Status.ACHIEVED), Status.ACHIEVED, 1,
         100.0, year=2020),
    Case("growth exactly at a more_than target is not met", [LEVEL_161, GROWTH_MORE_10],
         {2015: "100", 2020: "161.051"}, (Status.ACHIEVED, Status.NOT_ACHIEVED),
         Status.NOT_ACHIEVED, 2, 100.0, year=2020),
    Case("an aspirational target failing decides nothing", [LEVEL_150, LEVEL_300_ASPIRATIONAL],
         {2015: "100", 2020: "160"}, (Status.ACHIEVED, Status.NOT_ACHIEVED), Status.ACHIEVED, 1,
         100.0, year=2020),
    # Decrease: baseline 10; the path to 5 expects 7 in 2018, a 40% cut expects 0.6^0.6 − 1.
    Case("decrease: both on track", [CEILING_5, CUT_40], {2015: "10", 2018: "7"},
         (Status.ON_TRACK, Status.ON_TRACK), Status.ON_TRACK, 1, 100.0, direction="decrease"),
    Case("decrease: equal statuses, the lower score decides", [CUT_40, CEILING_5],
         {2015: "10", 2018: "8"}, (Status.BEHIND, Status.BEHIND), Status.BEHIND, 2,
         pytest.approx(100 * 2 / 3), direction="decrease"),
    Case("a target without data leaves the indicator unjudged", [LEVEL_150, GROWTH_10],
         {2018: "160"}, (Status.ACHIEVED, Status.NO_DATA), Status.NO_DATA, 2, None),
]  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_indicator_takes_the_worse_target(case: Case) -> None:
    from planchk.engine import evaluate_indicator  # noqa: PLC0415

    spec = parse_spec(several(case.targets, direction=case.direction))
    result = evaluate_indicator(spec, data(case.values), spec.indicators[0], case.year)
    assert tuple(t.status for t in result.targets) == case.each
    assert result.status is case.status
    assert [t.number for t in result.targets if t.decides] == [case.decider]
    assert result.score == case.score
    assert result.reason is not None
    assert result.reason.startswith(f"target {case.decider} of {len(case.targets)} decides")
    judged = [t.score for t in result.targets if not t.aspirational]
    if None not in judged:  # the lower score of the targets that are scored
        assert result.score == min(s for s in judged if s is not None)
    # The indicator's numbers are its deciding target's.
    decider = result.targets[case.decider - 1]
    assert (result.kind, result.target, result.actual) == (
        decider.kind,
        decider.target,
        decider.actual,
    )


def test_an_aspirational_target_is_not_scored_and_does_not_fail_a_binding_indicator() -> None:
    from planchk.engine import evaluate_indicator  # noqa: PLC0415

    spec = parse_spec(several([LEVEL_150, LEVEL_300_ASPIRATIONAL], attribute="binding"))
    result = evaluate_indicator(spec, data({2015: "100", 2020: "160"}), spec.indicators[0], 2020)
    aspirational = result.targets[1]
    assert aspirational.aspirational
    assert aspirational.status is Status.NOT_ACHIEVED
    assert aspirational.score is None
    assert aspirational.progress_ratio is not None  # judged: R is shown
    assert not result.binding_failure
    assert result.score == 100.0


def test_the_fixture_plan_passes_ci_though_its_aspirational_target_is_off_track() -> None:
    result = _evaluate_fixture("json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["schema_version"] == 2
    rd = report["indicators"][1]
    assert rd["attribute"] == "binding"
    assert [t["status"] for t in rd["targets"]] == ["on_track", "off_track"]
    assert rd["targets"][1]["aspirational"] is True
    assert rd["binding_failure"] is False


def test_a_single_target_indicator_has_no_targets_field_in_json() -> None:
    from planchk.engine import evaluate_indicator  # noqa: PLC0415

    spec = parse_spec(several([LEVEL_200, GROWTH_10]))
    one = several([])
    indicator = one["indicators"][0]
    del indicator["targets"]
    indicator["target"] = LEVEL_200
    single = parse_spec(one)
    values = data({2015: "100", 2018: "160"})
    assert "targets" not in json.loads(
        evaluate_indicator(single, values, single.indicators[0], 2018).model_dump_json()
    )
    assert "targets" in json.loads(
        evaluate_indicator(spec, values, spec.indicators[0], 2018).model_dump_json()
    )


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("table", ["↳ target 1", "↳ target 2 (aspirational)", "off track"]),
        ("markdown", ["↳ target 2 (aspirational)"]),
        ("junit", ["target 2: average growth &gt;6.5%", "target 2 (aspirational): level 2.8%"]),
    ],
)
def test_every_format_shows_each_target(fmt: str, expected: list[str]) -> None:
    result = _evaluate_fixture(fmt)
    assert result.exit_code == 0, result.output
    for text in expected:
        assert text in result.stdout


def test_github_annotations_name_each_target_of_a_failing_indicator(tmp_path: Path) -> None:
    data_file = tmp_path / "2018.csv"
    text = (FIXTURE / "2018.csv").read_text(encoding="utf-8").replace("2.35,", "2.15,")
    data_file.write_text(text, encoding="utf-8")
    result = runner.invoke(
        app,
        ["evaluate", str(data_file), "--spec", str(FIXTURE / "spec.yaml"), "--format", "github"],
    )
    assert result.exit_code == 1, result.output
    assert "target 2 (aspirational): level 2.8%25" in result.stdout


@pytest.mark.parametrize("fmt", ["html", "markdown", "docx", "xlsx"])
def test_the_report_documents_list_each_target(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"report.{fmt}"
    result = runner.invoke(
        app,
        [
            "report",
            str(FIXTURE / "2018.csv"),
            "--spec",
            str(FIXTURE / "spec.yaml"),
            "--format",
            fmt,
            "--output",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    if fmt in ("docx", "xlsx"):
        import zipfile  # noqa: PLC0415

        with zipfile.ZipFile(out) as archive:
            text = "".join(
                archive.read(name).decode("utf-8")
                for name in archive.namelist()
                if name.endswith(".xml")
            )
    else:
        text = out.read_text(encoding="utf-8").replace("\\(", "(").replace("\\)", ")")
    assert "target 2 (aspirational)" in text


def test_explain_shows_each_target_and_which_decides() -> None:
    result = runner.invoke(
        app,
        ["explain", "gdp", str(FIXTURE / "2018.csv"), "--spec", str(FIXTURE / "spec.yaml")],
    )
    assert result.exit_code == 0, result.output
    for text in ["Target 1 of 2", "Target 2 of 2", "g_t = ((V_t / V_B)^(1/n) − 1)", "target 1,"]:
        assert text in result.stdout


def _spec_errors(raw: dict[str, Any]) -> list[str]:
    with pytest.raises(SpecError) as caught:
        parse_spec(raw)
    return [p.message for p in caught.value.problems]


def test_target_and_targets_together_is_an_error() -> None:
    raw = several([LEVEL_200, GROWTH_10])
    raw["indicators"][0]["target"] = LEVEL_200
    assert _spec_errors(raw) == [
        "indicator 1 (x), field targets: give either `target` (one target) or `targets` "
        "(a list of several), not both"
    ]


@pytest.mark.parametrize(
    ("targets", "message"),
    [
        ([LEVEL_200], "field targets: `targets` lists two or more targets"),
        ([LEVEL_300_ASPIRATIONAL, LEVEL_300_ASPIRATIONAL], "every target is aspirational"),
        (
            [LEVEL_200, {**GROWTH_10, "comparator": "at_most"}],
            "field direction: comparator at_most means less is better",
        ),
        ([LEVEL_200, {**GROWTH_10, "value": "x"}], "field targets.1.value: expected a plain"),
        (
            [LEVEL_200, {"kind": "qualitative", "text": {"zh": "保持在合理区间"}}],
            "field targets.1.kind: a qualitative target stands alone",
        ),
    ],
)
def test_misused_targets_are_errors(targets: list[dict[str, Any]], message: str) -> None:
    errors = _spec_errors(several(targets))
    assert any(message in e for e in errors), errors


def test_neither_target_nor_targets_is_an_error() -> None:
    raw = several([])
    del raw["indicators"][0]["targets"]
    assert _spec_errors(raw) == [
        "indicator 1 (x), field target: required field is missing: give `target` (or `targets`)"
    ]


def test_a_single_target_cannot_be_aspirational() -> None:
    raw = several([])
    indicator = raw["indicators"][0]
    del indicator["targets"]
    indicator["target"] = LEVEL_300_ASPIRATIONAL
    assert any("a single target cannot be aspirational" in e for e in _spec_errors(raw))


def test_a_region_keeps_several_targets_and_may_have_its_own_baseline() -> None:
    from planchk.engine import evaluate_indicator  # noqa: PLC0415

    refused = several([LEVEL_200, GROWTH_10], regions={"North": {"x": {"target": {"value": 9}}}})
    assert any("has several targets" in e for e in _spec_errors(refused))
    spec = parse_spec(
        several([LEVEL_200, GROWTH_10], regions={"North": {"x": {"baseline": {"value": 80}}}})
    )
    own = spec.for_region("North")
    result = evaluate_indicator(own, data({2018: "160"}), own.indicators[0], 2018)
    assert result.baseline == 80.0
    assert [t.status for t in result.targets] == [Status.ON_TRACK, Status.ON_TRACK]
