"""
Conditional GET and a page cache for public pages, both keyed on a content
version that database triggers raise on every write (events.ContentVersion).
Any edit, addition or deletion changes the version, so the ETag changes and
the cached page is no longer found: nothing has to be purged by hand.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control

CACHE_SECONDS = 60 * 60
KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Content-Language")


def content_version():
    """The number database triggers raise on every write to what public pages show (events.ContentVersion)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT version FROM events_contentversion WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else 0


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
