"""The states of a concern and the only transitions allowed between them."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .choices import Status

TRANSITIONS: dict[str, frozenset[str]] = {
    Status.RECEIVED: frozenset({Status.UNDER_ASSESSMENT, Status.CLOSED}),
    Status.UNDER_ASSESSMENT: frozenset({Status.FOLLOW_UP, Status.CLOSED}),
    Status.FOLLOW_UP: frozenset({Status.UNDER_ASSESSMENT, Status.CLOSED}),
    # Reopening sends a closed concern back to assessment.
    Status.CLOSED: frozenset({Status.UNDER_ASSESSMENT}),
}

# Initial-discussion disclosures are allowed only while the concern is in this phase.
ASSESSMENT_PHASE = frozenset({Status.RECEIVED, Status.UNDER_ASSESSMENT})

# What a reporter is told: three plain words, never what happens inside the case.
REPORTER_STATUS: dict[str, Promise] = {
    Status.RECEIVED: _("Received"),
    Status.UNDER_ASSESSMENT: _("Being assessed"),
    Status.FOLLOW_UP: _("Being assessed"),
    Status.CLOSED: _("Closed"),
}


def allowed_transitions(status: str) -> frozenset[str]:
    return TRANSITIONS[status]


def is_allowed(from_status: str, to_status: str) -> bool:
    return to_status in TRANSITIONS[from_status]


def leaves_assessment(from_status: str, to_status: str) -> bool:
    return from_status in ASSESSMENT_PHASE and to_status not in ASSESSMENT_PHASE
