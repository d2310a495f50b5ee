"""The trajectory: each life area over time, what changed, and corrections replacing what they correct."""

from varde.assessments import actions
from varde.assessments.actions import RatingInput
from varde.assessments.trajectory import Change, compare, trajectory_of
from varde.concerns.tests.factories import handler_for, make_concern

from .factories import complete_content, level, make_assessment


def test_compare_orders_by_severity_and_otherwise_only_sees_a_difference():
    assert compare(2, 1, same=False) == Change.BETTER
    assert compare(0, 2, same=False) == Change.WORSE
    assert compare(None, 1, same=False) == Change.CHANGED
    assert compare(1, 1, same=True) == Change.SAME


def _two_assessments(world):
    concern = make_concern(world)
    first = complete_content(
        world,
        days_ago=90,
        ratings={
            "convictions": RatingInput("serious_concern"),
            "family": RatingInput("no_concern"),
            "network": RatingInput("unknown"),
        },
    )
    second = complete_content(
        world,
        ratings={
            "convictions": RatingInput("some_concern"),
            "family": RatingInput("no_concern"),
            "network": RatingInput("no_concern"),
            "violence": RatingInput("some_concern"),
        },
        level=level(world, "moderate"),
    )
    make_assessment(world, concern, content=first)
    make_assessment(world, concern, content=second)
    return concern


def test_changes_per_life_area_and_level(world):
    concern = _two_assessments(world)
    trajectory = trajectory_of(list(concern.assessments.in_force().order_by("assessed_on")))
    rows = {row.code: [cell.change for cell in row.cells] for row in trajectory.rows}
    assert rows["convictions"] == [Change.FIRST, Change.BETTER]
    assert rows["family"] == [Change.FIRST, Change.SAME]
    assert rows["network"] == [Change.FIRST, Change.CHANGED]
    assert rows["violence"] == [Change.FIRST, Change.NEW]
    assert rows["personality"] == [Change.FIRST, Change.FIRST]
    assert [cell.change for cell in trajectory.levels] == [Change.FIRST, Change.BETTER]
    changed = {row.code for row, _cell in trajectory.changes_since_last}
    assert changed == {"convictions", "network", "violence"}


def test_a_finalised_correction_takes_the_place_of_the_original(world):
    concern = _two_assessments(world)
    owner = handler_for(world, world.municipality)
    newest = concern.assessments.order_by("-assessed_on").first()
    correction = actions.correct_assessment(owner, newest)
    content = complete_content(
        world, ratings={"convictions": RatingInput("serious_concern")}, level=level(world, "high")
    )
    actions.save_assessment(owner, correction, content=content)
    actions.finalise_assessment(owner, correction)
    in_force = list(concern.assessments.in_force().order_by("assessed_on", "created_at"))
    assert len(in_force) == 2
    assert in_force[-1] == correction
    trajectory = trajectory_of(in_force)
    rows = {row.code: [cell.change for cell in row.cells] for row in trajectory.rows}
    assert rows["convictions"] == [Change.FIRST, Change.SAME]
    assert [cell.change for cell in trajectory.levels] == [Change.FIRST, Change.SAME]
