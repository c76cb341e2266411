"""The band above the timeline: every event at its date, drawn on the server, following the filters."""

import datetime
import re

import pytest
from django.urls import reverse

from events.bands import MAX_MARKS
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
    """(classes, x, width, height) of the mark linking to the event ``slug``."""
    found = re.search(rf'<a href="/events/{slug}/" aria-label="[^"]+"><rect class="([^"]+)" x="([\d.]+)" y="[\d.]+" '
                      rf'width="([\d.]+)" height="([\d.]+)"', band)
    assert found, f"no mark for {slug}"
    return found[1].split(), float(found[2]), float(found[3]), float(found[4])


def test_each_event_is_a_mark_at_its_date_with_its_precision_and_kind(client):
    make_event(slug="day", title="A day", start=D(1999, 6, 12))
    make_event(slug="month", title="A month", start=D(2004, 3, 1), start_precision="month")
    make_event(slug="range", title="A range", start=D(2004, 1, 1), start_precision="year",
               end=D(2008, 12, 31), end_precision="day")
    make_event(slug="key", title="Key", start=D(2008, 2, 17), key_event=True)
    make_event(slug="guess", title="Guess", start=D(2008, 10, 1), start_precision="month", approximate=True)
    make_event(slug="draft", title="Draft", start=D(2001, 1, 1), status=Status.DRAFT)
    band = band_of(client)
    day, month, years = mark(band, "day"), mark(band, "month"), mark(band, "range")
    assert day[2] < month[2] < years[2]  # wider with the span of time a mark covers
    assert mark(band, "key")[0] == ["mark", "key"] and mark(band, "key")[3] > day[3]  # key events stand out
    assert "approximate" in mark(band, "guess")[0]
    assert day[1] < years[1] < mark(band, "key")[1]  # in order of date
    assert 'aria-label="A month, March 2004"' in band and "/events/draft/" not in band
    assert "<title>No events in 2000</title>" in band  # a gap in coverage shows as a gap
    assert 'href="?page=1#y2004"' in band  # a year jumps to the list


def test_the_band_follows_the_filters(client):
    nato = make_actor(slug="nato")
    make_event(slug="with-nato", start=D(1999, 6, 12), actors=[nato])
    make_event(slug="without", start=D(2004, 3, 17))
    band = band_of(client, "actor=nato")
    assert "/events/with-nato/" in band and "/events/without/" not in band


def test_too_many_events_are_counted_per_year_and_it_says_so(client):
    bulk_events(MAX_MARKS + 1)
    make_event(slug="turning-point", start=D(2008, 2, 17), key_event=True)
    band = band_of(client)
    assert "too many to draw one by one" in band and band.count('class="count-bar"') >= 20
    assert band.count('<a href="/events/') == 1 and mark(band, "turning-point")[0] == ["mark", "key"]


def test_titles_in_the_band_are_escaped(client):
    make_event(slug="hostile", title='<img src=x onerror="alert(1)"> & co')
    band = band_of(client)
    assert "<img" not in band and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; co" in band


def test_the_bands_labels_are_in_the_readers_language(client):
    make_event(slug="patrols", title="Joint patrols", title_sq="Patrullime të përbashkëta", start=D(2001, 3, 1))
    make_event(slug="untranslated", title="Handover", start=D(2002, 3, 1))
    albanian = client.get("/sq/").content.decode()
    assert 'aria-label="Patrullime të përbashkëta, ' in albanian and 'aria-label="Handover, ' in albanian
    assert 'aria-label="Joint patrols, ' in band_of(client)
