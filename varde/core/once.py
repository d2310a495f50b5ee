"""Create forms are sent once (issue 45): each carries a one-time token, and a form sent again with
the same token – back and send, a double click – leads to what the first sending made.

The token is claimed in the database before the view runs, so two sendings at the same moment
cannot both pass; a sending the form refused (its errors shown again) gives the token back.
"""

import secrets
from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from typing import Any

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Submission

FIELD = "varde_once"
KEPT = timedelta(days=1)


def new_token() -> str:
    return secrets.token_urlsafe(24)


def sent_once(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Wrap a view whose POST creates something, and whose form carries {% once_field %}."""

    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        token = request.POST.get(FIELD, "")[:64] if request.method == "POST" else ""
        if not token:
            return view(request, *args, **kwargs)
        earlier = _claim(token)
        if earlier is not None:
            messages.info(request, _("This form was already sent. Here is what it made."))
            return redirect(earlier.result_url or request.path)
        response = view(request, *args, **kwargs)
        if isinstance(response, HttpResponseRedirect):
            Submission.objects.filter(token=token).update(result_url=response.url[:500])
        else:
            Submission.objects.filter(token=token).delete()  # refused: the corrected form may be sent
        return response

    return guarded


def _claim(token: str) -> Submission | None:
    """None when this sending is the first; the earlier sending's record otherwise."""
    now = timezone.now()
    Submission.objects.filter(submitted_at__lt=now - KEPT).delete()
    try:
        with transaction.atomic():
            Submission.objects.create(token=token, submitted_at=now)
    except IntegrityError:
        return Submission.objects.filter(token=token).first() or Submission(token=token)
    return None
