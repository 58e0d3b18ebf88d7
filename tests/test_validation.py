"""validate() and check_spec(): cross-row checks, counts, --strict and --max-problems."""

from __future__ import annotations

import math
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from planchk import exact
from planchk.cli import app
from planchk.data import Dataset, Observation
from planchk.problems import Problem, ProblemCode, Severity, sort_problems
from planchk.quantities import Qualifier
from planchk.spec import Spec, SpecError, parse_spec
from planchk.validation import (
    DEFAULT_MAX_CHANGE,
    ProblemEntry,
    change_bound,
    check_spec,
    first_problems,
    implausible_changes,
    validate,
)

HEADER = "indicator,year,value,unit,source,note\n"
FIXTURE_SPECS = Path(__file__).resolve().parent / "fixtures" / "specs"


def write_csv(directory: Path, name: str, body: str) -> Path:
    path = directory / name
    path.write_text(HEADER + body, encoding="utf-8", newline="")
    return path


def small_spec(**indicator: Any) -> Spec:
    """One level indicator `x` (unit 亿元) and one running total `t` (unit 家, baseline 0)."""
    first: dict[str, Any] = {
        "no": 1,
        "id": "x",
        "category": "c",
        "name": {"en": "X"},
        "unit": {"zh": "亿元"},
        "attribute": "binding",
        "direction": "increase",
        "target": {"kind": "level", "comparator": "at_least", "value": 200},
    }
    first.update(indicator)
    total = {
        "no": 2,
        "id": "t",
        "category": "c",
        "name": {"en": "T"},
        "unit": {"zh": "家"},
        "attribute": "expected",
        "direction": "increase",
        "target": {"kind": "cumulative", "comparator": "at_least", "value": 50},
        "baseline": {"value": 0},
    }
    return parse_spec(
        {
            "plan": {"id": "p", "title": {"en": "P"}, "base_year": 2015, "end_year": 2020},
            "categories": [{"id": "c", "name": {"en": "C"}}],
            "indicators": [first, total],
        }
    )


def codes(paths: list[Path], spec: Spec, **options: Any) -> list[tuple[ProblemCode, int | None]]:
    return [(p.code, p.line) for p in validate(paths, spec, **options).problems]


def changes(paths: list[Path], spec: Spec) -> list[ProblemEntry]:
    """The implausible-change warnings (the small spec's files leave `t` missing)."""
    result = validate(paths, spec)
    return [p for p in result.problems if p.code is ProblemCode.IMPLAUSIBLE_CHANGE]


# --- the sample data ---------------------------------------------------------------------


def test_sample_2018_is_valid_with_one_warning(repo_root: Path, spec: Spec) -> None:
    result = validate([repo_root / "data" / "2018.csv"], spec)
    assert result.valid
    assert (result.errors, result.warnings) == (0, 1)
    (problem,) = result.problems
    assert problem.code is ProblemCode.MISSING_INDICATOR
    assert "indicator 11" in problem.message
    assert "2015" in problem.message
    (checked,) = result.files
    assert (checked.rows, checked.used, checked.rejected, checked.complete) == (27, 27, 0, True)


def test_strict_turns_warnings_into_failure(repo_root: Path, spec: Spec) -> None:
    result = validate([repo_root / "data" / "2018.csv"], spec, strict=True)
    assert not result.valid
    assert result.failing(result.files[0])


def test_every_mistake_is_listed_once_with_its_line(tmp_path: Path, spec: Spec) -> None:
    path = write_csv(
        tmp_path,
        "2018.csv",
        "1,2018,10500,家,,\n"  # 2 fine
        "nope,2018,1,家,,\n"  # 3 unknown-indicator
        "2,2018,abc,家,,\n"  # 4 type-error
        "3,2018,,人,,\n"  # 5 missing-value
        "4,2018,5,家,,\n"  # 6 unit-mismatch
        "5,2030,2,万件,,\n"  # 7 year-out-of-range
        "9,2018,101,%,,\n"  # 8 out-of-range
        "1,2018,10600,家,,\n"  # 9 duplicate-row
        "10,2018,预计640,家,,\n",  # 10 preliminary-value
    )
    result = validate([path], spec)
    listed = [(p.code, p.line) for p in result.problems if p.line is not None]
    assert listed == [
        (ProblemCode.UNKNOWN_INDICATOR, 3),
        (ProblemCode.TYPE_ERROR, 4),
        (ProblemCode.MISSING_VALUE, 5),
        (ProblemCode.UNIT_MISMATCH, 6),
        (ProblemCode.YEAR_OUT_OF_RANGE, 7),
        (ProblemCode.OUT_OF_RANGE, 8),
        (ProblemCode.DUPLICATE_ROW, 9),
        (ProblemCode.PRELIMINARY_VALUE, 10),
    ]
    # rows naming an indicator for 2018, even unusable ones, are not also "missing"
    missing = {p.message.split()[1] for p in result.problems if p.code == "missing-indicator"}
    assert missing.isdisjoint({"1", "2", "3", "4", "9", "10"})
    assert result.errors == 7
    assert not result.valid


