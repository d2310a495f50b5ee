"""A rate limit for the public concern form, kept in the database that every app server shares.

The network address is stored only as an HMAC, and rows older than the window are removed as new
attempts arrive, so nothing here can be tied back to a person after an hour.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from varde.core.addresses import client_address
from varde.core.crypto import keyed_digest

from .models import PublicSubmission

WINDOW = timedelta(hours=1)


@transaction.atomic
def allow_attempt(request: HttpRequest) -> bool:
    """Count this attempt; False when the address has used up its attempts for the window."""
    now = timezone.now()
    PublicSubmission.objects.filter(attempted_at__lt=now - WINDOW).delete()
    key = keyed_digest(client_address(request))
    if PublicSubmission.objects.filter(address_hash=key).count() >= settings.VARDE_PUBLIC_FORM_LIMIT:
        return False
    PublicSubmission.objects.create(address_hash=key, attempted_at=now)
    return True
