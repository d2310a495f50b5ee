"""The network registries: organisations with contacts and a contact log, resource persons per unit,
and the preparedness officer with the briefings given."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from varde.accounts.actors import ActorRequest
from varde.accounts.models import Membership, Unit
from varde.accounts.roles import Role
from varde.core.access import access
from varde.core.audit import record_event
from varde.core.forms import FormOnPage, handle_page_forms, perform, posted, submitted
from varde.core.once import sent_once
from varde.meetings.models import Meeting, MeetingKind
from varde.network.audit_actions import NetworkAudit
from varde.network.permissions import NetworkCapability

from . import actions
from .forms import ContactForm, LogForm, OrganisationForm
from .models import Organisation, OrganisationKind
from .permissions import can_keep, get_organisation_for, partnership_for


@access(NetworkCapability.READ)
@require_http_methods(["GET", "POST"])
@sent_once
def organisations(request: ActorRequest) -> HttpResponse:
    user = request.user
    partnership = partnership_for(user, request.GET.get("samarbeid"))
    keeper = can_keep(user, partnership)
    if request.method == "POST" and not keeper:
        raise Http404
    form = OrganisationForm(request.POST or None)
    created: list[Organisation] = []
    if submitted(request, form) and perform(
        form, lambda: created.append(actions.add_organisation(user, partnership, **form.cleaned_data))
    ):
        messages.success(request, _("The organisation is registered."))
        return redirect("network:organisation", pk=created[0].pk)
    context = {
        "partnership": partnership,
        "organisations": partnership.organisations.prefetch_related("contacts"),
        "form": form if keeper else None,
    }
    return render(request, "network/organisations.html", context)


@access(NetworkCapability.READ)
@require_http_methods(["GET", "POST"])
@sent_once
def organisation(request: ActorRequest, pk: Any) -> HttpResponse:
    user = request.user
    found = get_organisation_for(user, pk)
    keeper = can_keep(user, found.partnership)
    contact_form = ContactForm(posted(request, "contact"), prefix="contact")
    log_form = LogForm(posted(request, "log"), prefix="log", initial={"occurred_on": timezone.localdate()})
    done = handle_page_forms(
        request,
        {
            "contact": FormOnPage(
                keeper,
                contact_form,
                lambda: actions.add_contact(user, found, **contact_form.cleaned_data),
                _("The contact is added."),
            ),
            "log": FormOnPage(
                keeper,
                log_form,
                lambda: actions.log_contact(user, found, **log_form.cleaned_data),
                _("The contact is logged."),
            ),
        },
        "network:organisation",
        pk=found.pk,
    )
    if done:
        return done
    # The contact persons are people outside the agencies: reading them is in the audit trail.
    record_event(
        NetworkAudit.ORGANISATION_VIEWED,
        actor=user,
        obj=found,
        partnership=found.partnership,
        purpose="read an organisation's contact persons",
    )
    context = {
        "organisation": found,
        "contacts": found.contacts.all(),
        "log": found.log.select_related("recorded_by")[:50],
        "contact_form": contact_form if keeper else None,
        "log_form": log_form if keeper else None,
    }
    return render(request, "network/organisation.html", context)


@access(NetworkCapability.READ)
def resource_persons(request: ActorRequest) -> HttpResponse:
    partnership = partnership_for(request.user, request.GET.get("samarbeid"))
    units = list(
        Unit.objects.filter(agency__partnership=partnership, is_active=True).order_by("-first_line", "name")
    )
    people: dict[Any, list[Any]] = {}
    for membership in Membership.objects.filter(
        role=Role.RESOURCE_PERSON, unit__in=units, user__is_active=True
    ).select_related("user"):
        people.setdefault(membership.unit_id, []).append(membership.user)
    rows = [(unit, people.get(unit.pk, [])) for unit in units]
    missing = sum(1 for unit, persons in rows if unit.first_line and not persons)
    return render(request, "network/resource_persons.html", {"rows": rows, "missing": missing})


@access(NetworkCapability.READ)
def preparedness(request: ActorRequest) -> HttpResponse:
    partnership = partnership_for(request.user, request.GET.get("samarbeid"))
    context = {
        "officers": Organisation.objects.filter(
            partnership=partnership, kind=OrganisationKind.PREPAREDNESS
        ).prefetch_related("contacts"),
        "briefings": Meeting.objects.filter(partnership=partnership, kind=MeetingKind.PREPAREDNESS).order_by(
            "-starts_at"
        )[:50],
        "can_keep": can_keep(request.user, partnership),
    }
    return render(request, "network/preparedness.html", context)
