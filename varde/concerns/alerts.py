"""An acute case reaches the police by e-mail as well as in Varde.

The e-mail says only that a case was marked acute and links to it: no name, no reference, nothing
about the person, since e-mail leaves the installation. The worker sends it after the marking is
committed, and tries again with growing pauses when the mail server does not answer.
"""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.tasks import task
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from varde.accounts.models import Agency
from varde.accounts.roles import AgencyKind

from .models import Concern
from .permissions import case_handlers_of

logger = logging.getLogger(__name__)
# Pauses before each new try: a mail server that is down for a while still gets the alert.
RETRY_AFTER = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=15), timedelta(hours=1))


def alert_police_by_email(concern: Concern) -> None:
    """Queue the e-mail once the marking is committed."""
    concern_id = str(concern.pk)
    transaction.on_commit(lambda: send_acute_alert.enqueue(concern_id, 0))


def acute_alert_text(concern: Concern) -> tuple[str, str]:
    link = settings.VARDE_BASE_URL.rstrip("/") + reverse("concerns:detail", args=[concern.pk])
    subject = _("Varde: a case was marked acute")
    body = "\n".join(
        [
            _("A case in Varde was marked acute: the police were alerted about danger or serious crime."),
            _("Log in to see it:"),
            link,
        ]
    )
    return subject, body


@task()
def send_acute_alert(concern_id: str, attempt: int) -> int:
    """E-mail the police's case handlers about the acute case; the number of addresses it went to."""
    concern = Concern.objects.filter(pk=concern_id).select_related("owning_agency").first()
    if concern is None:  # erased before the worker came to it
        return 0
    addresses = sorted(
        set(case_handlers_of(police_agency_of(concern)).exclude(email="").values_list("email", flat=True))
    )
    if not addresses:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject, body = acute_alert_text(concern)
    try:
        send_mail(subject, body, None, addresses)
    except (smtplib.SMTPException, OSError) as error:
        _try_again(concern_id, attempt, error)
        return 0
    return len(addresses)


def police_agency_of(concern: Concern) -> Agency:
    return concern.partnership.agencies.get(kind=AgencyKind.POLICE)


def _try_again(concern_id: str, attempt: int, error: Exception) -> None:
    # The concern's id only: no address, no person.
    if attempt >= len(RETRY_AFTER):
        logger.error(
            "Acute alert for concern %s not sent after %d tries (%s)",
            concern_id,
            attempt + 1,
            type(error).__name__,
        )
        return
    logger.warning("Acute alert for concern %s not sent (try %d); trying again", concern_id, attempt + 1)
    later = timezone.now() + RETRY_AFTER[attempt]
    send_acute_alert.using(run_after=later).enqueue(concern_id, attempt + 1)
