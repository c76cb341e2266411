"""
The sourcing policy, checked over the published data: what lint_content reports and the dataset's test
asserts. A published event rests on a source other than the founding article; a key event on two publishers,
neither restating the other; a source with a link says when it was read; a place on the map has coordinates; and
every published event, and every actor and place it names, is in every translated language.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch

from sources.models import Source

from .models import Actor, Citation, Event, Place
from .translation import TRANSLATED_LANGUAGES, translations


@dataclass(frozen=True)
class Problem:
    kind: str
    key: str
    field: str
    message: str

    def __str__(self):
        return f"{self.kind}/{self.key}, field '{self.field}': {self.message}"


def original(source, sources):
    """The source ``source`` restates, followed to the end: a reprint counts as its original."""
    seen = set()
    while source.derived_from_id and source.derived_from_id not in seen:
        seen.add(source.pk)
        source = sources[source.derived_from_id]
    return source


def independent_publishers(cited, sources):
    return {(original(s, sources).publisher or original(s, sources).key).casefold() for s in cited}


def sourcing_problems():
    """Every breach of the sourcing policy in the published data, in a fixed number of queries."""
    sources = Source.objects.in_bulk()
    events = list(Event.objects.published().order_by("start", "slug").prefetch_related(
        Prefetch("citations", queryset=Citation.objects.only("event_id", "source_id")),
        Prefetch("places", queryset=Place.objects.only("pk", "slug", "latitude", *translations("name"))),
        Prefetch("actors", queryset=Actor.objects.only("pk", "slug", *translations("name"))),
    ))
    problems, places, actors = [], {}, {}
    for event in events:
        cited = [sources[c.source_id] for c in event.citations.all()]
        if not [s for s in cited if s.key != settings.FOUNDING_ARTICLE]:
            problems.append(Problem("events", event.slug, "citations", "cites nothing but the founding article"))
        if event.key_event and len(independent_publishers(cited, sources)) < 2:
            problems.append(Problem("events", event.slug, "citations",
                                    "a key event needs two publishers, neither restating the other"))
        for field in ("title", "summary"):
            for language in TRANSLATED_LANGUAGES:
                if not getattr(event, f"{field}_{language}"):
                    problems.append(Problem("events", event.slug, f"{field}_{language}", "no translation"))
        places.update((p.slug, p) for p in event.places.all())
        actors.update((a.slug, a) for a in event.actors.all())
    for slug, place in sorted(places.items()):
        if place.latitude is None:
            problems.append(Problem("places", slug, "lat", "a place of a published event has no coordinates"))
    for kind, records in (("actors", actors), ("places", places)):
        for slug, record in sorted(records.items()):
            problems += [Problem(kind, slug, f"name_{language}", "no translation")
                         for language in TRANSLATED_LANGUAGES if not getattr(record, f"name_{language}")]
    for source in sorted(sources.values(), key=lambda s: s.key):
        if source.url and not source.accessed_on:
            problems.append(Problem("sources", source.key, "accessed", "a source with a URL has no access date"))
    return problems
