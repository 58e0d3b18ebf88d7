"""Typed values of a Parquet column or a database result as the text a CSV cell would hold."""

from __future__ import annotations

from decimal import Decimal


def cell_text(value: object) -> str:
    """The text of one value: "" for a null, a float as the shortest decimal that gives the same
    double (4.9, as Python and spreadsheets show it), a decimal as written, digits without an
    exponent."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return str(value)
