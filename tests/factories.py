"""Small factories: each makes a valid record; keyword overrides change what a test cares about."""

import datetime
import itertools

from events.exchange.bulk import insert_objects
from events.models import Actor, Citation, Event, EventActor, EventType, Figure, LegalProvision, Place
from events.models import Status
from sources.models import Source

_n = itertools.count(1)


def make_source(**overrides):
    n = next(_n)
    values = {"key": f"source-{n}", "title": f"Source {n}", "kind": "news", "publisher": "Euronews",
              "url": f"https://example.org/{n}", "published": datetime.date(2021, 9, 30), "published_precision": "day"}
    values.update(overrides)
    return Source.objects.create(**values)


def make_event_type(**overrides):
    n = next(_n)
    values = {"slug": f"type-{n}", "name": f"Type {n}"}
    values.update(overrides)
    return EventType.objects.create(**values)


def make_actor(**overrides):
    n = next(_n)
    values = {"slug": f"actor-{n}", "name": f"Actor {n}", "kind": "organisation"}
    values.update(overrides)
    return Actor.objects.create(**values)


def make_place(**overrides):
    n = next(_n)
    values = {"slug": f"place-{n}", "name": f"Place {n}", "kind": "settlement"}
    values.update(overrides)
    return Place.objects.create(**values)


def make_event(*, actors=(), places=(), sources=(), legal_bases=(), **overrides):
    """An event; published and citing one new source unless told otherwise."""
    n = next(_n)
    values = {"slug": f"event-{n}", "title": f"Event {n}", "summary": f"Summary {n}.",
              "start": datetime.date(2000, 1, 1) + datetime.timedelta(days=n), "start_precision": "day",
              "status": Status.PUBLISHED}
    values.update(overrides)
    if "event_type" not in values:
        values["event_type"] = make_event_type()
    event = Event.objects.create(**values)
    for order, actor in enumerate(actors):
        EventActor.objects.create(event=event, actor=actor, order=order)
    event.places.set(places)
    event.legal_bases.set(legal_bases)
    for order, source in enumerate(sources or [make_source()]):
        Citation.objects.create(event=event, source=source, locator=f"para. {order + 1}", order=order)
    return event


def make_figure(**overrides):
    values = {"series": "kfor-troops", "date": datetime.date(2010, 2, 1), "date_precision": "month", "best": 10200,
              "status": Status.PUBLISHED}
    values.update(overrides)
    if "source" not in values:
        values["source"] = make_source()
    return Figure.objects.create(**values)


def bulk_events(n, *, actors=(), places=(), sources=(), legal_bases=(), status=Status.PUBLISHED, prefix="bulk"):
    """
    ``n`` events in a handful of queries, spread over 1999 to 2021, each citing ``sources``: inserted as large
    imports insert them (COPY on PostgreSQL), triggers and all.
    """
    event_type = make_event_type()
    start = datetime.date(1999, 1, 1)
    events = insert_objects(Event, [
        Event(slug=f"{prefix}-{i}", title=f"{prefix.title()} event {i}", summary=f"Summary of event {i}.",
              start=start + datetime.timedelta(days=(i * 37) % 8000), start_precision="day", status=status,
              event_type=event_type)
        for i in range(n)
    ])
    insert_objects(EventActor, [EventActor(event=e, actor=a, order=i) for e in events for i, a in enumerate(actors)])
    insert_objects(Event.places.through, [Event.places.through(event=e, place=p) for e in events for p in places])
    insert_objects(Event.legal_bases.through, [
        Event.legal_bases.through(event=e, legalprovision=p) for e in events for p in legal_bases])
    insert_objects(Citation, [Citation(event=e, source=s, order=i) for e in events for i, s in enumerate(sources)])
    return events


def make_provision(**overrides):
    """A legal provision; published unless told otherwise."""
    n = next(_n)
    values = {"slug": f"provision-{n}", "instrument": f"Instrument {n}", "summary": f"What provision {n} says.",
              "status": Status.PUBLISHED}
    values.update(overrides)
    return LegalProvision.objects.create(**values)
