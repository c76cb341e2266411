"""
Caching for public pages. Triggers raise one content version on every write to a public table (events.content_version).
Public pages answer conditional GETs from an ETag of that version (Django's ``condition``) and are served to anonymous
readers from a page cache keyed on it, as ``versioned`` keeps computed values: a write changes every key.
"""

import contextvars
import hashlib
import time
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache, caches
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import condition

CACHE_SECONDS = 60 * 60
_version = contextvars.ContextVar("content_version_of_this_request", default=None)  # one version for a whole page
# make bench, with Redis: reading the version from the database for every request keeps the cached timeline below its
# floor (0.8x a static file). So each process trusts the version it read for KFOR_CONTENT_VERSION_SECONDS.
_last_read = [float("-inf"), 0]  # when, and what


def read_content_version():
    now = time.monotonic()
    if now - _last_read[0] < settings.KFOR_CONTENT_VERSION_SECONDS:
        return _last_read[1]
    with connection.cursor() as cursor:
        cursor.execute("SELECT version FROM events_contentversion WHERE id = 1")
        row = cursor.fetchone()
    _last_read[:] = [now, row[0] if row else 0]
    return _last_read[1]


def cached(key):
    """The value under ``key`` from this process's memory (the "local" cache), else from the shared cache. make bench:
    a Redis round trip for each page and each value it reads keeps cached pages and random filters below floor."""
    value = caches["local"].get(key)
    if value is None:
        value = cache.get(key)
        if value is not None:
            caches["local"].set(key, value, CACHE_SECONDS)
    return value


def keep(key, value, timeout=CACHE_SECONDS):
    """Keep ``value`` in the shared cache, for every process, and in this one's memory."""
    cache.set(key, value, timeout)
    caches["local"].set(key, value, timeout)


def content_version():
    holder = _version.get()  # read once per request (each time outside one)
    if holder is None:
        return read_content_version()
    if not holder:
        holder.append(read_content_version())
    return holder[0]


def template_context(request):
    """``content_version`` for templates' ``{% cache %}`` fragments, read only when a template uses it."""
    return {"content_version": SimpleLazyObject(content_version)}


def versioned(name, compute, timeout=CACHE_SECONDS):
    """``compute()``, kept in the cache until the content changes. ``name`` says all else it depends on (a language)."""
    key = f"v{content_version()}:{name}"
    if (value := cached(key)) is None:
        keep(key, value := compute(), timeout)
    return value


def cache_parameters():
    """The parameters public pages read: the FilterSets', the page and the search. A query with any other (a tracking
    tag, a typo) is answered but not kept, so that arbitrary query strings cannot fill the cache."""
    from .filters import EventFilter, SourceFilter

    return frozenset({*EventFilter.base_filters, *SourceFilter.base_filters, "page", "q"})


def is_public_request(request):
    """Anonymous reads only: editors, who carry a session, may see previews and never get cached pages."""
    return request.method in ("GET", "HEAD") and settings.SESSION_COOKIE_NAME not in request.COOKIES


def page_etag(request, *args, **kwargs):
    if is_public_request(request):  # the absolute URL: pages hold absolute links, and it validates the Host header
        return hashlib.sha256(f"{content_version()}|{request.build_absolute_uri()}".encode()).hexdigest()[:32]


def public_page(view):
    """A public page: ETag and 304 Not Modified through Django's ``condition``, and kept by PageCacheMiddleware."""
    conditional = condition(etag_func=page_etag)(view)

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = conditional(request, *args, **kwargs)
        if is_public_request(request) and response.status_code == 200 and not response.streaming:
            patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
            response.page_cache = True
        return response

    return wrapped


def page_key(request, version):
    """A page's key: the version, host, path and sorted parameters; None for a parameter no public page reads."""
    if not set(request.GET) <= cache_parameters():
        return None
    query = urlencode(sorted((name, value) for name in request.GET for value in request.GET.getlist(name)))
    digest = hashlib.sha256(f"{version}|{request.get_host()}|{request.path}|{query}".encode()).hexdigest()[:32]
    return f"page:{digest}"


class PageCacheMiddleware:
    """Serves anonymous readers the pages ``public_page`` marked, from the cache, with every header the first answer
    carried (CSP, frame options, ETag). Placed just after whitenoise, before sessions."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _version.set([])
        try:
            return self.serve(request)
        finally:
            _version.reset(token)

    def serve(self, request):
        if not settings.PAGE_CACHE or not is_public_request(request):
            return self.get_response(request)
        try:
            key = page_key(request, content_version())
        except DatabaseError:
            return self.get_response(request)  # the page answers 503 itself (DatabaseUnavailableMiddleware)
        page = cached(key) if key else None
        if page is not None:
            content, headers = page
            response = HttpResponse(content, headers={**headers, "X-Cache": "hit"})
            return get_conditional_response(request, etag=headers.get("ETag"), response=response)
        response = self.get_response(request)
        if key and getattr(response, "page_cache", False) and not response.cookies:
            keep(key, (response.content, dict(response.items())))
        return response
