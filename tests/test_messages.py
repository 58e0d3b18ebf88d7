"""The message catalog: every message has a Chinese translation, the catalog is not stale, the
compiled .mo is the .po, and statuses and attributes have their official Chinese terms."""

from __future__ import annotations

import gettext
import io
import pickle
import string
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from planchk.messages import LOCALE_DIR, Message, indicator_ref, joined, localize, msg
from planchk.problems import Problem, ProblemCode, ProblemText, Severity
from planchk.results import STATUS_WORDS, Status
from planchk.spec import ATTRIBUTE_WORDS, Attribute

ROOT = Path(__file__).resolve().parents[1]
PO = LOCALE_DIR / "zh" / "LC_MESSAGES" / "planchk.po"
MO = PO.with_suffix(".mo")

#: The official terms (methodology: "Status"); inconclusive is planchk's own (无法判定).
OFFICIAL_STATUS_TERMS = {
    Status.ACHIEVED: "已完成",
    Status.ON_TRACK: "符合进度",
    Status.BEHIND: "略有滞后",
    Status.OFF_TRACK: "明显滞后",
    Status.REGRESSING: "逆向变化",
    Status.NOT_ACHIEVED: "未完成",
    Status.NO_DATA: "缺少数据",
    Status.INCONCLUSIVE: "无法判定",
}
OFFICIAL_ATTRIBUTE_TERMS = {Attribute.BINDING: "约束性", Attribute.EXPECTED: "预期性"}


def source_ids() -> set[str]:
    """The message ids `pybabel extract` finds in the source now (babel.cfg, keyword msg)."""
    found = extract_from_dir(
        str(ROOT / "src"),
        method_map=[("planchk/**.py", "python")],
        keywords={"msg": None, "help_text": None},
    )
    return {message for _, _, message, _, _ in found if isinstance(message, str)}


def catalog() -> dict[str, str]:
    with PO.open("rb") as handle:
        po = read_po(handle, locale="zh")
    assert not po.fuzzy, "the catalog's header is marked fuzzy"
    fuzzy = [m.id for m in po if m.id and m.fuzzy]
    assert not fuzzy, f"fuzzy translations: {fuzzy}"
    return {str(m.id): str(m.string) for m in po if m.id}


def test_every_message_of_the_source_has_a_chinese_translation() -> None:
    ids, translated = source_ids(), catalog()
    assert len(ids) > 100  # the extraction found the messages, not nothing
    missing = sorted(ids - set(translated))
    assert not missing, (
        f"{len(missing)} message(s) not in the catalog (stale: see the README, 'Translations'): "
        f"{missing}"
    )
    untranslated = sorted(i for i in ids if not translated[i].strip())
    assert not untranslated, f"message(s) without a Chinese translation: {untranslated}"


def test_the_catalog_holds_no_message_the_source_no_longer_has() -> None:
    stale = sorted(set(catalog()) - source_ids())
    assert not stale, f"translations of messages no longer in the source: {stale}"


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_translations_use_only_the_placeholders_of_their_message() -> None:
    for msgid, translation in catalog().items():
        allowed = placeholders(msgid) | ({"name"} if msgid == "{no} ({id})" else set())
        assert placeholders(translation) <= allowed, (msgid, translation)
        assert "{" not in translation or placeholders(translation), (msgid, translation)


def test_the_compiled_catalog_is_the_po() -> None:
    with PO.open("rb") as handle:
        po = read_po(handle, locale="zh")
    compiled = io.BytesIO()
    write_mo(compiled, po)
    compiled.seek(0)
    expected = gettext.GNUTranslations(compiled)
    with MO.open("rb") as handle:
        shipped = gettext.GNUTranslations(handle)
    assert shipped._catalog == expected._catalog, (  # type: ignore[attr-defined]
        "planchk.mo is not the compiled planchk.po: run `pybabel compile -d src/planchk/locale "
        "-D planchk`"
    )


@pytest.mark.parametrize("status", list(Status))
def test_every_status_has_its_official_chinese_term(status: Status) -> None:
    assert STATUS_WORDS[status] == status.value  # the stable value in English
    assert STATUS_WORDS[status].localized("zh") == OFFICIAL_STATUS_TERMS[status]
    assert status.label("zh") == OFFICIAL_STATUS_TERMS[status]


@pytest.mark.parametrize("attribute", list(Attribute))
def test_every_attribute_has_its_official_chinese_term(attribute: Attribute) -> None:
    assert ATTRIBUTE_WORDS[attribute] == attribute.value
    assert ATTRIBUTE_WORDS[attribute].localized("zh") == OFFICIAL_ATTRIBUTE_TERMS[attribute]


def test_a_message_reads_as_english_and_renders_in_chinese() -> None:
    ref = indicator_ref(9, "high-tech-value-added-share", "高新技术产业增加值占全区GDP比重")
    message = msg("no value for indicator {indicator}", indicator=ref)
    assert message == "no value for indicator 9 (high-tech-value-added-share)"
    assert message.localized("en") == message
    assert message.localized("zh") == "指标9“高新技术产业增加值占全区GDP比重”没有数值"
    assert localize(3, "zh") == 3  # numbers are left to their format specs
    assert msg("{total:,} region(s), none with a problem", total=2000).localized("zh") == (
        "2,000 个地区，均无问题"
    )


def test_an_indicator_without_a_chinese_name_is_named_by_its_id() -> None:
    assert indicator_ref(3, "talents", None).localized("zh") == "指标3“talents”"


def test_messages_survive_pickling_in_both_languages() -> None:
    """Panels are evaluated in worker processes: their results travel pickled."""
    problem = Problem(ProblemCode.MISSING_YEAR, Severity.ERROR, msg("no year given"), "a.csv", 3)
    for text in (
        msg(
            "missed in {missed}",
            missed=msg(
                "{year} ({reported}): every year must meet the target", year=2018, reported="5"
            ),
        ),
        joined([msg("{count} used", count=2), msg("{count} rejected", count=1)]),
        ProblemText(problem),
    ):
        copy = pickle.loads(pickle.dumps(text))
        assert isinstance(copy, Message)
        assert copy == text
        assert copy.localized("zh") == text.localized("zh") != str(text)


def test_a_language_without_a_catalog_reads_english() -> None:
    assert msg("no year given").localized("fr") == "no year given"
