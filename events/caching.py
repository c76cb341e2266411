"""
Conditional GET and a page cache for public pages, both keyed on a content
version that database triggers raise on every write (events.ContentVersion).
Any edit, addition or deletion changes the version, so the ETag changes and
the cached page is no longer found: nothing has to be purged by hand.

Each process remembers the version it read for CONTENT_VERSION_SECONDS (one
second by default), so that a page served from the cache costs no database
query; a write made through Django forgets it when the write commits, so the
process that made a change shows it at once, and every other process within
that second. PageCacheMiddleware serves cached pages before sessions,
authentication and URL routing run; the views mark what it may keep with
``public_page``.
"""

import hashlib
import threading
import time
from functools import wraps
from urllib.parse import urlencode

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection, transaction
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control

CACHE_SECONDS = 60 * 60
# The query parameters public pages read. A query with any other (a tracking tag, a typo) shows the same page as
# without it: such a page is served but not kept, so arbitrary query strings cannot fill the cache.
PAGE_PARAMETERS = frozenset({"q", "actor", "place", "type", "from", "to", "key", "plan", "order", "page", "kind", "publisher",
                             "year"})

_remembered = threading.local()  # each thread its own: connections are per thread too
_generation = [0]  # raised by every committed write in this process (a lost race only costs one more read)


def read_content_version():
    """The number database triggers raise on every write to what public pages show (events.ContentVersion)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT version FROM events_contentversion WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else 0


def content_version():
    """The content version, read from the database at most once per CONTENT_VERSION_SECONDS in each thread."""
    now = time.monotonic()
    remembered = getattr(_remembered, "value", None)
    if remembered is not None:
        version, read_at, generation = remembered
        if now - read_at < settings.CONTENT_VERSION_SECONDS and generation == _generation[0]:
            return version
    version = read_content_version()
    _remembered.value = (version, now, _generation[0])
    return version


def forget_content_version():
    _generation[0] += 1


def forget_after_commit(sender, **kwargs):
    """A write through Django in this process: read the version afresh once it is committed."""
    transaction.on_commit(forget_content_version, using=kwargs.get("using"))


def is_public_request(request):
    """Anonymous reads only: editors, who carry a session, may see previews and are never served from the cache."""
    return request.method in ("GET", "HEAD") and settings.SESSION_COOKIE_NAME not in request.COOKIES


def page_etag(request, version):
    # The absolute URL: pages hold absolute links, and building it validates the Host header.
    return '"%s"' % hashlib.sha256(f"{version}|{request.build_absolute_uri()}".encode()).hexdigest()[:32]


def public_page(view):
    """ETag and 304 Not Modified for a public page, and leave for PageCacheMiddleware to keep it."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not is_public_request(request):
            return view(request, *args, **kwargs)
        etag = getattr(request, "page_etag", None) or page_etag(request, content_version())
        not_modified = get_conditional_response(request, etag=etag)
        if not_modified is not None:
            return not_modified
        response = view(request, *args, **kwargs)
        if hasattr(response, "render"):
            response.render()
        if response.status_code == 200 and not response.streaming:
            response["ETag"] = etag
            patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
            response.page_cache = True
        return response

    return wrapped


class PageCacheMiddleware:
    """
    Serves anonymous readers the pages ``public_page`` marked, from the cache,
    with every header the first answer carried (CSP, frame options, ETag).
    Placed just after whitenoise, before sessions: a cached page costs a
    cache lookup and no database query.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE or not is_public_request(request):
            return self.get_response(request)
        try:
            version = content_version()
        except DatabaseError:
            return self.get_response(request)  # the page answers 503 itself (DatabaseUnavailableMiddleware)
        request.page_etag = etag = page_etag(request, version)
        key = page_key(request, version)
        cached = cache.get(key) if key else None
        if cached is not None:
            content, headers = cached
            return get_conditional_response(request, etag=etag, response=HttpResponse(content, headers=headers))
        response = self.get_response(request)
        if key and getattr(response, "page_cache", False) and not response.cookies and may_fill(request):
            cache.set(key, (response.content, dict(response.items())), CACHE_SECONDS)
        return response


def page_key(request, version):
    """
    A page's cache key: the content version, host, path and query parameters, sorted, so that the same
    filters in another order are the same page. None when the query carries an unknown parameter.
    """
    if any(name not in PAGE_PARAMETERS for name in request.GET):
        return None
    query = urlencode(sorted((name, value) for name in request.GET for value in request.GET.getlist(name)))
    digest = hashlib.sha256(f"{version}|{request.get_host()}|{request.path}|{query}".encode()).hexdigest()[:32]
    return f"page:{digest}"


def may_fill(request):
    """
    Whether this client may add a page to the cache: at most PAGE_CACHE_FILLS_PER_MINUTE a minute each, so that
    walking through every combination of filters fills the cache no faster than a reader would.
    """
    client = get_client_ip_address(request) or ""
    key = f"page-fills:{client}:{int(time.time() // 60)}"
    cache.add(key, 0, 120)
    try:
        return cache.incr(key) <= settings.PAGE_CACHE_FILLS_PER_MINUTE
    except ValueError:  # the counter expired in between: count this one as the first
        return True
