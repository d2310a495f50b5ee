"""A rate limit for the public concern form, kept in the database that every app server shares.

The network address is stored only as an HMAC, and rows older than the window are removed as new
attempts arrive, so nothing here can be tied back to a person after an hour.
"""

import hashlib
import hmac
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from .models import PublicSubmission

WINDOW = timedelta(hours=1)


def client_address(request: HttpRequest) -> str:
    """The visitor's address. Behind nginx every request comes from the proxy, so the address is taken
    from the header the proxy sets (VARDE_CLIENT_IP_HEADER), and only then: a visitor could forge it."""
    header = settings.VARDE_CLIENT_IP_HEADER
    forwarded = request.headers.get(header, "").strip() if header else ""
    return forwarded or request.META.get("REMOTE_ADDR", "")


def _address_hash(request: HttpRequest) -> str:
    address = client_address(request)
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()


@transaction.atomic
def allow_attempt(request: HttpRequest) -> bool:
    """Count this attempt; False when the address has used up its attempts for the window."""
    now = timezone.now()
    PublicSubmission.objects.filter(attempted_at__lt=now - WINDOW).delete()
    key = _address_hash(request)
    if PublicSubmission.objects.filter(address_hash=key).count() >= settings.VARDE_PUBLIC_FORM_LIMIT:
        return False
    PublicSubmission.objects.create(address_hash=key, attempted_at=now)
    return True
