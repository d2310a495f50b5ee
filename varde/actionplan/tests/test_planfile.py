"""Plans in and out of files: the demo plan, broken files named by line and field, export and back."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from conftest import present
from varde.actionplan import actions
from varde.actionplan.models import ActionPlan, MeasureStatus
from varde.actionplan.planfile import DEMO_PLAN, export_plan, read_plan
from varde.core.documents import DocumentError

from .factories import make_plan, obligation, plan_manager, plan_text


def problems(source):
    with pytest.raises(DocumentError) as refused:
        read_plan(source)
    return refused.value.messages


def test_the_demo_plan_has_the_17_measures_and_the_obligations_of_the_domain(world):
    plan = actions.import_plan(None, world.partnership, source=DEMO_PLAN.read_text(encoding="utf-8"))
    assert plan.measures.count() == 17
    codes = set(plan.obligations.values_list("code", flat=True))
    assert codes == {
        "first-line-training",
        "resource-network",
        "practice-network",
        "directors-briefing",
        "preparedness-update",
        "public-information",
        "intranet-information",
        "contact-meetings",
        "plan-revision",
        "police-council",
    }
    assert present(plan.obligations.get(code="public-information").measure).number == 1


def test_broken_files_are_refused_with_line_and_field():
    assert problems(plan_text().replace("    responsible: both\n", "    responsible: all\n", 1))[
        0
    ].startswith("linje 8, measures[0].responsible: må være en av municipality")
    assert (
        problems(plan_text().replace("title: Testplan\n", ""))[0]
        == "linje 1, dokumentet: mangler feltet title"
    )
    assert "ikke en ekte dato" in problems(plan_text(adopted_on="2025-02-30"))[0]
    assert "brukt to ganger" in problems(plan_text().replace("number: 2", "number: 1"))[0]
    unknown = plan_text(obligations=obligation("x", "every_months", 6, "meeting:contact", measure=9))
    assert problems(unknown) == ["linje 21, obligations[0].measure: det finnes ikke noe tiltak nummer 9"]
    assert (
        "trenger tiltaket"
        in problems(plan_text(obligations=obligation("web", "every_months", 6, "activity")))[0]
    )
    assert "ikke gyldig YAML" in problems("measures: [\n")[0]


def test_a_loaded_version_is_not_loaded_again(world):
    make_plan(world)
    with pytest.raises(DocumentError, match="allerede"):
        make_plan(world)
    assert ActionPlan.objects.count() == 1


def test_export_reads_back_with_todays_statuses(world):
    plan = make_plan(world, obligations=obligation("web", "every_months", 6, "activity", measure=2))
    measure = plan.measures.get(number=2)
    actions.set_measure_status(plan_manager(world), measure, status=MeasureStatus.DONE, note="Ferdig.")
    exported = export_plan(plan)
    again = read_plan(exported.replace("version: 1", "version: 2"))
    assert again["measures"][1]["status"] == "done"
    assert again["obligations"][0] == {
        "code": "web",
        "title": "Forpliktelse web",
        "description": "",
        "rule": "every_months",
        "value": 6,
        "evidence": "activity",
        "measure": 2,
    }
    assert measure.activities.get().text.startswith("Status endret fra Planlagt til Ferdig.")


def test_the_commands_import_and_export(world, tmp_path):
    good = tmp_path / "plan.yaml"
    good.write_text(plan_text(), encoding="utf-8")
    out = StringIO()
    call_command("plan", "import", str(good), "--partnership", world.partnership.slug, stdout=out)
    assert "Loaded version 1" in out.getvalue()
    written = StringIO()
    call_command("plan", "export", "--partnership", world.partnership.slug, stdout=written)
    assert "title: Tiltak 3" in written.getvalue()
    broken = tmp_path / "broken.yaml"
    broken.write_text(plan_text().replace("version: 1", "version: tre"), encoding="utf-8")
    with pytest.raises(CommandError, match="linje 3, version"):
        call_command("plan", "import", str(broken), "--partnership", world.partnership.slug)
