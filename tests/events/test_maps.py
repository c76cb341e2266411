"""The map: Natural Earth's boundaries drawn on the server, places as points sized by their events, filters applied."""

import math
import re

import pytest
from django.urls import reverse

from events.clusters import GAP, MIN_RADIUS, clustered
from events.maps import MARGIN, Point, basemap
from events.models import Place, Status
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


def clusters(html):
    """[(link, number of places)] of the clusters drawn."""
    return [(anchor, int(n)) for anchor, n in re.findall(
        r'<a class="cluster" href="([/\w-]*#[\w-]+)"[^>]*>.*?<text class="cluster-count"[^>]*>(\d+)</text>', html)]


def test_places_too_close_to_tell_apart_are_one_cluster_with_their_total(client):
    mitrovica = make_place(slug="mitrovica", name="Mitrovica", latitude=42.8914, longitude=20.8653)
    zvecan = make_place(slug="zvecan", name="Zvečan", latitude=42.9075, longitude=20.8403)
    make_place(slug="prizren", name="Prizren", latitude=42.2139, longitude=20.7397)
    for _ in range(3):
        make_event(places=[mitrovica])
    make_event(places=[zvecan])
    make_event(places=[zvecan, mitrovica])
    make_event(places=[Place.objects.get(slug="prizren")])
    html = client.get(reverse("events:map")).content.decode()
    assert clusters(html) == [("#map-cluster-mitrovica", 2)]  # two places, drawn as one
    assert set(points(html)) == {"/places/prizren/"}  # far from the others: a point of its own
    assert 'aria-label="2 places: Mitrovica (4), Zvečan (2)"' in html  # each place's events
    listed = html.split('id="map-cluster-mitrovica"', 1)[1].split("</li>", 1)[0]
    assert 'href="/places/mitrovica/">Mitrovica</a> (4)' in listed and 'href="/places/zvecan/">Zvečan</a> (2)' in listed
    # Every place stays in the list, clustered or not, its count linked to the timeline with the filters.
    assert html.count('<th scope="row"><a href="/places/') == 3
    filtered = client.get(reverse("events:map") + "?from=2000&place=zvecan").content.decode()
    assert f'href="{reverse("events:timeline")}?from=2000&amp;place=mitrovica"' in filtered


def test_a_cluster_grows_until_no_two_marks_overlap():
    def point(x, count, label):
        return Point(x, 100, 5, object(), count, label)

    row = [point(100 + 12 * i, 1, f"P{i}") for i in range(6)] + [point(600, 1, "Far")]
    singles, grouped = clustered(row, lambda count: 5 + count)
    assert [p.label for p in singles] == ["Far"] and grouped
    assert sum(c.count for c in grouped) == 6 and all(len(c.points) >= 2 and c.r >= MIN_RADIUS for c in grouped)
    marks = singles + grouped
    assert all(math.hypot(a.x - b.x, a.y - b.y) >= a.r + b.r + GAP for a in marks for b in marks if a is not b)
    # A big cluster reaches a neighbour it did not touch at first: the two become one.
    singles, grouped = clustered([point(100, 1, "A"), point(112, 1, "B"), point(130, 3, "C")], lambda n: 5 + 6 * n)
    assert not singles and [sorted(p.label for p in c.points) for c in grouped] == [["A", "B", "C"]]


def test_the_place_a_page_is_about_is_never_hidden_in_a_cluster(client):
    mitrovica = make_place(slug="mitrovica", name="Mitrovica", latitude=42.8914, longitude=20.8653)
    zvecan = make_place(slug="zvecan", name="Zvečan", latitude=42.9075, longitude=20.8403)
    bridge = make_place(slug="ibar-bridge", name="Ibar bridge", latitude=42.8890, longitude=20.8690)
    make_event(places=[mitrovica, zvecan])
    make_event(places=[mitrovica, bridge])
    html = client.get(zvecan.get_absolute_url()).content.decode()
    assert '<a href="/places/zvecan/" aria-label="Zvečan: 1 event"><circle class="place here"' in html
    # The others are one cluster, which links to the list of its places on the map's page.
    assert clusters(html) == [(f'{reverse("events:map")}#map-cluster-mitrovica', 2)]
    assert 'id="map-cluster-mitrovica"' in client.get(reverse("events:map")).content.decode()


def test_the_clustered_map_costs_the_same_queries_however_many_places(client, count_queries):
    """Clustering is arithmetic on one query's rows: drawing 40 places costs the queries that 4 did."""
    nato = make_actor(slug="nato")

    def add_places(first, last):  # all near Mitrovica: most of them fall into clusters
        for i in range(first, last):
            place = make_place(slug=f"near-{i}", latitude=42.85 + i * 0.004, longitude=20.85 + (i % 5) * 0.01)
            make_event(places=[place], actors=[nato])

    urls = (reverse("events:map"), reverse("events:map") + "?actor=nato")
    add_places(0, 4)
    for url in urls:
        client.get(url)  # process-wide caches fill once, whatever the data
    small = [count_queries(client.get, url) for url in urls]
    add_places(4, 40)
    for url in urls:
        client.get(url)
    assert [count_queries(client.get, url) for url in urls] == small
    assert all(len(clusters(client.get(url).content.decode())) >= 1 for url in urls)
