"""What the API shows: every resource in the shape its OpenAPI document gives, only what is public, in pages."""

import datetime

import pytest
from django.utils import timezone

from events.models import Event
from tests.factories import make_actor, make_event, make_figure, make_place, make_source

pytestmark = pytest.mark.django_db


def test_every_list_and_detail_matches_its_openapi_schema(client, conforms):
    nato = make_actor(slug="nato", name="North Atlantic Treaty Organization", short_name="NATO")
    kfor = make_actor(slug="kfor", name="Kosovo Force", parent=nato)
    jarinje = make_place(slug="jarinje", name="Jarinje", latitude=43.1, longitude=20.6)
    event = make_event(slug="barricades", title="Barricades", actors=[kfor], places=[jarinje], key_event=True,
                       end=datetime.date(2011, 8, 1), end_precision="day", start=datetime.date(2011, 7, 25))
    source = event.citations.get().source
    figure = make_figure(event=event, series="injured", best=30)
    pages = {
        "/api/v1/events/": "/api/v1/events/", "/api/v1/events/barricades/": "/api/v1/events/{slug}/",
        "/api/v1/actors/": "/api/v1/actors/", "/api/v1/actors/kfor/": "/api/v1/actors/{slug}/",
        "/api/v1/places/": "/api/v1/places/", "/api/v1/places/jarinje/": "/api/v1/places/{slug}/",
        "/api/v1/sources/": "/api/v1/sources/", f"/api/v1/sources/{source.key}/": "/api/v1/sources/{key}/",
        "/api/v1/figures/": "/api/v1/figures/", f"/api/v1/figures/{figure.pk}/": "/api/v1/figures/{pk}/",
        "/api/v1/deleted/": "/api/v1/deleted/",
    }
    for url, path in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        conforms(response, path)
    detail = client.get("/api/v1/events/barricades/").json()
    assert detail["start"] == "2011-07-25" and detail["end"] == "2011-08-01" and detail["key_event"] is True
    assert detail["actors"] == [{"actor": "kfor", "role": "participant"}] and detail["places"] == ["jarinje"]
    assert detail["citations"][0]["source"] == source.key
    assert detail["api_url"] == "http://testserver/api/v1/events/barricades/"
    assert detail["page"] == "http://testserver/events/barricades/"
    assert client.get("/api/v1/actors/kfor/").json()["parent"] == "nato"
    assert client.get(f"/api/v1/figures/{figure.pk}/").json()["event"] == "barricades"


def test_errors_match_their_openapi_schema(client, conforms):
    conforms(client.get("/api/v1/events/?from=June"), "/api/v1/events/")
    conforms(client.get("/api/v1/events/no-such-event/"), "/api/v1/events/{slug}/")


def test_drafts_are_never_listed_nor_found(client):
    make_event(slug="published")
    for status in ("draft", "review", "unpublished"):
        make_event(slug=f"hidden-{status}", status=status)
    listed = [e["slug"] for e in client.get("/api/v1/events/").json()["results"]]
    assert listed == ["published"]
    for status in ("draft", "review", "unpublished"):
        assert client.get(f"/api/v1/events/hidden-{status}/").status_code == 404


def test_sources_cited_only_by_drafts_and_unpublished_figures_are_hidden(client):
    public, hidden, charted_by_draft = make_source(key="public"), make_source(key="hidden"), make_source(key="draft-chart")
    make_event(sources=[public])
    make_event(sources=[hidden], status="draft")
    draft_figure = make_figure(source=charted_by_draft, status="draft")
    assert [s["key"] for s in client.get("/api/v1/sources/").json()["results"]] == ["public"]
    assert client.get("/api/v1/sources/hidden/").status_code == 404
    assert client.get("/api/v1/sources/draft-chart/").status_code == 404
    assert client.get("/api/v1/figures/").json()["results"] == []
    assert client.get(f"/api/v1/figures/{draft_figure.pk}/").status_code == 404


def test_a_figure_of_a_draft_event_is_shown_without_the_event(client):
    draft = make_event(slug="draft-clash", status="draft")
    figure = make_figure(event=draft, series="fatalities", best=2)
    assert client.get(f"/api/v1/figures/{figure.pk}/").json()["event"] is None


def test_events_take_the_timelines_filters(client):
    kfor, elsewhere = make_actor(slug="kfor"), make_actor(slug="unmik")
    north = make_place(slug="north")
    make_event(slug="kfor-1999", start=datetime.date(1999, 6, 12), actors=[kfor], places=[north], key_event=True)
    make_event(slug="unmik-2004", start=datetime.date(2004, 3, 17), actors=[elsewhere], title="March unrest")
    make_event(slug="kfor-2011", start=datetime.date(2011, 7, 25), actors=[kfor])

    def slugs(query):
        response = client.get(f"/api/v1/events/?{query}")
        assert response.status_code == 200, response.content
        return [e["slug"] for e in response.json()["results"]]

    assert slugs("actor=kfor") == ["kfor-1999", "kfor-2011"]
    assert slugs("place=north") == ["kfor-1999"]
    assert slugs("from=2004&to=2004-12") == ["unmik-2004"]
    assert slugs("key=true") == ["kfor-1999"]
    assert slugs("q=unrest") == ["unmik-2004"]
    assert slugs("actor=kfor&from=2000") == ["kfor-2011"]


def test_modified_since_lists_events_changed_at_or_after_the_time(client):
    old, new = make_event(slug="old"), make_event(slug="new")
    Event.objects.filter(pk=old.pk).update(updated_at=timezone.now() - datetime.timedelta(days=30))
    since = (timezone.now() - datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert [e["slug"] for e in client.get(f"/api/v1/events/?modified_since={since}").json()["results"]] == [new.slug]


def test_the_cursor_pages_walk_every_event_once_in_date_order(client):
    same_day = datetime.date(2005, 5, 5)
    for slug in ("b", "a", "c"):  # one day: the slug breaks the tie
        make_event(slug=slug, start=same_day)
    make_event(slug="earliest", start=datetime.date(1999, 6, 12))
    make_event(slug="latest", start=datetime.date(2020, 1, 1))
    seen, url = [], "/api/v1/events/?page_size=2&actor="
    while url:
        page = client.get(url).json()
        seen += [e["slug"] for e in page["results"]]
        url = page["next"]
        assert url is None or url.startswith("http://testserver/api/v1/events/?") and "actor=" in url
    assert seen == ["earliest", "a", "b", "c", "latest"]


def test_actors_places_and_sources_page_by_slug_or_key(client):
    make_event(actors=[make_actor(slug=slug) for slug in ("c", "a", "b")])  # published content names them
    first = client.get("/api/v1/actors/?page_size=2").json()
    second = client.get(first["next"]).json()
    assert [a["slug"] for a in first["results"] + second["results"]] == ["a", "b", "c"] and second["next"] is None
