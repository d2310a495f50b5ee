"""Every string in the UI has a bokmål translation, and the compiled catalogue matches it."""

import gettext
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

# The catalogue and the code's strings: no database at all.
pytestmark = pytest.mark.standalone

VARDE = Path(__file__).resolve().parents[2]
PO_FILE = VARDE / "locale" / "nb" / "LC_MESSAGES" / "django.po"


def test_every_message_is_translated_and_none_is_fuzzy():
    catalogue = polib.pofile(str(PO_FILE))
    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []


def test_compiled_catalogue_matches_the_po_file():
    catalogue = polib.pofile(str(PO_FILE))
    with PO_FILE.with_suffix(".mo").open("rb") as compiled:
        translations = gettext.GNUTranslations(compiled)
    for entry in catalogue.translated_entries():
        if entry.msgid_plural:
            continue
        if entry.msgctxt:
            assert translations.pgettext(entry.msgctxt, entry.msgid) == entry.msgstr, entry.msgid
        else:
            assert translations.gettext(entry.msgid) == entry.msgstr, entry.msgid


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs GNU gettext (apt-get install gettext)")
def test_no_string_in_the_code_is_missing_from_the_catalogue(tmp_path):
    copy = tmp_path / "varde"
    shutil.copytree(VARDE, copy, ignore=shutil.ignore_patterns("__pycache__", "static", "tests"))
    subprocess.run(  # noqa: S603
        [sys.executable, str(VARDE.parent / "manage.py"), "makemessages", "-l", "nb", "--no-location"],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    extracted = {entry.msgid for entry in polib.pofile(str(copy / "locale/nb/LC_MESSAGES/django.po"))}
    known = {entry.msgid for entry in polib.pofile(str(PO_FILE)) if not entry.obsolete}
    assert extracted - known == set()
