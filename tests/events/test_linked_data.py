"""
Wikidata IDs on events, actors and places (validated, in the exchange format only when set, in the read API), and
the event page's linked data: a WebPage citing its sources, about an Event with its actors and places, as JSON-LD.
"""

import datetime
import json
import re

import pytest
from django.core.exceptions import ValidationError

from events.exchange.exporters import csv_tables, dataset_document, json_text
from events.exchange.importers import ImportFailed, dataset_import
from events.models import Event
from tests.events.exchange_helpers import minimal_document, write
from tests.factories import make_actor, make_event, make_place, make_source

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", ["Q0", "Q", "q42", "P31", "Q42 x", "Q4\u0662", "Q42\n", "Q-1", "https://www.wikidata.org/wiki/Q1"])
def test_a_wikidata_id_is_q_and_digits_on_every_record(value):
    for record in (make_event(), make_actor(), make_place()):
        record.wikidata_id = value
        with pytest.raises(ValidationError) as caught:
            record.full_clean()
        assert "wikidata_id" in caught.value.message_dict, type(record)


def test_a_good_wikidata_id_or_none_is_kept():
    event = make_event()
    for value in ("Q7184", ""):
        event.wikidata_id = value
        event.full_clean()


def test_the_event_form_in_the_admin_edits_it(staff_client):
    event = make_event()
    html = staff_client.get(f"/admin/events/event/{event.pk}/change/").content.decode()
    assert 'name="wikidata_id"' in html


def test_the_exchange_format_writes_an_events_wikidata_only_when_set(tmp_path):
    dataset_import(paths=[write(tmp_path, minimal_document())])
    assert "wikidata" not in dataset_document()["events"][0]  # the founding dataset exports unchanged
    Event.objects.update(wikidata_id="Q123")
    first = json_text(dataset_document())
    assert json.loads(first)["events"][0]["wikidata"] == "Q123"
    Event.objects.update(wikidata_id="")
    dataset_import(paths=[write(tmp_path, json.loads(first), "export.json")])
    assert Event.objects.get().wikidata_id == "Q123" and json_text(dataset_document()) == first
    assert "wikidata" in csv_tables(dataset_document())["events.csv"].splitlines()[0].split(",")


def test_an_import_refuses_a_bad_wikidata_id_naming_the_field(tmp_path):
    document = minimal_document()
    document["events"][0]["wikidata"] = "Q0"
    with pytest.raises(ImportFailed) as failed:
        dataset_import(paths=[write(tmp_path, document)])
    assert "field 'wikidata': 'Q0' is not a Wikidata ID" in str(failed.value) and not Event.objects.exists()


def test_the_read_api_gives_each_records_wikidata(client):
    make_event(slug="with", wikidata_id="Q123")
    make_event(slug="without")
    assert client.get("/api/v1/events/with/").json()["wikidata"] == "Q123"
    assert client.get("/api/v1/events/without/").json()["wikidata"] == ""


def linked_data(client, event):
    html = client.get(event.get_absolute_url()).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    return html, json.loads(blocks[0])


