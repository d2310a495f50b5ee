"""When a translation falls behind: the bokmål page is the original, and an English page published
before the bokmål page's latest publication may no longer say the same."""

from typing import Any

from .models import PageVersion, VersionStatus

ORIGINAL = "nb"


def translation_is_outdated(version: PageVersion) -> bool:
    """Whether the bokmål page was published again after this translation's publication."""
    if version.page.language == ORIGINAL or version.published_at is None:
        return False
    original = (
        PageVersion.objects.filter(
            page__partnership_id=version.page.partnership_id,
            page__key=version.page.key,
            page__language=ORIGINAL,
            status=VersionStatus.PUBLISHED,
        )
        .values_list("published_at", flat=True)
        .first()
    )
    return original is not None and original > version.published_at


def mark_outdated_translations(pages: list[Any]) -> None:
    """Set `outdated` on each page of the list, from the published versions it prefetched."""
    published = {
        (page.partnership_id, page.key, page.language): version.published_at
        for page in pages
        for version in page.versions.all()
        if version.status == VersionStatus.PUBLISHED
    }
    for page in pages:
        mine = published.get((page.partnership_id, page.key, page.language))
        original = published.get((page.partnership_id, page.key, ORIGINAL))
        page.outdated = (
            page.language != ORIGINAL and mine is not None and original is not None and original > mine
        )
