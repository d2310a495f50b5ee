"""Static files as production collects them: hashed names only, and every file a page names is there."""

import re

import pytest
from django.core.management import call_command
from django.test import override_settings

from config.settings import base

STATIC_URLS = re.compile(r'(?:href|src)="/static/([^"]+)"')
UNCOMPRESSED = tuple(f".{extension}" for extension in base.WHITENOISE_SKIP_COMPRESS_EXTENSIONS)
# Files on disk and a page for someone not logged in: the same whatever database the suite runs on.
pytestmark = pytest.mark.standalone


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    """collectstatic run once into a fresh directory with the production storage."""
    root = tmp_path_factory.mktemp("static")
    with override_settings(STATIC_ROOT=root, STORAGES=base.STORAGES):
        call_command("collectstatic", interactive=False, verbosity=0)
        yield root


def test_every_static_file_the_login_page_and_api_docs_name_is_collected(collected, client):
    pages = [client.get(path).text for path in ("/login/", "/api/v1/docs")]
    named = [name for page in pages for name in STATIC_URLS.findall(page)]
    assert len(named) >= 5
    for name in named:
        assert (collected / name).is_file(), name
        assert (collected / f"{name}.br").is_file() or name.endswith(UNCOMPRESSED), name


def test_only_hashed_copies_are_kept_and_source_maps_are_not_compressed(collected):
    assert not (collected / "core" / "varde.css").exists()
    assert list((collected / "core").glob("varde.*.css"))
    assert list(collected.rglob("*.map"))
    assert not list(collected.rglob("*.map.br"))
    assert not list(collected.rglob("*.map.gz"))
