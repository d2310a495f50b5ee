"""A page and its list's total come from one query and behave like Paginator.get_page; a list that only
grows is counted up to a cap."""

import pytest

from varde.accounts.audit_actions import AccountAudit
from varde.core.audit import record_event
from varde.core.models import AuditEvent
from varde.core.paging import Position, capped_count, newest_first_stretch, page_with_total


@pytest.fixture
def seven_events(db):
    for number in range(7):
        record_event(AccountAudit.UNIT_UPDATED, detail={"number": number})
    return AuditEvent.objects.filter(action="unit.updated").order_by("id")


def numbers(page):
    return [row["detail"]["number"] for row in page.object_list]


def test_a_page_and_the_total_in_one_query(seven_events, django_assert_num_queries):
    with django_assert_num_queries(1):
        page = page_with_total(seven_events.values("detail"), "2", 3)
    assert numbers(page) == [3, 4, 5]
    assert page.paginator.count == 7
    assert page.paginator.num_pages == 3
    assert (page.number, page.has_previous(), page.has_next()) == (2, True, True)


def test_model_rows_carry_the_total_too(seven_events):
    page = page_with_total(seven_events, None, 5)
    assert [event.detail["number"] for event in page] == [0, 1, 2, 3, 4]
    assert page.paginator.count == 7


@pytest.mark.parametrize("asked", [None, "", "first", "0", "-2"])
def test_a_missing_or_unreadable_number_gives_the_first_page(seven_events, asked):
    page = page_with_total(seven_events.values("detail"), asked, 3)
    assert page.number == 1
    assert numbers(page) == [0, 1, 2]


def test_a_number_past_the_end_gives_the_last_page(seven_events):
    page = page_with_total(seven_events.values("detail"), "99", 3)
    assert page.number == 3
    assert numbers(page) == [6]
    assert page.paginator.count == 7


def test_an_empty_list_is_one_empty_page(db):
    page = page_with_total(AuditEvent.objects.filter(action="nothing").order_by("id").values("id"), "4", 3)
    assert (page.number, list(page.object_list), page.paginator.count) == (1, [], 0)
    assert not page.has_other_pages()


def test_an_empty_first_page_needs_no_count(db, django_assert_num_queries):
    with django_assert_num_queries(1):
        page = page_with_total(AuditEvent.objects.filter(action="nothing").order_by("id"), None, 3)
    assert (page.number, list(page.object_list), page.paginator.count) == (1, [], 0)


@pytest.mark.parametrize(("cap", "shown", "more"), [(5, 5, True), (7, 7, False), (9, 7, False)])
def test_a_capped_count_reads_no_further_than_one_past_the_cap(
    seven_events, django_assert_num_queries, cap, shown, more
):
    with django_assert_num_queries(1) as queries:
        counted = capped_count(seven_events, cap)
    assert (counted.shown, counted.has_more) == (shown, more)
    assert f"LIMIT {cap + 1}" in queries[0]["sql"]


def test_stretches_walk_the_list_newest_first_and_back(seven_events, django_assert_num_queries):
    newest_first = [event.detail["number"] for event in seven_events.reverse()]
    walked: list[int] = []
    stretch = newest_first_stretch(seven_events, 3)
    assert stretch.newer is None
    while True:
        walked.extend(event.detail["number"] for event in stretch.rows)
        if stretch.older is None:
            break
        with django_assert_num_queries(1):
            stretch = newest_first_stretch(seven_events, 3, older_than=stretch.older)
    assert walked == newest_first
    back = newest_first_stretch(seven_events, 3, newer_than=stretch.newer)
    assert [event.detail["number"] for event in back.rows] == newest_first[3:6]
    assert back.older == Position.of(back.rows[-1])


def test_a_stretch_goes_on_past_events_added_at_the_head(seven_events):
    first = newest_first_stretch(seven_events, 3)
    record_event(AccountAudit.UNIT_UPDATED, detail={"number": 7})
    second = newest_first_stretch(seven_events, 3, older_than=first.older)
    assert [event.detail["number"] for event in second.rows] == [3, 2, 1]


@pytest.mark.parametrize("token", [None, "", "x", "1", "1.", ".1", "-1.2", "1.-2", "1.2.3", "9" * 30 + ".1"])
def test_an_unreadable_token_is_no_position(token):
    assert Position.parse(token) is None


def test_a_position_survives_its_token(seven_events):
    event = seven_events.last()
    assert Position.parse(Position.of(event).token) == Position.of(event)
