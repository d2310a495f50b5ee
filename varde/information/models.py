"""Information pages for the public, edited in Varde: each page has versions, and only a published
version is ever shown. Pages hold general information, never anything about a person."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from varde.accounts.models import Partnership

USER = settings.AUTH_USER_MODEL


class PageKey(models.TextChoices):
    """The public pages every partnership has, in the order a worried visitor reads them."""

    MEANING = "meaning", _("What the words mean")
    SIGNS = "signs", _("Signs worth noticing")
    WHERE_TO_TURN = "where_to_turn", _("Where to turn")
    HELP = "help", _("Help on offer")


class InfoPage(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="info_pages")
    key = models.CharField(_("page"), max_length=20, choices=PageKey.choices)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    reviewed_on = models.DateField(_("last reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["language", "key"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "key", "language"], name="info_page_once"),
        ]

    def __str__(self) -> str:
        return f"{self.get_key_display()} ({self.language})"


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    SUPERSEDED = "superseded", _("Superseded")


class PageVersion(models.Model):
    page = models.ForeignKey(InfoPage, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    status = models.CharField(
        _("status"), max_length=20, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    created_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["page", "number"], name="page_version_unique_number"),
            models.UniqueConstraint(fields=["page"], condition=Q(status="draft"), name="page_one_draft"),
            models.UniqueConstraint(
                fields=["page"], condition=Q(status="published"), name="page_one_published"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.page} v{self.number}"
