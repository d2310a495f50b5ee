"""Settings for a developer's machine and `varde demo`: SQLite under var/, demo logins allowed."""

import os

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, LOGGING, VAR_DIR, env_bool

# A fixed key is fine here: this settings module is never used in production (see production.py).
SECRET_KEY = os.environ.get("SECRET_KEY", "varde-local-development-key-not-for-production")
VARDE_AUDIT_KEY = os.environ.get("VARDE_AUDIT_KEY", "varde-local-audit-key")
VARDE_ENCRYPTION_KEYS = os.environ.get(
    "VARDE_ENCRYPTION_KEYS", "dmFyZGUtbG9jYWwtZGV2ZWxvcG1lbnQta2V5LTMyYiE="
)
VARDE_BLIND_INDEX_KEY = os.environ.get("VARDE_BLIND_INDEX_KEY", "varde-local-blind-index-key")
DEBUG = env_bool("VARDE_DEBUG", False)
VARDE_DEMO_MODE = env_bool("VARDE_DEMO_MODE", True)
# The benchmark's generator and floor pages: development and measurement only.
INSTALLED_APPS = [*INSTALLED_APPS, "varde.scale"]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
(VAR_DIR / "static").mkdir(parents=True, exist_ok=True)
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Readable log lines while developing; production keeps JSON.
LOGGING["handlers"]["console"]["formatter"] = os.environ.get("VARDE_LOG_FORMAT", "plain")
