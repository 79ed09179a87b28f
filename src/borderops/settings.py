"""Django settings for BorderOps, read from ``BORDEROPS_*`` environment variables.

Defaults give the embedded installation: SQLite under ``var/``, no external services.
An installation prepared by ``borderops demo`` carries a marker file that switches demo mode
on; production deployments set their own secret key and hosts, and
``borderops serve`` refuses to start when they are unsafe (see ``borderops.checks``).
"""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

import dj_database_url
import django_stubs_ext
from django.utils.translation import gettext_lazy as _

from borderops.paths import var_dir

# Lets Django's generic classes be subscripted (ListView[Traveller]) for the type checker.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent


def _env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


VAR_DIR = var_dir()
INSTALLATION_FILE = VAR_DIR / "installation.json"


def _installation() -> dict[str, object]:
    try:
        loaded = json.loads(INSTALLATION_FILE.read_text())
    except (OSError, ValueError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


DEMO_MODE = _env_bool("BORDEROPS_DEMO", default=bool(_installation().get("demo", False)))
DEBUG = _env_bool("BORDEROPS_DEBUG", default=False)


def _secret_key() -> str:
    configured = os.environ.get("BORDEROPS_SECRET_KEY")
    if configured:
        return configured
    key_file = VAR_DIR / "secret-key"
    if key_file.exists():
        return key_file.read_text().strip()
    # Without a configured key each process gets a fresh one; the deploy check refuses this
    # outside demo mode, and `borderops demo` writes var/secret-key so sessions survive restarts.
    return "insecure-" + secrets.token_urlsafe(48)


SECRET_KEY = _secret_key()
SECRET_KEY_CONFIGURED = bool(os.environ.get("BORDEROPS_SECRET_KEY"))

ALLOWED_HOSTS = _env_list(
    "BORDEROPS_ALLOWED_HOSTS",
    ["127.0.0.1", "localhost", "[::1]", "testserver"] if (DEMO_MODE or DEBUG) else [],
)
CSRF_TRUSTED_ORIGINS = _env_list("BORDEROPS_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "axes",
    "csp",
    "ninja",
    "borderops.reference",
    "borderops.accounts",
    "borderops.audit",
    "borderops.crossings",
    "borderops.lookouts",
    "borderops.advance",
    "borderops.training",
    "borderops.targeting",
    "borderops.risk",
    "borderops.portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "borderops.audit.middleware.AuditContextMiddleware",
    # Axes goes last so it sees the outcome of every authentication attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "borderops.urls"
WSGI_APPLICATION = "borderops.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "borderops.portal.context_processors.navigation",
            ],
        },
    },
]

DATABASE_URL = (
    os.environ.get("BORDEROPS_DATABASE_URL") or f"sqlite:///{VAR_DIR / 'borderops.sqlite3'}"
)
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets the web server read while a loader writes; IMMEDIATE avoids the
        # "database is locked" upgrade deadlock between concurrent writers.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "borderops.accounts.backends.RoleAwareBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "portal:dashboard"
LOGOUT_REDIRECT_URL = "login"

# Login throttling: five failures lock the username from that address for a quarter hour.
AXES_FAILURE_LIMIT = int(os.environ.get("BORDEROPS_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "borderops.accounts.lockout.lockout_response"
AXES_ENABLED = _env_bool("BORDEROPS_LOGIN_THROTTLING", default=True)

API_TOKEN_LIFETIME_HOURS = int(os.environ.get("BORDEROPS_API_TOKEN_LIFETIME_HOURS", "12"))

# Months a travel document must stay valid beyond the arrival date (0: valid on arrival;
# many states ask 6). Used by the document checks on advance passenger data.
BORDEROPS_VALIDITY_BEYOND_STAY_MONTHS = int(
    os.environ.get("BORDEROPS_VALIDITY_BEYOND_STAY_MONTHS", "0")
)

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "static/"
# Production may collect static files here; the embedded installation serves them from the
# installed packages instead (WHITENOISE_USE_FINDERS), so it needs no collectstatic step.
STATIC_ROOT = os.environ.get("BORDEROPS_STATIC_ROOT") or None
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Serve straight from the installed packages' static folders, so no collectstatic step is
# needed for the embedded installation.
WHITENOISE_USE_FINDERS = True


def _leaflet_static_dir() -> list[Path]:
    # Leaflet's files come from the django-leaflet package; its Django app is not installed
    # because its admin integration requires GDAL, which BorderOps does not need.
    import importlib.util

    spec = importlib.util.find_spec("leaflet")
    if spec is None or not spec.submodule_search_locations:
        return []
    return [Path(next(iter(spec.submodule_search_locations))) / "static"]


STATICFILES_DIRS = _leaflet_static_dir()
WHITENOISE_AUTOREFRESH = DEBUG

# Map tiles come from a configurable server; pages still work (markers, lists) without tiles.
MAP_TILE_URL = os.environ.get("BORDEROPS_MAP_TILE_URL", "")
MAP_TILE_ATTRIBUTION = os.environ.get("BORDEROPS_MAP_TILE_ATTRIBUTION", "")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 3600
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
_PRODUCTION = not (DEMO_MODE or DEBUG)
SESSION_COOKIE_SECURE = _env_bool("BORDEROPS_SECURE_COOKIES", default=_PRODUCTION)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = _env_bool("BORDEROPS_SSL_REDIRECT", default=False)
SECURE_HSTS_SECONDS = int(
    os.environ.get("BORDEROPS_HSTS_SECONDS", "31536000" if _PRODUCTION else "0")
)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if _env_bool("BORDEROPS_BEHIND_PROXY") else None
)

_tile_origin = MAP_TILE_URL.split("/{", 1)[0] if MAP_TILE_URL else ""
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:", *([_tile_origin] if _tile_origin else [])],
        "script-src": ["'self'"],
        # Leaflet sets inline styles on map panes.
        "style-src": ["'self'", "'unsafe-inline'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("BORDEROPS_LOG_LEVEL", "WARNING")},
}
