"""Action plans in and out of YAML files (`varde-plan/1`), checked with the line and field at fault."""

import json
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator

from varde.core.documents import DocumentError, located, read_document

from .models import ActionPlan

SCHEMA_PATH = Path(__file__).with_name("plan.schema.json")
DEMO_PLAN = Path(__file__).parent / "plans" / "fredrikstad-demo.yaml"
MAX_FILE_BYTES = 1024 * 1024


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def read_plan(source: str) -> dict[str, Any]:
    """Parse and check a plan file; returns the document or raises DocumentError."""
    node, document = read_document(
        source,
        validator=_validator(),
        max_bytes=MAX_FILE_BYTES,
        not_a_mapping=_("The file must hold one plan: a mapping with format, title, version and measures."),
    )
    problems = _consistency_problems(node, document)
    if problems:
        raise DocumentError(problems)
    return document


def _consistency_problems(node: Any, document: dict[str, Any]) -> list[str]:
    problems = []
    try:
        date.fromisoformat(document["adopted_on"])
    except ValueError:
        problems.append(located(node, ["adopted_on"], _("not a real date")))
    numbers: set[int] = set()
    for index, measure in enumerate(document["measures"]):
        if measure["number"] in numbers:
            problems.append(
                located(
                    node,
                    ["measures", index, "number"],
                    _("the number %(n)s is used twice") % {"n": measure["number"]},
                )
            )
        numbers.add(measure["number"])
    codes: set[str] = set()
    for index, obligation in enumerate(document.get("obligations", [])):
        if obligation["code"] in codes:
            problems.append(
                located(
                    node,
                    ["obligations", index, "code"],
                    _("the code %(code)s is used twice") % {"code": obligation["code"]},
                )
            )
        codes.add(obligation["code"])
        if obligation.get("measure") is not None and obligation["measure"] not in numbers:
            problems.append(
                located(
                    node,
                    ["obligations", index, "measure"],
                    _("there is no measure number %(n)s") % {"n": obligation["measure"]},
                )
            )
        if obligation["evidence"] == "activity" and obligation.get("measure") is None:
            problems.append(
                located(
                    node, ["obligations", index], _("activity evidence needs the measure it is logged on")
                )
            )
    return problems


def export_plan(plan: ActionPlan) -> str:
    """The plan as a file that `varde plan import` reads back, with today's measure statuses."""
    document: dict[str, Any] = {
        "format": "varde-plan/1",
        "title": plan.title,
        "version": plan.version,
        "adopted_on": plan.adopted_on.isoformat(),
        "measures": [
            {
                "number": m.number,
                "title": m.title,
                "description": m.description,
                "responsible": m.responsible,
                "status": m.status,
            }
            for m in plan.measures.order_by("number")
        ],
        "obligations": [
            {
                "code": o.code,
                "title": o.title,
                "description": o.description,
                "rule": o.rule,
                "value": o.value,
                "evidence": o.evidence,
                **({"measure": o.measure.number} if o.measure else {}),
            }
            for o in plan.obligations.select_related("measure").order_by("code")
        ],
    }
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)
