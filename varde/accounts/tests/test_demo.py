"""The demo is a promise: what the README says it shows is there after `varde demo`."""

from varde.accounts.demo import load_demo
from varde.assessments.models import Assessment
from varde.concerns.models import Concern
from varde.meetings.models import AgendaItem


def test_the_cases_the_readme_names_carry_their_assessments_and_agenda_points(db):
    partnership = load_demo()
    per = Concern.objects.about(partnership, "Per Prøvesen").get()
    assert per.assessments.filter(status="final").count() == 2  # "two structured assessments months apart"
    school = Concern.objects.about(partnership, "Ola Fiktiv Nordmann").get()
    assert school.assessments.exists()  # "the structured assessment of the school report"
    assert AgendaItem.objects.filter(concern=per).exists()  # the held meeting discussed Per's case
    assert AgendaItem.objects.filter(concern=school).exists()  # the next meeting's point
    assert Assessment.objects.count() >= 3
