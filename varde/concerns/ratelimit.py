"""A rate limit for the public concern form, kept in the database that every app server shares.

Only accepted reports count: a school or a NAV office shares one address, and a person who mistypes
the form must not use up the next person's attempts. Each partnership sets its own limit. The
network address is stored only as an HMAC with the partnership, and rows older than the window are
removed as new reports arrive, so nothing here can be tied back to a person after an hour.
"""

from datetime import timedelta

from django.http import HttpRequest
from django.utils import timezone

from varde.accounts.models import Partnership
from varde.core.addresses import client_address
from varde.core.crypto import keyed_digest

from .models import PublicSubmission

WINDOW = timedelta(hours=1)


def _key(request: HttpRequest, partnership: Partnership) -> str:
    return keyed_digest(f"{partnership.pk} {client_address(request)}")


def limit_reached(request: HttpRequest, partnership: Partnership, limit: int) -> bool:
    """Whether the address has sent the partnership's limit of reports within the last hour."""
    recent = PublicSubmission.objects.filter(
        address_hash=_key(request, partnership), attempted_at__gte=timezone.now() - WINDOW
    )
    return recent.count() >= limit


def count_report(request: HttpRequest, partnership: Partnership) -> None:
    """Count an accepted report, and forget those that have left the window."""
    now = timezone.now()
    PublicSubmission.objects.filter(attempted_at__lt=now - WINDOW).delete()
    PublicSubmission.objects.create(address_hash=_key(request, partnership), attempted_at=now)
