"""The situation picture: correct suppressed counts from the facts, the same figures in CSV, figures
that survive erasure of personal data, registration of incidents and observations, and access."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import ALL_ROLES, log_in
from varde.accounts.roles import Role
from varde.concerns.actions.errors import ActionRefused
from varde.concerns.actions.retention import purge
from varde.concerns.choices import Phenomenon
from varde.concerns.models import Concern, StatisticsFact
from varde.concerns.tests.factories import close, make_concern
from varde.statistics import actions
from varde.statistics.actions import Incident
from varde.statistics.models import HateIncident
from varde.statistics.tables import count_table

READERS = {Role.COORDINATOR.value, Role.POLICE_CONTACT.value, Role.PLAN_MANAGER.value, Role.VIEWER.value}
REGISTRARS = {Role.COORDINATOR.value, Role.POLICE_CONTACT.value}
EXPECTED = {
    "statistics:situation": READERS,
    "statistics:situation_csv": READERS,
    "statistics:incidents": REGISTRARS,
    "statistics:observations": REGISTRARS,
    "statistics:report": READERS,
    "statistics:report_pdf": READERS,
}
OUTSIDE_MATRIX: set[str] = set()


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_role_opens_exactly_the_pages_it_may(name, role, world, client):
    log_in(client, world.make_user(role))
    assert client.get(reverse(name)).status_code == (200 if role in EXPECTED[name] else 404)


def table_for(world, **overrides):
    year = timezone.localdate().year
    options = {
        "source": "concerns",
        "dimension": "phenomenon",
        "period": "year",
        "first_year": year,
        "last_year": year,
    }
    return count_table(world.partnership, **(options | overrides))[1]


def row(table, label):
    return table.published()[table.rows.index(label) + 1]


def test_counts_come_out_right_and_small_ones_are_hidden(world, client):
    for _ in range(6):
        make_concern(world, phenomenon=Phenomenon.RIGHT_WING)
    for _ in range(2):
        make_concern(world, phenomenon=Phenomenon.HATE_CRIME)
    for _ in range(7):
        make_concern(world, phenomenon=Phenomenon.LEFT_WING)
    table = table_for(world)
    # 2 is small; with the column total published, the next smallest count (6) must go too.
    assert row(table, "Hatkriminalitet")[1:] == ["<5", "<5"]
    assert row(table, "Høyreekstremisme")[1:] == ["×", "×"]
    assert row(table, "Venstreekstremisme")[1:] == ["7", "7"]
    assert table.published()[-1][-1] == "15"
    log_in(client, world.make_user(Role.VIEWER))
    page = client.get(reverse("statistics:situation")).content.decode()
    assert "&lt;5" in page
    assert "15" in page
    year = str(timezone.localdate().year)
    query = {
        "source": "concerns",
        "dimension": "phenomenon",
        "period": "year",
        "first_year": year,
        "last_year": year,
    }
    csv_text = client.get(reverse("statistics:situation_csv"), query).content.decode()
    assert "Hatkriminalitet,<5,<5" in csv_text
    assert "2" not in [cell for line in csv_text.splitlines() for cell in line.split(",")]


def test_figures_survive_erasure_of_personal_data(world):
    concerns = [make_concern(world, phenomenon=Phenomenon.RIGHT_WING) for _ in range(5)]
    before = table_for(world).published()
    for concern in concerns:
        close(world, concern, "unfounded")
    later = timezone.localdate() + timedelta(days=800)
    purge(later)
    assert not Concern.objects.exists()
    assert StatisticsFact.objects.filter(concern__isnull=True).count() == 5
    assert table_for(world).published() == before


def test_incidents_are_registered_and_counted(world, client):
    coordinator = world.make_user(Role.COORDINATOR)
    today = timezone.localdate()
    for _ in range(5):
        actions.register_incident(
            coordinator, incident=Incident(today, "hate_speech", "digital", "religion", False)
        )
    with pytest.raises(ActionRefused):
        actions.register_incident(
            coordinator,
            incident=Incident(today + timedelta(days=1), "hate_speech", "digital", "religion", False),
        )
    table = table_for(world, source="incidents", dimension="arena")
    assert row(table, "Digital")[1:] == ["5", "5"]
    log_in(client, coordinator)
    response = client.post(
        reverse("statistics:incidents"),
        {
            "occurred_on": today.isoformat(),
            "kind": "hate_crime",
            "arena": "physical",
            "target_group": "other",
        },
    )
    assert response.status_code == 302
    assert HateIncident.objects.count() == 6
    bad = client.post(
        reverse("statistics:incidents"),
        {"occurred_on": "i går", "kind": "x", "arena": "", "target_group": ""},
    )
    assert bad.status_code == 200
    assert HateIncident.objects.count() == 6


def test_observations_take_no_more_than_a_short_note(world, client):
    log_in(client, world.make_user(Role.POLICE_CONTACT))
    url = reverse("statistics:observations")
    data = {
        "observed_on": timezone.localdate().isoformat(),
        "platform": "forum",
        "phenomenon": "accelerationism",
    }
    assert client.post(url, data | {"note": "x" * 501}).status_code == 200
    assert client.post(url, data | {"note": "<script>x</script>"}).status_code == 302
    assert "<script>x</script>" not in client.get(url).content.decode()


def test_bad_filters_get_a_message(world, client):
    log_in(client, world.make_user(Role.VIEWER))
    page = client.get(
        reverse("statistics:situation"),
        {
            "source": "incidents",
            "dimension": "phenomenon",
            "period": "week",
            "first_year": "2020",
            "last_year": "2040",
        },
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert "gyldig valg" in text
    assert "situation-table" not in text
    assert client.get(reverse("statistics:situation_csv"), {"period": "week"}).status_code == 400


@pytest.mark.parametrize("facts", [1, 300])
def test_the_situation_page_keeps_a_constant_number_of_queries(
    world, client, django_assert_max_num_queries, facts
):
    StatisticsFact.objects.bulk_create(
        StatisticsFact(
            partnership=world.partnership,
            agency=world.municipality,
            kind="concern",
            occurred_on=timezone.localdate(),
            channel="hotline",
            reporter_category="relative",
            phenomenon="right_wing",
        )
        for _ in range(facts)
    )
    log_in(client, world.make_user(Role.VIEWER))
    with django_assert_max_num_queries(12):
        assert client.get(reverse("statistics:situation")).status_code == 200


def test_the_situation_report_and_its_pdf(world, client):
    from io import BytesIO

    from pypdf import PdfReader

    coordinator = world.make_user(Role.COORDINATOR)
    for _ in range(6):
        actions.register_incident(
            coordinator, incident=Incident(timezone.localdate(), "hate_speech", "digital", "religion", False)
        )
    log_in(client, coordinator)
    url = reverse("statistics:report")
    assert client.post(url, {"text": ""}).status_code == 200
    client.post(url, {"text": "Flere hatefulle ytringer på nett enn i fjor."})
    page = client.get(url).content.decode()
    assert "Flere hatefulle ytringer på nett enn i fjor." in page
    assert "Hatefulle hendelser – Arena" in page
    pdf = client.get(reverse("statistics:report_pdf"))
    assert pdf["Content-Type"] == "application/pdf"
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(BytesIO(pdf.content)).pages).split())
    assert "Situasjonsrapport" in text
    assert "Flere hatefulle ytringer" in text
    assert "Digital" in text
    log_in(client, world.make_user(Role.VIEWER))
    assert 'name="text"' not in client.get(url).content.decode()
    assert client.post(url, {"text": "Leseren skriver."}).status_code == 404