def test_problems_of_all_files_are_grouped_by_file(tmp_path: Path, spec: Spec) -> None:
    b = write_csv(tmp_path, "b.csv", "1,2018,x,家,,\n")
    a = write_csv(tmp_path, "a.csv", "1,2030,1,家,,\n")
    result = validate([b, a], spec)
    files = [p.file for p in result.problems if p.line is not None]
    assert files == [str(a), str(b)]
    assert [s[0] for s in result.sections()] == [str(a), str(b)]


# --- header-only and empty files -----------------------------------------------------------


def test_header_only_file_is_no_data(tmp_path: Path, spec: Spec) -> None:
    path = write_csv(tmp_path, "x.csv", "\n,,,\n")
    assert codes([path], spec) == [(ProblemCode.NO_DATA, None)]


def test_empty_file_is_no_data_once(tmp_path: Path, spec: Spec) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(b"")
    assert codes([path], spec) == [(ProblemCode.NO_DATA, None)]


# --- missing-indicator ---------------------------------------------------------------------


def test_missing_indicator_for_a_covered_year(tmp_path: Path) -> None:
    spec = small_spec()
    path = write_csv(tmp_path, "x.csv", "t,2018,3,家,,\n")
    result = validate([path], spec)
    assert [(p.code, p.severity, p.file) for p in result.problems] == [
        (ProblemCode.MISSING_INDICATOR, Severity.WARNING, str(path))
    ]
    assert "indicator 1 (x) has no value for 2018" in result.problems[0].message
    assert result.valid


def test_base_year_expects_only_indicators_without_a_baseline(tmp_path: Path) -> None:
    spec = small_spec()
    path = write_csv(tmp_path, "x.csv", "x,2015,100,亿元,,\nx,2016,110,亿元,,\nt,2016,2,家,,\n")
    assert codes([path], spec) == []
    no_base_row = write_csv(tmp_path, "y.csv", "t,2015,0,家,,\nx,2016,110,亿元,,\nt,2016,2,家,,\n")
    result = validate([no_base_row], spec)
    assert [p.code for p in result.problems] == [ProblemCode.MISSING_INDICATOR]
    assert "2015" in result.problems[0].message
    assert "no baseline" in result.problems[0].message


def test_value_in_another_file_counts(tmp_path: Path) -> None:
    spec = small_spec()
    a = write_csv(tmp_path, "a.csv", "t,2018,3,家,,\n")
    b = write_csv(tmp_path, "b.csv", "x,2018,150,亿元,,\n")
    assert codes([a, b], spec) == []


# --- implausible-change --------------------------------------------------------------------


def test_change_beyond_the_default_bound(tmp_path: Path) -> None:
    spec = small_spec()
    path = write_csv(
        tmp_path,
        "x.csv",
        "x,2015,100,亿元,,\nx,2016,150,亿元,,\nx,2017,226,亿元,,\nx,2018,112,亿元,,\n",
    )
    found = changes([path], spec)
    # +50% exactly is plausible; +50.7% and -50.4% are not
    assert [(p.line, p.column, p.severity) for p in found] == [
        (4, 3, Severity.WARNING),
        (5, 3, Severity.WARNING),
    ]
    assert "50.7% above the 2016 value 150" in found[0].message
    assert f"({path}:3)" in found[0].message
    assert "50.4% below" in found[1].message
    assert "default bound" in found[1].message


def test_running_totals_have_no_default_bound(tmp_path: Path) -> None:
    spec = small_spec()
    path = write_csv(tmp_path, "x.csv", "t,2016,1,家,,\nt,2017,9,家,,\n")
    assert ProblemCode.IMPLAUSIBLE_CHANGE not in [c for c, _ in codes([path], spec)]
    assert change_bound(spec.indicators[1]) == (None, "none for running totals")
    assert change_bound(spec.indicators[0])[0] == DEFAULT_MAX_CHANGE


def test_spec_sets_a_relative_bound(tmp_path: Path) -> None:
    spec = small_spec(max_change={"relative": 10})
    path = write_csv(tmp_path, "x.csv", "x,2016,100,亿元,,\nx,2017,111,亿元,,\nx,2018,120,亿元,,\n")
    found = changes([path], spec)
    assert [p.line for p in found] == [3]
    assert "spec's max_change" in found[0].message


