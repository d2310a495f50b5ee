"""The forms as users meet them: intake, reports, the public form, bad input and query budgets."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.db import OperationalError
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from conftest import edit_basis, log_in, present
from varde.accounts.roles import Role
from varde.concerns.models import (
    AdviceSession,
    Concern,
    ConcernSettings,
    Disclosure,
    LegalBasis,
    PublicSubmission,
)

from .factories import SUBJECT_NAME, handler_for, make_concern, make_disclosure, make_measure

SCRIPT = "<script>alert('x')</script>"


def intake_data(world, **overrides):
    data = {
        "agency": str(world.municipality.pk),
        "channel": "hotline",
        "reporter_category": "relative",
        "phenomenon": "right_wing",
        "kind": "concern",
        "description": "Bekymret tante ringte.",
    }
    return data | overrides


@pytest.fixture
def coordinator_client(world, client):
    return log_in(client, handler_for(world, world.municipality))


def test_a_hotline_call_becomes_advice_without_personal_data(world, coordinator_client):
    data = intake_data(world, kind="advice", advice_given="Forklarte hvordan man melder.", description="")
    response = coordinator_client.post(reverse("concerns:intake"), data)
    assert response.status_code == 302
    assert AdviceSession.objects.get().advice_given == "Forklarte hvordan man melder."
    assert not Concern.objects.exists()


def test_a_hotline_call_becomes_a_concern(world, coordinator_client):
    response = coordinator_client.post(reverse("concerns:intake"), intake_data(world, subject_name="Per Ny"))
    concern = Concern.objects.get()
    assert response.url == reverse("concerns:detail", args=[concern.pk])
    assert concern.subject_name == "Per Ny"
    assert concern.channel == "hotline"


def test_search_before_create_shows_matches_and_needs_confirmation(world, coordinator_client):
    existing = make_concern(world)
    data = intake_data(world, subject_name="ola testesen")
    page = coordinator_client.post(reverse("concerns:intake"), data).content.decode()
    assert existing.reference in page
    assert Concern.objects.count() == 1
    coordinator_client.post(reverse("concerns:intake"), data | {"confirmed_new": "on"})
    assert Concern.objects.count() == 2


def test_search_before_create_never_shows_the_other_agencys_concerns(world, client):
    police_case = make_concern(world, agency=world.police)
    log_in(client, handler_for(world, world.municipality))
    response = client.post(reverse("concerns:intake"), intake_data(world, subject_name=SUBJECT_NAME))
    assert police_case.reference not in response.content.decode()
    assert response.status_code == 302


def test_an_acute_intake_goes_to_the_emergency_page(world, coordinator_client):
    response = coordinator_client.post(reverse("concerns:intake"), intake_data(world, acute="on"))
    concern = Concern.objects.get()
    assert response.url == reverse("concerns:acute", args=[concern.pk])
    page = coordinator_client.get(response.url).content.decode()
    assert "Ring 112 nå" in page


@pytest.mark.parametrize(
    "overrides",
    [
        {"description": "x" * 5001},
        {"description": ""},
        {"phenomenon": "nonsense"},
        {"agency": "not-a-uuid"},
        {"subject_name": "A", "subject_birth_year": "abc"},
        {"subject_name": "A", "subject_birth_year": "2999"},
        {"subject_name": "A", "subject_guardians": "Foreldre", "subject_birth_year": "1960"},
        {"kind": "advice", "advice_given": "", "description": ""},
        {"channel": "other_body"},
    ],
)
def test_bad_intake_input_gets_a_message_and_changes_nothing(world, coordinator_client, overrides):
    response = coordinator_client.post(reverse("concerns:intake"), intake_data(world, **overrides))
    assert response.status_code == 200
    assert "Rett opp dette" in response.content.decode() or "ds-error-summary" in response.content.decode()
    assert not Concern.objects.exists()
    assert not AdviceSession.objects.exists()


def test_markup_is_stored_as_text_and_shown_escaped(world, coordinator_client):
    coordinator_client.post(reverse("concerns:intake"), intake_data(world, description=SCRIPT))
    concern = Concern.objects.get()
    page = coordinator_client.get(reverse("concerns:detail", args=[concern.pk])).content.decode()
    assert SCRIPT not in page
    assert "&lt;script&gt;" in page


def test_an_employee_reports_and_gets_a_receipt(world, client):
    employee = world.make_user(Role.EMPLOYEE)
    log_in(client, employee)
    response = client.post(
        reverse("concerns:report"),
        {
            "agency": str(world.municipality.pk),
            "phenomenon": "hate_crime",
            "description": "Hatsymboler i garderoben.",
        },
        follow=True,
    )
    concern = Concern.objects.get()
    assert concern.reported_by == employee
    assert concern.channel == "employee"
    page = response.content.decode()
    assert concern.reference in page
    assert "Hatsymboler" not in page


def test_an_employee_cannot_report_to_another_partnerships_agency(world, other_world, client):
    log_in(client, world.make_user(Role.EMPLOYEE))
    response = client.post(
        reverse("concerns:report"),
        {"agency": str(other_world.municipality.pk), "phenomenon": "other", "description": "Tekst"},
    )
    assert response.status_code == 200
    assert not Concern.objects.exists()


def public_data(**overrides):
    return {
        "reporter_category": "relative",
        "phenomenon": "",
        "description": "Nevøen min endrer seg.",
        "website": "",
    } | overrides


def test_the_public_form_lands_in_the_intake_queue_and_never_shows_the_text(world, client):
    url = reverse("concerns:public_form", args=[world.partnership.slug])
    assert client.get(url).status_code == 200
    response = client.post(url, public_data(contact="900 00 000"), follow=True)
    concern = Concern.objects.get()
    assert concern.owning_agency == world.municipality
    assert concern.channel == "public_form"
    assert concern.phenomenon == "unknown"  # "I am not sure" is its own category, not "mixed"
    assert concern.reporter_contact == "900 00 000"
    page = response.content.decode()
    assert concern.reference in page
    assert "Nevøen" not in page
    assert "900 00 000" not in page
    # The receipt is shown once; reloading does not show it again.
    assert client.get(reverse("concerns:public_receipt", args=[world.partnership.slug])).status_code == 302


def test_a_database_lost_while_the_receipt_is_remembered_gives_the_styled_503(world, client):
    url = reverse("concerns:public_form", args=[world.partnership.slug])
    client.post(url, public_data(), follow=True)  # the visitor now has a stored session

    def database_gone(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Session, "save", database_gone)
        response = client.post(url, public_data())
    assert response.status_code == 503
    assert "Varde er utilgjengelig en liten stund" in response.content.decode()


def test_a_malformed_request_gets_a_styled_400_in_bokmal(db, client):
    response = client.get("/", headers={"host": "ukjent.example"})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'class="ds-heading"' in page
    assert "Vi kunne ikke behandle forespørselen" in page
    assert "ukjent.example" not in page


def test_the_public_form_of_an_unknown_partnership_is_not_found(db, client):
    assert client.get(reverse("concerns:public_form", args=["finnes-ikke"])).status_code == 404


def test_the_honeypot_stores_nothing_but_looks_the_same(world, client):
    url = reverse("concerns:public_form", args=[world.partnership.slug])
    response = client.post(url, public_data(website="http://spam.example"), follow=True)
    assert response.status_code == 200
    assert "Kvitteringskoden din" in response.content.decode()
    assert not Concern.objects.exists()


def limit_public_form(world, limit, phone=""):
    settings = ConcernSettings.of(world.partnership)
    settings.public_form_limit, settings.hotline_phone = limit, phone
    settings.save()


def test_the_public_form_is_rate_limited_per_address_counting_sent_reports_only(world, client):
    limit_public_form(world, 2, phone="69 00 00 00")
    url = reverse("concerns:public_form", args=[world.partnership.slug])
    # Mistakes do not count: a school's next pupil must still be able to send.
    for _ in range(5):
        assert client.post(url, public_data(description="")).status_code == 200
    for _ in range(2):
        assert client.post(url, public_data()).status_code == 302
    response = client.post(url, public_data())
    assert response.status_code == 429
    html = response.content.decode()
    assert "flere meldinger på kort tid" in html
    assert "ring bekymringstelefonen på 69 00 00 00" in html
    assert "112" in html
    assert Concern.objects.count() == 2
    other_address = client.post(url, public_data(), REMOTE_ADDR="10.0.0.9")
    assert other_address.status_code == 302
    assert "127.0.0.1" not in set(PublicSubmission.objects.values_list("address_hash", flat=True))


@override_settings(VARDE_CLIENT_IP_HEADER="X-Real-IP")
def test_behind_the_proxy_the_limit_counts_each_visitor_by_the_proxys_header(world, client):
    limit_public_form(world, 1)
    url = reverse("concerns:public_form", args=[world.partnership.slug])
    assert client.post(url, public_data(), headers={"X-Real-IP": "203.0.113.1"}).status_code == 302
    assert client.post(url, public_data(), headers={"X-Real-IP": "203.0.113.2"}).status_code == 302
    assert client.post(url, public_data(), headers={"X-Real-IP": "203.0.113.1"}).status_code == 429


@pytest.mark.parametrize(
    "overrides", [{"description": ""}, {"description": "x" * 5001}, {"reporter_category": "robot"}]
)
def test_bad_public_input_changes_nothing(world, client, overrides):
    response = client.post(
        reverse("concerns:public_form", args=[world.partnership.slug]), public_data(**overrides)
    )
    assert response.status_code == 200
    assert not Concern.objects.exists()


def test_a_disclosure_through_the_form(world, coordinator_client):
    concern = make_concern(world)
    basis = LegalBasis.objects.get(partnership=world.partnership, code="public-body-own-tasks")
    owner = handler_for(world, world.municipality)
    data = {
        "to_agency": str(world.police.pk),
        "parts": ["identity", "description"],
        "legal_basis": str(basis.pk),
        "justification": "Politiet må vurdere trusselen.",
        "approved_by": str(owner.pk),
        "person_informed": "no",
        "not_informed_reason": "",
    }
    url = reverse("concerns:disclose", args=[concern.pk])
    assert coordinator_client.post(url, data).status_code == 200
    assert not Disclosure.objects.exists()
    response = coordinator_client.post(url, data | {"not_informed_reason": "Kan skade etterforskningen."})
    assert response.status_code == 302
    assert Disclosure.objects.get().parts == ["description", "identity"]


def test_the_refusal_of_an_action_is_shown_on_the_form(world, coordinator_client):
    concern = make_concern(world)
    mentor_type = concern.partnership.measure_types.get(code="mentor")
    data = {
        "measure_type": str(mentor_type.pk),
        "owner_agency": str(world.municipality.pk),
        "start_date": "2026-11-23",
    }
    response = coordinator_client.post(reverse("concerns:measure_add", args=[concern.pk]), data)
    assert response.status_code == 200
    assert "krever samtykke" in response.content.decode()
    assert not concern.measures.exists()


def test_admin_revises_and_retires_legal_bases(world, client):
    log_in(client, world.make_user(Role.ADMIN))
    basis = LegalBasis.objects.get(partnership=world.partnership, code="child-welfare")
    url = reverse("concerns:legal_basis_edit", args=[basis.pk])
    wording = {
        "citation": "barnevernsloven § 13-2",
        "title": "Ny",
        "kind": "general",
        "direction": "municipality_to_police",
        "description": "",
    }
    response = client.post(url, {**edit_basis(client.get(url).content.decode()), **wording})
    assert response.status_code == 302
    client.post(reverse("concerns:legal_basis_action", args=[basis.pk]), {"action": "retire"})
    basis.refresh_from_db()
    assert basis.citation == "barnevernsloven § 13-2"
    assert basis.retired_at is not None
    assert (
        client.post(
            reverse("concerns:legal_basis_action", args=[basis.pk]), {"action": "explode"}
        ).status_code
        == 404
    )


def test_a_coordinator_cannot_touch_legal_bases(world, coordinator_client):
    basis = LegalBasis.objects.filter(partnership=world.partnership)[0]
    response = coordinator_client.post(
        reverse("concerns:legal_basis_action", args=[basis.pk]), {"action": "retire"}
    )
    assert response.status_code == 404


def test_home_lists_due_items(world, client):
    concern = make_concern(world)
    owner = handler_for(world, world.municipality)
    log_in(client, owner)
    page = client.get(reverse("accounts:home")).content.decode()
    assert concern.reference in page
    assert "Fordel ny bekymring" in page


@pytest.mark.parametrize("rows", [1, 50])
def test_case_list_keeps_a_constant_number_of_queries(
    world, coordinator_client, django_assert_max_num_queries, rows
):
    for _ in range(rows):
        make_concern(world)
    with django_assert_max_num_queries(16):
        assert coordinator_client.get(reverse("concerns:list")).status_code == 200


@pytest.mark.parametrize("rows", [1, 25])
def test_case_page_keeps_a_constant_number_of_queries(
    world, coordinator_client, django_assert_max_num_queries, rows
):
    concern = make_concern(world)
    for _ in range(rows):
        make_measure(world, concern)
        make_disclosure(world, concern)
    with django_assert_max_num_queries(26):
        assert coordinator_client.get(reverse("concerns:detail", args=[concern.pk])).status_code == 200


def settings_data(**overrides):
    data = {
        "review_months": "3, 9",
        "assessment_days": "10",
        "hotline_phone": " 69  12 34 56 ",
        "public_form_limit": "8",
    }
    for outcome in (
        "unfounded",
        "no_further_action",
        "transferred_to_police",
        "measures_completed",
        "moved_away",
        "other",
    ):
        data[f"{outcome}_restrict"] = "12"
        data[f"{outcome}_erase"] = "24"
    return data | overrides


def test_admin_sets_review_intervals_and_retention_periods(world, client):
    from varde.concerns.models import ConcernSettings, RetentionRule

    log_in(client, world.make_user(Role.ADMIN))
    url = reverse("concerns:casework_settings")
    opened = edit_basis(client.get(url).content.decode())
    data = settings_data(unfounded_restrict="", unfounded_erase="6")
    assert client.post(url, {**opened, **data}).status_code == 302
    settings = ConcernSettings.objects.get(partnership=world.partnership)
    assert settings.review_months == [3, 9]
    assert settings.assessment_days == 10
    assert (settings.hotline_phone, settings.hotline_href, settings.public_form_limit) == (
        "69 12 34 56",
        "tel:+4769123456",
        8,
    )
    rule = RetentionRule.objects.get(partnership=world.partnership, outcome="unfounded")
    assert (rule.restrict_after_months, rule.erase_after_months) == (None, 6)


@pytest.mark.parametrize(
    "overrides",
    [
        {"review_months": "seks"},
        {"review_months": "0"},
        {"assessment_days": "-1"},
        {"hotline_phone": "ring oss"},
        {"hotline_phone": "12"},
        {"public_form_limit": "0"},
        {"public_form_limit": ""},
        {"other_restrict": "24", "other_erase": "12"},
        {"other_restrict": "", "other_erase": ""},
        {"moved_away_erase": SCRIPT},
    ],
)
def test_bad_settings_change_nothing(world, client, overrides):
    from varde.concerns.models import ConcernSettings

    log_in(client, world.make_user(Role.ADMIN))
    url = reverse("concerns:casework_settings")
    response = client.post(
        url, {**edit_basis(client.get(url).content.decode()), **settings_data(**overrides)}
    )
    assert response.status_code == 200
    assert SCRIPT not in response.content.decode()
    assert ConcernSettings.objects.get(partnership=world.partnership).review_months == [6, 12]


def _row_of(page: str, reference: str) -> str:
    start = page.index(reference)
    return page[page.rindex("<tr>", 0, start) : page.index("</tr>", start)]


def test_case_list_rows_show_categories_to_the_owner_and_only_sharing_to_the_receiver(world, client):
    own = make_concern(world, assessment_due=timezone.localdate() - timedelta(days=3), is_acute=True)
    shared = make_concern(world, agency=world.police, phenomenon="left_wing")
    make_disclosure(world, shared)
    log_in(client, handler_for(world, world.municipality))
    page = client.get(reverse("concerns:list")).content.decode()
    mine = _row_of(page, own.reference)
    assert f'href="{reverse("concerns:detail", args=[own.pk])}"' in mine
    assert "Akutt" in mine
    assert "Høyreekstremisme" in mine
    assert "Forfalt" in mine
    assert present(own.assessment_due).strftime("%d.%m.%Y") in mine
    theirs = _row_of(page, shared.reference)
    assert "Delt med deg – åpne saken for å se hva" in theirs
    assert "Venstreekstremisme" not in theirs
    assert str(world.police) in theirs


def test_case_list_names_the_responsible_person_or_their_username_when_they_have_no_name(world, client):
    named = world.make_user(Role.COORDINATOR, first_name="Kari", last_name="Nordmann", username="kari")
    unnamed = world.make_user(Role.COORDINATOR, first_name="", last_name="", username="ola.n")
    first, second = make_concern(world), make_concern(world)
    Concern.objects.filter(pk=first.pk).update(responsible=named)
    Concern.objects.filter(pk=second.pk).update(responsible=unnamed)
    log_in(client, named)
    page = client.get(reverse("concerns:list")).content.decode()
    assert "Kari Nordmann" in _row_of(page, first.reference)
    assert "ola.n" in _row_of(page, second.reference)


def test_case_list_says_so_when_no_concern_matches(world, coordinator_client):
    page = coordinator_client.get(reverse("concerns:list") + "?status=closed").content.decode()
    assert "Ingen bekymringer passer." in page


# Filters and sorts tell nothing the rows hide ---------------------------------------------------


@pytest.fixture
def shared_concerns(world):
    """Two municipal concerns in different states, shared with the police as identity and measures."""
    received = make_concern(world, phenomenon="right_wing", reference="AAAA-2222")
    assessed = make_concern(world, phenomenon="left_wing", reference="ZZZZ-9999", status="under_assessment")
    for concern in (received, assessed):
        make_disclosure(world, concern, parts=("identity", "measures"))
    return received, assessed


CATEGORY_QUERIES = [
    "phenomenon=right_wing",
    "phenomenon=left_wing",
    "status=received",
    "status=under_assessment",
    "responsible=nobody",
    "overdue=on",
]


@pytest.mark.parametrize("query", CATEGORY_QUERIES)
def test_a_filter_on_a_category_finds_no_shared_concern(world, client, shared_concerns, query):
    log_in(client, handler_for(world, world.police))
    assert "AAAA-2222" in client.get(reverse("concerns:list")).content.decode()
    page = client.get(f"{reverse('concerns:list')}?{query}").content.decode()
    assert "AAAA-2222" not in page
    assert "ZZZZ-9999" not in page


@pytest.mark.parametrize("sort", ["status", "assessment_due"])
def test_a_sort_on_a_category_orders_shared_concerns_alike(world, client, shared_concerns, sort):
    own = make_concern(world, agency=world.police, reference="MMMM-5555")
    log_in(client, handler_for(world, world.police))
    page = client.get(f"{reverse('concerns:list')}?sort={sort}").content.decode()
    positions = [page.index(reference) for reference in (own.reference, "AAAA-2222", "ZZZZ-9999")]
    assert positions == sorted(positions)  # own first, then the shared ones by reference


def test_a_mentor_finds_nothing_by_category_on_the_page_or_in_the_api(world, client):
    from varde.api.tests.test_api import bearer

    mentor = world.make_user(Role.MENTOR)
    concern = make_concern(world, phenomenon="right_wing")
    make_measure(world, concern, responsible=mentor)
    log_in(client, mentor)
    assert concern.reference in client.get(reverse("concerns:list")).content.decode()
    filtered = client.get(reverse("concerns:list") + "?phenomenon=right_wing").content.decode()
    assert concern.reference not in filtered
    assert concern.reference in str(client.get("/api/v1/concerns", **bearer(mentor)).json())
    assert concern.reference not in str(
        client.get("/api/v1/concerns?phenomenon=right_wing", **bearer(mentor)).json()
    )


@pytest.mark.parametrize("query", CATEGORY_QUERIES)
def test_the_api_filters_on_categories_only_among_own_concerns(world, client, shared_concerns, query):
    from varde.api.tests.test_api import bearer

    headers = bearer(handler_for(world, world.police))
    everything = client.get("/api/v1/concerns", **headers).json()
    filtered = client.get(f"/api/v1/concerns?{query.replace('=on', '=true')}", **headers).json()
    assert "AAAA-2222" in str(everything)
    assert "AAAA-2222" not in str(filtered)
    assert "ZZZZ-9999" not in str(filtered)
