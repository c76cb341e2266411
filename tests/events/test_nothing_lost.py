"""
Nothing deleted is lost: every import keeps a version of what it writes, in one revision per run, so a record no
editor ever changed is still in "Recover deleted"; and what is recovered comes back as a draft.
"""

import time

import pytest
from django.conf import settings
from django.urls import reverse
from reversion.models import Revision, Version

from events.exchange.importers import dataset_import
from events.models import Claim, Correction, Event, Status
from tests.admin_forms import form_data
from tests.events.exchange_helpers import minimal_document, write

pytestmark = pytest.mark.django_db


def test_an_imported_event_never_edited_is_recoverable_once_deleted_and_comes_back_as_a_draft(client, login, tmp_path):
    dataset_import(paths=[write(tmp_path, minimal_document())])
    event = Event.objects.get()
    assert event.status == Status.PUBLISHED
    login("Reviewer")
    client.post(reverse("admin:events_event_delete", args=[event.pk]), {"post": "yes"})
    assert not Event.objects.exists()
    recover_list = client.get(reverse("admin:events_event_recoverlist")).content.decode()
    assert event.title in recover_list
    version = Version.objects.get_deleted(Event).get()
    url = reverse("admin:events_event_recover", args=[version.pk])
    assert client.post(url, form_data(client.get(url), edit_summary="Restored")).status_code == 302
    restored = Event.objects.get()
    assert restored.status == Status.DRAFT and restored.citations.count() == 1


def test_an_import_run_is_one_revision_and_a_reimport_of_the_same_file_adds_none(tmp_path):
    path = write(tmp_path, minimal_document())
    dataset_import(paths=[path])
    assert Revision.objects.count() == 1
    assert Version.objects.get_for_model(Event).count() == 1
    dataset_import(paths=[path])
    assert Revision.objects.count() == 1


def test_the_founding_dataset_imports_with_a_version_of_every_event_in_bounded_time():
    """Bounded time: a version per record costs the import a few seconds at most, not one revision per record."""
    started = time.monotonic()
    dataset_import(paths=[settings.BASE_DIR / "data" / "kfor-timeline.json"])
    elapsed = time.monotonic() - started
    assert Version.objects.get_for_model(Event).count() == Event.objects.count() > 200
    assert Revision.objects.count() == 1
    assert elapsed < 30


def test_corrections_and_claims_a_reimport_writes_keep_a_version_and_are_recoverable_once_deleted(client, login, tmp_path):
    """A re-import that changes only a record's corrections and claims still versions what it bulk-writes."""
    document = minimal_document()
    dataset_import(paths=[write(tmp_path, document)])
    document["events"][0]["corrections"] = [{"date": "2024-01-02", "text": "Imported correction", "erratum_of": ""}]
    document["figures"][0]["claims"][1]["value"] = 3800
    report = dataset_import(paths=[write(tmp_path, document)])
    assert report.counts["events"]["updated"] == report.counts["figures"]["updated"] == 0
    claim = Claim.objects.get(number=3800)
    pk = claim.pk
    claim.delete()
    Version.objects.get_deleted(Claim).get(object_id=str(pk)).revert()
    assert Claim.objects.filter(number=3800, figure__isnull=False).exists()

    correction = Correction.objects.get(text="Imported correction")
    assert correction.status == Status.PUBLISHED
    login("Reviewer")
    client.post(reverse("admin:events_correction_delete", args=[correction.pk]), {"post": "yes"})
    assert not Correction.objects.exists()
    assert "Imported correction" in client.get(reverse("admin:events_correction_recoverlist")).content.decode()
    version = Version.objects.get_deleted(Correction).get()
    url = reverse("admin:events_correction_recover", args=[version.pk])
    assert client.post(url, form_data(client.get(url), edit_summary="Restored")).status_code == 302
    assert Correction.objects.get().status == Status.DRAFT  # back as a draft, even by a reviewer
