"""
A full export keeps what is not published as it is: a draft legal provision and a correction in review carry their
status, and an import of the export keeps it, so re-importing a full export publishes nothing. Public downloads, which
hold only published records, and the founding dataset stay as they were: a status is written only where it is not
"published".
"""

import datetime
import json

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.test import Client

from events.exchange.exporters import csv_tables, dataset_document, json_text
from events.exchange.importers import ImportFailed, dataset_import
from events.exchange.spec import CSV_COLUMNS
from events.models import Actor, Correction, Event, EventType, LegalProvision, Status
from sources.models import Source
from tests.events.exchange_helpers import minimal_document, write
from tests.factories import make_actor, make_event, make_provision

pytestmark = pytest.mark.django_db


def correct(record, text, status):
    return Correction.objects.create(content_type=ContentType.objects.get_for_model(record), object_id=record.pk,
                                     corrected_on=datetime.date(2024, 1, 2), text=text, status=status)


@pytest.fixture
def unpublished():
    """A draft provision beside a published one, and an actor's corrections: one published, one in review."""
    make_provision(slug="draft-provision", summary="Draft provision", status=Status.DRAFT)
    make_provision(slug="published-provision", summary="Published provision")
    actor = make_actor(slug="nato", name="North Atlantic Treaty Organization")
    make_event(actors=[actor])  # a published event names it: readers see it
    correct(actor, "Published correction", Status.PUBLISHED)
    correct(actor, "Correction in review", Status.REVIEW)
    return actor


def empty_database():
    for model in (Correction, LegalProvision, Event, Actor, Source, EventType):
        model.objects.all().delete()


def statuses():
    return (dict(LegalProvision.objects.values_list("slug", "status")),
            dict(Correction.objects.values_list("text", "status")))


def test_the_full_export_carries_the_status_of_what_is_not_published(unpublished):
    document = dataset_document()
    provisions = {p["slug"]: p for p in document["legal_bases"]}
    assert provisions["draft-provision"]["status"] == Status.DRAFT
    assert "status" not in provisions["published-provision"]  # absent means published
    corrections = {c["text"]: c for c in document["actors"][0]["corrections"]}
    assert corrections["Correction in review"]["status"] == Status.REVIEW
    assert "status" not in corrections["Published correction"]


def test_an_import_of_the_full_export_keeps_drafts_drafts(unpublished, tmp_path):
    before = statuses()
    exported = json_text(dataset_document())
    empty_database()
    dataset_import(paths=[write(tmp_path, json.loads(exported), "export.json")])
    assert statuses() == before
    assert json_text(dataset_document()) == exported
    reader = Client()
    assert reader.get("/legal/draft-provision/").status_code == 404
    page = reader.get("/actors/nato/")
    assert page.status_code == 200 and "Correction in review" not in page.content.decode()


def test_the_csv_export_carries_the_status_and_its_import_keeps_it(unpublished, tmp_path):
    before = statuses()
    tables = csv_tables(dataset_document())
    assert tables["legal_bases.csv"].splitlines()[0].endswith(",status")
    assert tables["corrections.csv"].splitlines()[0].endswith(",status")
    for name, text in tables.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    empty_database()
    dataset_import(paths=[tmp_path])
    assert statuses() == before


def test_public_downloads_hold_no_status_and_nothing_unpublished(unpublished, client):
    document = json.loads(client.get("/download/kfor-timeline.json").content)
    assert [p["slug"] for p in document["legal_bases"]] == ["published-provision"]
    assert all("status" not in p for p in document["legal_bases"])
    corrections = [c for record in document["actors"] for c in record["corrections"]]
    assert [c["text"] for c in corrections] == ["Published correction"] and "status" not in corrections[0]
    tables = csv_tables(dataset_document(published_only=True))
    for kind in ("legal_bases", "corrections"):  # the columns the releases' datapackage describes
        assert tables[f"{kind}.csv"].splitlines()[0] == ",".join(CSV_COLUMNS[kind])


def test_a_reimport_leaves_the_status_of_unchanged_corrections_alone(unpublished, tmp_path):
    """A file that gives the same corrections does not publish the one a reviewer has not yet approved."""
    document = dataset_document(published_only=False)
    for correction in document["actors"][0]["corrections"]:
        correction.pop("status", None)
    dataset_import(paths=[write(tmp_path, {**document, "format": "kfor-timeline/1"}, "again.json")])
    assert Correction.objects.get(text="Correction in review").status == Status.REVIEW


@pytest.mark.parametrize("where", ["legal_bases", "corrections"])
def test_a_status_that_is_not_one_is_refused_with_where_it_is(tmp_path, where):
    document = minimal_document()
    if where == "legal_bases":
        document["legal_bases"][0]["status"] = "live"
    else:
        document["events"][0]["corrections"] = [{"date": "2024-01-02", "text": "A correction", "status": "live"}]
    with pytest.raises(ImportFailed) as failed:
        dataset_import(paths=[write(tmp_path, document)])
    assert "'live' is not one of draft, review, published, unpublished" in str(failed.value)
    assert not Event.objects.exists() and not LegalProvision.objects.exists()


def test_the_founding_dataset_exports_to_its_own_bytes():
    dataset_import(paths=[settings.FOUNDING_DATASET])
    assert json_text(dataset_document()) == settings.FOUNDING_DATASET.read_text(encoding="utf-8")
