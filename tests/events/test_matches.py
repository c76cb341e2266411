"""
The timeline's filters count and page their events from kept sets of bits (events.matches): the events, their
order, counts per year and places must be those the FilterSet's own query selects, for any mix of filters.
"""

import datetime
import random
from collections import Counter

import pytest
from django.http import QueryDict

from events.filters import EventFilter
from events.models import Actor, Event, Outcome, Status
from events.selectors import mapped_places
from tests.factories import make_actor, make_event, make_event_type, make_place

pytestmark = pytest.mark.django_db
D = datetime.date
WORDS = ["patrol", "border", "election", "handover"]


@pytest.fixture
def world():
    rng = random.Random(7)
    nato = make_actor(slug="nato")
    kfor = make_actor(slug="kfor", parent=nato)
    italy = make_actor(slug="italy", parent=kfor)
    serbia = make_actor(slug="serbia")
    north = make_place(slug="north", latitude=42.9, longitude=20.9)
    jarinje = make_place(slug="jarinje", parent=north, latitude=43.1, longitude=20.8)
    pristina = make_place(slug="pristina", latitude=42.66, longitude=21.16)
    unmapped = make_place(slug="somewhere")
    types = [make_event_type(slug=slug) for slug in ("deployment", "incident", "agreement")]
    for n in range(140):
        start = D(1999, 1, 1) + datetime.timedelta(days=rng.randrange(14 * 365))
        if n % 10 == 0:
            start = D(2004, 3, 17)  # events on one day: the order falls back on the slug
        values = {
            "title": f"{rng.choice(WORDS).title()} {n}", "start": start, "event_type": rng.choice(types),
            "key_event": rng.random() < 0.2, "slug": f"e-{n:03}",
            "status": Status.PUBLISHED if rng.random() < 0.85 else rng.choice([Status.DRAFT, Status.REVIEW]),
        }
        if rng.random() < 0.2:  # a period, some years long: it reaches into periods that start after it
            values.update(end=start + datetime.timedelta(days=rng.randrange(1, 900)), end_precision="day")
        if rng.random() < 0.25:
            planned = start - datetime.timedelta(days=rng.randrange(-60, 200))
            values.update(planned_on=start - datetime.timedelta(days=300), planned_on_precision="day",
                          planned_for=planned, planned_for_precision="day",
                          outcome=rng.choice([Outcome.CARRIED_OUT, Outcome.NOT_CARRIED_OUT, ""]))
        make_event(actors=rng.sample([nato, kfor, italy, serbia], rng.randrange(3)),
                   places=rng.sample([north, jarinje, pristina, unmapped], rng.randrange(3)), **values)


QUERIES = [
    "",
    "order=newest",
    "actor=nato",
    "actor=italy&order=newest",
    "actor=serbia&type=incident",
    "place=north",
    "place=jarinje&from=2003",
    "from=2004-03&to=2004-03-17",
    "from=2002&to=2009&key=on",
    "to=2001",
    "plan=any",
    "plan=late&order=newest",
    "plan=not-carried-out",
    "q=patrol",
    "q=border&actor=kfor&from=2001",
    "actor=nato&place=pristina&type=deployment&from=2000&to=2012&order=newest",
    "q=nothing-matches-this",
]


def test_the_kept_sets_select_what_the_filters_query_selects(world):
    for query in QUERIES:  # one world for every mix: building it is most of the test's time
        filters = EventFilter(QueryDict(query), queryset=Event.objects.published())
        assert filters.is_valid(), (query, filters.errors)
        expected = list(filters.qs.chronological(newest_first=filters.newest_first).values_list("pk", "slug", "start"))
        matches = filters.matches()
        assert len(matches) == len(expected), query
        assert [tuple(row) for row in matches[0:len(matches)]] == expected, query
        for first, stop in ((0, 7), (5, 12), (len(expected) - 3, len(expected) + 5)):  # pages, the last one short
            assert [tuple(row) for row in matches[max(first, 0):stop]] == expected[max(first, 0):stop], query
        if expected:
            assert tuple(matches[-1]) == expected[-1], query
        assert matches.year_counts() == sorted(Counter(start.year for _, _, start in expected).items()), query
        places = {place.slug: place.num_events for place in matches.places()}
        assert places == {place.slug: place.num_events for place in mapped_places(filters.qs)}, query


def test_an_invalid_filter_selects_nothing(world):
    filters = EventFilter(QueryDict("from=not-a-year&actor=nato"), queryset=Event.objects.published())
    assert len(filters.matches()) == 0 and filters.matches().year_counts() == []


def test_the_sets_follow_a_change_of_shape(client, world):
    """A new role or a publication changes the content's shape: the next page counts it."""
    serbia = Actor.objects.get(slug="serbia")
    before = client.get("/?actor=serbia").context["paginator"].count
    draft = Event.objects.exclude(status=Status.PUBLISHED).exclude(actors=serbia).first()
    draft.event_actors.create(actor=serbia, order=9)
    assert client.get("/?actor=serbia").context["paginator"].count == before  # a draft: not shown
    Event.objects.filter(pk=draft.pk).update(status=Status.PUBLISHED)
    assert client.get("/?actor=serbia").context["paginator"].count == before + 1
    published = Event.objects.published().filter(actors=serbia).first()
    published.event_actors.filter(actor=serbia).delete()
    assert client.get("/?actor=serbia").context["paginator"].count == before
