"""The compiled cache of parsed specs (`planchk.speccache`): a hit only for the same bytes, a
corrupt, foreign or unwritable cache only ever a miss, and nothing a user sees changed by it."""

from __future__ import annotations

import ast
import hashlib
import os
import pickle
import subprocess
import sys
from collections import OrderedDict
from pathlib import Path

import pytest
from typer.testing import CliRunner

from planchk import speccache
from planchk.cli import app
from planchk.language import Lang
from planchk.spec import Spec, SpecError, language_of, spec_of
from planchk.spec import load_spec as parse_spec_file

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "targets" / "indicators.yaml"
FIXTURES = ROOT / "tests" / "fixtures"
runner = CliRunner()


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache directory of the test's own."""
    directory = tmp_path / "cache"
    monkeypatch.setenv(speccache.CACHE_DIR_VARIABLE, str(directory))
    return directory


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The specs parsed from their YAML (a miss), in order; a hit parses nothing."""
    parsed: list[Path] = []
    parse = spec_of

    def counted(data: bytes, path: Path) -> Spec:
        parsed.append(path)
        return parse(data, path)

    monkeypatch.setattr(speccache, "spec_of", counted)
    return parsed


def entries(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.pickle")) if directory.is_dir() else []


def copy_of(spec: Path, directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / "spec.yaml"
    target.write_bytes(spec.read_bytes())
    return target


def test_a_second_load_is_a_hit_and_the_same_spec(
    cache: Path, parses: list[Path], tmp_path: Path
) -> None:
    spec_file = copy_of(SHIPPED, tmp_path / "plan")
    first = speccache.load_spec(spec_file)
    assert parses == [spec_file]
    assert len(entries(cache)) == 1
    second = speccache.load_spec(spec_file)
    assert parses == [spec_file]  # not parsed again
    assert second == first == parse_spec_file(spec_file)
    assert second.model_dump_json() == first.model_dump_json()
    assert second.indicator("9") == first.indicator("9")  # the index is there too


def test_an_edited_byte_is_a_miss(cache: Path, parses: list[Path], tmp_path: Path) -> None:
    spec_file = copy_of(SHIPPED, tmp_path / "plan")
    speccache.load_spec(spec_file)
    text = spec_file.read_bytes()
    # one byte of the plan's English title changed: still a valid spec, another key
    edited = text.replace(b"en: Haidian District 13th", b"en: Haidian Distrikt 13th", 1)
    assert edited != text
    spec_file.write_bytes(edited)
    spec = speccache.load_spec(spec_file)
    assert parses == [spec_file, spec_file]
    assert "Distrikt" in spec.plan.title.get("en")
    assert len(entries(cache)) == 2
    spec_file.write_bytes(text)  # back to the first bytes: a hit again
    assert speccache.load_spec(spec_file) == parse_spec_file(spec_file)
    assert len(parses) == 2


def test_a_changed_version_is_a_miss(monkeypatch: pytest.MonkeyPatch) -> None:
    data = SHIPPED.read_bytes()
    before = speccache.entry_key(data)
    speccache._code_key.cache_clear()
    monkeypatch.setattr("planchk.__version__", "0.0.0-other")
    try:
        assert speccache.entry_key(data) != before
    finally:
        speccache._code_key.cache_clear()


def test_the_key_covers_every_module_that_reads_a_spec() -> None:
    """Every planchk module that reading a spec file loads is part of the key, so that a change
    to how a spec is read can never leave an entry of the old reading in use."""
    program = (
        "import sys\n"
        "from planchk import speccache, spec, yamlload\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'planchk'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True
    )
    assert set(ast.literal_eval(done.stdout)) <= set(speccache.KEY_MODULES)
    assert set(speccache.PICKLED_MODULES) <= set(speccache.KEY_MODULES)


def test_an_edited_module_is_a_miss(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The key reads the modules' source from the package: another source, another key."""
    data = SHIPPED.read_bytes()
    before = speccache.entry_key(data)
    package = tmp_path / "planchk"
    package.mkdir()
    source = Path(speccache.__file__).parent
    for name in speccache.KEY_MODULES:
        file = (name.removeprefix("planchk").lstrip(".") or "__init__") + ".py"
        (package / file).write_bytes((source / file).read_bytes())
    (package / "yamlload.py").write_bytes((source / "yamlload.py").read_bytes() + b"\n# edited\n")
    monkeypatch.setattr(speccache, "__file__", str(package / "speccache.py"))
    speccache._code_key.cache_clear()
    try:
        assert speccache.entry_key(data) != before
        (package / "yamlload.py").write_bytes((source / "yamlload.py").read_bytes())
        speccache._code_key.cache_clear()
        assert speccache.entry_key(data) == before
    finally:
        monkeypatch.undo()
        speccache._code_key.cache_clear()


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: b"not an entry at all", id="garbage"),
        pytest.param(lambda data: data[: len(data) // 2], id="truncated"),
        pytest.param(lambda data: data[:-1] + bytes([data[-1] ^ 1]), id="last-byte"),
        # a byte inside a text: the pickle still loads, as another spec
        pytest.param(lambda data: data.replace(b"Haidian", b"Haidiam", 1), id="text-byte"),
        pytest.param(lambda data: b"", id="empty"),
    ],
)
def test_a_corrupt_entry_is_a_miss_and_rewritten(
    damage: object, cache: Path, parses: list[Path], tmp_path: Path
) -> None:
    spec_file = copy_of(SHIPPED, tmp_path / "plan")
    expected = speccache.load_spec(spec_file)
    (entry,) = entries(cache)
    good = entry.read_bytes()
    assert callable(damage)
    entry.write_bytes(damage(good))
    assert speccache.language_of_spec(spec_file) == language_of(spec_file)
    assert speccache.load_spec(spec_file) == expected
    assert len(parses) == 2  # parsed again
    assert entry.read_bytes() == good  # and stored again


