"""The schema's links (OpenAPI 3.1 `links`): which id in an answer feeds which next call. A generated
client and a stateful test walk the API with them, from a list to its rows and from a create to what
it made, using only ids the API gave."""

from typing import Any

CONCERN_CALLS = (
    "read_concern",
    "change_status",
    "list_measures",
    "list_consents",
    "list_disclosures",
    "list_assessments",
    "list_concern_choices",
    "create_measure",
    "create_consent",
    "create_disclosure",
)


def _to(operations: tuple[str, ...], **parameters: str) -> dict[str, Any]:
    return {operation: {"operationId": operation, "parameters": parameters} for operation in operations}


FIRST_ROW = "$response.body#/items/0/id"
MADE = "$response.body#/id"
SAME_CONCERN = "$request.path.concern_id"

# operationId → status → the links of that answer.
LINKS: dict[str, dict[int, dict[str, Any]]] = {
    "list_concerns": {200: _to(CONCERN_CALLS, concern_id=FIRST_ROW)},
    "create_concern": {201: _to(CONCERN_CALLS, concern_id=MADE)},
    "create_advice_session": {201: _to(("read_advice_session",), session_id=MADE)},
    "list_measures": {200: _to(("read_measure",), concern_id=SAME_CONCERN, measure_id=FIRST_ROW)},
    "create_measure": {201: _to(("read_measure",), concern_id=SAME_CONCERN, measure_id=MADE)},
    "list_consents": {200: _to(("read_consent",), concern_id=SAME_CONCERN, consent_id=FIRST_ROW)},
    "create_consent": {201: _to(("read_consent",), concern_id=SAME_CONCERN, consent_id=MADE)},
    "list_disclosures": {200: _to(("read_disclosure",), concern_id=SAME_CONCERN, disclosure_id=FIRST_ROW)},
    "create_disclosure": {201: _to(("read_disclosure",), concern_id=SAME_CONCERN, disclosure_id=MADE)},
    "list_assessments": {200: _to(("read_assessment",), concern_id=SAME_CONCERN, assessment_id=FIRST_ROW)},
    "list_meetings": {200: _to(("read_meeting",), meeting_id=FIRST_ROW)},
    "list_trainings": {200: _to(("read_training",), training_id=FIRST_ROW)},
    "create_training": {201: _to(("read_training",), training_id=MADE)},
}


def add_links(details: dict[str, Any]) -> None:
    for status, links in LINKS.get(details["operationId"], {}).items():
        details["responses"][status]["links"] = links
