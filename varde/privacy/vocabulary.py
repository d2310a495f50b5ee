"""The audit trail in words: the objects and purposes the code records, as the privacy officer reads
them; each action's words live beside it in its app's audit_actions module.

Codes stay in the trail (they are part of the hash chain and of the API); the pages show these labels.
"""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from varde.core.audit import known_action

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


def object_label(object_type: str) -> str:
    label = OBJECT_LABELS.get(object_type)
    return str(label) if label is not None else object_type


def action_label(code: str) -> str:
    action = known_action(code)
    return str(action.label) if action is not None else code


def purpose_label(code: str) -> str:
    """API purposes ("api: close") read as the page's, said to come through the API."""
    via_api = code.startswith("api: ")
    base = code[len("api: ") :] if via_api else code
    label = PURPOSE_LABELS.get(base)
    text = str(label) if label is not None else base
    return f"{text} (API)" if via_api else text
