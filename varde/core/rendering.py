"""Cheap versions of what every row of a long list, and the menu of every page, does: link to a view
and show a date.

Django's reverse() and {% url %} resolve the pattern anew on each call, and the date filter looks up
the language's format for each value; in a 50-row list these were the costliest parts of each row.
An address depends only on the view's name, the script prefix and the URLconf, so it is kept per
those.
"""

from datetime import date, datetime
from functools import cache, lru_cache
from typing import Any
from uuid import UUID

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import formats, timezone
from django.utils.translation import get_language

_ANY_UUID = UUID(int=0)


@cache
def _reversed(name: str, args: tuple[UUID, ...], prefix: str, urlconf: Any) -> str:
    return reverse(name, args=args, urlconf=urlconf)


def _urlconf() -> Any:
    # What reverse() would use: the request's URLconf, else the project's (which a test may override).
    return get_urlconf() or settings.ROOT_URLCONF


def url_of(name: str) -> str:
    """reverse(name) for a view without arguments, such as the entries of the menu on every page."""
    return _reversed(name, (), get_script_prefix(), _urlconf())


def url_with_pk(name: str, pk: UUID) -> str:
    """reverse(name, args=[pk]) for a view that takes one UUID: reversed once per view, then only the
    UUID changes."""
    pattern = _reversed(name, (_ANY_UUID,), get_script_prefix(), _urlconf())
    return pattern.replace(str(_ANY_UUID), str(pk))


def short_date(value: date) -> str:
    """The date in the active language's short format, as the template filter date:"SHORT_DATE_FORMAT"."""
    return _short_date(value, get_language())


@lru_cache(maxsize=4096)
def _short_date(value: date, language: str | None) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def short_datetime(value: datetime) -> str:
    """The time in the installation's zone, in the active language's short format."""
    return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