def test_spec_sets_an_absolute_bound_in_the_unit(tmp_path: Path) -> None:
    spec = small_spec(max_change={"absolute": 5000})
    # 1.5 万亿元 = 15000 亿元: a change of 5000 is at the bound, of 5001 beyond it
    path = write_csv(
        tmp_path, "x.csv", "x,2016,1,万亿元,,\nx,2017,1.5,万亿元,,\nx,2018,9999,亿元,,\n"
    )
    found = changes([path], spec)
    assert [p.line for p in found] == [4]
    assert "differs by 5001" in found[0].message


def test_no_relative_change_from_zero(tmp_path: Path) -> None:
    spec = small_spec(bounds={"min": -100})
    path = write_csv(tmp_path, "x.csv", "x,2016,0,亿元,,\nx,2017,500,亿元,,\n")
    assert changes([path], spec) == []


def test_yearly_change_rows_are_the_change(tmp_path: Path) -> None:
    spec = small_spec(
        unit={"zh": "%"},
        reporting="yearly_change",
        target={"kind": "average_growth", "comparator": "at_least", "value": 5},
    )
    path = write_csv(tmp_path, "x.csv", "x,2016,50,%,,\nx,2017,-51,%,,\nx,2018,5,%,,\n")
    found = changes([path], spec)
    assert [p.line for p in found] == [3]
    assert "a change of -51%" in found[0].message


def test_max_change_needs_exactly_one_kind() -> None:
    with pytest.raises(SpecError, match="exactly one"):
        small_spec(max_change={"relative": 10, "absolute": 5})
    with pytest.raises(SpecError, match="expected a number above 0"):
        small_spec(max_change={"relative": 0})


# --- --max-problems ------------------------------------------------------------------------


def test_max_problems_caps_the_list_but_not_the_counts(tmp_path: Path) -> None:
    path = write_csv(tmp_path, "x.csv", "".join(f"x,2018,a{i},亿元,,\n" for i in range(5)))
    result = validate([path], small_spec(), max_problems=2)
    # errors first, by line; the warning (t is missing) after them
    assert [(p.line, p.severity) for p in result.problems] == [(2, "error"), (3, "error")]
    assert (result.errors, result.warnings) == (5, 1)
    assert result.not_listed == {ProblemCode.TYPE_ERROR: 3, ProblemCode.MISSING_INDICATOR: 1}
    assert result.files[0].errors == 5
    nothing = validate([path], small_spec(), max_problems=0)
    assert nothing.problems == ()
    assert not nothing.valid


# --- spec check ----------------------------------------------------------------------------


def test_check_spec_valid(repo_root: Path) -> None:
    result = check_spec(repo_root / "targets" / "indicators.yaml")
    assert result.valid
    assert result.command == "spec check"
    assert result.plan is not None
    assert result.plan.id == "haidian-13th-fyp-sti"
    assert result.files[0].kind == "spec"


def test_check_spec_lists_every_problem() -> None:
    path = FIXTURE_SPECS / "invalid" / "two-bad-indicators.yaml"
    result = check_spec(path)
    assert not result.valid
    assert result.plan is None
    assert result.errors == len(result.problems) >= 2
    assert {p.code for p in result.problems} == {ProblemCode.INVALID_SPEC}
    assert result.files[0].errors == result.errors


def test_a_ragged_row_still_names_its_indicator(tmp_path: Path) -> None:
    spec = small_spec()
    path = write_csv(tmp_path, "x.csv", "x,2018,150,亿元,,,surplus\nt,2018,3,家,,\n")
    assert codes([path], spec) == [(ProblemCode.RAGGED_ROW, 2)]  # not also missing-indicator


def test_a_file_not_read_to_the_end_adds_no_missing_indicator(tmp_path: Path) -> None:
    spec = small_spec()
    path = write_csv(tmp_path, "x.csv", 't,2018,3,家,,"open\nx,2018,150,亿元,,\n')
    result = validate([path], spec)
    assert [(p.code, p.line) for p in result.problems] == [(ProblemCode.MALFORMED_CSV, 2)]
    assert not result.files[0].complete


def test_a_ragged_row_outside_the_plan_period_covers_no_year(tmp_path: Path) -> None:
    spec = small_spec()
    path = write_csv(
        tmp_path, "x.csv", "x,2030,150,亿元,,,surplus\nt,2018,3,家,,\nx,2018,9,亿元,,\n"
    )
    assert codes([path], spec) == [(ProblemCode.RAGGED_ROW, 2)]


