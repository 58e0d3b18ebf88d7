"""How planchk shows numbers: for a calculator (`plain`) and for a reader (`readable`).

Shown numbers keep the digits the plan and the data have (23.04 stays 23.04, so a decision
on an exact boundary is visible); only numbers planchk computed, with more digits than any
input has, are rounded. Floats here are for display only: statuses are decided exactly.
"""

from __future__ import annotations

#: Decimals a plan or a bulletin writes at most; a value with more was computed by planchk.
_WRITTEN_DECIMALS = 3


def num(value: float | int) -> str:
    """A number a calculator accepts: no thousands separators, six significant digits."""
    if isinstance(value, int) or (value == int(value) and abs(value) < 1e15):
        return str(int(value))
    if abs(value) >= 1e6:
        return f"{value:.0f}"
    return f"{value:.6g}"


def parenthesised(value: float | int) -> str:
    """A number inside a formula: negative numbers in parentheses."""
    text = num(value)
    return f"({text})" if value < 0 else text


def written_decimals(value: float) -> int | None:
    """The decimals of `value` as written (23.04 has 2), or None when it has more than a plan
    or bulletin writes (a computed 19723.333333)."""
    text = repr(float(value))
    if "e" in text or "E" in text:
        return None
    decimals = len(text.split(".")[1].rstrip("0")) if "." in text else 0
    return decimals if decimals <= _WRITTEN_DECIMALS else None


def number(value: float | None, unit: str = "") -> str:
    """A readable number: 16,300; 5.8; 0.25; 23.04; with % glued on for percentages."""
    if value is None:
        return "–"
    magnitude = abs(value)
    written = written_decimals(value)
    if written is not None:
        text = f"{value:,.{written}f}"
    elif magnitude >= 1000:
        text = f"{value:,.0f}"
    elif magnitude >= 10:
        text = f"{value:,.1f}"
    else:
        text = f"{value:.2f}".rstrip("0").rstrip(".")
    if text in ("-0", "-0.0", "-0.00"):
        text = "0"
    return f"{text}%" if unit == "%" else text
