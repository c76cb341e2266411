"""The inserts large imports use (COPY on PostgreSQL, bulk_create elsewhere) behave like saving each record."""

import datetime

import pytest
from django.db import connection

from events.exchange.bulk import insert_objects, insert_values
from events.models import Citation, Event, EventActor
from sources.search import search
from tests.factories import make_actor, make_event_type, make_source

pytestmark = pytest.mark.django_db


def new_events(count, event_type):
    return [Event(slug=f"bulk-{n}", title=f"Customs post {n} reopened", summary="Border crossing traffic resumes.",
                  start=datetime.date(2011, 7, 25), event_type=event_type, status="published") for n in range(count)]


def test_inserted_events_get_keys_and_timestamps():
    events = insert_objects(Event, new_events(3, make_event_type()))
    assert all(event.pk for event in events) and len({event.pk for event in events}) == 3
    stored = Event.objects.in_bulk([event.pk for event in events])
    assert [stored[event.pk].slug for event in events] == ["bulk-0", "bulk-1", "bulk-2"]
    assert all(stored[event.pk].created_at and stored[event.pk].updated_at for event in events)


def test_rows_inserted_by_value_take_the_defaults_of_the_fields_left_out():
    event, = insert_objects(Event, new_events(1, make_event_type()))
    actor, source = make_actor(), make_source()
    insert_values(EventActor, ("event_id", "actor_id"), [(event.pk, actor.pk)])
    insert_values(Citation, ("event_id", "source_id", "order"), [(event.pk, source.pk, 2)])
    role = EventActor.objects.get(event=event)
    assert (role.actor_id, role.role, role.order) == (actor.pk, "participant", 0) and role.updated_at
    citation = Citation.objects.get(event=event)
    assert (citation.source_id, citation.order, citation.locator, citation.quote) == (source.pk, 2, "", "")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the search vector trigger is PostgreSQL's")
def test_inserted_events_are_found_by_search():
    insert_objects(Event, new_events(2, make_event_type()))
    found = search(Event.objects.all(), "customs", fields=["title", "summary", "body", "notes"])
    assert {event.slug for event in found} == {"bulk-0", "bulk-1"}
