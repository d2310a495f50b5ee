"""Assessment actions: drafts, finalising, immutability, corrections, participants, audit."""

from dataclasses import replace

import pytest
from django.core.exceptions import PermissionDenied

from varde.accounts.roles import Role
from varde.assessments import actions
from varde.assessments.models import Assessment, AssessmentStatus
from varde.concerns.choices import Part
from varde.concerns.tests.factories import handler_for, make_concern, make_disclosure
from varde.core.errors import ActionRefused
from varde.core.models import AuditEvent

from .factories import complete_content, instrument, level, make_assessment


def test_a_draft_saves_without_anything_required(world):
    concern = make_concern(world)
    owner = handler_for(world, world.municipality)
    assessment = actions.start_assessment(owner, concern, instrument=instrument(world))
    actions.save_assessment(
        owner, assessment, content=actions.AssessmentContent(assessed_on=assessment.assessed_on)
    )
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.DRAFT
    assert list(assessment.participants.values_list("user", flat=True)) == []
    assert AuditEvent.objects.filter(action="assessment.saved", object_id=str(assessment.pk)).exists()


def test_finalising_needs_the_required_texts_a_level_and_a_reason(world):
    concern = make_concern(world)
    owner = handler_for(world, world.municipality)
    assessment = actions.start_assessment(owner, concern, instrument=instrument(world))
    actions.save_assessment(
        owner, assessment, content=complete_content(world, level=None, level_reason="", texts={})
    )
    with pytest.raises(ActionRefused) as refused:
        actions.finalise_assessment(owner, assessment)
    assert "Velg bekymringsnivå." in refused.value.messages
    assert "Begrunn bekymringsnivået." in refused.value.messages
    assert "Hovedproblemer må fylles ut." in refused.value.messages
    assert Assessment.objects.get(pk=assessment.pk).status == AssessmentStatus.DRAFT


def test_a_finalised_assessment_is_immutable(world):
    concern = make_concern(world)
    owner = handler_for(world, world.municipality)
    assessment = make_assessment(world, concern)
    with pytest.raises(ActionRefused, match="kan ikke endres"):
        actions.save_assessment(owner, assessment, content=complete_content(world, level_reason="Endret."))
    with pytest.raises(ActionRefused):
        actions.discard_draft(owner, assessment)
    assert Assessment.objects.get(pk=assessment.pk).level_reason != "Endret."
    event = concern.events.get(action="structured_assessment_finalised")
    assert event.actor == owner


def test_a_correction_is_a_new_version_that_links_to_the_old(world):
    concern = make_concern(world)
    owner = handler_for(world, world.municipality)
    original = make_assessment(world, concern)
    correction = actions.correct_assessment(owner, original)
    assert correction.supersedes == original
    assert correction.status == AssessmentStatus.DRAFT
    assert {r.item: r.answer for r in correction.ratings.all()} == {
        r.item: r.answer for r in original.ratings.all()
    }
    assert list(concern.assessments.in_force()) == [original]
    actions.save_assessment(
        owner, correction, content=complete_content(world, level=level(world, "moderate"))
    )
    actions.finalise_assessment(owner, correction)
    assert list(concern.assessments.in_force()) == [correction]
    assert concern.events.filter(action="structured_assessment_corrected").exists()
    with pytest.raises(ActionRefused, match="allerede korrigert"):
        actions.correct_assessment(owner, original)


def test_only_one_draft_at_a_time(world):
    concern = make_concern(world)
    owner = handler_for(world, world.municipality)
    make_assessment(world, concern, final=False)
    with pytest.raises(ActionRefused, match="under arbeid"):
        actions.start_assessment(owner, concern, instrument=instrument(world))


def test_the_other_agency_cannot_start_or_write(world):
    concern = make_concern(world)
    make_disclosure(world, concern, parts=(Part.ASSESSMENT,))
    police = handler_for(world, world.police)
    with pytest.raises(PermissionDenied):
        actions.start_assessment(police, concern, instrument=instrument(world))
    draft = make_assessment(world, concern, final=False)
    with pytest.raises(PermissionDenied):
        actions.save_assessment(police, draft, content=complete_content(world))


def test_cross_agency_participants_need_a_disclosure_of_the_assessment(world):
    concern = make_concern(world)
    owner = handler_for(world, world.municipality)
    police = handler_for(world, world.police)
    draft = make_assessment(world, concern, final=False)
    content = complete_content(world, participants=[owner, police])
    with pytest.raises(ActionRefused, match="kan ikke delta"):
        actions.save_assessment(owner, draft, content=content)
    make_disclosure(world, concern, parts=(Part.DESCRIPTION,))
    with pytest.raises(ActionRefused):
        actions.save_assessment(owner, draft, content=content)
    make_disclosure(world, concern, parts=(Part.ASSESSMENT,))
    actions.save_assessment(owner, draft, content=content)
    assert {(p.user, p.agency) for p in draft.participants.all()} == {
        (owner, world.municipality),
        (police, world.police),
    }


def test_content_that_does_not_belong_to_the_instrument_is_refused(world, other_world):
    concern = make_concern(world)
    owner = handler_for(world, world.municipality)
    draft = make_assessment(world, concern, final=False)
    content = complete_content(world)
    bad = [
        replace(content, ratings={"convictions": actions.RatingInput(answer="ten")}),
        replace(content, ratings={"iq": actions.RatingInput(answer="no_concern")}),
        replace(content, texts={"secret": "x"}),
        replace(content, focus=["iq"]),
        replace(content, level=level(other_world, "high")),
        replace(content, assessed_on=content.assessed_on.replace(year=content.assessed_on.year + 1)),
        replace(content, next_review=content.assessed_on.replace(year=content.assessed_on.year - 1)),
    ]
    for wrong in bad:
        with pytest.raises(ActionRefused):
            actions.save_assessment(owner, draft, content=wrong)


def test_a_retired_instrument_is_not_offered(world):
    concern = make_concern(world)
    owner = handler_for(world, world.municipality)
    tool = instrument(world)
    actions.set_instrument_retired(world.make_user(Role.ADMIN), tool, retired=True)
    with pytest.raises(ActionRefused):
        actions.start_assessment(owner, concern, instrument=tool)


def test_erasing_the_concern_erases_its_assessments(world):
    from varde.concerns.models import Concern

    concern = make_concern(world)
    make_assessment(world, concern)
    Concern.objects.filter(pk=concern.pk).delete()
    assert not Assessment.objects.exists()