@settings(max_examples=30, deadline=None)
@given(
    bound=st.sampled_from([{"relative": 50}, {"relative": Decimal("12.5")}, {"absolute": 40}]),
    previous=st.decimals(min_value=0, max_value=10**6, places=3),
    step=st.one_of(
        st.sampled_from([Decimal(0), Decimal("1e-9"), Decimal("-1e-9"), Decimal("1e-17")]),
        st.decimals(min_value=-1, max_value=1, places=12),
    ),
    side=st.sampled_from([1, -1]),
)
def test_float_screen_reports_what_decimals_do(
    bound: dict[str, Any], previous: Decimal, step: Decimal, side: int
) -> None:
    """Changes exactly on the bound, a hair inside or outside it, and anywhere near: the float
    screen passes only what the exact decimal comparison passes (MARGIN = inf: no screen)."""
    spec = small_spec(max_change=bound)
    (limit,) = (Decimal(v) for v in bound.values())
    allowed = previous * limit / 100 if "relative" in bound else limit
    value = previous + side * allowed * (1 + step)
    rows = [
        Observation("x", 2015, previous, Qualifier.EXACT, False, str(previous), None, None,
                    None, "x.csv", 2),
        Observation("x", 2016, value, Qualifier.EXACT, False, str(value), None, None, None,
                    "x.csv", 3),
    ]  # fmt: skip
    dataset = Dataset(tuple(rows))
    screened = implausible_changes(spec, dataset)
    saved = exact.MARGIN
    exact.MARGIN = math.inf
    try:
        decided = implausible_changes(spec, dataset)
    finally:
        exact.MARGIN = saved
    assert screened == decided
    if step == 0 and previous != 0:
        assert screened == []  # exactly on the bound is plausible


def test_a_qualitative_indicator_is_expected_in_the_data_only_as_a_reference(
    tmp_path: Path,
) -> None:
    """营商环境 (qualitative, referenced by nothing) needs no rows; GDP growth (qualitative, the
    reference of productivity growth) does, so its missing 2022 is warned of."""
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        """\
schema: 1
plan: {id: p, title: {en: P}, base_year: 2020, end_year: 2025}
categories: [{id: c, name: {en: C}}]
indicators:
  - {no: 1, id: gdp-growth, category: c, name: {en: GDP growth}, unit: {en: "%"},
     attribute: expected, direction: increase, reporting: yearly_change,
     target: {kind: qualitative, text: {zh: 保持在合理区间}}}
  - {no: 2, id: productivity, category: c, name: {en: Productivity growth}, unit: {en: "%"},
     attribute: expected, direction: increase, reporting: yearly_change,
     target: {kind: average_growth, comparator: more_than, reference: gdp-growth}}
  - {no: 3, id: business, category: c, name: {en: Business environment}, unit: {en: "-"},
     attribute: expected, direction: increase, target: {kind: qualitative, text: {zh: 持续优化}}}
""",
        encoding="utf-8",
    )
    data = tmp_path / "data.csv"
    data.write_text(
        "indicator,year,value\ngdp-growth,2021,8.1\nproductivity,2021,8.7\nproductivity,2022,4.2\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["validate", str(data), "--spec", str(spec)])
    assert "indicator 1 (gdp-growth) has no value for 2022" in result.output
    assert "business" not in result.output


# --- only the problems listed are held -------------------------------------------------------

_PROBLEMS = st.builds(
    Problem,
    code=st.sampled_from([ProblemCode.MISSING_INDICATOR, ProblemCode.TYPE_ERROR]),
    severity=st.sampled_from(list(Severity)),
    message=st.sampled_from(["a", "b", "c"]),
    file=st.sampled_from(["a.csv", "b.csv"]),
    line=st.one_of(st.none(), st.integers(1, 4)),
)


@given(st.lists(_PROBLEMS, max_size=30), st.one_of(st.none(), st.integers(-1, 35)))
def test_first_problems_are_the_sorted_problems_cut(
    problems: list[Problem], limit: int | None
) -> None:
    ordered = sort_problems(problems)
    shown = ordered if limit is None else ordered[: max(limit, 0)]
    listed, rest = first_problems(iter(problems), limit)
    assert listed == shown  # ties in the order given, as sort_problems keeps them
    assert rest == Counter(p.code for p in ordered[len(shown) :])


def test_a_panel_validated_with_few_problems_listed_counts_them_all(
    spec: Spec, tmp_path: Path
) -> None:
    path = tmp_path / "panel.csv"
    path.write_text(
        "region,indicator,year,value\n" + "".join(f"d{n},1,2018,{9000 + n}\n" for n in range(40)),
        encoding="utf-8",
    )
    everything = validate([path], spec)
    few = validate([path], spec, max_problems=5)
    assert everything.warnings == few.warnings == 40 * (len(spec.indicators) - 1)
    assert few.problems == everything.problems[:5]
    assert sum(few.not_listed.values()) == everything.warnings - 5
    assert few.regions == everything.regions
    assert few.files == everything.files
