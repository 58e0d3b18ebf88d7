"""Shared fixtures: the repository root and the Haidian spec it ships."""

from __future__ import annotations

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


@pytest.fixture(autouse=True)
def _no_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    """Piped output honours COLUMNS; a terminal that exports it must not change golden output."""
    monkeypatch.delenv("COLUMNS", raising=False)
