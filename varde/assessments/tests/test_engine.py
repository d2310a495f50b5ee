"""The instrument engine: the default instrument is valid, broken files are refused with the line and
field at fault, and a loaded version is never changed."""

from io import StringIO

import pytest
import yaml
from django.core.management import CommandError, call_command

from conftest import present
from varde.assessments.actions import import_instrument
from varde.assessments.engine import DEFAULT_INSTRUMENT, InstrumentError, describe, read_instrument
from varde.assessments.models import Instrument

DEFAULT = DEFAULT_INSTRUMENT.read_text(encoding="utf-8")


def second_instrument(version: int = 1, extra_item: str = "") -> str:
    return f"""format: varde-instrument/1
code: lisensiert
version: {version}
name: {{nb: Lisensiert verktøy, en: Licensed tool}}
scales:
  tre:
    - {{code: lav, label: {{nb: Lav, en: Low}}, severity: 0}}
    - {{code: hoy, label: {{nb: Høy, en: High}}, severity: 1}}
steps:
  - code: eneste
    title: {{nb: Vurdering, en: Assessment}}
    sections:
      - code: del
        title: {{nb: Faktorer, en: Factors}}
        items:
          - {{code: faktor, kind: risk, scale: tre, label: {{nb: Faktor, en: Factor}}}}
{extra_item}"""


def problems(source: str) -> list[str]:
    with pytest.raises(InstrumentError) as refused:
        read_instrument(source)
    return refused.value.messages


def test_the_default_instrument_has_three_steps_and_nine_dimensions_and_no_score():
    definition = describe(read_instrument(DEFAULT))
    assert [step.code for step in definition.steps] == ["describe", "analyse", "overall"]
    analyse = definition.steps[1]
    assert [section.code for section in analyse.sections] == ["risk", "wellbeing"]
    assert len(list(definition.items())) == 9
    assert [field.code for field in definition.steps[2].sections[0].fields] == [
        "main_problems",
        "resources",
        "recommendation",
    ]
    assert str(present(definition.item("violence")).label) == "Holdning til vold"


def test_texts_follow_the_active_language():
    from django.utils import translation

    item = present(describe(read_instrument(DEFAULT)).item("family"))
    with translation.override("en"):
        assert str(item.label) == "Family"
    with translation.override("nb"):
        assert str(item.label) == "Familie"


def test_broken_yaml_names_the_line():
    messages = problems("format: varde-instrument/1\ncode: [unclosed\nversion: 1\n")
    assert messages[0].startswith("linje ")
    assert "ikke gyldig YAML" in messages[0]


def test_a_missing_field_is_named_with_its_line():
    source = second_instrument().replace("    title: {nb: Vurdering, en: Assessment}\n", "")
    [message] = problems(source)
    assert message == "linje 10, steps[0]: mangler feltet title"


def test_a_wrong_value_names_the_field_and_line():
    source = second_instrument().replace("kind: risk", "kind: poeng")
    [message] = problems(source)
    assert message.startswith("linje 16, steps[0].sections[0].items[0].kind: må være en av risk")


def test_a_label_needs_both_languages():
    source = second_instrument().replace("{nb: Faktor, en: Factor}", "{nb: Faktor}")
    assert "mangler feltet en" in problems(source)[0]


def test_a_reference_to_an_unknown_scale_is_refused():
    [message] = problems(second_instrument().replace("scale: tre", "scale: fire"))
    assert message == "linje 16, steps[0].sections[0].items[0].scale: det finnes ingen skala som heter fire"


def test_a_repeated_code_is_refused():
    extra = "          - {code: faktor, kind: risk, scale: tre, label: {nb: Igjen, en: Again}}\n"
    assert "koden faktor er brukt to ganger" in problems(second_instrument(extra_item=extra))[0]


def test_a_descriptive_item_has_no_scale_and_a_rated_one_needs_one():
    assert "beskrivende" in problems(second_instrument().replace("kind: risk", "kind: descriptive"))[0]
    assert "trenger en skala" in problems(second_instrument().replace("scale: tre, ", ""))[0]


def test_a_file_that_is_not_an_instrument_is_refused():
    assert "ett verktøy" in problems("- bare\n- en liste\n")[0]
    assert "512 kB" in problems("x" * (600 * 1024))[0]


def test_json_is_accepted_too():
    document = read_instrument(second_instrument())
    import json

    assert read_instrument(json.dumps(document)) == document


def test_importing_the_same_file_again_changes_nothing(world):
    first, created = import_instrument(None, world.partnership, source=second_instrument())
    again, created_again = import_instrument(None, world.partnership, source=second_instrument())
    assert created
    assert not created_again
    assert first.pk == again.pk


def test_a_loaded_version_is_never_changed(world):
    import_instrument(None, world.partnership, source=second_instrument())
    changed = second_instrument().replace("Faktor, en", "Annen faktor, en")
    with pytest.raises(InstrumentError) as refused:
        import_instrument(None, world.partnership, source=changed)
    assert "publiser endringene som versjon 2" in refused.value.messages[0]
    newer, created = import_instrument(
        None, world.partnership, source=changed.replace("version: 1", "version: 2")
    )
    assert created
    assert newer.version == 2
    assert Instrument.objects.get(
        partnership=world.partnership, code="lisensiert", version=1
    ).document == yaml.safe_load(second_instrument())


def test_the_command_imports_a_file_and_refuses_a_broken_one(world, tmp_path):
    good = tmp_path / "lisensiert.yaml"
    good.write_text(second_instrument(), encoding="utf-8")
    out = StringIO()
    call_command("instruments", "import", str(good), "--partnership", world.partnership.slug, stdout=out)
    assert "Loaded lisensiert version 1" in out.getvalue()
    broken = tmp_path / "broken.yaml"
    broken.write_text(second_instrument().replace("scale: tre", "scale: fire"), encoding="utf-8")
    with pytest.raises(CommandError, match="linje 16"):
        call_command("instruments", "import", str(broken), "--partnership", world.partnership.slug)
    listing = StringIO()
    call_command("instruments", "list", stdout=listing)
    assert "lisensiert\tv1\tin use" in listing.getvalue()


def test_the_command_needs_a_partnership_when_there_are_several(world, other_world, tmp_path):
    good = tmp_path / "lisensiert.yaml"
    good.write_text(second_instrument(), encoding="utf-8")
    with pytest.raises(CommandError, match="--partnership"):
        call_command("instruments", "import", str(good))
    with pytest.raises(CommandError, match="No partnership"):
        call_command("instruments", "import", str(good), "--partnership", "finnes-ikke")
