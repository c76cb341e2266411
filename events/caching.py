"""
Conditional GET and a page cache for public pages, both keyed on a content
version: one query that fingerprints every table public pages draw on. Any
edit, addition or deletion changes the version, so the ETag changes and the
cached page is no longer found: nothing has to be purged by hand.
"""

import hashlib
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control

from sources.models import Source

from .models import Actor, Citation, Event, EventActor, EventType, Figure, Place

CACHE_SECONDS = 60 * 60
KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Content-Language")
TRACKED = [Event, EventActor, Citation, Figure, Actor, Place, EventType, Source]


_remembered = {"at": 0.0, "version": None}


def content_version():
    """
    The fingerprint, remembered for PAGE_CACHE_VERSION_SECONDS in each process:
    under load the counting query runs once a second, not once a request, and an
    edit shows at most that long after it is saved.
    """
    seconds = settings.PAGE_CACHE_VERSION_SECONDS
    now = time.monotonic()
    if seconds and _remembered["version"] is not None and now - _remembered["at"] < seconds:
        return _remembered["version"]
    version = _query_content_version()
    _remembered.update(at=now, version=version)
    return version


def _query_content_version():
    quote = connection.ops.quote_name
    parts = []
    for model in TRACKED:
        table = quote(model._meta.db_table)
        parts.append(f"(SELECT MAX({quote('updated_at')}) FROM {table}), (SELECT COUNT(*) FROM {table})")
    places = quote(Event.places.through._meta.db_table)
    parts.append(f"(SELECT COUNT(*) FROM {places})")
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts))
        return "|".join(map(str, cursor.fetchone()))


def public_page(view):
    """ETag, 304 Not Modified and a shared cache for anonymous GETs of a public page."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD") or "sessionid" in request.COOKIES:
            return view(request, *args, **kwargs)  # editors may see previews: never cached
        etag = '"%s"' % hashlib.sha256(f"{content_version()}|{request.get_full_path()}".encode()).hexdigest()[:32]
        not_modified = get_conditional_response(request, etag=etag)
        if not_modified is not None:
            return not_modified
        key = f"page:{etag}"
        cached = cache.get(key) if settings.PAGE_CACHE else None
        if cached is None:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()
            if response.status_code != 200 or response.streaming:
                return response
            cached = (response.content, {k: v for k, v in response.items() if k in KEPT_HEADERS})
            if settings.PAGE_CACHE:
                cache.set(key, cached, CACHE_SECONDS)
        response = HttpResponse(cached[0], headers=cached[1])
        response["ETag"] = etag
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        return response

    return wrapped