#: Calls of `_forged`: a forged entry's code that must never run.
FORGED_CALLS: list[str] = []


def _forged() -> Spec:
    FORGED_CALLS.append("called")
    return parse_spec_file(SHIPPED)


class _Forged:
    """Unpickles as a call of `_forged`, which would give a perfectly good spec."""

    def __reduce__(self) -> tuple[object, tuple[()]]:
        return (_forged, ())


@pytest.mark.parametrize(
    "payload",
    [
        pytest.param(lambda: pickle.dumps(_Forged()), id="code-giving-a-spec"),
        pytest.param(lambda: pickle.dumps(OrderedDict(spec=1)), id="not-a-spec"),
    ],
)
def test_an_entry_holding_another_class_is_never_unpickled(
    payload: object, cache: Path, parses: list[Path], tmp_path: Path
) -> None:
    """Even with its key and content hash right, an entry is built only from a spec's classes:
    no other code runs, and the spec is parsed again."""
    spec_file = copy_of(SHIPPED, tmp_path / "plan")
    expected = speccache.load_spec(spec_file)
    (entry,) = entries(cache)
    assert callable(payload)
    forged = payload()
    head = entry.read_bytes()[: len(speccache._MAGIC) + 32]
    entry.write_bytes(head + hashlib.sha256(forged).digest() + b"e" + forged)
    assert speccache.load_spec(spec_file) == expected
    assert FORGED_CALLS == []
    assert len(parses) == 2


def test_a_spec_with_errors_is_never_stored(
    cache: Path, parses: list[Path], tmp_path: Path
) -> None:
    spec_file = tmp_path / "spec.yaml"
    spec_file.write_text(
        SHIPPED.read_text(encoding="utf-8").replace("base_year: 2015", "base_year: soon", 1),
        encoding="utf-8",
    )
    for _ in range(2):
        with pytest.raises(SpecError) as error:
            speccache.load_spec(spec_file)
        assert "base_year" in str(error.value.problems[0].message)
    assert len(parses) == 2
    assert entries(cache) == []


