"""The cheap paths of long lists give exactly what Django's own would: addresses, dates and labels."""

import uuid
from datetime import date

import pytest
from django.urls import reverse, set_script_prefix
from django.utils import translation

from varde.concerns.choices import Status
from varde.concerns.models import Concern
from varde.core.rendering import short_date, url_of, url_with_pk


def test_an_address_with_a_uuid_is_the_one_reverse_gives():
    pk = uuid.uuid4()
    assert url_with_pk("concerns:detail", pk) == reverse("concerns:detail", args=[pk])
    assert url_of("concerns:list") == reverse("concerns:list")


def test_an_address_follows_the_script_prefix():
    """Behind a proxy that mounts Varde under a path, each prefix has its own addresses."""
    pk = uuid.uuid4()
    set_script_prefix("/varde/")
    try:
        assert url_with_pk("concerns:detail", pk) == f"/varde/saker/{pk}/"
    finally:
        set_script_prefix("/")
    assert url_with_pk("concerns:detail", pk) == f"/saker/{pk}/"


@pytest.mark.parametrize(("language", "expected"), [("nb", "05.03.2026"), ("en", "05/03/2026")])
def test_a_short_date_follows_the_language(language, expected):
    with translation.override(language):
        assert short_date(date(2026, 3, 5)) == expected


def test_a_choice_label_follows_the_language_and_an_unknown_value_shows_as_itself():
    concern = Concern(status=Status.UNDER_ASSESSMENT)
    with translation.override("nb"):
        norwegian = concern.get_status_display()
    with translation.override("en"):
        english = concern.get_status_display()
    assert english == "Under assessment"
    assert norwegian != english
    assert Concern(status="gone").get_status_display() == "gone"
