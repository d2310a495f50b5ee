"""Settings shared by every environment. Everything that differs comes from environment variables."""

import os
from pathlib import Path
from typing import Any

import dj_database_url
import django_stubs_ext
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _
from whitenoise.compress import Compressor

# Lets type-annotated generics such as forms.ModelForm[Unit] work at run time.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("VARDE_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("VARDE_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("VARDE_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_tasks_db",
    "ninja",
    "varde.core",
    "varde.accounts",
    "varde.concerns",
    "varde.assessments",
    "varde.meetings",
    "varde.network",
    "varde.actionplan",
    "varde.information",
    "varde.statistics",
    "varde.privacy",
    "varde.api",
]

MIDDLEWARE = [
    "varde.core.logs.RequestIdMiddleware",
    "varde.core.metrics.RequestMetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "varde.accounts.middleware.IdleTimeoutMiddleware",
    "varde.core.middleware.LanguageMiddleware",
    "varde.api.middleware.ApiAnswersMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "varde.core.middleware.AccessRuleMiddleware",
    "varde.accounts.middleware.FirstStepsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "varde.accounts.middleware.SessionLifetimeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "varde.core.middleware.VaryOnHtmxMiddleware",
    "varde.core.middleware.NoStoreWhenSignedInMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "varde" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "varde.accounts.context_processors.navigation",
            ],
        },
    },
]

