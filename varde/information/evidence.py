"""Reviews of the public pages are the evidence for the plan's promise to keep information up to date."""

from django.urls import reverse
from django.utils.translation import ngettext

from varde.accounts.models import Partnership
from varde.actionplan.obligations import Evidence

from .models import InfoPage


def public_reviews(partnership: Partnership) -> list[Evidence]:
    """The day the public pages were last all reviewed: the oldest review among the published pages."""
    pages = list(
        InfoPage.objects.filter(
            partnership=partnership, versions__status="published", language="nb"
        ).distinct()
    )
    if not pages or any(page.reviewed_on is None for page in pages):
        return []
    oldest = min(page.reviewed_on for page in pages if page.reviewed_on)
    label = ngettext("%(count)d page reviewed", "%(count)d pages reviewed", len(pages)) % {
        "count": len(pages)
    }
    return [Evidence(oldest, label, reverse("information:public_index", args=[partnership.slug]))]
