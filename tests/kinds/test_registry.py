"""The kinds registry: every target kind provides every part, documented."""

from __future__ import annotations

import dataclasses
import inspect

from planchk.kinds import KINDS, Kind
from planchk.spec import TargetKind
from planchk.trails import TRAILS


def test_every_target_kind_is_registered() -> None:
    assert set(KINDS) == set(TargetKind)


def test_every_kind_provides_every_part_with_a_docstring() -> None:
    parts = [f.name for f in dataclasses.fields(Kind) if f.name not in ("kind", "trail")]
    assert parts == [
        "measure",
        "target_words",
        "judged",
        "steps",
        "projection_steps",
        "trajectory",
        "check",
        "many",
    ]
    for kind, entry in KINDS.items():
        assert entry.kind is kind
        module = inspect.getmodule(entry.measure)
        assert module is not None
        assert module.__doc__, f"{kind}: the module documents the kind"
        for part in parts:
            function = getattr(entry, part)
            if part == "many" and function is None:
                continue  # optional: a kind without it is judged region by region in panels
            assert callable(function), (kind, part)
            # Each part lives in the kind's own module: nothing about a kind is elsewhere.
            assert inspect.getmodule(function) is module, (kind, part)


def test_every_kind_registers_the_trail_model_reports_are_read_with() -> None:
    # A report read back from JSON picks the model from TRAILS; the kind records with its own.
    assert set(TRAILS) == set(TargetKind)
    for kind, entry in KINDS.items():
        assert entry.trail is TRAILS[kind], kind
        assert entry.trail.tag == kind.value, kind
