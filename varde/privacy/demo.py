"""The demo's open request: Per Prøvesen's father asks what the municipality holds about his son."""

from datetime import timedelta

from django.utils import timezone

from varde.accounts.models import Partnership, User
from varde.accounts.roles import AgencyKind

from .models import RequestKind, SubjectRequest
from .requests import NewRequest, register_request


def load_demo_requests(partnership: Partnership) -> None:
    if SubjectRequest.objects.filter(agency__partnership=partnership).exists():
        return
    officer = User.objects.get(username="personvernombud")
    register_request(
        officer,
        partnership.agencies.get(kind=AgencyKind.MUNICIPALITY),
        NewRequest(
            kind=RequestKind.ACCESS,
            requester="Faren til Per Prøvesen, på vegne av sønnen (fiktiv). Svar sendes med brev.",
            request="Ber om innsyn i hva kommunen har registrert om Per, og hvem som har sett det.",
            received_on=timezone.localdate() - timedelta(days=24),
        ),
    )
