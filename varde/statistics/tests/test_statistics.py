"""The situation picture: correct suppressed counts from the facts, the same figures in CSV, figures
that survive erasure of personal data, registration of incidents and observations, and access."""

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import ALL_ROLES, log_in
from varde.accounts.models import Membership
from varde.accounts.roles import Role
from varde.actionplan.tests.factories import make_plan
from varde.concerns.actions.retention import purge
from varde.concerns.categorical import StatisticsFact
from varde.concerns.choices import Phenomenon
from varde.concerns.models import Concern
from varde.concerns.tests.factories import close, make_concern, make_measure
from varde.core.errors import ActionRefused
from varde.core.tests.pdfs import assert_accessible_pdf
from varde.statistics import actions
from varde.statistics.actions import Incident
from varde.statistics.models import HateIncident
from varde.statistics.tables import count_table
from varde.statistics.tests.factories import this_year_by_phenomenon

READERS = {Role.COORDINATOR.value, Role.POLICE_CONTACT.value, Role.PLAN_MANAGER.value, Role.VIEWER.value}
REGISTRARS = {Role.COORDINATOR.value, Role.POLICE_CONTACT.value}
EXPECTED = {
    "statistics:situation": READERS,
    "statistics:situation_csv": READERS,
    "statistics:situation_xlsx": READERS,
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
    options: dict[str, Any] = {
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
    query = this_year_by_phenomenon()
    csv_text = client.get(reverse("statistics:situation_csv"), query).content.decode()
    assert "Hatkriminalitet;hate_crime;<5;<5" in csv_text
    assert "2" not in [cell for line in csv_text.splitlines() for cell in line.split(";")]


def test_measure_types_are_counted_per_type(world):
    concerns = [make_concern(world) for _ in range(7)]
    for concern in concerns:
        make_measure(world, concern)
    for concern in concerns[:6]:
        make_measure(world, concern, code="parental-guidance")
    table = table_for(world, dimension="measure_type")
    assert row(table, "Samtaleoppfølging")[1:] == ["7", "7"]
    assert row(table, "Foreldreveiledning")[1:] == ["6", "6"]
    # A concern may have several kinds of measure: the total counts measures, not concerns.
    assert table.published()[-1][-1] == "13"


def test_online_observations_are_counted_by_platform(world):
    coordinator = world.make_user(Role.COORDINATOR)
    today = timezone.localdate()
    for platform in ["video"] * 6 + ["forum"] * 7 + ["gaming"] * 2:
        actions.register_observation(
            coordinator, observed_on=today, platform=platform, phenomenon="right_wing", note=""
        )
    table = table_for(world, source="observations", dimension="platform")
    assert row(table, "Spillplattform")[1:] == ["<5", "<5"]
    assert row(table, "Videoplattform")[1:] == ["×", "×"]
    assert row(table, "Forum eller bildebrett")[1:] == ["7", "7"]
    assert table_for(world, source="observations", dimension="phenomenon").published()[-1][-1] == "15"


def test_charts_show_the_published_figures_only(world, client):
    for _ in range(6):
        make_concern(world, phenomenon=Phenomenon.RIGHT_WING)
    for _ in range(2):
        make_concern(world, phenomenon=Phenomenon.HATE_CRIME)
    log_in(client, world.make_user(Role.VIEWER))
    page = client.get(reverse("statistics:situation")).content.decode()
    chart = page[page.index('<figure class="varde-chart" id="situation-categories">') :]
    chart = chart[: chart.index("</figure>")]
    assert 'role="img"' in chart
    assert '<title id="situation-categories-title">Bekymringer – Fenomen</title>' in chart
    assert "2 tall er skjult for å beskytte små tall." in chart
    # The hidden categories get no bar, only their mark; the table alternative repeats the figures.
    assert chart.count("<rect") == 0
    assert "&lt;5" in chart
    assert '<th scope="row">Hatkriminalitet</th><td>&lt;5</td>' in chart
    assert 'id="situation-trend"' in page


def test_a_reader_in_two_partnerships_chooses_which(world, other_world, client):
    viewer = world.make_user(Role.VIEWER)
    Membership.objects.create(user=viewer, agency=other_world.municipality, role=Role.VIEWER)
    coordinator = other_world.make_user(Role.COORDINATOR)
    for _ in range(7):
        actions.register_incident(
            coordinator, incident=Incident(timezone.localdate(), "hate_speech", "digital", "religion", False)
        )
    log_in(client, viewer)
    page = client.get(reverse("statistics:situation")).content.decode()
    assert 'name="samarbeid"' in page
    year = timezone.localdate().year
    query = {
        "source": "incidents",
        "dimension": "arena",
        "period": "year",
        "first_year": year,
        "last_year": year,
    }
    mine = client.get(reverse("statistics:situation"), query | {"samarbeid": world.partnership.slug})
    theirs = client.get(reverse("statistics:situation"), query | {"samarbeid": other_world.partnership.slug})
    assert "<td>7</td>" not in mine.content.decode()
    assert "<td>7</td>" in theirs.content.decode()
    refused = client.get(reverse("statistics:situation"), query | {"samarbeid": "finnes-ikke"})
    assert "gyldig valg" in refused.content.decode()


def test_the_filter_form_is_never_shared_between_readers_of_other_partnerships(world, other_world, client):
    # The rendered form is cached by query and language; the partnerships offered must be part of it.
    both = world.make_user(Role.VIEWER)
    Membership.objects.create(user=both, agency=other_world.municipality, role=Role.VIEWER)
    situation = reverse("statistics:situation")
    log_in(client, world.make_user(Role.VIEWER))
    assert 'name="samarbeid"' not in client.get(situation).content.decode()
    log_in(client, both)
    offered = client.get(situation).content.decode()
    assert 'name="samarbeid"' in offered
    assert other_world.partnership.name in offered
    log_in(client, other_world.make_user(Role.VIEWER))
    page = client.get(situation).content.decode()
    assert 'name="samarbeid"' not in page
    assert world.partnership.name not in page


def test_the_status_report_carries_the_situation_picture(world, client):
    coordinator = world.make_user(Role.COORDINATOR)
    for _ in range(6):
        actions.register_incident(
            coordinator, incident=Incident(timezone.localdate(), "hate_crime", "physical", "origin", True)
        )
    actions.register_incident(
        coordinator, incident=Incident(timezone.localdate(), "hate_speech", "digital", "origin", False)
    )
    actions.save_assessment(coordinator, year=timezone.localdate().year, text="Rolig år i byen.")
    make_plan(world)
    log_in(client, world.make_user(Role.PLAN_MANAGER))
    page = client.get(reverse("actionplan:report")).content.decode()
    section = page[page.index('id="status-situation"') :]
    assert "Hatefulle hendelser – Type" in section
    assert '<th scope="row">Hatkriminalitet</th><td>×</td>' in section
    assert '<th scope="row">Hatefulle ytringer</th><td>&lt;5</td>' in section
    assert "Rolig år i byen." in section


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


def make_facts(world, count):
    """Facts spread over three years, every phenomenon and channel, some with two kinds of measure."""
    today = timezone.localdate()
    phenomena, channels = Phenomenon.values, ["hotline", "employee", "public_form"]
    measures = [[], ["mentor"], ["follow-up-conversation", "parental-guidance"]]
    StatisticsFact.objects.bulk_create(
        (
            StatisticsFact(
                partnership=world.partnership,
                agency=world.municipality,
                kind="concern" if n % 4 else "advice",
                occurred_on=today - timedelta(days=n % 1000),
                channel=channels[n % 3],
                reporter_category="relative",
                phenomenon=phenomena[n % len(phenomena)],
                measure_types=measures[n % 3],
            )
            for n in range(count)
        ),
        batch_size=5000,
    )


@pytest.mark.parametrize("facts", [10, 1_000])
def test_statistics_pages_keep_a_constant_number_of_queries(
    world, client, django_assert_max_num_queries, facts
):
    make_facts(world, facts)
    make_plan(world)
    year = timezone.localdate().year
    log_in(client, world.make_user(Role.PLAN_MANAGER))
    with django_assert_max_num_queries(12):
        response = client.get(
            reverse("statistics:situation"),
            {
                "source": "concerns",
                "dimension": "measure_type",
                "period": "quarter",
                "first_year": year - 2,
                "last_year": year,
            },
        )
        assert response.status_code == 200
    with django_assert_max_num_queries(24):
        assert client.get(reverse("statistics:report")).status_code == 200
    with django_assert_max_num_queries(40):
        assert client.get(reverse("actionplan:report")).status_code == 200


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
    assert_accessible_pdf(pdf.content, title="Situasjonsrapport")
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(BytesIO(pdf.content)).pages).split())
    assert "Situasjonsrapport" in text
    assert "Flere hatefulle ytringer" in text
    assert "Digital" in text
    assert "Stolpediagram med én stolpe per kategori" in text
    # On paper the table right under each chart is its alternative; no folded copy of the figures.
    assert "Tallene i" not in text
    log_in(client, world.make_user(Role.VIEWER))
    assert 'name="text"' not in client.get(url).content.decode()
    assert client.post(url, {"text": "Leseren skriver."}).status_code == 404


def test_the_table_is_taken_away_as_excel_with_numbers_codes_and_marked_suppression(world, client):
    from io import BytesIO

    from openpyxl import load_workbook

    from varde.core.models import AuditEvent

    reader = world.make_user(Role.COORDINATOR)
    for _ in range(6):
        make_concern(world, phenomenon="right_wing")
    log_in(client, reader)
    query = this_year_by_phenomenon()
    answer = client.get(reverse("statistics:situation_xlsx"), query)
    assert answer["Content-Disposition"] == 'attachment; filename="situasjonsbilde.xlsx"'
    rows = list(load_workbook(BytesIO(answer.content)).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("Fenomen", "Kode", query["first_year"])
    by_code = {row[1]: row for row in rows[1:] if row[1]}
    assert by_code["right_wing"][2] == 6
    assert AuditEvent.objects.filter(action="statistics.exported", detail__format="xlsx").exists()
