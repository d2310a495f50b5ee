"""The partnership's network outside the system: organisations, their contact people, and the log of
contacts. These people have no accounts; what is stored about them is how to reach them at work."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from varde.accounts.models import Partnership
from varde.core.crypto import EncryptedCharField, EncryptedTextField

USER = settings.AUTH_USER_MODEL


class OrganisationKind(models.TextChoices):
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    PUBLIC_PARTNER = "public_partner", _("Public partner")
    NETWORK = "network", _("Network")
    PREPAREDNESS = "preparedness", _("Emergency preparedness")


class Organisation(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="organisations")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    description = models.TextField(_("about the organisation"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="organisation_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class ContactPerson(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="contacts")
    name = EncryptedCharField(_("name"), max_length=200)
    role = EncryptedCharField(_("role"), max_length=200, blank=True)
    email = EncryptedCharField(_("e-mail"), max_length=254, blank=True)
    phone = EncryptedCharField(_("phone"), max_length=40, blank=True)

    class Meta:
        ordering = ["id"]  # the order they were added: names are encrypted, so the database cannot sort them

    def __str__(self) -> str:
        return str(self.name)


class ContactLog(models.Model):
    """One contact with an organisation: when, and what it was about. About the work, not people."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="log")
    occurred_on = models.DateField(_("date"))
    text = EncryptedTextField(_("what it was about"))
    recorded_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_on", "-recorded_at"]

    def __str__(self) -> str:
        return f"{self.organisation} {self.occurred_on}"
