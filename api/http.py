"""
What every API response carries, as view decorators (NinjaAPI.add_decorator, around validation too): a per-client
rate limit, an ETag of the content version and the URL answered with 304 (Django's ``condition``), and CORS.
"""

from functools import wraps

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.views.decorators.http import condition

from events.caching import page_etag
from kfor_site.throttle import seconds_to_wait


def rate_limited(view):
    """
    At most KFOR_API_RATE_PER_MINUTE requests a minute from one client address, counted in Django's cache (shared by
    every process with Redis); past it, 429 with Retry-After: the seconds to the next minute.
    """

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        retry_after = seconds_to_wait(request, "api", limit=settings.KFOR_API_RATE_PER_MINUTE, window=60)
        if retry_after:
            response = JsonResponse({"detail": "Too many requests: wait before the next.", "errors": []}, status=429)
            response["Retry-After"] = str(retry_after)
            return response
        return view(request, *args, **kwargs)

    return wrapped


def cors(view):
    """Any site may read the API from a browser: it is public, and needs no key nor cookie."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = "ETag, Retry-After"
        return response

    return wrapped


def preflight(view):
    """
    Answers a browser's CORS preflight (OPTIONS) for an API URL, which django-ninja would refuse with 405: a page
    elsewhere that sends If-None-Match to revalidate needs it. Nothing but reads is ever allowed.
    """

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method != "OPTIONS":
            return view(request, *args, **kwargs)
        response = HttpResponse(status=204)
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
        response["Access-Control-Max-Age"] = "86400"
        response["Allow"] = "GET, HEAD, OPTIONS"
        return response

    return wrapped


# Innermost first: the ETag and 304, then the limit, and CORS on every answer (429 and 304 too).
API_VIEW_DECORATORS = (condition(etag_func=page_etag), rate_limited, cors)
