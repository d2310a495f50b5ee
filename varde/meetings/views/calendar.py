"""Private calendar feeds: make, revoke, and serve them."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from varde.accounts.actors import ActorRequest
from varde.core.access import ANY_MEMBER, PUBLIC, access

from .. import actions
from ..calendar import feed_for

# Calendar feeds -----------------------------------------------------------------------------------


@access(ANY_MEMBER)
@require_http_methods(["GET", "POST"])
def calendar(request: ActorRequest) -> HttpResponse:
    user = request.user
    feed_url = ""
    if request.method == "POST" and "revoke" in request.POST:
        actions.revoke_calendar_feeds(user)
        messages.success(request, _("The calendar address no longer works."))
        return redirect("meetings:calendar")
    if request.method == "POST":
        token = actions.create_calendar_feed(user)
        feed_url = request.build_absolute_uri(reverse("meetings:feed", args=[token]))
    active = user.calendar_feeds.filter(revoked_at__isnull=True).first()
    return render(request, "meetings/calendar.html", {"feed_url": feed_url, "active": active})


@access(PUBLIC)
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The private feed: the token is the credential, so a wrong or revoked one is simply not found."""
    body = feed_for(token, now=timezone.now())
    if body is None:
        raise Http404
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response
