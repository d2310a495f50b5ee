"""Every partnership has the public pages, in each language, ready to be written."""

from django.conf import settings

from varde.accounts.models import Partnership

from .models import InfoPage, PageKey


def create_pages(partnership: Partnership) -> None:
    for language, _name in settings.LANGUAGES:
        for key in PageKey:
            InfoPage.objects.get_or_create(partnership=partnership, key=key, language=language)
