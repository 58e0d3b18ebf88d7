"""The one error of drafting: input that cannot become a spec (exit code 2)."""

from __future__ import annotations

from planchk.language import Lang


class DraftError(Exception):
    """A plan file planchk cannot draft a spec from; the message says what was found instead.
    `language` is the plan's, once its file could be read (None before)."""

    language: Lang | None = None
