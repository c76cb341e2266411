"""The band above the timeline: every event at its date, drawn on the server, following the filters."""

import datetime
import json
import re
from html import unescape

import pytest
from django.urls import reverse

from events.bands import CLUSTER_MIN, MAX_MARKS, layout
from events.models import Status
from tests.factories import bulk_events, make_actor, make_event

pytestmark = pytest.mark.django_db
D = datetime.date
URL = reverse("events:timeline")


def band_of(client, query=""):
    html = client.get(f"{URL}?{query}" if query else URL).content.decode()
    match = re.search(r'<figure class="band".*?</figure>', html, re.S)
    assert match, "no band on the page"
    return match.group(0)


def mark(band, slug):
    """(classes, x, y, width, height) of the mark linking to the event ``slug``."""
    found = re.search(rf'<a href="/events/{slug}/" aria-label="[^"]+"><rect class="([^"]+)" x="([\d.]+)" '
                      rf'y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"', band)
    assert found, f"no mark for {slug}"
    return found[1].split(), *(float(found[n]) for n in range(2, 6))


def band_data(band):
    found = re.search(r'<script id="band-data" type="application/json">(.*?)</script>', band, re.S)
    assert found, "no data for the script"
    return json.loads(found[1])


def test_each_event_is_a_mark_at_its_date_drawn_as_precise_as_its_date(client):
    make_event(slug="day", title="A day", start=D(1999, 6, 12))
    make_event(slug="month", title="A month", start=D(2004, 3, 1), start_precision="month")
    make_event(slug="days", title="Some days", start=D(2001, 3, 1), end=D(2001, 3, 20), end_precision="day")
    make_event(slug="years", title="Years", start=D(2004, 1, 1), start_precision="year",
               end=D(2008, 12, 31), end_precision="day")
    make_event(slug="key", title="Key", start=D(2008, 2, 17), key_event=True)
    make_event(slug="guess", title="Guess", start=D(2006, 10, 1), start_precision="month", approximate=True)
    make_event(slug="draft", title="Draft", start=D(2001, 1, 1), status=Status.DRAFT)
    band = band_of(client)
    day, month, years, guess = mark(band, "day"), mark(band, "month"), mark(band, "years"), mark(band, "guess")
    assert day[0] == ["mark", "point"] and mark(band, "days")[0] == ["mark", "range"]
    assert month[0] == ["mark", "soft"] and years[0] == ["mark", "soft"] and guess[0] == ["mark", "soft"]
    assert day[3] < month[3] < guess[3] < years[3]  # as wide as the time a date may stand for, approximate wider
    assert years[2] > month[2]  # a period wider than a point goes to the lanes below the points
    key = mark(band, "key")
    assert key[0] == ["mark", "point", "key"] and key[4] > day[4]  # key events stand out
    assert day[1] < month[1] < key[1]  # in order of date
    assert 'aria-label="A month, March 2004"' in band and 'aria-label="Guess, c. October 2006"' in band
    assert "/events/draft/" not in band
    assert "<title>No events in 2000</title>" in band  # a gap in coverage shows as a gap
    assert 'href="?page=1#y2004"' in band  # a year jumps to the list


def test_key_events_are_labelled_and_others_are_not(client):
    make_event(slug="turning", title="Kosovo declares independence", start=D(2008, 2, 17), key_event=True)
    make_event(slug="routine", title="A routine patrol", start=D(2004, 6, 1))
    band = band_of(client)
    assert re.search(r'<text class="key-label" x="[\d.]+" y="[\d.]+">Kosovo declares independence</text>', band)
    assert ">A routine patrol</text>" not in band


def test_points_too_close_to_tell_apart_are_one_cluster_with_their_number_and_period(client):
    kfor = make_actor(slug="kfor")
    for day in (1, 3, 5, 8):
        make_event(slug=f"riot-{day}", start=D(2004, 3, day), actors=[kfor])
    make_event(slug="key-day", start=D(2004, 3, 4), key_event=True, actors=[kfor])
    make_event(slug="far", start=D(2010, 6, 1), actors=[kfor])
    make_event(slug="earlier", start=D(1999, 6, 1), actors=[kfor])
    band = band_of(client, "actor=kfor&order=newest")
    cluster = re.findall(r'<a href="([^"]+)" aria-label="([^"]+)"><rect class="cluster"[^>]*>.*?'
                         r'<text class="cluster-count"[^>]*>(\d+)</text></a>', band, re.S)
    assert len(cluster) == 1
    href, label, count = cluster[0]
    assert count == "4" and label.startswith("4 events, 1 March 2004 to 8 March 2004")
    assert unescape(href) == "?actor=kfor&order=newest&from=2004-03-01&to=2004-03-08"  # the filters are kept
    assert 'href="/events/riot-1/"' not in band and 'href="/events/key-day/"' in band and 'href="/events/far/"' in band
    data = band_data(band)  # the script still gets every event, to draw them apart when zoomed in
    assert {e["slug"] for e in data["events"]} == {"riot-1", "riot-3", "riot-5", "riot-8", "key-day", "far", "earlier"}


