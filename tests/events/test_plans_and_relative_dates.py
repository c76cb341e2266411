"""Plans and their outcomes; dates given relative to another event or to a source's date."""

import datetime

import pytest
from django.urls import reverse

from events.exchange.importers import ImportFailed, dataset_import
from events.models import Event, Outcome
from events.services import events_resolve_relative_dates
from sources.dates import shift_date
from tests.events.exchange_helpers import minimal_document, write
from tests.events.test_timeline import listed_titles
from tests.factories import make_actor, make_event, make_source

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.mark.parametrize("date, precision, offset, expected", [
    (D(1999, 6, 10), "day", "P2D", (D(1999, 6, 12), "day")),
    (D(2007, 3, 1), "month", "P5M", (D(2007, 8, 1), "month")),
    (D(2021, 10, 5), "day", "-P1M", (D(2021, 9, 1), "month")),  # "last month" in a source of 5 October 2021
    (D(2008, 2, 17), "day", "P1Y", (D(2009, 1, 1), "year")),
])
def test_an_offset_moves_a_date_and_keeps_no_more_precision_than_it_has(date, precision, offset, expected):
    assert shift_date(date, precision, offset) == expected


def test_a_relative_date_is_resolved_on_save_shown_with_its_anchor_and_follows_it(client):
    resolution = make_event(slug="resolution", title="Resolution 1244 adopted", start=D(1999, 6, 10))
    entry = make_event(slug="entry", start=D(2000, 1, 1), relative_to=resolution, relative_offset="P2D",
                       relative_phrase="two days later")
    assert (entry.start, entry.start_precision) == (D(1999, 6, 12), "day")
    html = client.get(entry.get_absolute_url()).content.decode()
    assert "12 June 1999" in html and "two days later" in html and 'href="/events/resolution/"' in html
    resolution.start = D(1999, 6, 11)
    resolution.save()
    assert events_resolve_relative_dates() == 1
    entry.refresh_from_db()
    assert entry.start == D(1999, 6, 13)  # the anchor moved, and the date with it


def test_a_date_relative_to_a_source_counts_from_its_publication():
    source = make_source(published=D(2021, 10, 5), published_precision="day")
    event = make_event(relative_to_source=source, relative_offset="-P1M", relative_phrase="last month")
    assert (event.start, event.start_precision) == (D(2021, 9, 1), "month")


def test_a_plan_and_its_outcome_show_together_and_the_timeline_filters_them(client):
    council = make_actor(slug="north-atlantic-council", name="North Atlantic Council")
    make_event(slug="gate-two", title="Gate 2 declared", start=D(2011, 2, 28), planned_on=D(2010, 10, 29),
               planned_on_precision="day", planned_by=council, outcome=Outcome.CARRIED_OUT,
               planned_for=D(2010, 12, 1), planned_for_precision="month")
    make_event(slug="gate-three", title="Gate 3 planned", start=D(2012, 1, 1), start_precision="year",
               planned_on=D(2012, 1, 1), planned_on_precision="year", outcome=Outcome.NOT_CARRIED_OUT)
    make_event(slug="ordinary", title="Ordinary event")
    html = client.get("/events/gate-two/").content.decode()
    assert "Planned or decided on 29 October 2010; carried out 28 February 2011." in html
    assert "North Atlantic Council" in html and "It came later than planned, for December 2010." in html
    titles = lambda query: listed_titles(client.get(reverse("events:timeline") + query))  # noqa: E731
    assert titles("?plan=late") == ["Gate 2 declared"]
    assert titles("?plan=not-carried-out") == ["Gate 3 planned"]
    assert titles("?plan=any") == ["Gate 2 declared", "Gate 3 planned"]
    assert client.get(reverse("events:timeline") + "?plan=whenever").status_code == 400


def test_the_exchange_format_keeps_the_anchor_even_when_it_comes_later_in_the_file(tmp_path):
    document = minimal_document()
    later = dict(document["events"][0], slug="anchor-event", start="2021-09-30", claims=[], relative_to_source=None,
                 relative_offset="", relative_phrase="")
    document["events"][0].update(relative_to="anchor-event", relative_to_source=None, relative_offset="P2D",
                                 relative_phrase="two days later",
                                 planned_on="2021-09-30", outcome="carried-out")
    document["events"].append(later)
    dataset_import(paths=[write(tmp_path, document)])
    event = Event.objects.get(slug="kfor-deploys")
    assert (event.relative_to.slug, event.start, event.planned_on) == ("anchor-event", D(2021, 10, 2), D(2021, 9, 30))


@pytest.mark.parametrize("change, message", [
    ({"relative_to": "nowhere", "relative_to_source": None}, "field 'relative_to': unknown event 'nowhere'"),
    ({"relative_to": "kfor-deploys", "relative_to_source": None}, "cannot be dated relative to itself"),
    ({"relative_to_source": None}, "field 'relative_offset': give an offset with one anchor"),
    ({"relative_to": "kfor-deploys"}, "field 'relative_offset': give an offset with one anchor"),  # two anchors
    ({"relative_to_source": "euronews-1", "relative_offset": "two days"}, "'two days' is not an offset"),
    ({"outcome": "maybe"}, "field 'outcome': 'maybe' is not one of"),
])
def test_bad_plans_and_anchors_are_refused_by_row_and_field(tmp_path, change, message):
    document = minimal_document()
    document["events"][0].update(change)
    with pytest.raises(ImportFailed, match=message):
        dataset_import(paths=[write(tmp_path, document)])
    assert not Event.objects.exists()


def test_the_founding_dataset_has_gate_two_as_plan_and_outcome_and_an_anchored_date(founding_dataset):
    gate = Event.objects.get(slug="gate-two-declared")
    assert (gate.planned_on, gate.start, gate.planned_by.slug) == (D(2010, 10, 29), D(2011, 2, 28), "north-atlantic-council")
    troika = Event.objects.get(slug="troika-talks")
    assert (troika.relative_to.slug, troika.start, troika.start_precision) == ("ahtisaari-proposal", D(2007, 8, 1), "month")
