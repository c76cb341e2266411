"""The map: Natural Earth's boundaries drawn on the server, places as points sized by their events, filters applied."""

import re

import pytest
from django.urls import reverse

from events.maps import MARGIN, basemap
from events.models import Status
from tests.factories import make_actor, make_event, make_place

pytestmark = pytest.mark.django_db


def points(html):
    """{place path: radius} for the points drawn."""
    return {href: float(r) for href, r in re.findall(r'<a href="(/places/[^"]+/)"[^>]*><circle class="place[^"]*" '
                                                     r'cx="[\d.]+" cy="[\d.]+" r="([\d.]+)"', html)}


def test_the_boundaries_come_from_natural_earth_and_are_projected():
    frame, countries = basemap()
    codes = {country.code for country in countries}
    assert {"KOS", "SRB", "ALB", "MKD", "MNE"} <= codes and "FRA" not in codes
    x, y = frame(21.1655, 42.6629)  # Pristina lies inside the frame, east of Mitrovica and south of it
    mx, my = frame(20.8653, 42.8914)
    assert 0 < x < frame.width and 0 < y < frame.height and x > mx and y > my


def test_places_are_points_sized_by_their_events_and_link_to_the_place(client):
    mitrovica = make_place(slug="mitrovica", name="Mitrovica", latitude=42.8914, longitude=20.8653)
    pristina = make_place(slug="pristina", name="Pristina", name_sq="Prishtina", latitude=42.6629, longitude=21.1655)
    make_place(slug="nowhere", name="Unmapped")  # no coordinates: no point
    for _ in range(4):
        make_event(places=[mitrovica])
    make_event(places=[pristina])
    make_event(places=[pristina], status=Status.DRAFT)  # drafts are not counted
    html = client.get(reverse("events:map")).content.decode()
    drawn = points(html)
    assert set(drawn) == {"/places/mitrovica/", "/places/pristina/"}
    assert drawn["/places/mitrovica/"] > drawn["/places/pristina/"]
    assert 'aria-label="Pristina: 1 event"' in html and 'class="country kosovo"' in html
    assert "<script" not in html.split("<main", 1)[-1]  # no script draws it


def test_the_map_follows_the_filters(client):
    nato = make_actor(slug="nato")
    mitrovica = make_place(slug="mitrovica", latitude=42.8914, longitude=20.8653)
    pristina = make_place(slug="pristina", latitude=42.6629, longitude=21.1655)
    make_event(places=[mitrovica], actors=[nato])
    make_event(places=[pristina])
    assert set(points(client.get(reverse("events:map") + "?actor=nato").content.decode())) == {"/places/mitrovica/"}
    timeline = client.get(reverse("events:timeline") + "?actor=nato").content.decode()
    assert f'href="{reverse("events:map")}?actor=nato"' in timeline  # the filtered timeline links its map
    assert client.get(reverse("events:map") + "?from=abc").status_code == 400


def test_a_place_page_shows_the_place_on_the_map(client):
    mitrovica = make_place(slug="mitrovica", name="Mitrovica", latitude=42.8914, longitude=20.8653)
    make_place(slug="pristina", latitude=42.6629, longitude=21.1655)
    make_event(places=[mitrovica])
    html = client.get(mitrovica.get_absolute_url()).content.decode()
    assert '<circle class="place here"' in html and '<text class="place-label here"' in html


def test_boundaries_are_cut_to_the_frame_of_the_map():
    frame, countries = basemap()
    numbers = [float(n) for country in countries for n in re.findall(r"-?\d+(?:\.\d+)?", country.path)]
    xs, ys = numbers[0::2], numbers[1::2]
    assert xs and min(xs) >= -MARGIN and max(xs) <= frame.width + MARGIN
    assert min(ys) >= -MARGIN and max(ys) <= frame.height + MARGIN
    assert {"KOS", "SRB", "ALB", "MKD", "MNE"} <= {country.code for country in countries}
    assert sum(len(country.path) for country in countries) < 60_000  # the whole 1:10m coasts were over 200 kB


def test_the_map_counts_the_events_it_cannot_show_and_links_to_them(client):
    mitrovica = make_place(slug="mitrovica", latitude=42.8914, longitude=20.8653)
    kosovo = make_place(slug="kosovo", kind="country", latitude=42.58, longitude=20.9)
    brussels = make_place(slug="brussels", latitude=50.85, longitude=4.35)
    shown = make_event(title="At Mitrovica", places=[mitrovica, brussels])
    hidden = [make_event(title="Kosovo-wide", places=[kosovo]), make_event(title="In Brussels", places=[brussels]),
              make_event(title="Nowhere")]
    html = client.get(reverse("events:map")).content.decode()
    assert "3 events are not on the map" in html
    listed = client.get(reverse("events:timeline") + "?mapped=no")
    titles = {event.title for event in listed.context["events"]}
    assert titles == {event.title for event in hidden} and shown.title not in titles
    assert f'href="{reverse("events:timeline")}?mapped=no"' in html
