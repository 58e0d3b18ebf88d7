"""How each status looks in the documents (`planchk report`): its colour, its ink and its symbol.

Regressing (moving away from the target before the end year) and not achieved (the end-of-plan
verdict) are different findings, so the documents give them different symbols and colours; the
terminal keeps the one symbol of `Status.symbol`.
"""

from __future__ import annotations

from planchk.results import Status

#: Status colours, after the SDG progress charts: greens on course, yellow to red off course,
#: and a dark wine for a target missed at the end of the plan.
STATUS_COLOURS: dict[Status, str] = {
    Status.ACHIEVED: "#1b7837",
    Status.ON_TRACK: "#5aae61",
    Status.BEHIND: "#f1c232",
    Status.OFF_TRACK: "#e66101",
    Status.REGRESSING: "#d7301f",
    Status.NOT_ACHIEVED: "#67001f",
    Status.NO_DATA: "#bdbdbd",
    Status.INCONCLUSIVE: "#bdbdbd",
}

#: Text colour on each status colour: dark on the light fills, white on the others.
STATUS_INK: dict[Status, str] = {
    status: "#222222"
    if status in {Status.BEHIND, Status.NO_DATA, Status.INCONCLUSIVE}
    else "#ffffff"
    for status in Status
}
STATUS_INK[Status.ON_TRACK] = "#0b2e13"

#: Symbols in the documents: an arrow for moving away, a cross for a target missed.
STATUS_SYMBOLS: dict[Status, str] = {
    **{status: status.symbol for status in Status},
    Status.REGRESSING: "↓",
    Status.NOT_ACHIEVED: "✖",
}
