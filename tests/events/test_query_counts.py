"""Every public page runs no more queries with 1,000 or 20,000 events than with 10."""

import pytest
from django.urls import reverse

from tests.factories import bulk_events, make_actor, make_figure, make_place, make_provision, make_source

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    nato = make_actor(slug="nato")
    kfor = make_actor(slug="kfor", parent=nato)
    place = make_place(slug="jarinje", latitude=43.1, longitude=20.8)
    source = make_source(key="main-source")
    provision = make_provision(slug="unscr-1244-para-7", instrument="UNSCR 1244", provision="paragraph 7",
                                              summary="Authorises the security presence.", source=source)
    return {"actors": [nato, kfor], "places": [place], "sources": [source, make_source()], "legal_bases": [provision]}


PAGES = {
    "timeline": lambda: reverse("events:timeline"),
    "filtered timeline": lambda: reverse("events:timeline") + "?actor=nato&place=jarinje&from=2000&key=on&q=event",
    "event": lambda: "/events/bulk-3/",
    "actor": lambda: "/actors/nato/",
    "place": lambda: "/places/jarinje/",
    "source": lambda: "/sources/main-source/",
    "sources": lambda: reverse("events:sources"),
    "search": lambda: reverse("events:search") + "?q=event",
    "feed": lambda: reverse("events:feed"),
    "actor feed": lambda: "/actors/kfor/feed/",
    "sitemap": lambda: "/sitemap.xml",
    "figures": lambda: reverse("events:figures"),
    "map": lambda: reverse("events:map"),
    "filtered map": lambda: reverse("events:map") + "?actor=nato&from=2000",
    "about": lambda: reverse("events:about"),
    "provisions": lambda: reverse("events:provisions"),
    "provision": lambda: "/legal/unscr-1244-para-7/",
}


@pytest.mark.parametrize("page", PAGES)
def test_queries_do_not_grow_with_the_data(client, count_queries, world, page):
    url = PAGES[page]()
    bulk_events(10, **world)
    make_figure(source=world["sources"][0])
    client.get(url)  # process-wide caches (content types, for instance) fill once, whatever the data
    small = count_queries(client.get, url)
    bulk_events(990, prefix="more", **world)
    for best in range(2, 12):
        make_figure(best=best, source=make_source())
    client.get(url)  # as above: what a process keeps for the content's shape (the filters' fields) fills once for it
    large = count_queries(client.get, url)
    assert client.get(url).status_code == 200
    # Never more; fewer where there is less to read (a band with no event to mark by name reads no titles).
    assert large <= small, f"{page}: {small} queries with 10 events, {large} with 1,000"


# Pages whose work depends on the number of events drawn: the band above the timeline, and the maps.
LARGE_PAGES = ["timeline", "filtered timeline", "event", "actor", "place", "provision", "map", "filtered map"]


def test_the_band_and_the_maps_keep_their_query_count_at_20000_events(client, count_queries, world):
    """
    Measured once at 10 events and once at 20,000, in one test: building 20,000 events takes a while. 20,000 is far
    past the most the band draws one by one (events.bands.MAX_MARKS, 300), and puts events on every day of 22 years.
    """
    bulk_events(10, **world)
    small = {}
    for page in LARGE_PAGES:
        client.get(PAGES[page]())
        small[page] = count_queries(client.get, PAGES[page]())
    bulk_events(19_990, prefix="many", **world)
    for page in LARGE_PAGES:
        response = client.get(PAGES[page]())
        assert response.status_code == 200
        assert count_queries(client.get, PAGES[page]()) <= small[page], page
    assert "too many to draw one by one" in client.get(PAGES["timeline"]()).content.decode()
