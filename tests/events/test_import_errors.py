"""Bad input: a message that names the file, the row or JSON path and the field; nothing written."""

import pytest
from django.core.management import CommandError, call_command

from events.exchange.importers import ImportFailed, dataset_import
from events.models import Actor, Event, EventType
from sources.models import Source
from tests.events.exchange_helpers import minimal_document, write

pytestmark = pytest.mark.django_db


def assert_refused(path, *fragments):
    with pytest.raises(CommandError) as caught:
        call_command("import_data", str(path), verbosity=0)
    message = str(caught.value)
    assert "Nothing was imported" in message
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in {message!r}"
    assert not (Event.objects.exists() or Source.objects.exists() or Actor.objects.exists() or EventType.objects.exists())


def broken(change):
    document = minimal_document()
    change(document)
    return document


CASES = {
    "missing required field": (
        lambda d: d["events"][0].pop("title"), ["data.json: events[0], field 'title': is required"]),
    "unknown reference": (
        lambda d: d["events"][0]["citations"][0].update(source="nowhere"),
        ["events[0], field 'citations[0].source': unknown source 'nowhere'"]),
    "bad EDTF date": (
        lambda d: d["events"][0].update(start="2021-13-01"), ["events[0], field 'start': '2021-13-01' is not a real date"]),
    "not a date at all": (
        lambda d: d["events"][0].update(start="October 21"), ["events[0], field 'start': 'October 21' is not an EDTF date"]),
    "end before start": (
        lambda d: d["events"][0].update(end="2021-09-01"), ["events[0], field 'end': 2021-09-01 is before the start 2021-10-02"]),
    "duplicate key": (
        lambda d: d["sources"].append(dict(d["sources"][0], url="")),
        ["sources[2], field 'key': duplicate 'euronews-1': also at data.json: sources[0]"]),
    "duplicate normalised URL": (
        lambda d: d["sources"].append(dict(d["sources"][0], key="other", url="https://WWW.euronews.com/a#x")),
        ["sources[2], field 'url': duplicate 'https://www.euronews.com/a'"]),
    "wrong type": (
        lambda d: d["events"][0].update(key_event="yes"), ["events[0], field 'key_event': expected true or false, found text"]),
    "number as text": (
        lambda d: d["figures"][0].update(best="4000"), ["figures[0], field 'best': expected a whole number, found text"]),
    "negative figure": (
        lambda d: d["figures"][0].update(best=-5), ["figures[0], field 'best': -5 is below the minimum of 1"]),
    "unknown choice": (
        lambda d: d["actors"][0].update(kind="alliance"), ["actors[0], field 'kind': 'alliance' is not one of"]),
    "unknown role": (
        lambda d: d["events"][0]["actors"][0].update(role="hero"), ["events[0], field 'actors[0].role': 'hero' is not one of"]),
    "bad slug": (
        lambda d: d["places"][0].update(slug="Jarinje crossing!"), ["places[0], field 'slug': 'Jarinje crossing!' is not a slug"]),
    "latitude out of range": (
        lambda d: d["places"][0].update(lat=95.0), ["places[0], field 'lat': 95.0 is outside -90 to 90"]),
    "bad URL": (
        lambda d: d["sources"][0].update(url="ftp://example.org/x"), ["sources[0], field 'url': 'ftp://example.org/x' is not an http(s) URL"]),
    "parent cycle": (
        lambda d: d["actors"][1].update(parent="kfor"), ["field 'parent':", "its own ancestor"]),
    "unknown field": (
        lambda d: d["events"][0].update(colour="red"), ["events[0]: unknown field(s) colour"]),
    "list expected": (
        lambda d: d.update(events={"slug": "x"}), ["field 'events': expected a list, found an object"]),
    "wrong format tag": (
        lambda d: d.update(format="timelinejs"), ["data.json, field 'format': expected \"kfor-timeline/1\", found 'timelinejs'"]),
    "approximate publication date": (
        lambda d: d["sources"][0].update(published="2021~"), ["sources[0], field 'published':", "not allowed here"]),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_bad_json_input_is_refused_with_a_precise_message(tmp_path, case):
    change, fragments = CASES[case]
    assert_refused(write(tmp_path, broken(change)), *fragments)


# A file as it arrives (name and bytes), and what the refusal must say.
FILES = {
    "malformed JSON": ("data.json", b'{"format": "kfor-timeline/1", "events": [', ["data.json: line 1, column", "malformed JSON"]),
    "empty file": ("data.json", b"  \n", ["data.json: the file is empty"]),
    "wrong encoding": ("data.json", '{"format": "kfor-timeline/1", "sources": [{"title": "Priština"}]}'.encode("cp1250"),
                       ["data.json: not UTF-8 text"]),
    "top level not an object": ("data.json", b"[1, 2]", ["the top level must be an object"]),
    "unknown file type": ("data.xml", b"<x/>", ["data.xml: unknown file type"]),
    "CSV with another delimiter": ("sources.csv", b"key;kind;title\nx;news;Title\n",
                                   ["sources.csv, row 1: unknown column(s)", "another delimiter"]),
    "CSV with a renamed column": ("actors.csv", b"slug,name,type\nnato,NATO,organisation\n",
                                  ["actors.csv, row 1: unknown column(s) 'type'"]),
    "CSV row with missing cells": ("actors.csv", b"slug,name,kind\nnato,NATO,organisation\nkfor,KFOR\neu,EU,bloc\n",
                                   ["actors.csv, row 3: expected 3 cells, found 2"]),
    "CSV bad value": ("actors.csv", b"slug,name,kind\nnato,NATO,organisation\neu,EU,bloc\n",
                      ["actors.csv, row 3, field 'kind': 'bloc' is not one of"]),
    "CSV file of unknown name": ("stuff.csv", b"a,b\n1,2\n", ["stuff.csv: cannot tell what the file holds"]),
}


@pytest.mark.parametrize("case", FILES, ids=list(FILES))
def test_bad_file_is_refused_with_a_precise_message(tmp_path, case):
    name, content, fragments = FILES[case]
    path = tmp_path / name
    path.write_bytes(content)
    assert_refused(path, *fragments)


def test_missing_file(tmp_path):
    assert_refused(tmp_path / "nope.json", "nope.json: no such file or folder")


def test_error_in_a_later_record_rolls_back_earlier_ones(tmp_path):
    document = minimal_document()
    document["figures"][0]["source"] = "missing"
    assert_refused(write(tmp_path, document), "figures[0], field 'source': unknown source 'missing'")


def test_one_bad_actor_does_not_make_the_others_look_like_cycles(tmp_path):
    """New records are written a batch at a time, after the batch is checked; their parents are still checked by identity."""
    document = broken(lambda d: d["actors"].append(
        {"slug": "eulex", "name": "EULEX", "kind": "alliance", "parent": "nato"}))
    with pytest.raises(CommandError) as caught:
        call_command("import_data", str(write(tmp_path, document)), verbosity=0)
    message = str(caught.value)
    assert "actors[2], field 'kind': 'alliance' is not one of" in message
    assert "ancestor" not in message


def test_an_event_created_as_published_without_a_citation_is_refused(tmp_path):
    """The sourcing policy holds for imports too: nothing unsourced reaches readers."""
    document = minimal_document()
    document["events"][0]["citations"] = []
    with pytest.raises(ImportFailed) as failed:
        dataset_import(paths=[write(tmp_path, document)])
    assert "events[0], field 'status': cannot be published: it cites no source." in str(failed.value)
    assert not Event.objects.exists()
    document["events"][0]["status"] = "draft"
    dataset_import(paths=[write(tmp_path, document)])
    event = Event.objects.get()
    assert event.status == "draft" and event.revised_at is None  # an import is no editorial change
