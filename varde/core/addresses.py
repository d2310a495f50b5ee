"""The visitor's network address."""

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The visitor's address. Behind nginx every request comes from the proxy, so the address is taken
    from the header the proxy sets (VARDE_CLIENT_IP_HEADER), and only then: a visitor could forge it."""
    header = settings.VARDE_CLIENT_IP_HEADER
    forwarded = request.headers.get(header, "").strip() if header else ""
    return forwarded or request.META.get("REMOTE_ADDR", "")
