from functools import cache
from typing import Any

from django.db import models
from django.db.models.functions import Upper
from django.utils.hashable import make_hashable
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


@cache
def _labels_in(field: models.Field[Any, Any], language: str | None) -> dict[Any, str]:
    return {make_hashable(value): str(label) for value, label in field.flatchoices}


class ChoiceLabels(models.Model):
    """Every label of a choice field at once, translated once per language: for code that writes many
    rows itself (the case list) rather than asking get_FOO_display() per row and field."""

    class Meta:
        abstract = True

    @classmethod
    def labels_of(cls, name: str) -> dict[Any, str]:
        """Every label of a field in the active language."""
        return _labels_in(cls._meta.get_field(name), get_language())


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def in_chain_order(self) -> "AuditEventQuerySet":
        return self.order_by("id")

    def newest_first(self) -> "AuditEventQuerySet":
        return self.order_by("-id")

    def most_recent_first(self) -> "AuditEventQuerySet":
        """Newest first by when the events happened, for the privacy officer's searches: the time's
        index gives this order and a search's date range at once, where the chain's order made
        PostgreSQL read back from the newest event to the range (ADR 0047)."""
        return self.order_by("-occurred_at", "-id")


class AuditEvent(models.Model):
    """One entry in the append-only, hash-chained audit trail.

    Actor, agency and object are stored as plain values rather than foreign keys: the trail must
    outlive the accounts and records it describes, and must never be changed by a cascade.
    """

    occurred_at = models.DateTimeField(_("time"), db_index=True)
    actor_id = models.CharField(_("actor id"), max_length=64, blank=True)
    actor_label = models.CharField(_("actor"), max_length=150, blank=True)
    partnership_id = models.CharField(_("partnership id"), max_length=64, blank=True)
    agency_id = models.CharField(_("agency id"), max_length=64, blank=True)
    agency_label = models.CharField(_("agency"), max_length=200, blank=True)
    action = models.CharField(_("action"), max_length=64)
    object_type = models.CharField(_("object type"), max_length=64, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    purpose = models.CharField(_("purpose"), max_length=200, blank=True)
    # Categorical facts only (never personal data), e.g. which fields changed.
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        # Declared here rather than with db_index and unique on the fields: for those, Django adds a
        # second index per text column on PostgreSQL for LIKE 'prefix%', which nothing here asks, and
        # every read of personal data appends an event that had to update both (ADR 0047).
        # Each index answers a part of the privacy officer's searches (ADR 0047): the object, the
        # rule of what the officer may see (partnership, actor, object), and the user name, which is
        # searched for whatever its case (ADR 0047); the time's index is declared on its field. The
        # action has none: it is searched for by a part of its name, which a b-tree index cannot answer.
        indexes = [
            models.Index(fields=["object_id"], name="audit_object"),
            models.Index(fields=["actor_id"], name="audit_actor"),
            models.Index(fields=["partnership_id"], name="audit_partnership"),
            models.Index(Upper("actor_label"), name="audit_actor_label"),
        ]
        constraints = [models.UniqueConstraint(fields=["hash"], name="audit_hash_unique")]

    def __str__(self) -> str:
        return f"{self.id} {self.action}"


class Submission(models.Model):
    """A form sent once: its one-time token, and where the first sending led. A second sending of the
    same form (the back button, a double click) is shown that result instead of making a duplicate."""

    token = models.CharField(max_length=64, primary_key=True)
    result_url = models.CharField(max_length=500, blank=True)
    submitted_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return self.token
