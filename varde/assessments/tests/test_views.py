"""The assessment pages as users meet them: the form, finalising, corrections, the PDF for each role,
the administrators' pages, bad input and query budgets."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import log_in
from varde.accounts.roles import Role
from varde.assessments.models import Assessment, AssessmentStatus, ConcernLevel, Instrument
from varde.concerns.choices import Part
from varde.concerns.tests.factories import SUBJECT_NAME, handler_for, make_concern, make_disclosure
from varde.core.tests.pdfs import assert_accessible_pdf

from .factories import EVIDENCE, LEVEL_REASON, level, make_assessment
from .test_engine import second_instrument

SCRIPT = "<script>alert('x')</script>"


@pytest.fixture
def coordinator_client(world, client):
    return log_in(client, handler_for(world, world.municipality))


def form_data(world, assessment, **overrides):
    data = {
        "assessed_on": assessment.assessed_on.isoformat(),
        "text-observations": "Deler propaganda.",
        "text-main_problems": "Søker tilhørighet.",
        "text-resources": "Foreldrene.",
        "text-recommendation": "Mentor.",
        "item-convictions-answer": "serious_concern",
        "item-convictions-evidence": EVIDENCE,
        "item-convictions-source": "Skolen",
        "item-convictions-reliability": "confirmed",
        "item-family-protective": "Støttende foreldre.",
        "focus": ["convictions"],
        "level": str(level(world, "high").pk),
        "level_reason": LEVEL_REASON,
        "participants": [str(handler_for(world, world.municipality).pk)],
        "version": str(Assessment.objects.get(pk=assessment.pk).version),
    }
    return data | overrides


def test_start_save_and_finalise_through_the_pages(world, coordinator_client):
    concern = make_concern(world)
    start = reverse("assessments:start", args=[concern.pk])
    page = coordinator_client.get(start).content.decode()
    assert "Varde standardvurdering (versjon 1)" in page
    response = coordinator_client.post(
        start, {"instrument": Instrument.objects.get(partnership=world.partnership).pk}
    )
    assessment = Assessment.objects.get()
    assert response["Location"] == reverse("assessments:edit", args=[concern.pk, assessment.pk])
    edit = coordinator_client.get(response["Location"]).content.decode()
    assert "Trinn 2: Analyser personens situasjon" in edit
    assert "Risiko og trussel" in edit
    assert "Trivsel og motstandskraft" in edit
    assert edit.count('name="item-') >= 9 * 5 - 9
    response = coordinator_client.post(response["Location"], form_data(world, assessment, save=""))
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.DRAFT
    assert assessment.ratings.get(item="convictions").evidence == EVIDENCE
    response = coordinator_client.post(
        reverse("assessments:edit", args=[concern.pk, assessment.pk]),
        form_data(world, assessment, finalise=""),
    )
    assert response["Location"] == reverse("assessments:detail", args=[concern.pk, assessment.pk])
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.FINAL
    case_page = coordinator_client.get(reverse("concerns:detail", args=[concern.pk])).content.decode()
    assert "Strukturerte vurderinger" in case_page
    assert "Høy" in case_page
    assert (
        coordinator_client.get(reverse("assessments:edit", args=[concern.pk, assessment.pk])).status_code
        == 404
    )


def test_finalising_without_a_level_shows_what_is_missing_and_keeps_the_draft(world, coordinator_client):
    concern = make_concern(world)
    assessment = make_assessment(world, concern, final=False)
    data = form_data(world, assessment, finalise="", level="", level_reason="")
    response = coordinator_client.post(reverse("assessments:edit", args=[concern.pk, assessment.pk]), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Velg bekymringsnivå." in page
    assert "Begrunn bekymringsnivået." in page
    assert Assessment.objects.get(pk=assessment.pk).status == AssessmentStatus.DRAFT


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("text-observations", "x" * 5001, "5000"),
        ("item-convictions-answer", "ten", "Velg et gyldig valg"),
        ("item-convictions-reliability", "sure", "Velg et gyldig valg"),
        ("item-convictions-source", "x" * 201, "200"),
        ("assessed_on", "i går", "gyldig dato"),
        ("assessed_on", "2999-01-01", "fram i tid"),
        ("level", "not-a-uuid", "gyldig valg"),
        ("focus", ["iq"], "gyldig valg"),
        ("participants", ["00000000-0000-0000-0000-000000000000"], "gyldig valg"),
    ],
)
def test_bad_input_gets_a_message_and_changes_nothing(world, coordinator_client, field, value, message):
    concern = make_concern(world)
    assessment = make_assessment(world, concern, final=False)
    before = assessment.ratings.get(item="convictions").evidence
    data = form_data(world, assessment, **{field: value, "item-convictions-evidence": "Nytt."})
    response = coordinator_client.post(reverse("assessments:edit", args=[concern.pk, assessment.pk]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Assessment.objects.get(pk=assessment.pk).ratings.get(item="convictions").evidence == before


def test_markup_is_stored_as_text_and_shown_escaped(world, coordinator_client):
    concern = make_concern(world)
    assessment = make_assessment(world, concern, final=False)
    data = form_data(
        world, assessment, **{"item-convictions-evidence": SCRIPT, "level_reason": SCRIPT, "finalise": ""}
    )
    coordinator_client.post(reverse("assessments:edit", args=[concern.pk, assessment.pk]), data)
    page = coordinator_client.get(
        reverse("assessments:detail", args=[concern.pk, assessment.pk])
    ).content.decode()
    assert SCRIPT not in page
    assert "&lt;script&gt;" in page


def test_the_form_shows_the_previous_rating(world, coordinator_client):
    concern = make_concern(world)
    make_assessment(world, concern)
    coordinator_client.post(
        reverse("assessments:start", args=[concern.pk]), {"instrument": Instrument.objects.get().pk}
    )
    draft = concern.assessments.drafts().get()
    page = coordinator_client.get(reverse("assessments:edit", args=[concern.pk, draft.pk])).content.decode()
    assert "Forrige vurdering: Alvorlig bekymring" in page


def test_correct_and_discard_through_the_pages(world, coordinator_client):
    concern = make_concern(world)
    original = make_assessment(world, concern)
    response = coordinator_client.post(reverse("assessments:correct", args=[concern.pk, original.pk]))
    correction = Assessment.objects.get(supersedes=original)
    assert response["Location"] == reverse("assessments:edit", args=[concern.pk, correction.pk])
    again = coordinator_client.post(
        reverse("assessments:correct", args=[concern.pk, original.pk]), follow=True
    )
    assert "under arbeid" in again.content.decode()
    coordinator_client.post(reverse("assessments:discard", args=[concern.pk, correction.pk]))
    assert list(Assessment.objects.all()) == [original]
    assert (
        coordinator_client.post(reverse("assessments:discard", args=[concern.pk, original.pk])).status_code
        == 404
    )
    assert (
        coordinator_client.get(reverse("assessments:correct", args=[concern.pk, original.pk])).status_code
        == 405
    )


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    reader = assert_accessible_pdf(response.content, title="Sammendrag av vurderingen")
    # Table cells wrap lines; compare the words, not the layout.
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_the_pdf_holds_what_the_owner_sees(world, coordinator_client):
    concern = make_concern(world)
    assessment = make_assessment(world, concern)
    text = pdf_text(coordinator_client.get(reverse("assessments:pdf", args=[concern.pk, assessment.pk])))
    assert concern.reference in text
    assert SUBJECT_NAME in text
    assert "Har delt voldsforherligende" in text
    assert "Alvorlig bekymring" in text
    assert "Taushetsbelagt" in text


def test_the_pdf_for_the_other_agency_leaves_out_what_was_not_disclosed(world, client):
    concern = make_concern(world)
    assessment = make_assessment(world, concern)
    make_disclosure(world, concern, parts=(Part.ASSESSMENT,))
    log_in(client, handler_for(world, world.police))
    text = pdf_text(client.get(reverse("assessments:pdf", args=[concern.pk, assessment.pk])))
    assert concern.reference in text
    assert "Alvorlig bekymring" in text
    assert SUBJECT_NAME not in text
    make_disclosure(world, concern, parts=(Part.IDENTITY,))
    assert SUBJECT_NAME in pdf_text(client.get(reverse("assessments:pdf", args=[concern.pk, assessment.pk])))


@pytest.mark.parametrize("role", [Role.MENTOR, Role.SECRETARY, Role.ADMIN, Role.PRIVACY_OFFICER])
def test_no_pdf_for_roles_without_the_case(world, client, role):
    concern = make_concern(world)
    assessment = make_assessment(world, concern)
    log_in(client, world.make_user(role))
    assert client.get(reverse("assessments:pdf", args=[concern.pk, assessment.pk])).status_code == 404


def test_the_trajectory_page_shows_the_change(world, coordinator_client):
    from .factories import complete_content

    concern = make_concern(world)
    make_assessment(world, concern, content=complete_content(world, days_ago=60))
    make_assessment(world, concern, content=complete_content(world, level=level(world, "low")))
    page = coordinator_client.get(reverse("assessments:trajectory", args=[concern.pk])).content.decode()
    assert "Hva som er endret siden forrige vurdering" in page
    assert "Lav (mindre bekymring)" in page


@pytest.mark.parametrize("rows", [1, 12])
def test_trajectory_and_summary_keep_a_constant_number_of_queries(
    world, coordinator_client, django_assert_max_num_queries, rows
):
    from .factories import complete_content

    concern = make_concern(world)
    for index in range(rows):
        assessment = make_assessment(world, concern, content=complete_content(world, days_ago=rows - index))
    with django_assert_max_num_queries(16):
        assert coordinator_client.get(reverse("assessments:trajectory", args=[concern.pk])).status_code == 200
    with django_assert_max_num_queries(22):
        assert (
            coordinator_client.get(
                reverse("assessments:detail", args=[concern.pk, assessment.pk])
            ).status_code
            == 200
        )
    with django_assert_max_num_queries(28):
        assert coordinator_client.get(reverse("concerns:detail", args=[concern.pk])).status_code == 200


def test_an_admin_loads_an_instrument_and_a_broken_file_is_refused(world, client):
    log_in(client, world.make_user(Role.ADMIN))
    url = reverse("assessments:instrument_list")
    broken = SimpleUploadedFile(
        "broken.yaml", second_instrument().replace("scale: tre", "scale: fire").encode()
    )
    page = client.post(url, {"file": broken}).content.decode()
    assert "linje 16" in page
    assert "det finnes ingen skala som heter fire" in page
    not_text = SimpleUploadedFile("binary.yaml", b"\xff\xfe\x00")
    assert "UTF-8" in client.post(url, {"file": not_text}).content.decode()
    assert not Instrument.objects.filter(code="lisensiert").exists()
    good = SimpleUploadedFile("good.yaml", second_instrument().encode())
    assert client.post(url, {"file": good}).status_code == 302
    instrument = Instrument.objects.get(code="lisensiert")
    assert (
        "Faktor"
        in client.get(reverse("assessments:instrument_detail", args=[instrument.pk])).content.decode()
    )
    client.post(reverse("assessments:instrument_retire", args=[instrument.pk]))
    instrument.refresh_from_db()
    assert instrument.retired_at is not None


def test_an_admin_edits_the_level_scale(world, client):
    log_in(client, world.make_user(Role.ADMIN))
    url = reverse("assessments:level_scale")
    response = client.post(
        url, {"code": "high", "name": "Alvorlig", "name_en": "Serious", "order": "3", "is_active": "on"}
    )
    assert response.status_code == 302
    assert ConcernLevel.objects.get(partnership=world.partnership, code="high").name == "Alvorlig"
    bad = client.post(url, {"code": "<b>", "name": "x" * 61, "order": "-1"})
    assert bad.status_code == 200
    assert ConcernLevel.objects.filter(partnership=world.partnership).count() == 5


def test_a_reassessment_falls_due_on_the_responsible_persons_home_page(world, coordinator_client):
    from datetime import timedelta

    from django.utils import timezone

    from varde.concerns.actions.casework import assign_responsible

    from .factories import complete_content

    owner = handler_for(world, world.municipality)
    concern = make_concern(world)
    assign_responsible(owner, concern, responsible=owner)
    soon = timezone.localdate() + timedelta(days=7)
    make_assessment(world, concern, content=complete_content(world, days_ago=10, next_review=soon))
    page = coordinator_client.get(reverse("accounts:home")).content.decode()
    assert "Vurder på nytt" in page
    assert concern.reference in page
    later = timezone.localdate() + timedelta(days=200)
    make_assessment(world, concern, content=complete_content(world, next_review=later))
    assert "Vurder på nytt" not in coordinator_client.get(reverse("accounts:home")).content.decode()


def test_two_assessors_saving_the_same_draft_do_not_overwrite_each_other(world, client):
    from django.test import Client

    concern = make_concern(world)
    assessment = make_assessment(world, concern, final=False)
    url = reverse("assessments:edit", args=[concern.pk, assessment.pk])
    other = Client()
    log_in(client, handler_for(world, world.municipality))
    log_in(other, world.make_user(Role.COORDINATOR))
    opened = form_data(world, assessment)
    assert client.post(url, opened | {"level_reason": "Første vurderer.", "save": ""}).status_code == 302
    refused = other.post(url, opened | {"level_reason": "Andre vurderer.", "save": ""})
    page = refused.content.decode()
    assert refused.status_code == 200
    assert "Noen andre har lagret endringer mens du redigerte" in page
    assert "Andre vurderer." in page
    assert Assessment.objects.get(pk=assessment.pk).level_reason == "Første vurderer."
