import json

import pytest
from django.core.management import call_command

from events.exchange.exporters import csv_tables, dataset_document, json_text
from events.exchange.importers import dataset_import
from events.models import Actor, Citation, Event, Figure, LegalProvision, Place, Status
from sources.models import Source
from tests.events.exchange_helpers import minimal_document, write

pytestmark = pytest.mark.django_db


def counts(report, kind):
    c = report.counts[kind]
    return c["created"], c["updated"], c["unchanged"]


def test_import_creates_every_kind_of_record(tmp_path):
    report = dataset_import(paths=[write(tmp_path, minimal_document())])
    assert counts(report, "events") == (1, 0, 0)
    event = Event.objects.get(slug="kfor-deploys")
    assert event.status == Status.PUBLISHED and event.key_event
    assert [ea.actor.slug for ea in event.event_actors.all()] == ["kfor"]
    assert Actor.objects.get(slug="kfor").parent.slug == "nato"  # a parent may come later in the file
    assert list(event.places.values_list("slug", flat=True)) == ["jarinje"]
    assert Citation.objects.get(event=event).locator == "para. 2"
    assert Source.objects.get(key="euronews-1").url == "https://www.euronews.com/a"
    assert Figure.objects.get().date_precision == "year"


def test_reimport_changes_nothing(tmp_path):
    path = write(tmp_path, minimal_document())
    dataset_import(paths=[path])
    report = dataset_import(paths=[path])
    for kind in ("sources", "actors", "places", "events", "figures"):
        assert counts(report, kind)[:2] == (0, 0), kind


def test_reimport_updates_changed_records_and_relations(tmp_path):
    dataset_import(paths=[write(tmp_path, minimal_document())])
    document = minimal_document()
    document["events"][0]["title"] = "KFOR deploys at Jarinje"
    document["events"][0]["citations"].append({"source": "euronews-1", "locator": "para. 5", "quote": "", "note": ""})
    report = dataset_import(paths=[write(tmp_path, document)])
    assert counts(report, "events") == (0, 1, 0)
    assert Event.objects.get().citations.count() == 2


def test_reimport_never_reverts_an_editors_publishing_decision(tmp_path):
    path = write(tmp_path, minimal_document())
    dataset_import(paths=[path])
    Event.objects.update(status=Status.UNPUBLISHED)
    dataset_import(paths=[path])
    assert Event.objects.get().status == Status.UNPUBLISHED


def test_source_is_matched_by_normalised_url_under_another_key(tmp_path):
    dataset_import(paths=[write(tmp_path, minimal_document())])
    document = minimal_document()
    document["sources"][0]["key"] = "another-key"
    document["sources"][0]["url"] = "HTTPS://WWW.EURONEWS.COM/a#top"
    document["events"][0]["citations"][0]["source"] = "another-key"
    document["figures"][0]["source"] = "another-key"
    dataset_import(paths=[write(tmp_path, document)])
    assert Source.objects.count() == 2  # the article and the wire it copies; the article once


def test_dry_run_writes_nothing(tmp_path):
    report = dataset_import(paths=[write(tmp_path, minimal_document())], dry_run=True)
    assert counts(report, "events") == (1, 0, 0)
    assert not Event.objects.exists() and not Source.objects.exists()


def test_export_import_export_is_byte_identical(tmp_path):
    dataset_import(paths=[write(tmp_path, minimal_document())])
    first = json_text(dataset_document())
    Source.objects.update(derived_from=None, derivation="", origin=None)
    for model in (Citation, Figure, Event, LegalProvision, Source, Place):
        model.objects.all().delete()
    Actor.objects.update(parent=None)
    Actor.objects.all().delete()
    dataset_import(paths=[write(tmp_path, json.loads(first), "export.json")])
    assert json_text(dataset_document()) == first


def test_csv_export_imports_back_to_the_same_data(tmp_path):
    dataset_import(paths=[write(tmp_path, minimal_document())])
    first = json_text(dataset_document())
    folder = tmp_path / "csv"
    folder.mkdir()
    for name, text in csv_tables(dataset_document()).items():
        (folder / name).write_text(text, encoding="utf-8")
    Event.objects.update(title="changed")
    report = dataset_import(paths=[folder])
    assert counts(report, "events") == (0, 1, 0)
    assert json_text(dataset_document()) == first


def test_csv_events_without_citations_file_keep_their_citations(tmp_path):
    dataset_import(paths=[write(tmp_path, minimal_document())])
    tables = csv_tables(dataset_document())
    (tmp_path / "events.csv").write_text(tables["events.csv"], encoding="utf-8")
    dataset_import(paths=[tmp_path / "events.csv"])
    assert Citation.objects.count() == 1


def test_commands_report_counts_and_export_to_stdout(tmp_path, capsys):
    path = write(tmp_path, minimal_document())
    call_command("import_data", str(path))
    out = capsys.readouterr().out
    assert "events: 1 created, 0 updated, 0 unchanged" in out
    call_command("export_data")
    exported = json.loads(capsys.readouterr().out)
    assert [e["slug"] for e in exported["events"]] == ["kfor-deploys"]
    call_command("import_data", str(path), verbosity=0)
    assert capsys.readouterr().out == ""
