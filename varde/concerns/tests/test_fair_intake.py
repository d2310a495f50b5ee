"""No intake path suggests a phenomenon: each starts empty or at "not sure", each offers "not known /
unsure", and the statistics count that as a category of its own."""

import re

import pytest
from django.urls import reverse

from conftest import log_in, present
from varde.accounts.roles import Role
from varde.concerns.choices import Phenomenon
from varde.concerns.models import AdviceSession, Concern
from varde.statistics.tables import DIMENSIONS


def phenomenon_select(html: str) -> str:
    found = re.search(r'<select name="phenomenon"[^>]*>(.*?)</select>', html, re.S)
    assert found, "no phenomenon field"
    return found.group(1)


@pytest.mark.parametrize(
    ("role", "url_name"),
    [
        (Role.COORDINATOR, "concerns:intake"),
        (Role.EMPLOYEE, "concerns:report"),
        (Role.COORDINATOR, "statistics:observations"),
    ],
)
def test_staff_forms_start_with_no_phenomenon_and_offer_not_known(world, client, role, url_name):
    log_in(client, world.make_user(role))
    options = phenomenon_select(client.get(reverse(url_name)).content.decode())
    first = present(re.search(r"<option ([^>]*)>([^<]*)</option>", options))
    assert first.group(1).startswith('value=""')
    assert first.group(2) == "– Velg –"
    assert re.findall(r'<option value="([^"]*)" selected', options) in ([], [""])
    assert 'value="unknown"' in options
    assert "Ikke kjent / usikker" in options


def test_the_public_form_starts_at_not_sure(world, client):
    html = client.get(reverse("concerns:public_form", args=[world.partnership.slug])).content.decode()
    options = phenomenon_select(html)
    first = present(re.search(r"<option ([^>]*)>([^<]*)</option>", options))
    assert first.group(1).startswith('value="unknown"')
    assert first.group(2) == "Jeg er usikker"
    assert options.count('value="unknown"') == 1


def test_an_intake_without_a_phenomenon_is_refused_and_nothing_is_saved(world, client):
    log_in(client, world.make_user(Role.COORDINATOR))
    data = {
        "agency": str(world.municipality.pk),
        "channel": "hotline",
        "reporter_category": "relative",
        "kind": "advice",
        "advice_given": "Ring oss igjen.",
        "phenomenon": "",
    }
    response = client.post(reverse("concerns:intake"), data)
    assert response.status_code == 200
    assert 'id="id_phenomenon-error">Feltet må fylles ut.' in response.content.decode()
    assert not AdviceSession.objects.exists()
    assert not Concern.objects.exists()
    response = client.post(reverse("concerns:intake"), data | {"phenomenon": "unknown"})
    assert AdviceSession.objects.get().phenomenon == Phenomenon.UNKNOWN


def test_the_statistics_count_not_known_as_its_own_category(world):
    breakdowns = [
        dimensions["phenomenon"] for dimensions in DIMENSIONS.values() if "phenomenon" in dimensions
    ]
    assert len(breakdowns) == 3  # concerns, advice and online observations
    for dimension in breakdowns:
        assert dict(dimension.categories(world.partnership))["unknown"] == "Ikke kjent / usikker"
