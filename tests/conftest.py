"""Shared fixtures: the repository root, the Haidian spec it ships, a PostgreSQL server."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from planchk.spec import Spec, load_spec


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The checkout's root directory (holding targets/, data/ and tests/)."""
    return Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def spec(repo_root: Path) -> Spec:
    """The real indicator spec, targets/indicators.yaml, loaded once per session."""
    return load_spec(repo_root / "targets" / "indicators.yaml")


#: The variable naming the PostgreSQL server the tests use (`.ci/run` starts one and sets it).
POSTGRES_URL_VARIABLE = "PLANCHK_TEST_POSTGRES_URL"


@dataclass(frozen=True)
class Postgres:
    """A PostgreSQL server for one test: its URL, and a schema of the test's own."""

    url: str
    schema: str


@pytest.fixture
def postgres() -> Iterator[Postgres]:
    """A fresh schema on the server named by PLANCHK_TEST_POSTGRES_URL, dropped afterwards.

    Skipped without a server, except under CI (CI=true), where a missing server fails the test:
    `.ci/run` starts one, so its absence is a broken CI, not a reason to test less."""
    url = os.environ.get(POSTGRES_URL_VARIABLE)
    if not url:
        reason = (
            f"no PostgreSQL server: set {POSTGRES_URL_VARIABLE}=postgresql://user:password@"
            "host:port/database (.ci/run starts one)"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    import sqlalchemy as sa  # noqa: PLC0415

    from tables import engine  # noqa: PLC0415

    schema = f"planchk_test_{uuid.uuid4().hex[:12]}"
    with engine(url).begin() as connection:
        connection.execute(sa.text(f"create schema {schema}"))
    yield Postgres(url, schema)
    with engine(url).begin() as connection:
        connection.execute(sa.text(f"drop schema {schema} cascade"))


@pytest.fixture(autouse=True)
def _no_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    """Piped output honours COLUMNS; a terminal that exports it must not change golden output."""
    monkeypatch.delenv("COLUMNS", raising=False)


@pytest.fixture(autouse=True)
def _no_language(monkeypatch: pytest.MonkeyPatch) -> None:
    """PLANCHK_LANG overrides a spec's language; one exported where tests run must not change
    golden output."""
    monkeypatch.delenv("PLANCHK_LANG", raising=False)


@pytest.fixture(scope="session")
def _spec_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("spec-cache")


@pytest.fixture(autouse=True)
def _spec_cache(monkeypatch: pytest.MonkeyPatch, _spec_cache_dir: Path) -> None:
    """The commands keep parsed specs in a cache (`planchk.speccache`): the tests' own, one for
    the session, so that no test writes to the user's cache and the suite runs each spec both
    ways (its first run stores it, later runs read it)."""
    monkeypatch.setenv("PLANCHK_CACHE_DIR", str(_spec_cache_dir))
    monkeypatch.delenv("PLANCHK_NO_CACHE", raising=False)
