"""The site in English, Albanian and Serbian: links to the page in each language, for the switcher and hreflang."""

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.urls import reverse, translate_url
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
    """This page's path in each language: the route the request resolved to, reversed in that language."""
    match = getattr(request, "resolver_match", None)
    if match is None or not match.url_name:
        return [translate_url(request.path, code) for code, _ in settings.LANGUAGES]
    paths = []
    for code, _ in settings.LANGUAGES:
        with override(code):
            try:
                paths.append(reverse(match.view_name, args=match.args, kwargs=match.kwargs))
            except NoReverseMatch:
                paths.append(request.path)
    return paths
