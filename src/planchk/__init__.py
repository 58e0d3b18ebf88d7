"""planchk: check reported statistics against a five-year plan's indicator targets.

Library use::

    from planchk import evaluate, load_data, load_spec

    spec = load_spec("targets/indicators.yaml")
    report = evaluate(spec, load_data(["data/"], spec))
    print(report.summary.score, [y.score for y in report.trend])

With manual assessments (a person's verdict, for qualitative targets or overriding a computed
status), `evaluate(spec, data, assessments=load_assessments("assessments.yaml", spec))`.

`evaluate` returns what `planchk evaluate --format json` prints: for data without a region
column the assessment year's `Report` with every year of the data up to it (history, trend,
changes that matter, trajectories); for a panel the `PanelReport` ranking its regions, or with
`region="name"` that region's `RegionReport`.

Names are imported on first use, so `import planchk` (and the CLI's start-up) stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Assessments",
    "Dataset",
    "Evaluation",
    "EvaluationError",
    "InputError",
    "Report",
    "Spec",
    "SpecError",
    "Status",
    "__version__",
    "evaluate",
    "load_assessments",
    "load_data",
    "load_spec",
]

_EXPORTS = {
    "Assessments": "planchk.assessments",
    "load_assessments": "planchk.assessments",
    "Dataset": "planchk.data",
    "load_data": "planchk.data",
    "evaluate": "planchk.evaluation",
    "Evaluation": "planchk.evaluation",
    "EvaluationError": "planchk.engine",
    "InputError": "planchk.problems",
    "Report": "planchk.results",
    "Status": "planchk.results",
    "Spec": "planchk.spec",
    "SpecError": "planchk.spec",
    "load_spec": "planchk.spec",
}

if TYPE_CHECKING:
    from planchk.assessments import Assessments, load_assessments
    from planchk.data import Dataset, load_data
    from planchk.engine import EvaluationError
    from planchk.evaluation import Evaluation, evaluate
    from planchk.problems import InputError
    from planchk.results import Report, Status
    from planchk.spec import Spec, SpecError, load_spec


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'planchk' has no attribute {name!r}")
    from importlib import import_module  # noqa: PLC0415

    return getattr(import_module(module), name)
