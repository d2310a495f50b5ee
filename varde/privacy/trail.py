"""The audit trail as the privacy officer searches and reads it: filters, including one for a person,
and each event's case by reference and initials, and its actor's agency, instead of ids.

A person is searched for by name, which must not travel in an address or a log line. The name is sent
by POST and answered with a signed token that names the person's cases by id; the filter and its
pages carry the token. The token only ever narrows what the officer may read anyway.
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from varde.accounts.actors import Actor
from varde.accounts.audit_actions import AccountAudit
from varde.accounts.models import Agency, Membership
from varde.assessments.models import Assessment
from varde.concerns.audit_actions import ConcernAudit
from varde.concerns.models import Concern
from varde.core.crypto import name_index
from varde.core.functions import UUIDText
from varde.core.models import AuditEvent

from .access_report import born_in, held_by
from .forms import AuditFilterForm, EventKind
from .permissions import DISCLOSURE_ACTIONS, PrivacyCapability, among
from .tokens import MOST_CASES

NO_CASES = gettext_lazy("Your agency holds no case about a person with this name and year.")
KIND_FILTERS = {
    EventKind.READS: Q(action__endswith=".viewed"),
    EventKind.REFUSED: Q(
        action__in=[
            ConcernAudit.ACCESS_REFUSED,
            AccountAudit.LOGIN_FAILED,
            AccountAudit.LOGIN_ADDRESS_REFUSED,
        ]
    ),
    EventKind.DISCLOSURES: Q(action__in=DISCLOSURE_ACTIONS),
    EventKind.LOGINS: Q(action__startswith="login.") | Q(action=AccountAudit.LOGOUT),
}


def concerns_about(officer: Actor, name: str, birth_year: int | None) -> list[Concern]:
    """The cases about the person that the officer's agency holds: its own, and those disclosed to it."""
    found = [
        concern
        for partnership_id in officer.partnership_ids_where(PrivacyCapability.READ_TRAIL.roles)
        for concern in Concern.objects.filter(
            partnership_id=partnership_id, subject_name_index=name_index(name, partnership_id)
        )
        .filter(held_by(officer.agency_ids_where(PrivacyCapability.READ_TRAIL.roles)))
        .only("pk", "reference", "subject_birth_year", "subject_birth_date")
    ]
    return [concern for concern in found if born_in(concern, birth_year)][:MOST_CASES]


def filtered_events(events: Any, form: AuditFilterForm) -> Any:
    data = form.cleaned_data
    if data.get("kind"):
        events = events.filter(KIND_FILTERS[data["kind"]])
    if data.get("reference"):
        events = events.filter(_about_case(data["reference"]))
    if data.get("person") is not None:
        events = events.filter(object_id__in=_objects_of_cases(data["person"]))
    if data.get("agency"):
        members = Membership.objects.filter(agency=data["agency"]).values(id_text=UUIDText("user_id"))
        events = events.filter(among("actor_id", members))
    if data["action"]:
        events = events.filter(action__icontains=data["action"])
    if data["actor"]:
        events = events.filter(actor_label__iexact=data["actor"])
    if data["object_id"]:
        events = events.filter(object_id=data["object_id"])
    # Days as bounds on the time itself, not on its date (occurred_at__date): an index answers the
    # bounds, while the date is computed from every event in the trail (ADR 0047).
    if data["date_from"]:
        events = events.filter(occurred_at__gte=_midnight_before(data["date_from"]))
    if data["date_to"]:
        events = events.filter(occurred_at__lt=_midnight_before(data["date_to"] + timedelta(days=1)))
    return events


def _objects_of_cases(concern_ids: list[str]) -> list[str]:
    """The cases' ids and their assessments' ids, as the trail names its objects."""
    assessments = Assessment.objects.filter(concern_id__in=concern_ids).values_list("pk", flat=True)
    return [*concern_ids, *(str(pk) for pk in assessments)]


def _about_case(reference: str) -> Q:
    """A case's events by its id, which an index finds; an erased case's by the reference its events
    name, since only they are left."""
    reference = reference.strip().upper()
    concern_id = Concern.objects.filter(reference=reference).values_list("pk", flat=True).first()
    if concern_id is not None:
        return Q(object_id=str(concern_id))
    return Q(detail__reference=reference)


def _midnight_before(day: date) -> datetime:
    """The start of the day in the installation's time zone."""
    return timezone.make_aware(datetime.combine(day, time.min))


def initials(name: str) -> str:
    return "".join(f"{word[0].upper()}." for word in name.split())


def describe(officer: Actor, events: list[AuditEvent]) -> list[AuditEvent]:
    """Each event with its case (reference and the person's initials, where the officer's agency holds
    the case) and the agencies of the person who acted, read for the whole page at once."""
    cases = _cases_of(officer, events)
    agencies = _agencies_of_actors(events)
    for event in events:
        event.case = cases.get(event.object_id)  # type: ignore[attr-defined]
        event.acting_agencies = agencies.get(event.actor_id, "")  # type: ignore[attr-defined]
    return events


def case_label(event: AuditEvent) -> str:
    case = getattr(event, "case", None)
    if case is not None:
        return str(case)
    return str(event.detail.get("reference", ""))


def _cases_of(officer: Actor, events: list[AuditEvent]) -> dict[str, str]:
    by_type: dict[str, set[str]] = defaultdict(set)
    for event in events:
        if event.object_type in ("concern", "assessment") and event.object_id:
            by_type[event.object_type].add(event.object_id)
    if not by_type:
        return {}
    assessments = dict(
        Assessment.objects.filter(pk__in=by_type["assessment"]).values_list("pk", "concern_id")
    )
    concern_of = {object_id: object_id for object_id in by_type["concern"]}
    concern_of |= {str(pk): str(concern_id) for pk, concern_id in assessments.items()}
    words = case_words(officer, set(concern_of.values()))
    return {object_id: words[pk] for object_id, pk in concern_of.items() if pk in words}


def case_words(officer: Actor, concern_ids: Iterable[str]) -> dict[str, str]:
    """The reference and the person's initials of each case the officer's agency holds, by id."""
    held = Concern.objects.filter(pk__in=list(concern_ids)).filter(
        held_by(officer.agency_ids_where(PrivacyCapability.READ_TRAIL.roles))
    )
    return {
        str(concern.pk): _case_words(concern)
        for concern in held.only("pk", "reference", "is_named", "subject_name")
    }


def _case_words(concern: Concern) -> str:
    if concern.is_named and concern.subject_name:
        return _("%(reference)s (%(initials)s)") % {
            "reference": concern.reference,
            "initials": initials(concern.subject_name),
        }
    return concern.reference


def _agencies_of_actors(events: list[AuditEvent]) -> dict[str, str]:
    actor_ids = {event.actor_id for event in events if event.actor_id}
    if not actor_ids:
        return {}
    names: dict[str, list[str]] = defaultdict(list)
    memberships = (
        Membership.objects.filter(user_id__in=actor_ids)
        .order_by("agency__name")
        .values_list("user_id", "agency__name")
        .distinct()
    )
    for user_id, agency_name in memberships:
        names[str(user_id)].append(agency_name)
    return {user_id: ", ".join(agency_names) for user_id, agency_names in names.items()}


def agencies_of(officer: Actor) -> Any:
    """The agencies whose people may act in the officer's partnerships: the filter's choices."""
    return Agency.objects.filter(
        partnership_id__in=officer.partnership_ids_where(PrivacyCapability.READ_TRAIL.roles)
    ).order_by("name")
