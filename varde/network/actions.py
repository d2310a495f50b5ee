"""Every change to the network registries goes through a function here."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from varde.accounts.actors import Actor
from varde.accounts.models import Partnership
from varde.core.audit import record_event
from varde.core.errors import ActionRefused
from varde.network.audit_actions import NetworkAudit

from .models import ContactLog, ContactPerson, Organisation
from .permissions import can_keep


def _require_keeper(actor: Actor, partnership: Partnership) -> None:
    if not can_keep(actor, partnership):
        raise PermissionDenied


@transaction.atomic
def add_organisation(
    actor: Actor, partnership: Partnership, *, name: str, kind: str, description: str
) -> Organisation:
    _require_keeper(actor, partnership)
    if Organisation.objects.filter(partnership=partnership, name__iexact=name.strip()).exists():
        raise ActionRefused(_("An organisation with this name is already registered."))
    organisation = Organisation.objects.create(
        partnership=partnership, name=name.strip(), kind=kind, description=description
    )
    record_event(NetworkAudit.ORGANISATION_ADDED, actor=actor, obj=organisation, partnership=partnership)
    return organisation


@transaction.atomic
def add_contact(
    actor: Actor, organisation: Organisation, *, name: str, role: str, email: str, phone: str
) -> ContactPerson:
    _require_keeper(actor, organisation.partnership)
    contact = ContactPerson.objects.create(
        organisation=organisation, name=name, role=role, email=email, phone=phone
    )
    record_event(
        NetworkAudit.CONTACT_ADDED, actor=actor, obj=organisation, partnership=organisation.partnership
    )
    return contact


@transaction.atomic
def log_contact(actor: Actor, organisation: Organisation, *, occurred_on: date, text: str) -> ContactLog:
    _require_keeper(actor, organisation.partnership)
    if occurred_on > timezone.localdate():
        raise ActionRefused(_("The date cannot be in the future."))
    entry = ContactLog.objects.create(
        organisation=organisation, occurred_on=occurred_on, text=text, recorded_by=actor
    )
    record_event(
        NetworkAudit.CONTACT_LOGGED, actor=actor, obj=organisation, partnership=organisation.partnership
    )
    return entry