# Databases: SQLite under var/ unless DATABASE_URL names another (PostgreSQL in production).
DEFAULT_SQLITE_URL = f"sqlite:///{VAR_DIR / 'varde.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", DEFAULT_SQLITE_URL),
        conn_max_age=int(os.environ.get("VARDE_DB_CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
# Production connects as an application role that may only append to the audit trail; `varde migrate`
# connects as the owner (VARDE_OWNER_DATABASE_URL) and grants this role its privileges (ADR 0038).
VARDE_APP_DATABASE_ROLE = os.environ.get("VARDE_APP_DATABASE_ROLE", "")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE takes the write lock at the start of each transaction, so the audit chain
    # cannot fork when two requests append at once. Persistent connections buy nothing here.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # JIT compilation pays off for long analytical queries; for the short queries of a page it added
    # 20-35 ms to each query that the planner thought expensive (measured on the national data set).
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"]["options"] = (
        DATABASES["default"]["OPTIONS"].get("options", "") + " -c jit=off"
    ).strip()
    # A page's queries are short and the same on every request: PostgreSQL spent more time planning
    # them than running them (1.4 ms to plan the case page's measures, 0.15 ms to run). Server-side
    # binding lets psycopg prepare a query after it has run five times on a connection, and the plan
    # is reused with the next values. Off behind a pooler that cannot keep prepared statements.
    if env_bool("VARDE_DB_PREPARED_STATEMENTS", True):
        DATABASES["default"]["OPTIONS"] |= {"server_side_binding": True, "prepare_threshold": 5}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Sessions end after 30 idle minutes: a session in use is renewed at most once a minute
# (varde.accounts.middleware.IdleTimeoutMiddleware).
SESSION_COOKIE_AGE = 30 * 60
# However active, a session ends this many hours after its login (SessionLifetimeMiddleware).
VARDE_SESSION_HOURS = int(os.environ.get("VARDE_SESSION_HOURS", "12"))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# Lockout after repeated failed logins, per username.
AXES_FAILURE_LIMIT = int(os.environ.get("VARDE_LOGIN_FAILURE_LIMIT", "5"))
# The lock on a name grows with repeated failures up to this many minutes (varde.accounts.throttle).
VARDE_LOCKOUT_MINUTES = int(os.environ.get("VARDE_LOCKOUT_MINUTES", "15"))
AXES_COOLOFF_TIME = "varde.accounts.throttle.lockout_time"
AXES_LOCKOUT_PARAMETERS = ["username"]
# Failed logins from one network address, whatever the names, before the address is refused for a
# quarter of an hour (varde.accounts.throttle).
VARDE_LOGIN_ADDRESS_LIMIT = int(os.environ.get("VARDE_LOGIN_ADDRESS_LIMIT", "20"))
# Axes locks the name, as users are told; the address has its own, higher limit, so one person's
# typos do not shut out a whole office behind one NAT address.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "varde.accounts.views.locked_out"
AXES_VERBOSE = False  # axes would otherwise print usernames to the log
AXES_DISABLE_ACCESS_LOG = True  # our own audit trail records logins
AXES_HTTP_RESPONSE_CODE = 429

OTP_TOTP_ISSUER = "Varde"

# Demo users may skip the second factor only when this is on; production settings refuse it.
VARDE_DEMO_MODE = False

# OpenID Connect (Entra ID, ID-porten, Ansattporten): on only when configured.
OIDC_RP_CLIENT_ID = os.environ.get("VARDE_OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("VARDE_OIDC_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("VARDE_OIDC_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("VARDE_OIDC_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("VARDE_OIDC_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("VARDE_OIDC_JWKS_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = os.environ.get("VARDE_OIDC_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = "openid email profile"
OIDC_CREATE_USER = False  # only people an administrator has given a membership may log in
# Trust the provider's own multi-factor login instead of asking for Varde's second factor.
VARDE_OIDC_TRUST_MFA = env_bool("VARDE_OIDC_TRUST_MFA", False)
VARDE_OIDC_PROVIDER_NAME = os.environ.get("VARDE_OIDC_PROVIDER_NAME", "Entra ID")
VARDE_OIDC_ENABLED = all(
    [OIDC_RP_CLIENT_ID, OIDC_OP_AUTHORIZATION_ENDPOINT, OIDC_OP_TOKEN_ENDPOINT, OIDC_OP_USER_ENDPOINT]
)
if VARDE_OIDC_ENABLED:
    INSTALLED_APPS.append("mozilla_django_oidc")
    AUTHENTICATION_BACKENDS.append("varde.accounts.oidc.VardeOIDCBackend")

# Audit chain key: events are linked with an HMAC so that a person with write access to the
# database alone cannot rebuild a consistent chain after tampering.
VARDE_AUDIT_KEY = os.environ.get("VARDE_AUDIT_KEY", "")

# Background work (reminders, retention) runs in `manage.py db_worker`, queued in the database.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# The address reminders link to, for e-mails sent by the background worker.
VARDE_BASE_URL = os.environ.get("VARDE_BASE_URL", "http://127.0.0.1:8000")

# Behind a proxy that sets it (nginx in deploy/ sets X-Real-IP), the header that holds the visitor's
# address. Leave empty when Varde is reached directly: the header could then be forged.
VARDE_CLIENT_IP_HEADER = os.environ.get("VARDE_CLIENT_IP_HEADER", "")

LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", _("Norwegian Bokmål")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "varde" / "locale"]
TIME_ZONE = "Europe/Oslo"
# English dates day-first, on the 24-hour clock (varde/core/formats/en).
FORMAT_MODULE_PATH = ["varde.core.formats"]
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 365 * 24 * 3600
# collectstatic compresses every file with Brotli and gzip on each start of `varde serve`. Pages name
# static files only by their hashed names, so the unhashed copies are left out, and source maps (only a
# developer's browser tools ask for them) are served as they are. That takes collectstatic from 18 s
# to about 5 (docs/performance.md).
WHITENOISE_KEEP_ONLY_HASHED_FILES = True
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS, "map")

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Varde uses none of the browser's powerful features; no page, and nothing embedded, may ask for them.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "usb",
        "xr-spatial-tracking",
    )
}
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# One JSON object per line on standard output (the journal under systemd), with the request's id and
# without personal data (varde.core.logs). VARDE_LOG_FORMAT=plain gives readable lines for development.
LOG_FORMAT = os.environ.get("VARDE_LOG_FORMAT", "json")
LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "varde.core.logs.RequestIdFilter"},
        "without_personal_data": {"()": "varde.core.logs.WithoutPersonalDataFilter"},
    },
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"levelname": "level", "name": "logger"},
            "timestamp": "time",  # ISO 8601 in UTC
        },
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain" if LOG_FORMAT == "plain" else "json",
            "filters": ["request_id", "without_personal_data"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("VARDE_LOG_LEVEL", "INFO")},
    "loggers": {
        # Request logs carry URLs and may carry form content; keep them to errors.
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        # PDF rendering reports every step at INFO; only problems matter.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# The benchmark's app (varde.scale: the generator and the floor pages) is installed on a developer's
# machine and, with this on, for the benchmark on production settings; its pages answer only with it on.
VARDE_BENCH_FLOOR = env_bool("VARDE_BENCH_FLOOR", False)

# Requests per minute a personal access token may make to the API.
VARDE_API_REQUESTS_PER_MINUTE = int(os.environ.get("VARDE_API_REQUESTS_PER_MINUTE", "300"))
# A bearer token that lets a Prometheus elsewhere scrape /metrics; without it only the server itself may.
VARDE_METRICS_TOKEN = os.environ.get("VARDE_METRICS_TOKEN", "")

# Encryption at rest (varde.core.crypto): Fernet keys, comma-separated, the first one encrypts; and the
# key of the blind index used to search encrypted names.
VARDE_ENCRYPTION_KEYS = os.environ.get("VARDE_ENCRYPTION_KEYS", "")
VARDE_BLIND_INDEX_KEY = os.environ.get("VARDE_BLIND_INDEX_KEY", "")

# Backups (varde backup): Django's JSON Lines (JSON for backups before 2026-12-06), with encrypted fields
# kept as ciphertext.
SERIALIZATION_MODULES = {"vardejson": "varde.core.backup", "vardejsonl": "varde.core.backup_lines"}
