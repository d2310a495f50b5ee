"""ChoiceLabels replaces Django's private _get_FIELD_display: if an upgrade stops routing
get_FOO_display() through it, or changes what it answers, these fail."""

from django.utils import translation

from varde.concerns.choices import Status
from varde.concerns.models import Concern
from varde.core import models as core_models


def test_get_foo_display_goes_through_the_labels_translated_once_per_language(monkeypatch):
    asked = []
    original = core_models._labels_in

    def counting(field, language):
        asked.append((field.name, language))
        return original(field, language)

    monkeypatch.setattr(core_models, "_labels_in", counting)
    concern = Concern(status=Status.CLOSED)
    with translation.override("nb"):
        norwegian = concern.get_status_display()
    with translation.override("en"):
        english = concern.get_status_display()
    assert asked == [("status", "nb"), ("status", "en")]
    assert (norwegian, english) == ("Avsluttet", "Closed")


def test_a_value_without_a_label_reads_as_itself_as_in_django():
    assert Concern(status="unknown").get_status_display() == "unknown"
