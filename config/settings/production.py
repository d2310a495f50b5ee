"""Production settings: secrets and hosts must come from the environment; no demo shortcuts."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, VARDE_BENCH_FLOOR, env_bool


def required(name: str) -> str:
    value = os.environ.get(name, "")
    if not value:
        raise ImproperlyConfigured(f"Set the environment variable {name} for production.")
    return value


SECRET_KEY = required("SECRET_KEY")
VARDE_AUDIT_KEY = required("VARDE_AUDIT_KEY")
VARDE_ENCRYPTION_KEYS = required("VARDE_ENCRYPTION_KEYS")
VARDE_BLIND_INDEX_KEY = required("VARDE_BLIND_INDEX_KEY")
DEBUG = False
if env_bool("VARDE_DEMO_MODE"):
    raise ImproperlyConfigured("VARDE_DEMO_MODE cannot be enabled with production settings.")
VARDE_DEMO_MODE = False
# Only the benchmark (bench/run.py) runs production settings with the floor pages.
if VARDE_BENCH_FLOOR:
    INSTALLED_APPS = [*INSTALLED_APPS, "varde.scale"]

SECURE_SSL_REDIRECT = env_bool("VARDE_SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("VARDE_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-varde-session"
CSRF_COOKIE_NAME = "__Host-varde-csrf"

EMAIL_HOST = os.environ.get("VARDE_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("VARDE_EMAIL_PORT", "25"))
DEFAULT_FROM_EMAIL = os.environ.get("VARDE_EMAIL_FROM", "varde@localhost")
EMAIL_HOST_USER = os.environ.get("VARDE_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("VARDE_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("VARDE_EMAIL_USE_TLS", False)  # STARTTLS, usually on port 587
EMAIL_TIMEOUT = 30
