"""The audit trail in words: each action and purpose the code records, as the privacy officer reads it.

Codes stay in the trail (they are part of the hash chain and of the API); the pages show these
labels. The codes labelled here are the only ones the trail accepts: record_event refuses any other,
so a new action cannot reach the trail without words for the officer (ADR 0041).
"""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from varde.concerns.choices import EVENT_LABELS

ACTION_LABELS: dict[str, Promise] = {
    "concern.viewed": _("Read the case"),
    "concern.access_refused": _("Refused: tried to open a case without access"),
    "concern.list_viewed": _("Read the case list"),
    "concern.receipts_viewed": _("Read own reports' receipts"),
    "concern.restricted": _("Restricted by the retention rule"),
    "concern.erased": _("Erased by the retention rule"),
    "assessment.viewed": _("Read a structured assessment"),
    "assessment.started": _("Started a structured assessment"),
    "assessment.saved": _("Saved a structured assessment"),
    "advice_session.logged": _("Logged an advice session"),
    "advice_session.list_viewed": _("Read the list of advice sessions"),
    "advice_session.viewed": _("Read an advice session"),
    "audit.viewed": _("Read the audit trail"),
    "audit.exported": _("Exported the audit trail"),
    "audit.verified": _("Verified the audit trail's hash chain"),
    "privacy.access_report": _("Produced an access report"),
    "retention.viewed": _("Read the retention overview"),
    "subject_request.registered": _("Registered a request from a person"),
    "subject_request.viewed": _("Read a request from a person"),
    "subject_request.updated": _("Noted the handling of a request"),
    "subject_request.answered": _("Answered a request from a person"),
    "login.succeeded": _("Logged in"),
    "login.failed": _("Failed login"),
    "login.address_refused": _("Login refused for the address"),
    "login.second_factor": _("Passed the second factor"),
    "login.second_factor_failed": _("Wrong second-factor code"),
    "logout": _("Logged out"),
    "user.viewed": _("Opened a user account"),
    "user.created": _("Created a user"),
    "user.activated": _("Activated a user"),
    "user.deactivated": _("Deactivated a user"),
    "user.password_reset": _("Gave a one-time password"),
    "user.password_changed": _("Changed own password"),
    "user.second_factor_reset": _("Removed a user's authenticator"),
    "user.second_factor_enrolled": _("Set up an authenticator"),
    "user.recovery_codes_regenerated": _("Made new recovery codes"),
    "membership.added": _("Gave a role"),
    "membership.removed": _("Removed a role"),
    "unit.created": _("Created a unit"),
    "unit.updated": _("Changed a unit"),
    "legal_basis.added": _("Added a legal basis"),
    "legal_basis.edited": _("Changed a legal basis"),
    "legal_basis.superseded": _("Made a new version of a legal basis"),
    "legal_basis.retired": _("Retired a legal basis"),
    "legal_basis.verified": _("Marked a legal basis as verified"),
    "meeting.scheduled": _("Scheduled a meeting"),
    "meeting.held": _("Recorded a meeting as held"),
    "meeting.item_added": _("Added an agenda point"),
    "minutes.item_written": _("Wrote the minutes of a point"),
    "minutes.agency_note_saved": _("Saved an agency's own note"),
    "minutes.next_step_added": _("Added a next step"),
    "minutes.approved_by": _("Approved the minutes"),
    "minutes.locked": _("Minutes approved and locked"),
    "event.registered": _("Registered an event"),
    "event.task_added": _("Gave an event task"),
    "event.risk_note_added": _("Wrote a risk note"),
    "information.draft_saved": _("Saved an information page draft"),
    "information.published": _("Published an information page"),
    "network.organisation_added": _("Added an organisation"),
    "network.contact_added": _("Added a contact person"),
    "network.contact_logged": _("Logged a contact"),
    "plan.imported": _("Imported the action plan"),
    "plan.activity_logged": _("Logged a plan activity"),
    "plan.request_registered": _("Registered a training request"),
    "plan.request_scheduled": _("Scheduled a training"),
    "plan.training_recorded": _("Recorded a training"),
    "statistics.incident_registered": _("Registered an incident"),
    "statistics.observation_registered": _("Registered an observation"),
    "partnership.created": _("Created a partnership"),
    "demo.loaded": _("Loaded the demo"),
    "login.locked_out": _("Login locked after repeated failures"),
    "api.token_created": _("Created an API token"),
    "api.token_revoked": _("Revoked an API token"),
    "assessment.correction_started": _("Started correcting a structured assessment"),
    "assessment.discarded": _("Discarded a draft assessment"),
    "assessment.exported": _("Printed a structured assessment"),
    "calendar_feed.created": _("Created a calendar feed"),
    "calendar_feed.revoked": _("Revoked a calendar feed"),
    "casework_settings.saved": _("Changed the case work settings"),
    "concern_level.saved": _("Changed a concern level"),
    "measure_type.saved": _("Changed a kind of measure"),
    "event.status_changed": _("Changed an event's status"),
    "event.task_done": _("Completed an event task"),
    "event.viewed": _("Read an event"),
    "information.reviewed": _("Marked an information page as reviewed"),
    "instrument.imported": _("Imported an assessment instrument"),
    "instrument.reinstated": _("Took an assessment instrument back into use"),
    "instrument.retired": _("Retired an assessment instrument"),
    "meeting.agenda_reordered": _("Reordered the agenda"),
    "meeting.agenda_viewed": _("Read a meeting's agenda"),
    "meeting.cancelled": _("Cancelled a meeting"),
    "meeting.invited": _("Invited to a meeting"),
    "meeting.item_removed": _("Removed an agenda point"),
    "meeting.minutes_exported": _("Printed the minutes"),
    "meeting.minutes_viewed": _("Read the minutes"),
    "meeting.participant_removed": _("Removed a participant"),
    "meeting.point_minutes_viewed": _("Read the minutes of a point"),
    "meeting_settings.saved": _("Changed the meeting settings"),
    "minutes.addendum_added": _("Added an addendum to the minutes"),
    "minutes.task_done": _("Completed a task from the minutes"),
    "network.organisation_viewed": _("Read an organisation's contact persons"),
    "plan.exported": _("Exported the action plan"),
    "plan.measure_status": _("Changed a plan measure's status"),
    "plan.report_exported": _("Printed the plan's status report"),
    "plan.request_declined": _("Declined a training request"),
    "public_form.rate_limited": _("Public form: too many reports from one address"),
    "public_form.trap_caught": _("Public form: automated submission stopped"),
    "statistics.assessment_saved": _("Saved a statistics assessment"),
    "statistics.exported": _("Exported statistics"),
    "statistics.report_exported": _("Printed the situation report"),
    "bench.floor_viewed": _("Benchmark floor page read"),
}

