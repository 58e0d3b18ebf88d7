"""The language of the running command: `--lang`, else `PLANCHK_LANG`, else the spec's
`plan.language`, else English (`planchk.language.chosen_language`). A command chooses it
before anything can go wrong (`start`), and again once its spec is read (`inputs.load_spec`)."""

from __future__ import annotations

import os
from pathlib import Path

from planchk.language import Lang, chosen_language


class _Voice:
    flag: Lang | None = None
    lang: Lang = Lang.EN


def current() -> Lang:
    """The language the command speaks in."""
    return _Voice.lang


def choose(flag: Lang | None, spec_language: Lang | None = None) -> Lang:
    """Choose the command's language (and remember `--lang` for when the spec is read); a
    `PLANCHK_LANG` that names no language is a usage error."""
    from planchk.cli.exits import fail  # noqa: PLC0415

    _Voice.flag = flag
    try:
        _Voice.lang = chosen_language(flag, os.environ, spec_language)
    except ValueError as exc:
        _Voice.lang = Lang.EN
        fail(exc.args[0])
    return _Voice.lang


def start(flag: Lang | None, spec: Path | None) -> Lang:
    """Choose the command's language before anything else: the spec's is read from its file
    without checking the rest (`planchk.spec.language_of`), or from the spec cache."""
    from planchk.spec import default_spec_path  # noqa: PLC0415
    from planchk.speccache import language_of_spec  # noqa: PLC0415

    return choose(flag, language_of_spec(spec or default_spec_path()))


def spec_read(spec_language: Lang | None) -> Lang:
    """Choose again once the spec is read (or found broken): `--lang` still wins."""
    return choose(_Voice.flag, spec_language)
