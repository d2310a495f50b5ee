"""The page where a person makes and revokes their own personal access tokens."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from varde.accounts.actors import ActorRequest
from varde.core.access import ANY_MEMBER, access
from varde.core.forms import perform, pressed, submitted

from . import tokens
from .forms import TokenForm
from .models import AccessToken


@access(ANY_MEMBER)
@require_http_methods(["GET", "POST"])
def token_list(request: ActorRequest) -> HttpResponse:
    user = request.user
    creating = pressed(request) == "create"
    form = TokenForm(request.POST if creating else None)
    secret = ""
    if pressed(request) == "revoke":
        token = tokens.token_with_id(request.POST.get("token"), user)
        if token is None:
            raise Http404
        tokens.revoke_token(user, token)
        messages.success(request, _("The token is revoked. It no longer works."))
        return redirect("api:tokens")
    created: list[Any] = []
    if (
        creating
        and submitted(request, form)
        and perform(form, lambda: created.extend(tokens.create_token(user, user=user, **form.cleaned_data)))
    ):
        secret = created[1]
        form = TokenForm()
    context = {"form": form, "secret": secret, "tokens": AccessToken.objects.filter(user=user)}
    return render(request, "api/tokens.html", context)