def test_the_layout_clusters_only_what_its_scale_cannot_tell_apart():
    def row(slug, day, key=False):
        return {"slug": slug, "first": D(2004, 3, day), "last": D(2004, 3, day), "key": key, "kind": "point"}

    rows = [row("a", 1), row("b", 2), row("c", 31), row("k", 2, key=True)]
    coarse = layout(rows, lambda date: date.toordinal() * 1.0)  # a unit a day
    fine = layout(rows, lambda date: date.toordinal() * 30.0)  # thirty units a day: points stay points
    periods, points, clusters = coarse
    assert not periods and [s.row["slug"] for s in points] == ["k", "c"]
    assert [[r["slug"] for r in s.rows] for s in clusters] == [["a", "b"]] and clusters[0].width == CLUSTER_MIN
    assert not fine[2] and sorted(s.row["slug"] for s in fine[1]) == ["a", "b", "c", "k"]


def test_the_script_gets_each_event_with_its_possible_days(client):
    make_event(slug="guess", title="Guess", start=D(2006, 10, 1), start_precision="month", approximate=True)
    make_event(slug="day", title="</script><script>alert(1)</script>", start=D(1999, 6, 12), key_event=True)
    band = band_of(client)
    assert "<script>alert(1)" not in band
    data = band_data(band)
    assert data["first"] == "1999-01-01" and data["last"] == "2006-12-31" and not data["counts"]
    guess, day = sorted(data["events"], key=lambda e: e["slug"], reverse=True)
    assert (guess["first"], guess["last"], guess["kind"], guess["key"]) == ("2006-09-16", "2006-11-15", "soft", False)
    assert (day["first"], day["last"], day["kind"], day["key"], day["url"]) == (
        "1999-06-12", "1999-06-12", "point", True, "/events/day/")
    assert day["title"] == "</script><script>alert(1)</script>" and guess["date"] == "c. October 2006"
    assert [2000, 0] in data["years"]


def test_the_band_follows_the_filters(client):
    nato = make_actor(slug="nato")
    make_event(slug="with-nato", start=D(1999, 6, 12), actors=[nato])
    make_event(slug="without", start=D(2004, 3, 17))
    band = band_of(client, "actor=nato")
    assert "/events/with-nato/" in band and "/events/without/" not in band
    assert [e["slug"] for e in band_data(band)["events"]] == ["with-nato"]


def test_too_many_events_are_counted_per_year_and_it_says_so(client):
    bulk_events(MAX_MARKS + 1)
    make_event(slug="turning-point", start=D(2008, 2, 17), key_event=True)
    band = band_of(client)
    assert "too many to draw one by one" in band and band.count('class="count-bar"') >= 20
    assert band.count('<a href="/events/') == 1 and mark(band, "turning-point")[0] == ["mark", "point", "key"]
    data = band_data(band)
    assert data["counts"] and [e["slug"] for e in data["events"]] == ["turning-point"]


def test_titles_in_the_band_are_escaped(client):
    make_event(slug="hostile", title='<img src=x onerror="alert(1)"> & co', key_event=True)
    band = band_of(client)
    assert "<img" not in band and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; co" in band


def test_the_bands_labels_are_in_the_readers_language(client):
    make_event(slug="patrols", title="Joint patrols", title_sq="Patrullime të përbashkëta", start=D(2001, 3, 1))
    make_event(slug="untranslated", title="Handover", start=D(2002, 3, 1))
    albanian = client.get("/sq/").content.decode()
    assert 'aria-label="Patrullime të përbashkëta, ' in albanian and 'aria-label="Handover, ' in albanian
    assert 'aria-label="Joint patrols, ' in band_of(client)
