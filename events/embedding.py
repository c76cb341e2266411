"""
Embedding the timeline in other sites: the iframe code for a filtered timeline or one event, and what an oEmbed
request's ``url`` names. The views are in views/embeds.py; only /embed/ pages may be framed (views.embeds.framable).
"""

from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.http import QueryDict
from django.urls import Resolver404, resolve, reverse
from django.utils.html import format_html
from django.utils.translation import get_language_from_path, override

from .filters import EventFilter
from .models import Event
from .translation import localised

# Width and height, in CSS pixels, that an embed asks for unless the embedding site wants it smaller.
SIZES = {"timeline": (600, 500), "event": (500, 320)}
TIMELINES, EVENTS = {"events:timeline", "events:embed"}, {"events:detail", "events:embed-event"}


class NotOurs(Exception):
    """The URL is not a page of ours that can be embedded (another site, another page, an unpublished event)."""


def embed_path(*, event=None, query=""):
    """The embed of one event, or of the timeline with ``query``'s filters, in the active language."""
    if event is not None:
        return reverse("events:embed-event", kwargs={"slug": event.slug})
    return reverse("events:embed") + (f"?{query}" if query else "")


def embed_title(event=None):
    return f"{localised(event, 'title')[0]} · KFOR Timeline" if event is not None else "KFOR Timeline"


def iframe_html(*, src, title, kind, width=None, height=None):
    """The code an embedding site pastes: an iframe, sized for ``kind`` unless given a width and height."""
    default_width, default_height = SIZES[kind]
    return format_html('<iframe src="{}" width="{}" height="{}" title="{}" loading="lazy"></iframe>',
                       src, width or default_width, height or default_height, title)


def filters_query(data):
    """The timeline's filters in ``data`` (a QueryDict), validated; ValueError names what is wrong."""
    filterset = EventFilter(data or None, queryset=Event.objects.none())
    if filterset.is_bound and not filterset.is_valid():
        raise ValueError("; ".join(f"{name}: {' '.join(errors)}" for name, errors in filterset.errors.items()))
    return urlencode([(name, value) for name in filterset.filters for value in data.getlist(name) if value])


def embed_target(url, host):
    """
    (kind, embed path, title) for a page ``url`` of ours on ``host``: the timeline (with its filters) or a
    published event, in the URL's language. ValueError for a URL that is not one; NotOurs for anyone else's.
    """
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        raise ValueError("the url is not a valid URL") from None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError("the url must be an absolute http or https URL")
    if parts.netloc.lower() != host.lower():
        raise NotOurs(url)
    language = get_language_from_path(parts.path or "/") or settings.LANGUAGE_CODE
    with override(language):
        try:
            match = resolve(parts.path or "/")
        except Resolver404:
            raise NotOurs(url) from None
        if match.view_name in TIMELINES:
            return "timeline", embed_path(query=filters_query(QueryDict(parts.query))), embed_title()
        if match.view_name in EVENTS:
            event = Event.objects.published().filter(slug=match.kwargs["slug"]).first()
            if event is None:
                raise NotOurs(url)
            return "event", embed_path(event=event), embed_title(event)
    raise NotOurs(url)
