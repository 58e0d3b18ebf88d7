"""`qualitative`: a target in words, judged only by a person's assessment (保持在合理区间、各年度视情提出).

The 14th Five-Year Plan sets GDP growth as 保持在合理区间、各年度视情提出: no number the data
could be compared with. A qualitative target is written `target: {kind: qualitative, text:
{zh: …, en: …}}` and has no comparator, value, path, projection or pace. Its status is the
status of its assessment (`--assessments FILE`, `planchk.assessments`): the status given, with
the reason, who assessed it and when, and the evidence. Without an assessment it is `no_data`
with the reason "needs an assessment", and it has no score, so it does not count as scored in
coverage. The data's values for it, if any, are charted, never judged.
"""

from __future__ import annotations

from planchk.data import Dataset
from planchk.kinds import series
from planchk.kinds.base import Context, Kind, Measurement, NoData
from planchk.kinds.steps import Steps
from planchk.messages import msg
from planchk.results import IndicatorResult, Trajectory
from planchk.safetext import plain as clean
from planchk.spec import Indicator, Spec, TargetKind
from planchk.trails import QualitativeTrail

#: The reason of a qualitative target without an assessment.
NEEDS_ASSESSMENT = msg("needs an assessment: a qualitative target is judged only by one")


def measure(ctx: Context) -> Measurement:
    """Nothing to measure: a qualitative target is judged by its assessment alone."""
    raise NoData(NEEDS_ASSESSMENT)


def target_words(w: Steps, spec: Spec, indicator: Indicator) -> str:
    return w.say("judged by an assessment", "由评估认定")


def judged(w: Steps) -> str:
    return w.say("the assessment", "评估结论")


def steps(w: Steps, spec: Spec, indicator: Indicator, r: IndicatorResult) -> None:
    """What was assessed: the target's words, the verdict, its reason, who, when and on what."""
    a = r.assessment
    text = indicator.target.text
    words = "" if text is None else clean(text.get(w.lang))
    if a is None:
        return
    who = clean(a.assessed_by) if a.assessed_by else w.say("not named", "未注明")
    when = a.date.isoformat() if a.date is not None else w.say("no date", "未注明日期")
    w.numbered(
        w.say(
            f"Assessed: “{words}”: {a.status.label('en')} ({clean(a.reason)}), by {who}, {when}",
            f"评估:“{words}”:{a.status.zh}({clean(a.reason)}),评估人 {who},{when}",
        ),
        "assessment.status",
        "assessment.reason",
    )
    if a.evidence:
        w.line(w.say(f"Evidence: {clean(a.evidence)}", f"依据:{clean(a.evidence)}"))


def projection_steps(w: Steps, spec: Spec, indicator: Indicator, r: IndicatorResult) -> None:
    """No projection: there is no number to extend."""


def trajectory(
    spec: Spec, dataset: Dataset, indicator: Indicator, result: IndicatorResult, year: int
) -> Trajectory:
    """The data's values, if any, without an expected path or a target line."""
    base = spec.base_year_of(indicator)
    actual = tuple(
        series.point(y, float(obs.value), obs)
        for y in range(base, year + 1)
        if (obs := dataset.get(indicator.id, y)) is not None
    )
    return Trajectory(
        quantity="level",
        unit=series.unit(indicator),
        baseline=None,
        target=None,
        expected=(),
        actual=actual,
        observations=series.rows(dataset, indicator, base, year),
    )


def check(indicator: Indicator) -> tuple[str, ...]:
    """A qualitative target has no rule of its own beyond the spec model's."""
    return ()


KIND = Kind(
    kind=TargetKind.QUALITATIVE,
    trail=QualitativeTrail,
    measure=measure,
    target_words=target_words,
    judged=judged,
    steps=steps,
    projection_steps=projection_steps,
    trajectory=trajectory,
    check=check,
)
