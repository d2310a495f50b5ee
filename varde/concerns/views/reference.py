"""Administrators keep the partnership's legal bases and measure types. None of this is case content."""

from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from varde.accounts.actors import ActorRequest
from varde.accounts.permissions import AccountCapability
from varde.core.access import access
from varde.core.forms import perform, pressed, submitted
from varde.core.once import sent_once

from ..actions import reference
from ..categorical import MeasureType
from ..forms import CaseworkSettingsForm, LegalBasisForm, MeasureTypeForm
from ..models import ConcernSettings, LegalBasis
from ..permissions import partnerships_administered_by
from .common import administered_partnership


def _basis_for(request: ActorRequest, pk: Any) -> LegalBasis:
    basis = LegalBasis.objects.filter(
        pk=pk, partnership__in=partnerships_administered_by(request.user)
    ).first()
    if basis is None:
        raise Http404
    return basis


@access(AccountCapability.CONFIGURE_PARTNERSHIP)
def legal_basis_list(request: ActorRequest) -> HttpResponse:
    partnership = administered_partnership(request)
    bases = partnership.legal_bases.select_related("supersedes").order_by(
        "retired_at", "citation", "-version"
    )
    context = {
        "partnership": partnership,
        "partnerships": partnerships_administered_by(request.user),
        "bases": bases,
    }
    return render(request, "concerns/legal_basis_list.html", context)


@access(AccountCapability.CONFIGURE_PARTNERSHIP)
@require_http_methods(["GET", "POST"])
@sent_once
def legal_basis_create(request: ActorRequest) -> HttpResponse:
    partnership = administered_partnership(request)
    form = LegalBasisForm(request.POST or None, record=None)
    if submitted(request, form) and perform(
        form, lambda: reference.add_legal_basis(request.user, partnership, **form.edits())
    ):
        messages.success(request, _("The legal basis is added."))
        return redirect("concerns:legal_basis_list")
    return render(request, "concerns/legal_basis_form.html", {"form": form, "basis": None})


@access(AccountCapability.CONFIGURE_PARTNERSHIP)
@require_http_methods(["GET", "POST"])
def legal_basis_edit(request: ActorRequest, pk: Any) -> HttpResponse:
    basis = _basis_for(request, pk)
    if basis.retired_at is not None:
        raise Http404
    initial = {name: getattr(basis, name) for name in LegalBasisForm.edited}
    form = LegalBasisForm(request.POST or None, initial=initial, record=basis, revising=True)
    if submitted(request, form) and perform(
        form,
        lambda: reference.revise_legal_basis(
            request.user, basis, **form.edits(), version=form.seen_version()
        ),
    ):
        messages.success(request, _("The legal basis is saved."))
        return redirect("concerns:legal_basis_list")
    context = {"form": form, "basis": basis, "in_use": basis.disclosures.exists()}
    return render(request, "concerns/legal_basis_form.html", context)


@access(AccountCapability.CONFIGURE_PARTNERSHIP)
@require_POST
def legal_basis_action(request: ActorRequest, pk: Any) -> HttpResponse:
    basis = _basis_for(request, pk)
    action = pressed(request)
    form = forms.Form()
    if action == "retire":
        ok = perform(form, lambda: reference.retire_legal_basis(request.user, basis))
        message = _("The legal basis is retired. Disclosures made with it keep it.")
    elif action == "verify":
        ok = perform(form, lambda: reference.mark_legal_basis_verified(request.user, basis))
        message = _("The wording is marked as verified.")
    else:
        raise Http404
    if ok:
        messages.success(request, message)
    else:
        for error in form.non_field_errors():
            messages.error(request, str(error))
    return redirect("concerns:legal_basis_list")


@access(AccountCapability.CONFIGURE_PARTNERSHIP)
@require_http_methods(["GET", "POST"])
def measure_type_list(request: ActorRequest) -> HttpResponse:
    partnership = administered_partnership(request)
    form = MeasureTypeForm(request.POST or None)
    if submitted(request, form) and perform(
        form, lambda: reference.save_measure_type(request.user, partnership, **form.cleaned_data)
    ):
        messages.success(request, _("The measure type is saved."))
        return redirect("concerns:measure_type_list")
    types = MeasureType.objects.filter(partnership=partnership)
    return render(
        request, "concerns/measure_type_list.html", {"form": form, "types": types, "partnership": partnership}
    )


@access(AccountCapability.CONFIGURE_PARTNERSHIP)
@require_http_methods(["GET", "POST"])
def casework_settings(request: ActorRequest) -> HttpResponse:
    partnership = administered_partnership(request)
    settings = ConcernSettings.of(partnership)
    form = CaseworkSettingsForm(request.POST or None, record=settings)
    form.initial = {**form.current_values(), **form.initial}
    if submitted(request, form) and perform(
        form,
        lambda: reference.save_casework_settings(
            request.user,
            partnership,
            review_months=form.cleaned_data["review_months"],
            assessment_days=form.cleaned_data["assessment_days"],
            public=reference.PublicIntake(
                form.cleaned_data["hotline_phone"], form.cleaned_data["public_form_limit"]
            ),
            rules=form.rules(),
            version=form.seen_version(),
        ),
    ):
        messages.success(request, _("The settings are saved."))
        return redirect("concerns:casework_settings")
    return render(request, "concerns/casework_settings.html", {"form": form, "partnership": partnership})
