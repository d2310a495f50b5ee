"""The web worker's entry point freezes what Django set up, so full collections do not walk it."""

import gc
import importlib

import pytest


@pytest.fixture
def unfrozen():
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_loading_the_application_freezes_the_objects_it_created(unfrozen):
    assert gc.get_freeze_count() == 0
    wsgi = importlib.reload(importlib.import_module("config.wsgi"))
    assert callable(wsgi.application)
    assert gc.get_freeze_count() > 10_000