def test_the_event_page_links_its_wikidata_item_and_describes_it_as_linked_data(client):
    person = make_actor(slug="envoy", name="An envoy", kind="person", wikidata_id="Q42")
    kfor = make_actor(slug="kfor", name="Kosovo Force", short_name="KFOR", kind="mission")
    place = make_place(slug="jarinje", name="Jarinje", latitude=43.1, longitude=20.8, wikidata_id="Q99")
    cited = make_source(title="Press release", publisher="NATO", url="https://example.org/pr",
                        published=datetime.date(2011, 7, 26))
    unlinked = make_source(title="A letter", publisher="", url="", published=None, published_precision="")
    event = make_event(title="Clash at Jarinje", start=datetime.date(2011, 7, 26), end=datetime.date(2011, 7, 27),
                       end_precision="day", wikidata_id="Q7", actors=[kfor, person], places=[place],
                       sources=[cited, unlinked])
    event.event_actors.filter(actor=person).update(role="decision-maker")
    html, data = linked_data(client, event)
    assert 'href="https://www.wikidata.org/wiki/Q7"' in html
    url = f"http://testserver{event.get_absolute_url()}"
    page, described = data["@graph"]
    assert data["@context"] == "https://schema.org"
    assert page["@type"] == "WebPage" and page["url"] == page["@id"] == url and page["about"] == {"@id": f"{url}#event"}
    assert page["citation"] == [
        {"@type": "CreativeWork", "name": "Press release", "url": "https://example.org/pr",
         "publisher": {"@type": "Organization", "name": "NATO"}, "datePublished": "2011-07-26"},
        {"@type": "CreativeWork", "name": "A letter"},
    ]
    assert described["@type"] == "Event" and described["@id"] == f"{url}#event"
    assert (described["name"], described["startDate"], described["endDate"]) == ("Clash at Jarinje", "2011-07-26", "2011-07-27")
    assert described["sameAs"] == "https://www.wikidata.org/wiki/Q7"
    assert described["organizer"] == [{"@type": "Person", "@id": "http://testserver/actors/envoy/", "name": "An envoy",
                                       "url": "http://testserver/actors/envoy/", "sameAs": "https://www.wikidata.org/wiki/Q42"}]
    assert described["attendee"][0]["@type"] == "Organization" and described["attendee"][0]["alternateName"] == "KFOR"
    assert "sameAs" not in described["attendee"][0]
    assert described["location"] == [{
        "@type": "Place", "@id": "http://testserver/places/jarinje/", "name": "Jarinje", "url": "http://testserver/places/jarinje/",
        "geo": {"@type": "GeoCoordinates", "latitude": 43.1, "longitude": 20.8}, "sameAs": "https://www.wikidata.org/wiki/Q99"}]


def test_an_event_without_wikidata_has_no_link_and_no_same_as(client):
    html, data = linked_data(client, make_event())
    assert "wikidata.org" not in html and "sameAs" not in data["@graph"][1]


def test_linked_data_is_in_the_pages_language_and_cannot_close_its_script_element(client):
    event = make_event(title="A </script><!-- & title", title_sq="Titulli </script>", slug="escaped")
    html = client.get(f"/sq{event.get_absolute_url()}").content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "</" not in block and "<!--" not in block
    page, described = json.loads(block)["@graph"]
    assert described["name"] == "Titulli </script>" and page["inLanguage"] == "sq"
    assert page["url"] == "http://testserver/sq/events/escaped/"


def test_actor_and_place_pages_describe_their_record_within_its_parent(client):
    nato = make_actor(slug="nato", name="North Atlantic Treaty Organization", wikidata_id="Q7184")
    kfor = make_actor(slug="kfor", name="Kosovo Force", parent=nato)
    region = make_place(slug="north", name="Northern Kosovo", kind="region")
    place = make_place(slug="jarinje", name="Jarinje", latitude=43.1, longitude=20.8, parent=region)
    make_event(actors=[kfor], places=[place])  # readers see them, and what holds them
    for record, expected in ((kfor, ("Organization", "parentOrganization", "/actors/nato/")),
                             (place, ("Place", "containedInPlace", "/places/north/"))):
        _html, data = linked_data(client, record)
        kind, link, parent = expected
        assert data["@context"] == "https://schema.org" and data["@type"] == kind
        assert data["url"] == f"http://testserver{record.get_absolute_url()}"
        assert data[link]["@id"] == f"http://testserver{parent}"
    assert linked_data(client, place)[1]["geo"] == {"@type": "GeoCoordinates", "latitude": 43.1, "longitude": 20.8}
    assert linked_data(client, nato)[1]["sameAs"] == "https://www.wikidata.org/wiki/Q7184"
