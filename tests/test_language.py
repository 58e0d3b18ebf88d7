"""The language people read: the spec's plan.language, overridden by PLANCHK_LANG, overridden
by --lang; and the planner's Chinese words in a spec, kept as the stable English values."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from planchk.cli import app
from planchk.language import Lang, chosen_language
from planchk.spec import Attribute, Comparator, Direction, parse_spec
from planchk.yamlload import load_yaml

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


@pytest.mark.parametrize(
    ("flag", "environ", "spec", "chosen"),
    [
        (None, {}, None, Lang.EN),
        (None, {}, Lang.ZH, Lang.ZH),
        (None, {"PLANCHK_LANG": "en"}, Lang.ZH, Lang.EN),
        (None, {"PLANCHK_LANG": " ZH "}, Lang.EN, Lang.ZH),
        (None, {"PLANCHK_LANG": ""}, Lang.ZH, Lang.ZH),
        (Lang.ZH, {"PLANCHK_LANG": "en"}, Lang.EN, Lang.ZH),
        (Lang.EN, {"PLANCHK_LANG": "zh"}, Lang.ZH, Lang.EN),
    ],
)
def test_lang_overrides_the_environment_which_overrides_the_spec(
    flag: Lang | None, environ: dict[str, str], spec: Lang | None, chosen: Lang
) -> None:
    assert chosen_language(flag, environ, spec) is chosen


def test_an_unknown_planchk_lang_is_an_error_not_english() -> None:
    with pytest.raises(ValueError, match="PLANCHK_LANG='fr'"):
        chosen_language(None, {"PLANCHK_LANG": "fr"}, Lang.ZH)


def dump(raw: dict[str, Any], path: Path) -> Path:
    """`raw` as a spec file (the YAML 1.1 writer quotes `no`, which planchk reads as a key)."""
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def raw_spec() -> dict[str, Any]:
    loaded = load_yaml((ROOT / "targets" / "indicators.yaml").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


@pytest.fixture
def zh_spec(tmp_path: Path) -> Path:
    raw = raw_spec()
    raw["plan"]["language"] = "zh"
    return dump(raw, tmp_path / "zh.yaml")


def indicators(args: list[str], env: dict[str, str] | None = None) -> str:
    result = runner.invoke(app, ["indicators", *args], env=env)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_a_chinese_spec_lists_in_chinese_without_a_flag(zh_spec: Path) -> None:
    assert "约束性" in indicators(["--spec", str(zh_spec)])
    assert "binding" not in indicators(["--spec", str(zh_spec)])


def test_planchk_lang_overrides_the_spec_and_lang_overrides_both(zh_spec: Path) -> None:
    assert "binding" in indicators(["--spec", str(zh_spec)], {"PLANCHK_LANG": "en"})
    assert "约束性" in indicators(["--spec", str(zh_spec), "--lang", "zh"], {"PLANCHK_LANG": "en"})
    english = ROOT / "targets" / "indicators.yaml"
    assert "约束性" in indicators(["--spec", str(english)], {"PLANCHK_LANG": "zh"})
    assert "binding" in indicators(["--spec", str(english)])


def test_an_unknown_planchk_lang_is_a_usage_error(zh_spec: Path) -> None:
    result = runner.invoke(app, ["indicators", "--spec", str(zh_spec)], env={"PLANCHK_LANG": "fr"})
    assert result.exit_code == 2
    assert "PLANCHK_LANG='fr' is not a language planchk speaks (en or zh)" in result.stderr


def test_a_broken_chinese_spec_tells_its_problems_in_chinese(tmp_path: Path) -> None:
    raw = raw_spec()
    raw["plan"]["language"] = "zh"
    raw["plan"]["colour"] = "red"
    path = dump(raw, tmp_path / "bad.yaml")
    result = runner.invoke(app, ["indicators", "--spec", str(path)])
    assert result.exit_code == 2
    assert "错误 invalid-spec：字段 plan.colour：未知的键" in result.stderr
    assert "planchk：输入中有 1 个错误；未进行评估" in result.stderr


def test_the_language_does_not_change_the_json(zh_spec: Path) -> None:
    data = [str(ROOT / "data" / f"{year}.csv") for year in range(2015, 2019)]
    english = runner.invoke(app, ["evaluate", *data, "--format", "json"])
    chinese = runner.invoke(app, ["evaluate", *data, "--format", "json", "--spec", str(zh_spec)])
    assert json.loads(english.stdout)["indicators"] == json.loads(chinese.stdout)["indicators"]
    reasons = [r["reason"] for r in json.loads(chinese.stdout)["indicators"] if r["reason"]]
    assert reasons
    assert all(reason.isascii() for reason in reasons)  # the stable English messages


# The planner's words (methodology: "Comparators"; issue 9), each with the value it stands for.
ATTRIBUTE_WORDS = {"约束性": Attribute.BINDING, "预期性": Attribute.EXPECTED}
DIRECTION_WORDS = {
    "增加": Direction.INCREASE,
    "越大越好": Direction.INCREASE,
    "减少": Direction.DECREASE,
    "越小越好": Direction.DECREASE,
}
COMPARATOR_WORDS = {
    "达到": Comparator.AT_LEAST,
    "不低于": Comparator.AT_LEAST,
    "超过": Comparator.MORE_THAN,
    "控制在…以内": Comparator.AT_MOST,
    "控制在以内": Comparator.AT_MOST,
    "以内": Comparator.AT_MOST,
    "低于": Comparator.LESS_THAN,
    "左右": Comparator.ABOUT,
}


def one_indicator(**fields: Any) -> dict[str, Any]:
    raw = raw_spec()
    indicator = next(i for i in raw["indicators"] if i["no"] == 9)  # a binding level target
    for key, value in fields.items():
        if key == "comparator":
            indicator["target"]["comparator"] = value
        else:
            indicator[key] = value
    return raw


@pytest.mark.parametrize(("word", "value"), ATTRIBUTE_WORDS.items())
def test_the_spec_reads_the_chinese_attributes(word: str, value: Attribute) -> None:
    spec = parse_spec(one_indicator(attribute=word))
    assert spec.indicator("9") is not None
    assert spec.indicator("9").attribute is value  # type: ignore[union-attr]


@pytest.mark.parametrize(("word", "value"), DIRECTION_WORDS.items())
def test_the_spec_reads_the_chinese_directions(word: str, value: Direction) -> None:
    comparator = "at_least" if value is Direction.INCREASE else "at_most"
    spec = parse_spec(one_indicator(direction=word, comparator=comparator))
    assert spec.indicator("9").direction is value  # type: ignore[union-attr]


@pytest.mark.parametrize(("word", "value"), COMPARATOR_WORDS.items())
def test_the_spec_reads_the_chinese_comparators(word: str, value: Comparator) -> None:
    less = value in (Comparator.AT_MOST, Comparator.LESS_THAN)
    spec = parse_spec(one_indicator(comparator=word, direction="decrease" if less else "increase"))
    found = spec.indicator("9")
    assert found is not None
    assert found.target.comparator is value
    assert (
        json.loads(spec.model_dump_json(by_alias=True))["indicators"][8]["target"]["comparator"]
        == value
    )


def test_the_chinese_range_words_mean_between() -> None:
    for word in ("之间", "区间"):
        raw = one_indicator()
        raw["indicators"][8]["target"] = {
            "kind": "level",
            "comparator": word,
            "range": {"min": 60, "max": 70},
        }
        found = parse_spec(raw).indicator("9")
        assert found is not None
        assert found.target.comparator is Comparator.BETWEEN


def test_a_word_that_is_no_comparator_is_still_refused() -> None:
    with pytest.raises(Exception, match="comparator"):
        parse_spec(one_indicator(comparator="大概"))


ENGLISH_TO_CHINESE = {
    "attribute": {"binding": "约束性", "expected": "预期性"},
    "direction": {"increase": "增加", "decrease": "减少"},
    "comparator": {
        "at_least": "达到",
        "more_than": "超过",
        "at_most": "控制在…以内",
        "less_than": "低于",
        "about": "左右",
    },
}


def test_a_spec_in_the_planners_words_evaluates_as_the_english_one(tmp_path: Path) -> None:
    raw = raw_spec()
    for indicator in raw["indicators"]:
        indicator["attribute"] = ENGLISH_TO_CHINESE["attribute"][indicator["attribute"]]
        indicator["direction"] = ENGLISH_TO_CHINESE["direction"][indicator["direction"]]
        target = indicator["target"]
        target["comparator"] = ENGLISH_TO_CHINESE["comparator"].get(
            target["comparator"], target["comparator"]
        )
    path = dump(raw, tmp_path / "words.yaml")
    assert "约束性" in path.read_text(encoding="utf-8")
    data = [str(ROOT / "data")]
    english = runner.invoke(app, ["evaluate", *data, "--format", "json"])
    words = runner.invoke(app, ["evaluate", *data, "--format", "json", "--spec", str(path)])
    assert english.exit_code == words.exit_code == 1
    first, second = json.loads(english.stdout), json.loads(words.stdout)
    assert first["indicators"] == second["indicators"]
    assert first["summary"] == second["summary"]