# What an event is about, where it is not a case: the page links it to the object's other events.
OBJECT_LABELS: dict[str, Promise] = {
    "user": _("User account"),
    "unit": _("Unit"),
    "partnership": _("Partnership"),
    "agency": _("Agency"),
    "meeting": _("Meeting"),
    "organisation": _("Organisation"),
    "event": _("Event"),
    "infopage": _("Information page"),
    "instrument": _("Assessment instrument"),
    "concernlevel": _("Concern level"),
    "advicesession": _("Advice session"),
    "hateincident": _("Hate incident"),
    "onlineobservation": _("Online observation"),
    "localassessment": _("Statistics assessment"),
    "meetingsettings": _("Meeting settings"),
    "calendarfeed": _("Calendar feed"),
    "concernsettings": _("Case work settings"),
    "measuretype": _("Kind of measure"),
    "trainingrequest": _("Training request"),
    "sessionrequest": _("Training request"),
    "training": _("Training"),
    "activity": _("Plan activity"),
    "actionplan": _("Action plan"),
    "planmeasure": _("Plan measure"),
    "subjectrequest": _("Request from a person"),
    "legalbasis": _("Legal basis"),
    "accesstoken": _("API token"),
}

PURPOSE_LABELS: dict[str, Promise] = {
    "case page": _("the case page"),
    "close": _("closing the case"),
    "reopen": _("reopening the case"),
    "change status": _("changing the status"),
    "acute triage": _("acute triage"),
    "assign": _("choosing who is responsible"),
    "write assessment": _("writing the assessment"),
    "review": _("a review after closure"),
    "retention": _("keeping personal data longer"),
    "add measure": _("adding a measure"),
    "update measure": _("updating a measure"),
    "record consent": _("recording consent"),
    "withdraw consent": _("withdrawing consent"),
    "disclose": _("sharing with the other agency"),
    "revoke disclosure": _("revoking a disclosure"),
    "contact meeting": _("a contact meeting"),
    "prepare a contact-meeting point": _("preparing a contact-meeting point"),
    "read the agenda of a meeting": _("reading a meeting's agenda"),
    "read the minutes of a meeting": _("reading a meeting's minutes"),
    "write the minutes of a point": _("writing the minutes of a point"),
    "print the minutes of a meeting": _("printing a meeting's minutes"),
    "start assessment": _("starting a structured assessment"),
    "edit assessment": _("editing a structured assessment"),
    "correct assessment": _("correcting a structured assessment"),
    "discard assessment": _("discarding a draft assessment"),
    "assessment summary": _("reading an assessment summary"),
    "assessment PDF": _("printing an assessment"),
    "PDF summary": _("printing a summary"),
    "assessment trajectory": _("development over time"),
    "user administration": _("user administration"),
    "account administration": _("account administration"),
    "read an organisation's contact persons": _("reading an organisation's contact persons"),
    "access report for a person": _("an access report for a person"),
    "retention oversight": _("retention oversight"),
}


def action_codes() -> set[str]:
    """Every action the trail may record: the enumeration record_event holds each event to."""
    return set(ACTION_LABELS) | {f"concern.{event}" for event in EVENT_LABELS}


def object_label(object_type: str) -> str:
    label = OBJECT_LABELS.get(object_type)
    return str(label) if label is not None else object_type


def action_label(code: str) -> str:
    if code.startswith("concern.") and code[len("concern.") :] in EVENT_LABELS:
        return str(EVENT_LABELS[code[len("concern.") :]])
    label = ACTION_LABELS.get(code)
    return str(label) if label is not None else code


def purpose_label(code: str) -> str:
    """API purposes ("api: close") read as the page's, said to come through the API."""
    via_api = code.startswith("api: ")
    base = code[len("api: ") :] if via_api else code
    label = PURPOSE_LABELS.get(base)
    text = str(label) if label is not None else base
    return f"{text} (API)" if via_api else text
