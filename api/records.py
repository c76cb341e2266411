"""
What the API shows of each kind of record, in the exchange format's words (events.exchange.spec), and the querysets
that say what is public: published events and figures, and the actors, places and sources published content uses
(events.selectors).
Each serialiser reads only what its queryset loaded, so a page costs the same number of queries at any size.
"""

from django.db.models import Prefetch
from django.urls import reverse

from events.models import Citation, Event, EventActor, Figure, Status
from events.exchange.exporters import actor_record, place_record
from events.selectors import public_actors, public_places, public_sources
from events.translation import with_translations


def _absolute(request, path):
    return request.build_absolute_uri(path)


def _links(request, record, route, **kwargs):
    """A record's address in the API and its page on the site."""
    return {"api_url": _absolute(request, reverse(route, kwargs=kwargs)),
            "page": _absolute(request, record.get_absolute_url())}


def events():
    return Event.objects.published().select_related("event_type").defer("search_vector").prefetch_related(
        "places",
        Prefetch("event_actors", queryset=EventActor.objects.select_related("actor").order_by("order", "id")),
        Prefetch("citations", queryset=Citation.objects.select_related("source").order_by("order", "id")),
    )


def event(request, e):
    return {
        "slug": e.slug,
        "api_url": _absolute(request, reverse("api:event", kwargs={"slug": e.slug})),
        "page": _absolute(request, e.get_absolute_url()),
        **{name: getattr(e, name) for name in with_translations("title", "summary")},
        "translations_reviewed": e.translations_reviewed or [],
        "body": e.body,
        "start": e.start_edtf, "end": e.end_edtf, "display_date": e.display_date,
        "type": e.event_type.slug, "key_event": e.key_event, "wikidata": e.wikidata_id,
        "actors": [{"actor": role.actor.slug, "role": role.role} for role in e.event_actors.all()],
        "places": sorted(place.slug for place in e.places.all()),
        "citations": [{"source": c.source.key, "locator": c.locator, "quote": c.quote, "note": c.note}
                      for c in e.citations.all()],
        "notes": e.notes,
        "published_at": e.published_at, "updated_at": e.updated_at,
    }


def actors():
    return public_actors().select_related("parent")


def actor(request, a):
    return {"slug": a.slug, **_links(request, a, "api:actor", slug=a.slug), **actor_record(a)}


def places():
    return public_places().select_related("parent")


def place(request, p):
    return {"slug": p.slug, **_links(request, p, "api:place", slug=p.slug), **place_record(p)}


def sources():
    return public_sources().select_related("derived_from").defer("search_vector")


def source(request, s):
    return {
        "key": s.key,
        "api_url": _absolute(request, reverse("api:source", kwargs={"key": s.key})),
        "page": _absolute(request, s.get_absolute_url()),
        "kind": s.kind, "title": s.title, "authors": s.author_list, "publisher": s.publisher,
        "published": s.published_edtf, "url": s.url, "archive_url": s.archive_url,
        "archived": s.archived_on.isoformat() if s.archived_on else None,
        "accessed": s.accessed_on.isoformat() if s.accessed_on else None,
        "language": s.language, "notes": s.notes,
        "derived_from": s.derived_from.key if s.derived_from else None, "derivation": s.derivation,
    }


def figures():
    return Figure.objects.published().select_related("source", "event")


def figure(request, f):
    # A figure may belong to an event that is not public: it is then shown without it.
    event_slug = f.event.slug if f.event and f.event.status == Status.PUBLISHED else None
    return {
        "id": f.pk,
        "api_url": _absolute(request, reverse("api:figure", kwargs={"pk": f.pk})),
        "series": f.series, "date": f.date_edtf, "best": f.best, "low": f.low, "high": f.high,
        "source": f.source.key, "locator": f.locator, "note": f.note, "event": event_slug,
    }
