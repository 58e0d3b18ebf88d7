"""The language planchk speaks to people: the spec sets it, `PLANCHK_LANG` overrides the spec,
and `--lang` overrides both."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from planchk.messages import msg

#: The environment variable that overrides a spec's `plan.language` (but not `--lang`).
LANG_VARIABLE = "PLANCHK_LANG"


class Lang(StrEnum):
    """Language of names, labels and messages in what people read."""

    EN = "en"
    ZH = "zh"


def chosen_language(
    flag: Lang | None, environ: Mapping[str, str], spec_language: Lang | None
) -> Lang:
    """`--lang` if given, else `PLANCHK_LANG` if set to a language, else the spec's, else en.

    A `PLANCHK_LANG` that names no language planchk speaks is an error (`ValueError`), never
    silently English."""
    if flag is not None:
        return flag
    value = environ.get(LANG_VARIABLE, "").strip().lower()
    if value:
        try:
            return Lang(value)
        except ValueError:
            raise ValueError(
                msg(
                    "{variable}={value!r} is not a language planchk speaks (en or zh)",
                    variable=LANG_VARIABLE,
                    value=value,
                )
            ) from None
    return spec_language or Lang.EN
