"""Every page, opened in bokmål by every role that may open it, shows no English sentence: neither one
of ours that was left untranslated where it is rendered, nor one of Django's own. A new page in any
app's matrix is read as soon as it exists."""

import re
from html import unescape
from pathlib import Path

import polib
import pytest
from django.conf import settings

from conftest import log_in

from .matrices import MATRICES, MATRIX_NAMES, viewer

CATALOGUE = Path(settings.BASE_DIR) / "varde" / "locale" / "nb" / "LC_MESSAGES" / "django.po"
# Django's own words a form or a widget can carry onto a page when its catalogue is not used.
DJANGO_ENGLISH = (
    "Select an option",
    "This field is required",
    "Enter a valid",
    "Ensure this value",
    "Currently:",
    "Select a valid choice",
    "---------",
)
# A sentence, not a word: short msgids ("Status", "Name") read the same in both languages.
SHORTEST = 16
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\{[^}]*\}\}")


def english_sentences() -> set[str]:
    """The longest fixed stretch of each of our English texts whose bokmål differs."""
    found: set[str] = set()
    for entry in polib.pofile(str(CATALOGUE)):
        translations = [entry.msgstr] if not entry.msgid_plural else list(entry.msgstr_plural.values())
        for english in filter(None, (entry.msgid, entry.msgid_plural)):
            if english in translations:
                continue
            longest = max(PLACEHOLDER.split(english), key=len).strip()
            if len(longest) >= SHORTEST and " " in longest:
                found.add(longest)
    return found


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    attributes = " ".join(re.findall(r'(?:aria-label|title|placeholder|alt)="([^"]*)"', html))
    return unescape(re.sub(r"<[^>]+>", " ", html) + " " + attributes)


@pytest.fixture(scope="module")
def sentences():
    return english_sentences()


@pytest.mark.parametrize(("module", "url_for"), MATRICES, ids=MATRIX_NAMES)
def test_every_page_in_bokmal_shows_no_english_sentence(module, url_for, world, client, sentences):
    names = sorted(module.EXPECTED)
    viewers = {role: viewer(world, role) for name in names for role in module.EXPECTED[name]}
    urls = {name: url_for(name, world) for name in names}
    assert len(sentences) > 500
    for name in names:
        for role in sorted(module.EXPECTED[name]):
            log_in(client, viewers[role])
            response = client.get(urls[name])
            assert response.status_code == 200, (name, role)
            if not response["Content-Type"].startswith("text/html"):
                continue
            text = " ".join(visible_text(response.content.decode()).split())
            leaked = [english for english in (*sentences, *DJANGO_ENGLISH) if english in text]
            assert leaked == [], (name, role, leaked)