def test_the_cache_turned_off_stores_nothing(
    cache: Path, parses: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(speccache.NO_CACHE_VARIABLE, "1")
    assert speccache.cache_directory(os.environ) is None
    assert speccache.load_spec(SHIPPED) == speccache.load_spec(SHIPPED)
    assert len(parses) == 2
    assert not cache.exists()


def test_an_unwritable_cache_directory_is_only_not_used(
    tmp_path: Path, parses: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the directory cannot be made (its parent is a file) nothing is written."""
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(speccache.CACHE_DIR_VARIABLE, str(blocker / "cache"))
    assert speccache.load_spec(SHIPPED) == parse_spec_file(SHIPPED)
    assert speccache.load_spec(SHIPPED) == parse_spec_file(SHIPPED)
    assert len(parses) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes to read-only folders"
)
def test_a_read_only_home_still_works(
    tmp_path: Path, parses: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    home.chmod(0o500)
    monkeypatch.delenv(speccache.CACHE_DIR_VARIABLE)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(home))
    try:
        assert speccache.load_spec(SHIPPED) == parse_spec_file(SHIPPED)
        assert list(home.iterdir()) == []
    finally:
        home.chmod(0o700)


def test_where_the_cache_is(tmp_path: Path) -> None:
    home = Path.home()
    assert speccache.cache_directory({}) == home / ".cache" / "planchk"
    assert speccache.cache_directory({"XDG_CACHE_HOME": str(tmp_path)}) == tmp_path / "planchk"
    assert speccache.cache_directory({"XDG_CACHE_HOME": "relative"}) == home / ".cache" / "planchk"
    named = {"PLANCHK_CACHE_DIR": str(tmp_path / "c"), "XDG_CACHE_HOME": str(tmp_path)}
    assert speccache.cache_directory(named) == tmp_path / "c"
    assert speccache.cache_directory({**named, "PLANCHK_NO_CACHE": "1"}) is None
    assert speccache.cache_directory({**named, "PLANCHK_NO_CACHE": "0"}) == tmp_path / "c"


def test_entries_are_written_whole(cache: Path, tmp_path: Path) -> None:
    """A temporary file renamed into place: none is left behind, and the entry is the user's."""
    speccache.load_spec(copy_of(SHIPPED, tmp_path / "plan"))
    assert [p.name for p in cache.iterdir()] == [entries(cache)[0].name]
    if hasattr(os, "getuid"):
        assert entries(cache)[0].stat().st_uid == os.getuid()


def every_spec() -> list[Path]:
    found = [SHIPPED, *sorted(FIXTURES.glob("*/spec.yaml")), *sorted(FIXTURES.glob("specs/*.yaml"))]
    found += sorted((ROOT / "tests" / "cases" / "valid").glob("*/spec.yaml"))
    return found


@pytest.mark.parametrize("spec_file", every_spec(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_valid_spec_is_stored_and_read_back(
    spec_file: Path, cache: Path, parses: list[Path]
) -> None:
    """Every spec the tests hold is made only of the classes the cache allows (a spec holding
    another class would be parsed on every run), and reads back equal, language included."""
    first = speccache.load_spec(spec_file)
    assert len(entries(cache)) == 1
    assert speccache.load_spec(spec_file).model_dump_json() == first.model_dump_json()
    assert speccache.language_of_spec(spec_file) == language_of(spec_file)
    assert parses == [spec_file]


def test_a_hit_reads_no_yaml(cache: Path) -> None:
    """What the cache is for: a run that finds its spec there never imports the YAML parser."""
    speccache.load_spec(SHIPPED)
    program = (
        "import sys\n"
        "from pathlib import Path\n"
        "from planchk import speccache\n"
        f"path = Path({str(SHIPPED)!r})\n"
        "speccache.language_of_spec(path)\n"
        "speccache.load_spec(path)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('yaml', 'planchk')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True
    )
    assert "'yaml'" not in done.stdout
    assert "planchk.yamlload" not in done.stdout
    assert "planchk.speccache" in done.stdout


def test_the_language_is_read_from_the_cache(cache: Path, tmp_path: Path) -> None:
    zh = tmp_path / "zh.yaml"
    text = SHIPPED.read_text(encoding="utf-8")
    assert "language:" not in text.split("categories:")[0]
    zh.write_text(text.replace("plan:\n", "plan:\n  language: zh\n", 1), encoding="utf-8")
    speccache.load_spec(zh)
    assert speccache.language_of_spec(zh) is Lang.ZH == language_of(zh)
    assert speccache.language_of_spec(SHIPPED) is language_of(SHIPPED)


def run(args: list[str], cwd: Path) -> tuple[int, str, str]:
    here = Path.cwd()
    os.chdir(cwd)
    try:
        result = runner.invoke(app, args)
    finally:
        os.chdir(here)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("args", "cwd"),
    [
        pytest.param(["evaluate", "data/2018.csv", "--format", "json"], ROOT, id="shipped"),
        pytest.param(
            ["evaluate", "data.csv", "--spec", "spec.yaml", "--format", "json", "--year", "2023"],
            FIXTURES / "national-14th",
            id="national-14th",
        ),
        pytest.param(
            ["evaluate", "data.csv", "--spec", "spec.yaml", "--format", "table", "--year", "2023"],
            FIXTURES / "national-14th",
            id="national-14th-table",
        ),
        pytest.param(
            ["validate", "2018.csv", "--spec", "spec.yaml"],
            ROOT / "tests" / "cases" / "valid" / "warnings-only",
            id="warnings",
        ),
        pytest.param(
            ["evaluate", "2018.csv", "--spec", "spec.yaml"],
            ROOT / "tests" / "cases" / "valid" / "warnings-only",
            id="warnings-evaluate",
        ),
    ],
)
def test_the_output_is_the_same_with_and_without_the_cache(
    args: list[str], cwd: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cold = run(args, cwd)  # stores the spec
    assert len(entries(cache)) == 1
    warm = run(args, cwd)  # reads it
    monkeypatch.setenv(speccache.NO_CACHE_VARIABLE, "1")
    without = run(args, cwd)
    assert cold == warm == without
    assert cold[0] in (0, 1)
    assert cold[1]


def test_the_spec_warnings_are_told_with_the_cache(cache: Path) -> None:
    case = ROOT / "tests" / "cases" / "valid" / "warnings-only"
    for _ in range(2):
        code, stdout, _ = run(["validate", "2018.csv", "--spec", "spec.yaml"], case)
        assert code == 0
        assert "inconsistent-baseline" in stdout


def test_a_broken_spec_is_reported_on_every_run(cache: Path, tmp_path: Path) -> None:
    spec_file = tmp_path / "spec.yaml"
    spec_file.write_text(
        SHIPPED.read_text(encoding="utf-8").replace("base_year: 2015", "base_year: soon", 1),
        encoding="utf-8",
    )
    told = [
        run(["evaluate", str(ROOT / "data" / "2018.csv"), "--spec", str(spec_file)], tmp_path)
        for _ in range(2)
    ]
    assert told[0] == told[1]
    assert told[0][0] == 2
    assert "base_year" in told[0][2]
    assert entries(cache) == []
