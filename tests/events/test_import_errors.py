"""Bad input: a message that names the file, the row or JSON path and the field; nothing written."""

import pytest
from django.core.management import CommandError, call_command

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
        ["sources[1], field 'key': duplicate 'euronews-1': also at data.json: sources[0]"]),
    "duplicate normalised URL": (
        lambda d: d["sources"].append(dict(d["sources"][0], key="other", url="https://WWW.euronews.com/a#x")),
        ["sources[1], field 'url': duplicate 'https://www.euronews.com/a'"]),
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
        lambda d: d.update(format="timelinejs"), ["data.json: field 'format': expected \"kfor-timeline/1\", found 'timelinejs'"]),
    "approximate publication date": (
        lambda d: d["sources"][0].update(published="2021~"), ["sources[0], field 'published':", "not allowed here"]),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_bad_json_input_is_refused_with_a_precise_message(tmp_path, case):
    change, fragments = CASES[case]
    assert_refused(write(tmp_path, broken(change)), *fragments)


def test_malformed_json(tmp_path):
    path = tmp_path / "data.json"
    path.write_text('{"format": "kfor-timeline/1", "events": [', encoding="utf-8")
    assert_refused(path, "data.json: line 1, column", "malformed JSON")


def test_empty_file(tmp_path):
    path = tmp_path / "data.json"
    path.write_bytes(b"  \n")
    assert_refused(path, "data.json: the file is empty")


def test_wrong_encoding(tmp_path):
    path = tmp_path / "data.json"
    path.write_bytes('{"format": "kfor-timeline/1", "sources": [{"title": "Priština"}]}'.encode("cp1250"))
    assert_refused(path, "data.json: not UTF-8 text")


def test_top_level_must_be_an_object(tmp_path):
    path = tmp_path / "data.json"
    path.write_text("[1, 2]", encoding="utf-8")
    assert_refused(path, "the top level must be an object")


def test_missing_file_and_unknown_type(tmp_path):
    assert_refused(tmp_path / "nope.json", "nope.json: no such file or folder")
    other = tmp_path / "data.xml"
    other.write_text("<x/>", encoding="utf-8")
    assert_refused(other, "data.xml: unknown file type")


def test_csv_with_wrong_delimiter(tmp_path):
    path = tmp_path / "sources.csv"
    path.write_text("key;kind;title\nx;news;Title\n", encoding="utf-8")
    assert_refused(path, "sources.csv, row 1: unknown column(s)", "another delimiter")


def test_csv_with_renamed_column(tmp_path):
    path = tmp_path / "actors.csv"
    path.write_text("slug,name,type\nnato,NATO,organisation\n", encoding="utf-8")
    assert_refused(path, "actors.csv, row 1: unknown column(s) 'type'")


def test_csv_row_with_missing_cells_and_bad_value(tmp_path):
    path = tmp_path / "actors.csv"
    path.write_text("slug,name,kind\nnato,NATO,organisation\nkfor,KFOR\neu,EU,bloc\n", encoding="utf-8")
    assert_refused(path, "actors.csv, row 3: expected 3 cells, found 2", )


def test_csv_bad_value_names_row_and_field(tmp_path):
    path = tmp_path / "actors.csv"
    path.write_text("slug,name,kind\nnato,NATO,organisation\neu,EU,bloc\n", encoding="utf-8")
    assert_refused(path, "actors.csv, row 3, field 'kind': 'bloc' is not one of")


def test_csv_with_unrecognised_name(tmp_path):
    path = tmp_path / "stuff.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    assert_refused(path, "stuff.csv: cannot tell what the file holds")


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
