"""Requests from a person about their data (GDPR art. 15-21), handled by the agency's privacy officer."""

import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from varde.accounts.models import Agency
from varde.concerns.dates import add_months
from varde.core.audit import EventFields
from varde.core.crypto import EncryptedTextField

USER = settings.AUTH_USER_MODEL


class RequestKind(models.TextChoices):
    ACCESS = "access", _("Access (art. 15)")
    CORRECTION = "correction", _("Correction (art. 16)")
    ERASURE = "erasure", _("Erasure (art. 17)")
    RESTRICTION = "restriction", _("Restriction (art. 18)")
    OBJECTION = "objection", _("Objection (art. 21)")


def answer_due(received_on: date) -> date:
    # Rule: the law gives one month from receipt (GDPR art. 12(3)).
    return add_months(received_on, 1)


class SubjectRequestQuerySet(models.QuerySet["SubjectRequest"]):
    def open(self) -> "SubjectRequestQuerySet":
        return self.filter(answered_on__isnull=True)

    def overdue(self, today: date) -> "SubjectRequestQuerySet":
        return self.open().filter(due_on__lt=today)


class SubjectRequest(models.Model):
    """A person's request to an agency: what they asked, by when it must be answered, how it was
    handled and what they were told. Who they are is free text, encrypted like case content."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("agency"))
    kind = models.CharField(_("kind of request"), max_length=20, choices=RequestKind.choices)
    requester = EncryptedTextField(_("who is asking, and how to reach them"))
    request = EncryptedTextField(_("what they ask for"))
    received_on = models.DateField(_("received"))
    due_on = models.DateField(_("answer by"))
    handling = EncryptedTextField(_("handling notes"), blank=True)
    # The cases the request concerns, by reference: a correction is made through the case's own
    # actions, and the reference leads there (and survives the case's erasure).
    references = models.CharField(_("case references"), max_length=200, blank=True)
    answer = EncryptedTextField(_("answer given"), blank=True)
    answered_on = models.DateField(_("answered"), null=True, blank=True)
    registered_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    version = models.PositiveIntegerField(default=1)

    objects = SubjectRequestQuerySet.as_manager()

    class Meta:
        ordering = ["answered_on", "due_on"]
        verbose_name = _("request from a person")
        verbose_name_plural = _("requests from people")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.received_on}"

    def audit_fields(self) -> EventFields:
        return {"partnership": self.agency.partnership, "agency": self.agency, "detail": {"kind": self.kind}}
