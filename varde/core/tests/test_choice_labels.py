"""The labels the case list writes its rows with: every label of a field, in the active language, read
once per language."""

from django.utils import translation

from varde.concerns.choices import Status
from varde.concerns.models import Concern
from varde.core import models as core_models


def test_a_field_s_labels_come_in_the_active_language_and_are_translated_once_per_language():
    core_models._labels_in.cache_clear()
    with translation.override("nb"):
        norwegian = [Concern.labels_of("status")[Status.CLOSED] for _ in range(3)]
    with translation.override("en"):
        english = Concern.labels_of("status")[Status.CLOSED]
    assert (norwegian, english) == (["Avsluttet"] * 3, "Closed")
    translated = core_models._labels_in.cache_info()
    assert (translated.misses, translated.hits) == (2, 2)
