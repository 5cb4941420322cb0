"""Loa settings. The environment is read once, here; nothing else reads ``os.environ`` for configuration.

| variable | meaning | default |
|---|---|---|
| LOA_DATABASE_URL | database (``postgres://…`` or ``sqlite:///path``) | SQLite at ``var/loa.sqlite3`` |
| LOA_SECRET_KEY | Django secret key | a development key, refused when DEBUG is off outside tests |
| LOA_DEBUG | ``1`` turns debug pages on | off |
| LOA_ALLOWED_HOSTS | comma-separated host names | ``127.0.0.1,localhost`` |
| LOA_MEDIA_ROOT | uploaded files (evidence, imports) | ``var/media`` |
| LOA_VAR_DIR | data folder for SQLite, media and static files | ``var`` under the project root |
| LOA_FEEDS_EVERY | minutes between two scheduled feed pulls by ``loa worker`` (0: never) | ``60`` |
| LOA_READ_SECONDS, LOA_READ_MEMORY_MB | budget to read one imported document (ADR 0021) | ``180``, ``1024`` |
| LOA_IMPORT_SECONDS, LOA_IMPORT_MEMORY_MB | budget to check one Excel activities file (ADR 0021) | ``120``, ``1024`` |
| LOA_REMINDER_DAYS_BEFORE | days before a deadline that units are reminded, comma-separated | ``3`` |
| LOA_REMINDER_HOUR | local hour of the daily reminder run and e-mail digest by ``loa worker`` | ``7`` |
| LOA_BASE_URL | Loa's address, for the links in e-mails | ``http://127.0.0.1:8000`` |
| LOA_EMAIL_HOST, LOA_EMAIL_PORT | SMTP server for e-mail digests (no host: no e-mail, inbox only) | none, ``25`` |
| LOA_EMAIL_USER, LOA_EMAIL_PASSWORD | SMTP sign-in | none |
| LOA_EMAIL_TLS | ``1``: STARTTLS | off |
| LOA_EMAIL_FROM | sender address of the digests and invitations | ``Loa <loa@localhost>`` |
| LOA_API_RATE | requests allowed per API access code (``N/s``, ``N/min``, ``N/hour``, ``N/day``) | ``600/min`` |
| LOA_INVITATION_DAYS | days an invitation (set-password link) stays valid | ``7`` |
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import tempfile
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parents[3]
PACKAGE_DIR = Path(__file__).resolve().parents[1]


def _env(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def _env_bool(name: str, default: bool = False) -> bool:
    value = _env(name)
    if not value:
        return default
    return value.lower() in {"1", "true", "yes", "on"}


VAR_DIR = Path(_env("LOA_VAR_DIR") or BASE_DIR / "var")
DEBUG = _env_bool("LOA_DEBUG")


def _secret_key() -> str:
    """LOA_SECRET_KEY wins; otherwise a random key kept in ``var/secret_key`` (created once, mode 0600).

    A single-machine province install then needs no manual step, and the key survives restarts.
    The file appears whole or not at all: the key is written to a private temporary file that is
    then hard-linked to its name (atomic, and refused if it exists), so concurrent first starts
    (web workers, ``loa worker``, a command) all read the one key that won, never an empty file.
    """
    key = _env("LOA_SECRET_KEY")
    if key:
        return key
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=VAR_DIR, prefix=".secret_key.")  # mode 0600
        try:
            with os.fdopen(fd, "w", encoding="ascii") as fh:
                fh.write(secrets.token_urlsafe(50))
                fh.flush()
                os.fsync(fh.fileno())
            try:
                os.link(tmp, path)
            except FileExistsError:
                pass  # another process won: use its key
        finally:
            os.unlink(tmp)
    key = path.read_text(encoding="ascii").strip()
    if not key:
        raise RuntimeError(f"{path} is empty: delete it or set LOA_SECRET_KEY")
    return key


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = [h.strip() for h in _env("LOA_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [o.strip() for o in _env("LOA_CSRF_TRUSTED_ORIGINS").split(",") if o.strip()]

_sqlite_default = f"sqlite:///{VAR_DIR / 'loa.sqlite3'}"
if not _env("LOA_DATABASE_URL"):
    VAR_DIR.mkdir(parents=True, exist_ok=True)  # the embedded database's folder, on a fresh clone
DATABASES = {
    "default": dj_database_url.parse(_env("LOA_DATABASE_URL") or _sqlite_default, conn_max_age=60),
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # WAL lets readers (dashboards) run while an officer writes; IMMEDIATE avoids lock upgrades.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "axes",  # login throttling (ADR 0020)
    "loa.config.tasks_app.TasksDbConfig",  # django-tasks-db: the queue of `loa worker`
    "loa.core",
    "loa.organizations",
    "loa.documents",
    "loa.plans",
    "loa.activities",
    "loa.reporting",
    "loa.scoring",
    "loa.ingest",
    "loa.web",
    "loa.cli",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a lockout into Loa's Vietnamese page
]

ROOT_URLCONF = "loa.config.urls"
WSGI_APPLICATION = "loa.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "loa.web.context.navigation",
            ],
            # |so (5.000) and {% period_select %} on every page without {% load %}.
            "builtins": ["loa.web.templatetags.loa_vn"],
        },
    },
]

# Login throttling (ADR 0020): django-axes counts wrong passwords per account in the database, so
# every web process sees the same count; after LOA_LOGIN_FAILURES failures the account is refused,
# even with the right password, for LOA_LOGIN_COOLOFF_MINUTES. Per account rather than per
# address: the staff of an agency share one public address behind its NAT.
AUTHENTICATION_BACKENDS = [
    "loa.core.throttling.LoginThrottle",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ENABLED = True
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = int(_env("LOA_LOGIN_FAILURES", "10") or 10)
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(_env("LOA_LOGIN_COOLOFF_MINUTES", "15") or 15))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "loa.web.views.auth.locked_out"
AXES_VERBOSE = False
AXES_ENABLE_ADMIN = False  # the admin stays read-only (ADR 0011); unlock with `loa axes_reset_username`
# Behind a reverse proxy, the client's address (kept in the attempt log) is in X-Forwarded-For.
AXES_IPWARE_PROXY_COUNT = int(_env("LOA_PROXY_COUNT", "0") or 0) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
CSRF_FAILURE_VIEW = "loa.web.views.errors.csrf_failure"
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:login"

# Vietnamese is Loa's only interface language (ADR 0009): no LocaleMiddleware, so a browser that
# prefers English never switches Django's own strings (form errors, admin) to English. gettext stays
# on for Django's Vietnamese catalogue and Loa's additions in ``loa/locale``.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "loa.core.files.TrackedStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = Path(_env("LOA_MEDIA_ROOT") or VAR_DIR / "media")
MEDIA_URL = "media/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
LOA_MAX_UPLOAD_BYTES = 20 * 1024 * 1024

# Background work (PDF rendering, import reading, scheduled feed pulls) is queued in the database
# and run by ``loa worker`` (ADR 0012): app servers keep no state of their own.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}
# Feeds are read from public hosts only; an intranet portal is allowed by naming its host here.
LOA_FEEDS_PRIVATE_HOSTS = [h.strip() for h in _env("LOA_FEEDS_PRIVATE_HOSTS").split(",") if h.strip()]
LOA_FEEDS_EVERY = int(_env("LOA_FEEDS_EVERY", "60") or 0)
# Budgets of the heavy work on one file, run in a child process (ADR 0021).
LOA_READ_SECONDS = float(_env("LOA_READ_SECONDS", "180") or 180)
LOA_READ_MEMORY_MB = int(_env("LOA_READ_MEMORY_MB", "1024") or 1024)
LOA_IMPORT_SECONDS = float(_env("LOA_IMPORT_SECONDS", "120") or 120)
LOA_IMPORT_MEMORY_MB = int(_env("LOA_IMPORT_MEMORY_MB", "1024") or 1024)

# Reminders (issue 10): the daily run queued by ``loa worker`` writes inbox notices and sends one
# e-mail digest per person per day. Without LOA_EMAIL_HOST nothing is mailed (the inbox still fills).
LOA_REMINDER_DAYS_BEFORE = tuple(
    sorted({int(d) for d in _env("LOA_REMINDER_DAYS_BEFORE", "3").split(",") if d.strip()}, reverse=True)
)
LOA_REMINDER_HOUR = int(_env("LOA_REMINDER_HOUR", "7") or 7)
LOA_BASE_URL = _env("LOA_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
# Django 6.1 mailers: SMTP when a host is given, else the dummy backend (Loa then mails nothing).
_EMAIL_HOST = _env("LOA_EMAIL_HOST")
MAILERS = {
    "default": (
        {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": _EMAIL_HOST,
                "port": int(_env("LOA_EMAIL_PORT", "25") or 25),
                "username": _env("LOA_EMAIL_USER"),
                "password": _env("LOA_EMAIL_PASSWORD"),
                "use_tls": _env_bool("LOA_EMAIL_TLS"),
                "timeout": 30,
            },
        }
        if _EMAIL_HOST
        else {"BACKEND": "django.core.mail.backends.dummy.EmailBackend"}
    )
}
DEFAULT_FROM_EMAIL = _env("LOA_EMAIL_FROM", "Loa <loa@localhost>")
# Invitations (ADR 0024): the set-password link is Django's password-reset token, valid this long.
PASSWORD_RESET_TIMEOUT = 86400 * max(1, int(_env("LOA_INVITATION_DAYS", "7") or 7))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache is a database table (``loa_cache``, created by the migrations): the API's rate limits
# count each access code's requests across every gunicorn worker and machine (ADR 0019).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "loa_cache"},
}
LOA_API_RATE = _env("LOA_API_RATE", "600/min")
LOA_API_CACHE = "default"

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the cookie-free meta tag; keep the default
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# HTTPS (ADR 0020): on unless debugging; a plain-HTTP intranet install sets LOA_HTTPS=0 knowingly.
# Loa runs behind a reverse proxy that terminates TLS (docs/trien-khai.md): its X-Forwarded-Proto is
# trusted (the proxy must set it; gunicorn listens on loopback), unless LOA_PROXY_SSL_HEADER=0.
LOA_HTTPS = _env_bool("LOA_HTTPS", default=not DEBUG)
if LOA_HTTPS:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = _env_bool("LOA_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = int(_env("LOA_HSTS_SECONDS", "31536000") or 0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_bool("LOA_HSTS_SUBDOMAINS")
    SECURE_HSTS_PRELOAD = _env_bool("LOA_HSTS_PRELOAD")
if _env_bool("LOA_PROXY_SSL_HEADER", default=LOA_HTTPS):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SILENCED_SYSTEM_CHECKS = [
    # HSTS for sub-domains and the browsers' preload list are the province's domain-wide decisions
    # (LOA_HSTS_SUBDOMAINS, LOA_HSTS_PRELOAD), not Loa's.
    "security.W005",
    "security.W021",
    # Throttling counts per account on purpose: an agency's staff share one address (ADR 0020).
    "axes.W006",
]

# Content-Security-Policy on every response (Django's own middleware, ADR 0020): scripts and
# <style> elements only from Loa itself or carrying the request's nonce; no eval (htmx runs with
# allowEval off); style *attributes* stay allowed for the progress bars' widths.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "style-src-attr": [CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
