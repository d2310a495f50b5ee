"""The public concern form: no login, a receipt code back, and the text never shown again."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from varde.accounts.models import Partnership
from varde.concerns.audit_actions import ConcernAudit
from varde.core.access import PUBLIC, access
from varde.core.audit import record_event

from ..actions.common import new_reference
from ..actions.intake import submit_public_concern
from ..forms import PublicConcernForm
from ..models import ConcernSettings
from ..ratelimit import count_report, limit_reached

RECEIPT_KEY = "varde_public_receipt"
TOO_MANY_REQUESTS = 429


@access(PUBLIC)
@require_http_methods(["GET", "POST"])
def public_form(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = get_object_or_404(Partnership, slug=slug)
    settings = ConcernSettings.of(partnership)
    form = PublicConcernForm(request.POST or None)
    context = {"form": form, "partnership": partnership, "settings": settings}
    if request.method != "POST":
        return render(request, "concerns/public_form.html", context)
    if limit_reached(request, partnership, settings.public_form_limit):
        record_event(ConcernAudit.PUBLIC_FORM_RATE_LIMITED, partnership=partnership)
        form.add_error(None, _too_many(settings))
        return render(request, "concerns/public_form.html", context, status=TOO_MANY_REQUESTS)
    if form.is_robot:
        # Answer as if it worked, so the robot learns nothing; nothing is stored, but it counts.
        record_event(ConcernAudit.PUBLIC_FORM_TRAP_CAUGHT, partnership=partnership)
        count_report(request, partnership)
        return _show_receipt(request, slug, new_reference())
    if not form.is_valid():
        return render(request, "concerns/public_form.html", context)
    concern = submit_public_concern(partnership, report=form.report())
    count_report(request, partnership)
    return _show_receipt(request, slug, concern.reference)


def _too_many(settings: ConcernSettings) -> str:
    if settings.hotline_phone:
        return _(
            "You have sent several reports in a short time. Wait an hour, or call the hotline on "
            "%(phone)s. If someone is in danger, call 112."
        ) % {"phone": settings.hotline_phone}
    return _(
        "You have sent several reports in a short time. Wait an hour. If someone is in danger, call 112."
    )


def _show_receipt(request: HttpRequest, slug: str, reference: str) -> HttpResponse:
    request.session[RECEIPT_KEY] = reference
    return redirect("concerns:public_receipt", slug=slug)


@access(PUBLIC)
def public_receipt(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = get_object_or_404(Partnership, slug=slug)
    reference = request.session.pop(RECEIPT_KEY, None)
    if reference is None:
        return redirect("concerns:public_form", slug=slug)
    return render(
        request, "concerns/public_receipt.html", {"partnership": partnership, "reference": reference}
    )
