"""Messages for people, in the language chosen when output is produced.

A message is made as its message id, the English template with named placeholders, and its
parameters: `msg("{value!r} is not a number", value=raw)`. It is a `str` that reads as its
English text (so JSON, JUnit and logs keep stable English messages) and keeps the id and the
parameters, so `localize(text, "zh")` renders it from the catalog
`locale/zh/LC_MESSAGES/planchk.mo`, read with the standard library's gettext. A parameter
that is itself a message (an indicator named by `indicator_ref`) is rendered in the same
language. `pybabel extract` finds the ids by the keyword `msg` (see the README).
"""

from __future__ import annotations

import gettext
from functools import cache
from pathlib import Path
from typing import Annotated, Any

from pydantic import ValidatorFunctionWrapHandler, WrapValidator

DOMAIN = "planchk"
LOCALE_DIR = Path(__file__).parent / "locale"


class Message(str):
    """Text made from a message id and parameters: reads as English, renders in any language."""

    msgid: str
    params: dict[str, object]

    def __new__(cls, msgid: str, /, **params: object) -> Message:
        self = super().__new__(cls, msgid.format(**params) if params else msgid)
        self.msgid = msgid
        self.params = params
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self.msgid, self.params))

    def localized(self, lang: str) -> str:
        """The message in `lang`; the English text where the catalog has no translation."""
        if lang == "en":
            return str.__str__(self)
        template = translations(lang).gettext(self.msgid)
        values = {key: localize(value, lang) for key, value in self.params.items()}
        return template.format(**values)


def _rebuild(msgid: str, params: dict[str, object]) -> Message:
    return Message(msgid, **params)


def msg(msgid: str, /, **params: object) -> Message:
    """A message for people: `msgid` is the English template, marked for extraction."""
    return Message(msgid, **params)


def localize(value: object, lang: str) -> Any:
    """`value` in `lang` when it is a message; anything else unchanged (numbers keep their
    format specs)."""
    return value.localized(lang) if isinstance(value, Message) else value


def text_in(value: str, lang: str) -> str:
    """A text for people in `lang`: a message rendered, any other text as it is."""
    return value.localized(lang) if isinstance(value, Message) else value


@cache  # one per indicator: a problem log of 10,000 rows names the same few indicators
def indicator_ref(no: int | str, id: str, name: str | None) -> Message:
    """An indicator as a message names it: `9 (patents)` in English, `指标9“每万人发明专利拥有量”`
    in Chinese (by its number and its Chinese name; its id where it has none)."""
    return msg("{no} ({id})", no=no, id=id, name=name or id)


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The compiled catalog of `lang`; English (no translation) where there is none."""
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)


def catalog_languages() -> tuple[str, ...]:
    """The languages with a compiled catalog."""
    return tuple(
        sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo"))
    )


def _keep_message(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
    return value if isinstance(value, Message) else handler(value)


#: A text field of a result that keeps a message as a message (pydantic would make it a plain
#: `str`), so that a result can be rendered in either language; JSON holds its English text.
Text = Annotated[str, WrapValidator(_keep_message)]


def said(exc: BaseException) -> str:
    """What an exception says: its message (kept, to be rendered in any language) or its text."""
    first = exc.args[0] if len(exc.args) == 1 else None
    return first if isinstance(first, str) else str(exc)


#: The separators of a list in Chinese: the full-width comma and semicolon.
_ZH_SEPARATORS = {", ": "，", "; ": "；"}


class Joined(Message):
    """Texts in a list (`3 used, 1 rejected`): each in the language, joined as it writes lists."""

    parts: tuple[str, ...]
    separator: str

    def __new__(cls, parts: list[str] | tuple[str, ...], separator: str = ", ") -> Joined:
        self = str.__new__(cls, separator.join(parts))
        self.msgid = str.__str__(self)
        self.params = {}
        self.parts = tuple(parts)
        self.separator = separator
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (Joined, (self.parts, self.separator))

    def localized(self, lang: str) -> str:
        separator = _ZH_SEPARATORS[self.separator] if lang == "zh" else self.separator
        return separator.join(text_in(part, lang) for part in self.parts)


def joined(parts: list[str] | tuple[str, ...], separator: str = ", ") -> Message:
    """`parts` as a list in a message: `a, b` in English, `a，b` in Chinese (`separator` "; "
    for a list of lists: `a; b`, `a；b`)."""
    return Joined(parts, separator)
