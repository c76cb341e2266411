"""The site in English, Albanian and Serbian: links to the page in each language, for the switcher and hreflang."""

import functools

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.urls import get_script_prefix, reverse, translate_url
from django.urls.exceptions import NoReverseMatch
from django.utils.translation import get_language, override


def alternates(request):
    """``languages``: each language's name, tag (for lang and hreflang), this page's address in it, and whether it is current."""
    current = get_language()
    query = request.META.get("QUERY_STRING", "")
    try:
        origin = f"{request.scheme}://{request.get_host()}"
    except DisallowedHost:
        origin = ""  # the 400 page for a foreign Host header still renders, with relative links
    languages = []
    for (code, name), path in zip(settings.LANGUAGES, paths_in(request)):
        languages.append({
            "code": code, "name": name, "tag": settings.LANGUAGE_TAGS[code], "current": code == current,
            "url": origin + (f"{path}?{query}" if query else path),
        })
    return {"languages": languages, "language_tag": settings.LANGUAGE_TAGS.get(current, current)}


def paths_in(request):
    """
    This page's path in each language: the route the request resolved to, reversed in that language (what
    translate_url does, without resolving the path again for each language). A path no route matched stays as it is.
    """
    match = getattr(request, "resolver_match", None)
    if match is None or not match.url_name:
        return [translate_url(request.path, code) for code, _ in settings.LANGUAGES]
    route = (match.view_name, tuple(match.args), tuple(sorted(match.kwargs.items())), get_script_prefix())
    try:
        paths = route_paths(*route)
    except TypeError:  # a route whose view is given objects (the sitemap's): reversed, not remembered
        paths = route_paths.__wrapped__(*route)
    return [request.path if path is None else path for path in paths]


@functools.lru_cache(maxsize=4096)
def route_paths(view_name, args, kwargs, script_prefix):
    """
    The path of the route ``view_name`` with ``args`` and ``kwargs`` (its items) in each language, None where it has
    none; remembered, since every page asks for them. ``script_prefix``, which reverse reads, is part of the key.
    """
    paths = []
    for code, _ in settings.LANGUAGES:
        with override(code):
            try:
                paths.append(reverse(view_name, args=args, kwargs=dict(kwargs)))
            except NoReverseMatch:
                paths.append(None)
    return tuple(paths)
