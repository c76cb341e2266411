"""The site in English, Albanian and Serbian (in Latin and Cyrillic script): links to the page in each language and
script, for hreflang, the language switch and the script switch."""

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.urls import reverse, translate_url
from django.urls.exceptions import NoReverseMatch
from django.utils.translation import get_language, override

# Serbian is one language in two scripts: the language switch names it once, in the script being read, and Serbian
# pages carry a script switch. Each script variant, with the code it is a variant of.
SCRIPT_VARIANTS = {"sr-cyrl": "sr"}
SCRIPT_NAMES = {"sr": "Latinica", "sr-cyrl": "Ћирилица"}


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
    return {"languages": languages, "language_switch": language_switch(languages), "scripts": script_switch(languages),
            "language_tag": settings.LANGUAGE_TAGS.get(current, current)}


def language_switch(languages):
    """Each language once: a language written in two scripts in the script being read (its first one elsewhere)."""
    current = {SCRIPT_VARIANTS[language["code"]]: language for language in languages
               if language["current"] and language["code"] in SCRIPT_VARIANTS}
    return [current.get(language["code"], language) for language in languages
            if language["code"] not in SCRIPT_VARIANTS]


def script_switch(languages):
    """On the pages of a language written in two scripts, this page in each script (each named in its script)."""
    current = [language["code"] for language in languages if language["current"]]
    if not current or current[0] not in SCRIPT_NAMES:
        return []
    base = SCRIPT_VARIANTS.get(current[0], current[0])
    return [{**language, "script": SCRIPT_NAMES[language["code"]]} for language in languages
            if SCRIPT_VARIANTS.get(language["code"], language["code"]) == base]


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
