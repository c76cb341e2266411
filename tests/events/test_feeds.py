import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from tests.factories import make_actor, make_event

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def test_site_feed_is_atom_with_newest_changes_first(client):
    older = make_event(title="Older")
    make_event(title="Newer")
    older.summary = "Updated."
    older.save()
    response = client.get(reverse("events:feed"))
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    titles = [entry.find(f"{ATOM}title").text for entry in root.iter(f"{ATOM}entry")]
    assert titles[0].endswith("Older") and titles[1].endswith("Newer")
    assert root.find(f"{ATOM}entry/{ATOM}updated") is not None


def test_actor_feed_includes_sub_actors(client):
    nato = make_actor(slug="nato")
    kfor = make_actor(slug="kfor", parent=nato)
    make_event(title="KFOR event", actors=[kfor])
    make_event(title="Other event", actors=[make_actor()])
    root = ET.fromstring(client.get("/actors/nato/feed/").content)
    titles = [entry.find(f"{ATOM}title").text for entry in root.iter(f"{ATOM}entry")]
    assert len(titles) == 1 and titles[0].endswith("KFOR event")
    assert client.get("/actors/nobody/feed/").status_code == 404


def test_sitemap_lists_pages_events_actors_places_and_sources(client):
    event = make_event(actors=[make_actor(slug="kfor")])
    root = ET.fromstring(client.get("/sitemap.xml").content)
    locations = [loc.text for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    for path in (event.get_absolute_url(), "/actors/kfor/", event.citations.first().source.get_absolute_url(), "/figures/"):
        assert f"http://testserver{path}" in locations


def test_robots_txt_points_to_the_sitemap_and_keeps_out_of_the_admin(client):
    text = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in text and "Sitemap: http://testserver/sitemap.xml" in text
