from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import Promise

from varde.accounts.actors import ActorRequest
from varde.accounts.models import Partnership
from varde.accounts.permissions import chosen_partnership
from varde.accounts.roles import Role

from ..models import Concern


def administered_partnership(request: ActorRequest) -> Partnership:
    """The partnership an admin page configures: the one named in ?samarbeid=, or the admin's first."""
    return chosen_partnership(request.user, [Role.ADMIN], request.GET.get("samarbeid"))


def done(request: HttpRequest, concern: Concern, message: str | Promise) -> HttpResponse:
    messages.success(request, str(message))
    return redirect("concerns:detail", pk=concern.pk)


def action_page(
    request: HttpRequest,
    concern: Concern,
    form: forms.Form,
    *,
    heading: str | Promise,
    submit: str | Promise,
    intro: str | Promise = "",
    danger: bool = False,
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    context = {
        "concern": concern,
        "form": form,
        "heading": heading,
        "intro": intro,
        "submit": submit,
        "danger": danger,
        **(extra or {}),
    }
    return render(request, "concerns/concern_action.html", context)
