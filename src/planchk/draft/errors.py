"""The one error of drafting: input that cannot become a spec (exit code 2)."""

from __future__ import annotations


class DraftError(Exception):
    """A plan file planchk cannot draft a spec from; the message says what was found instead."""
