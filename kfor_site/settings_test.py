"""Test settings: the real settings with a fixed key, a fast hasher and plain static storage."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-secret-key-not-for-production-use-0123456789")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")

from .settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tests never run collectstatic: find files where they live.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Pages are rendered afresh in tests; tests/events/test_caching.py turns a real cache on.
CACHES = {alias: {"BACKEND": "django.core.cache.backends.dummy.DummyCache"} for alias in ("default", "local")}
# Every request reads the content version afresh; tests/events/test_caching.py checks the trusted one.
KFOR_CONTENT_VERSION_SECONDS = 0
# The test client speaks plain HTTP.
SECURE_SSL_REDIRECT = False
SECURE_PROXY_SSL_HEADER = None

# On SQLite, a test database in a file rather than in memory: the browser tests' live
# server then gives each of its threads a connection of its own. An in-memory database
# would be one connection shared by every thread, which SQLite's Python driver does not
# make safe for concurrent requests.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(tempfile.gettempdir(), f"kfor-timeline-test-{os.getpid()}.sqlite3"),
    }
# Releases made by tests go to a folder of this run's own, never into var/.
KFOR_RELEASES_DIR = Path(tempfile.gettempdir()) / f"kfor-timeline-test-releases-{os.getpid()}"
