"""/data/ lists every release and serves its ZIP; the dataset downloads say when they were exported."""

import datetime
import hashlib
import io
import json
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone

from releases.builder import release_make
from releases.models import Release
from tests.factories import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def releases_dir(settings, tmp_path):
    settings.KFOR_RELEASES_DIR = tmp_path / "releases"


def test_data_page_lists_each_release_with_its_date_size_checksum_counts_and_changes(client):
    make_event(slug="first")
    one = release_make(now=timezone.make_aware(datetime.datetime(2026, 3, 1, 12)))
    make_event(slug="second")
    two = release_make(now=timezone.make_aware(datetime.datetime(2026, 4, 2, 12)))
    response = client.get(reverse("releases:list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index('id="release-2"') < html.index('id="release-1"')  # newest first
    for release, date, events in ((one, "2026-03-01", 1), (two, "2026-04-02", 2)):
        assert date in html and release.sha256 in html and release.file_name in html
        assert f'href="/data/kfor-timeline-release-{release.number}.zip"' in html
        assert f"{events} events" in html
    assert "3 added, 0 changed, 0 withdrawn" in html  # the second event, its source and its type
    assert "public" in response["Cache-Control"]  # public_page: kept by the page cache


def test_data_page_shows_a_new_release_at_once_though_pages_are_cached(client, real_cache):
    make_event()
    assert "No release has been made yet." in client.get("/data/").content.decode()
    assert client.get("/data/")["X-Cache"] == "hit"
    release = release_make()
    assert release.sha256 in client.get("/data/").content.decode()


def test_empty_data_page_says_so(client):
    assert "No release has been made yet." in client.get("/data/").content.decode()


def test_release_download_is_the_listed_file(client):
    make_event()
    release = release_make()
    response = client.get(release.get_absolute_url())
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == f'attachment; filename="{release.file_name}"'
    body = b"".join(response.streaming_content)
    assert hashlib.sha256(body).hexdigest() == release.sha256
    assert zipfile.ZipFile(io.BytesIO(body)).testzip() is None
    assert client.get(release.get_absolute_url(), HTTP_IF_NONE_MATCH=f'"{release.sha256}"').status_code == 304
    assert client.get("/data/kfor-timeline-release-99.zip").status_code == 404


def test_a_release_whose_file_is_missing_answers_404(client, settings):
    make_event()
    release = release_make()
    (settings.KFOR_RELEASES_DIR / release.file_name).unlink()
    assert client.get(release.get_absolute_url()).status_code == 404


def test_data_page_queries_do_not_grow_with_releases(client, count_queries):
    def add(first, n):
        for number in range(first, first + n):
            Release.objects.create(number=number, released_at=timezone.now(), file_name=f"r{number}.zip", size=10,
                                   sha256="0" * 64, counts={"events": 1}, changes={"added": ["events/x"]},
                                   change_counts={"added": 1, "changed": 0, "withdrawn": 0})

    add(1, 2)
    client.get("/data/")
    small = count_queries(client.get, "/data/")
    add(3, 40)
    assert count_queries(client.get, "/data/") <= small


def test_downloads_state_their_export_date(client):
    make_event(slug="dated")
    today = timezone.now().date().isoformat()
    response = client.get("/download/kfor-timeline.json")
    assert f'filename="kfor-timeline-{today}.json"' in response["Content-Disposition"]
    assert json.loads(response.content)["exported"].startswith(today)
    response = client.get("/download/kfor-timeline.csv")
    assert f'filename="kfor-timeline-events-{today}.csv"' in response["Content-Disposition"]
    response = client.get("/download/kfor-timeline.zip?q=dated")
    assert f'filename="kfor-timeline-csv-{today}.zip"' in response["Content-Disposition"]
    readme = zipfile.ZipFile(io.BytesIO(response.content)).read("kfor-timeline/README.txt").decode()
    assert f"Exported: {today}" in readme and "filtered selection" in readme


def test_a_dated_json_download_imports_back(client, tmp_path):
    from events.exchange.importers import dataset_import
    from events.models import Event

    make_event(slug="round-trip")
    path = tmp_path / "download.json"
    path.write_bytes(client.get("/download/kfor-timeline.json").content)
    Event.objects.all().delete()
    dataset_import(paths=[path])
    assert Event.objects.get().slug == "round-trip"


def test_editors_see_releases_in_the_admin_and_cannot_change_them(staff_client):
    make_event()
    release = release_make()
    assert release.sha256 in staff_client.get("/admin/releases/release/").content.decode()
    assert staff_client.get(f"/admin/releases/release/{release.pk}/change/").status_code == 200
    assert staff_client.get("/admin/releases/release/add/").status_code == 403
    assert staff_client.post(f"/admin/releases/release/{release.pk}/delete/").status_code == 403
    assert Release.objects.filter(pk=release.pk).exists()
