"""Settings for the test suite. DATABASE_URL selects PostgreSQL; SQLite otherwise."""

from .local import *  # noqa: F403

VARDE_DEMO_MODE = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WHITENOISE_AUTOREFRESH = False
TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
