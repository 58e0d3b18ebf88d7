"""Reading assessments files (`planchk.assessments`): YAML and CSV, and every bad input named
with its file, line and field."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from planchk.assessments import AssessmentError, load_assessments, parse_assessments
from planchk.problems import ProblemCode
from planchk.results import Status
from planchk.spec import load_spec

ROOT = Path(__file__).resolve().parents[1]
SPEC = load_spec(ROOT / "targets" / "indicators.yaml")  # Haidian, 2015-2020


def _yaml(text: str, regions: tuple[str, ...] = ()) -> list[tuple[str, int | None, str | None]]:
    """The (code, line, field) of each problem of a YAML text; [] when it reads."""
    try:
        parse_assessments(text, "a.yaml", SPEC, regions)
    except AssessmentError as exc:
        return [(p.code.value, p.line, p.column) for p in exc.problems]
    return []


def test_a_yaml_file_reads_every_field() -> None:
    found = parse_assessments(
        "assessments:\n"
        "  - indicator: 9\n"
        "    year: 2018\n"
        "    status: 略有滞后\n"
        "    reason: 口径调整\n"
        "    assessed_by: 区发改委\n"
        "    date: 2019-03-15\n"
        "    evidence: 统计公报\n"
        "    cause: 统计口径调整\n"
        "    measures: 加快入统\n",
        "a.yaml",
        SPEC,
    )
    (a,) = found.entries
    assert a.indicator == "high-tech-value-added-share"
    assert (a.year, a.region, a.status) == (2018, None, Status.BEHIND)
    assert a.reason == "口径调整"
    assert a.assessed_by == "区发改委"
    assert a.date == datetime.date(2019, 3, 15)
    assert (a.evidence, a.cause, a.measures) == ("统计公报", "统计口径调整", "加快入统")
    assert (a.file, a.line) == ("a.yaml", 2)


@pytest.mark.parametrize(
    ("word", "status"),
    [
        ("achieved", Status.ACHIEVED),
        ("on track", Status.ON_TRACK),
        ("ON_TRACK", Status.ON_TRACK),
        ("明显滞后", Status.OFF_TRACK),
        ("逆向变化", Status.REGRESSING),
        ("未完成", Status.NOT_ACHIEVED),
    ],
)
def test_a_status_is_its_english_value_or_its_chinese_term(word: str, status: Status) -> None:
    text = f"- {{indicator: 1, status: {word}, reason: r}}\n"
    assert parse_assessments(text, "a.yaml", SPEC).entries[0].status is status


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("- {indicator: 1, status: behind}\n", ("missing-value", 1, "reason")),
        ("- {indicator: 1, status: behind, reason: '  '}\n", ("missing-value", 1, "reason")),
        ("- {indicator: 1, reason: r}\n", ("missing-value", 1, "status")),
        ("- {status: behind, reason: r}\n", ("missing-value", 1, "indicator")),
        ("- {indicator: 99, status: behind, reason: r}\n", ("unknown-indicator", 1, "indicator")),
        ("- {indicator: 1, status: no_data, reason: r}\n", ("invalid-status", 1, "status")),
        ("- {indicator: 1, status: fine, reason: r}\n", ("invalid-status", 1, "status")),
        ("- {indicator: 1, year: 2015, status: behind, reason: r}\n", ("year-out-of-range", 1, "year")),
        ("- {indicator: 1, year: 2021, status: behind, reason: r}\n", ("year-out-of-range", 1, "year")),
        ("- {indicator: 1, year: soon, status: behind, reason: r}\n", ("type-error", 1, "year")),
        ("- {indicator: 1, region: 海淀, status: behind, reason: r}\n", ("unknown-region", 1, "region")),
        ("- {indicator: 1, date: 15/03/2019, status: behind, reason: r}\n", ("type-error", 1, "date")),
        ("- {indicator: 1, status: behind, reason: r, who: me}\n", ("type-error", 1, "who")),
        ("- {indicator: 1, status: behind, reason: [a, b]}\n", ("type-error", 1, "reason")),
        ("- just a line\n", ("type-error", 1, None)),
        ("assessments: {indicator: 1}\n", ("type-error", 1, None)),
        ("others: []\n", ("type-error", 1, None)),
        ("- {indicator: 1\n", ("type-error", 2, None)),  # where the parser finds the end
    ],
)  # fmt: skip
def test_each_bad_yaml_input_is_a_located_problem(
    text: str, problem: tuple[str, int, str | None]
) -> None:
    assert _yaml(text) == [problem]


def test_problems_carry_the_yaml_line_and_column_of_the_field() -> None:
    text = "assessments:\n  - indicator: 1\n    status: behind\n    reason: r\n    year: 2030\n"
    with pytest.raises(AssessmentError) as info:
        parse_assessments(text, "a.yaml", SPEC)
    (p,) = info.value.problems
    assert (p.line, p.column_number, p.column) == (5, 5, "year")
    assert str(p).startswith("a.yaml:5:5 [year]: error year-out-of-range:")
    assert info.value.rows == 1
    assert info.value.rejected == 1


def test_two_assessments_of_one_indicator_region_and_year_are_a_duplicate() -> None:
    text = (
        "- {indicator: 9, year: 2018, status: behind, reason: a}\n"
        "- {indicator: high-tech-value-added-share, year: 2018, status: off_track, reason: b}\n"
        "- {indicator: 9, status: off_track, reason: every year is another scope}\n"
    )
    assert _yaml(text) == [("duplicate-row", 2, "indicator")]


def test_a_region_must_be_one_of_the_data_s_regions_spelt_any_case() -> None:
    text = "- {indicator: 1, region: ＨＡＩＤＩＡＮ, status: behind, reason: r}\n"
    found = parse_assessments(text, "a.yaml", SPEC, ("Haidian", "Chaoyang"))
    assert found.entries[0].region == "Haidian"  # as the data spells it
    assert found.find("national-high-tech-enterprises", "Haidian", 2018) == found.entries[0]
    assert found.find("national-high-tech-enterprises", "Chaoyang", 2018) is None
    assert _yaml(text.replace("ＨＡＩＤＩＡＮ", "Xicheng"), ("Haidian",)) == [
        ("unknown-region", 1, "region")
    ]


def _csv(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "assessments.csv"
    path.write_bytes(text.encode(encoding))
    return path


def test_a_csv_file_with_chinese_headers_reads(tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        "指标,地区,年份,评估结论,理由,评估人,日期,依据,原因分析,下一步措施\n"
        "9,,2018,略有滞后,口径调整,区发改委,2019-03-15,统计公报,口径,入统\n"
        "\n"
        "11,,,behind,no survey,区文化委,,,,\n",
        "gb18030",  # as Excel on Chinese Windows saves it
    )
    found = load_assessments(path, SPEC)
    first, second = found.entries
    assert (first.status, first.cause, first.measures, first.line) == (
        Status.BEHIND,
        "口径",
        "入统",
        2,
    )
    assert (second.indicator, second.year, second.date, second.line) == (
        "cultural-creative-revenue-growth",
        None,
        None,
        4,
    )


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("indicator,status\n1,behind\n", ("bad-header", 1, None)),
        ("indicator,status,reason,who\n1,behind,r,me\n", ("bad-header", 1, "who")),
        ("indicator,status,reason\n1,behind\n", ("ragged-row", 2, None)),
        ("indicator,status,reason\n1,behind,\n", ("missing-value", 2, "reason")),
        ("indicator,status,reason\n1,great,r\n", ("invalid-status", 2, "status")),
        ("indicator,status,reason\nx,behind,r\n", ("unknown-indicator", 2, "indicator")),
        ("indicator,status,reason,year\n1,behind,r,2014\n", ("year-out-of-range", 2, "year")),
        ('indicator,status,reason\n1,behind,"open\n', ("malformed-csv", 2, None)),
        ("", ("bad-header", 1, None)),
    ],
)
def test_each_bad_csv_input_is_a_located_problem(
    tmp_path: Path, text: str, problem: tuple[str, int, str | None]
) -> None:
    with pytest.raises(AssessmentError) as info:
        load_assessments(_csv(tmp_path, text), SPEC)
    assert [(p.code.value, p.line, p.column) for p in info.value.problems] == [problem]


def test_a_csv_problem_names_the_column_number(tmp_path: Path) -> None:
    path = _csv(tmp_path, "indicator,year,status,reason\n1,2018,behind,\n")
    with pytest.raises(AssessmentError) as info:
        load_assessments(path, SPEC)
    assert str(info.value.problems[0]).startswith(f"{path}:2:4 [reason]: error missing-value")


@pytest.mark.parametrize("name", ["assessments.txt", "assessments"])
def test_only_yaml_and_csv_files_are_read(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("x", encoding="utf-8")
    with pytest.raises(AssessmentError) as info:
        load_assessments(path, SPEC)
    assert info.value.problems[0].code is ProblemCode.UNREADABLE_FILE


def test_a_missing_file_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(AssessmentError) as info:
        load_assessments(tmp_path / "absent.yaml", SPEC)
    (p,) = info.value.problems
    assert p.code is ProblemCode.UNREADABLE_FILE
    assert "cannot read the assessments" in p.message


def test_an_empty_list_reads_as_no_assessments() -> None:
    assert len(parse_assessments("assessments: []\n", "a.yaml", SPEC)) == 0
