"""
Settings for KFOR Timeline, driven by the environment.

DJANGO_DEBUG          "1"/"true" turns on development mode (never in production).
DJANGO_SECRET_KEY     required unless DJANGO_DEBUG is on.
DJANGO_ALLOWED_HOSTS  comma-separated host names; required unless DJANGO_DEBUG is on.
DATABASE_URL          e.g. postgres://user@host:5432/kfor; default: SQLite file db.sqlite3.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name, default=False):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name):
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


DEBUG = env_flag("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it to a long random string, "
            "or set DJANGO_DEBUG=1 for local development."
        )
    # Development only: never used when DEBUG is off.
    SECRET_KEY = "django-insecure-development-only-key"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_ALLOWED_HOSTS is not set. Set it to the comma-separated host "
            "names the site answers to (e.g. kfor-timeline.org,www.kfor-timeline.org), "
            "or set DJANGO_DEBUG=1 for local development."
        )
    ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"]

INSTALLED_APPS = [
    "kfor_site.admin.KforAdminConfig",  # the admin, with the editors' dashboard
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Before staticfiles, so runserver serves static files the way production does.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # the widgets' templates, found by the site's template engine (FORM_RENDERER)
    "django.contrib.sitemaps",
    "django.contrib.syndication",
    "django_filters",
    "reversion",
    "reversion_compare",
    "axes",
    "csp",
    "sources",
    "events",
    "releases",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Cached public pages for anonymous readers, before sessions and routing (events/caching.py).
    "events.caching.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language comes from the URL's prefix (/sq/, /sr/; English has none), so the page cache keys it too.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "kfor_site.middleware.DatabaseUnavailableMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into a clear "locked" page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses logins while locked out
    "kfor_site.signin.AccountLockoutBackend",  # refuses an account tried from too many addresses
    "django.contrib.auth.backends.ModelBackend",
]

# Failed admin logins: after 5 from one address, whatever the usernames tried (password spraying), sign-in from
# that address is locked for 15 minutes; after 20 for one username from any addresses, the account is
# (kfor_site.signin). Usernames are counted whatever their case.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_ACCOUNT_FAILURE_LIMIT = int(os.environ.get("AXES_ACCOUNT_FAILURE_LIMIT", "20"))
AXES_USERNAME_CALLABLE = "kfor_site.signin.username_key"
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
# Counting per address counts each username tried from it too: one address trying one account is locked as soon.
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_VERBOSE = False
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("DJANGO_PROXY_COUNT", "0"))

# Where a sign-in goes when its next= is missing or refused as unsafe: the admin, not a page that does not exist.
LOGIN_REDIRECT_URL = "admin:index"

ROOT_URLCONF = "kfor_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "kfor_site.languages.alternates",
                "events.caching.template_context",
            ],
        },
    },
]

WSGI_APPLICATION = "kfor_site.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "0")),
        # A kept connection is checked before a request uses it, so a database restart
        # costs no reader an error page once the database is back.
        conn_health_checks=True,
    )
}
if DATABASES["default"].get("ENGINE", "").endswith("postgresql"):
    # Public pages run short queries whose estimated cost can still pass PostgreSQL's JIT threshold (the bibliography's
    # "used by published content" subqueries): compiling them takes far longer than running them.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
# The public site's languages. Serbian is written in Latin script: our catalogue (locale/sr) gives Latin text,
# month names included, where Django's own Serbian catalogue is Cyrillic. Serbian in Cyrillic script (/sr-cyrl/) is
# the same Serbian transliterated (kfor_site/cyrillic.py): its catalogue, locale/sr_Cyrl, is made from locale/sr by
# `make catalogues`. The admin stays in English.
LANGUAGES = [("en-gb", "English"), ("sq", "Shqip"), ("sr", "Srpski"), ("sr-cyrl", "Српски")]
# hreflang and lang attributes: the script of our Serbian is said explicitly.
LANGUAGE_TAGS = {"en-gb": "en", "sq": "sq", "sr": "sr-Latn", "sr-cyrl": "sr-Cyrl"}
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Widgets are drawn by the site's template engine, so that a widget may use a template of ours (events.filters).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# HTTPS. Production runs behind a reverse proxy that terminates TLS and says so in X-Forwarded-Proto
# (docs/deployment.md); development and the local load tests speak plain HTTP.
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_flag("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_flag("DJANGO_BEHIND_PROXY", default=not DEBUG) else None
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "0" if DEBUG else str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# Content-Security-Policy (django-csp): everything from our own origin, no inline code anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# History: every admin change is a revision; the newest first in each record's history.
ADD_REVERSION_ADMIN = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    # django-axes logs every sign-in at INFO; lockouts are WARNING and still show.
    "loggers": {"axes": {"level": "WARNING"}},
}


def _source_url(source):
    # The public source page belongs to the timeline (it lists the events citing the source);
    # the sources app itself knows nothing of events.
    from django.urls import reverse

    return reverse("events:source", kwargs={"key": source.key})


ABSOLUTE_URL_OVERRIDES = {"sources.source": _source_url}

# Redis when REDIS_URL is set (shared by every application server), otherwise memory in each process.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL,
                          "KEY_PREFIX": "kfor"}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "kfor-timeline"}}
# Each process's memory, in front of the shared cache for pages and computed values (events/caching.py).
CACHES["local"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "kfor-timeline-local",
                   "OPTIONS": {"MAX_ENTRIES": 500}}

# Public pages are cached for anonymous readers (events/caching.py); off only to measure pages uncached.
PAGE_CACHE = env_flag("KFOR_PAGE_CACHE", default=True)
# How long each process trusts the content version it read (events/caching.py): a change shows within this time.
KFOR_CONTENT_VERSION_SECONDS = float(os.environ.get("KFOR_CONTENT_VERSION_SECONDS", "1"))
# The sourcing policy: how many independent sources a key event needs before it is published (1: any citation does).
KFOR_KEY_EVENT_INDEPENDENT_SOURCES = int(os.environ.get("KFOR_KEY_EVENT_INDEPENDENT_SOURCES", "1"))

# The read API (api/): requests a minute from one client address before it answers 429.
KFOR_API_RATE_PER_MINUTE = int(os.environ.get("KFOR_API_RATE_PER_MINUTE", "120"))
# Readers' suggestions (events/views/suggestions.py): posts an hour from one client address before it answers 429.
KFOR_SUGGESTIONS_PER_HOUR = int(os.environ.get("KFOR_SUGGESTIONS_PER_HOUR", "5"))

# Where `make_release` keeps the data releases' ZIP files, which /data/ lists and serves (releases/).
KFOR_RELEASES_DIR = Path(os.environ.get("KFOR_RELEASES_DIR", BASE_DIR / "var" / "releases"))

# The founding dataset that `make run` loads into an empty database.
FOUNDING_DATASET = BASE_DIR / "data" / "kfor-timeline.json"
# The article the site was founded on: its slips are listed apart on /corrections/, and no published event may rest
# on it alone (events.sourcing).
FOUNDING_ARTICLE = "eiilir-kfor-article"
# Where readers write to report an error (the about page); none shown when unset.
KFOR_CONTACT_EMAIL = os.environ.get("KFOR_CONTACT_EMAIL", "")
