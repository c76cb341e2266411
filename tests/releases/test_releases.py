"""Data releases: what each ZIP holds, how two releases compare, and when none is made."""

import csv
import datetime
import hashlib
import io
import json
import re
import zipfile

import pytest
from django.core.management import call_command

from events.models import Event, Status
from releases.builder import NothingChanged, release_make, release_path
from releases.models import Release
from tests.factories import make_event, make_figure, make_source

pytestmark = pytest.mark.django_db

MEMBERS = {"README.txt", "LICENSE", "CHANGELOG", "datapackage.json", "kfor-timeline.json", "SHA256SUMS",
           *(f"csv/{name}" for name in ("actors.csv", "citations.csv", "claims.csv", "corrections.csv",
                                         "event_types.csv", "events.csv", "figures.csv", "legal_bases.csv",
                                         "places.csv", "sources.csv"))}
TABLE_TYPES = {"string", "number", "integer", "boolean", "object", "array", "date", "time", "datetime", "year",
               "yearmonth", "duration", "geopoint", "geojson", "any"}


@pytest.fixture(autouse=True)
def releases_dir(settings, tmp_path):
    settings.KFOR_RELEASES_DIR = tmp_path / "releases"
    return settings.KFOR_RELEASES_DIR


@pytest.fixture
def world():
    make_event(slug="kfor-deploys", title="KFOR deploys")
    make_event(slug="border-deal", title="Border deal")
    make_event(slug="secret-draft", title="Secret draft", status=Status.DRAFT,
               sources=[make_source(key="draft-only-source")])
    make_figure(best=10200)


def open_release(release):
    data = release_path(release).read_bytes()
    return data, zipfile.ZipFile(io.BytesIO(data))


def test_a_release_holds_the_export_datapackage_licence_changelog_and_checksums(world):
    release = release_make()
    data, archive = open_release(release)
    assert set(archive.namelist()) == MEMBERS
    assert hashlib.sha256(data).hexdigest() == release.sha256 and len(data) == release.size
    sums = dict(reversed(line.split("  ")) for line in archive.read("SHA256SUMS").decode().splitlines())
    assert set(sums) == MEMBERS - {"SHA256SUMS"}
    for name, digest in sums.items():
        assert hashlib.sha256(archive.read(name)).hexdigest() == digest, name
    document = json.loads(archive.read("kfor-timeline.json"))
    assert document["release"] == 1 and document["exported"].startswith(release.date.isoformat())
    assert sorted(e["slug"] for e in document["events"]) == ["border-deal", "kfor-deploys"]
    assert release.counts["events"] == 2 and release.counts["figures"] == 1
    assert "creativecommons.org/licenses/by/4.0/" in archive.read("LICENSE").decode()
    assert "Released: " + release.date.isoformat() in archive.read("README.txt").decode()


def test_drafts_are_in_no_member_of_a_release(world):
    _, archive = open_release(release_make())
    for name in archive.namelist():
        text = archive.read(name).decode()
        assert "secret-draft" not in text and "draft-only-source" not in text, name


def test_datapackage_describes_every_csv_with_its_header(world):
    _, archive = open_release(release_make())
    package = json.loads(archive.read("datapackage.json"))
    assert package["licenses"][0]["path"] == "https://creativecommons.org/licenses/by/4.0/"
    assert package["sources"] and package["profile"] == "tabular-data-package"
    tables = [r for r in package["resources"] if r["path"].endswith(".csv")]
    assert {r["path"] for r in tables} == {name for name in MEMBERS if name.endswith(".csv")}
    for resource in package["resources"]:  # the spec's rules for names and paths
        assert re.fullmatch(r"[a-z0-9._-]+", resource["name"]) and resource["path"] in archive.namelist()
    assert len({r["name"] for r in package["resources"]}) == len(package["resources"])
    for resource in tables:
        header = next(csv.reader(io.StringIO(archive.read(resource["path"]).decode())))
        fields = resource["schema"]["fields"]
        assert [f["name"] for f in fields] == header, resource["path"]
        assert {f["type"] for f in fields} <= TABLE_TYPES
    events = next(r for r in tables if r["name"] == "events")
    types = {f["name"]: f["type"] for f in events["schema"]["fields"]}
    assert types["key_event"] == "boolean" and types["start"] == "string"
    rows = list(csv.DictReader(io.StringIO(archive.read("csv/events.csv").decode())))
    assert {row["key_event"] for row in rows} <= {"true", "false"}


def test_changelog_lists_added_changed_and_withdrawn_records(world):
    first = release_make()
    make_event(slug="new-event")
    Event.objects.filter(slug="kfor-deploys").update(title="KFOR deploys to Kosovo")
    Event.objects.filter(slug="border-deal").update(status=Status.UNPUBLISHED)
    second = release_make()
    assert second.number == first.number + 1
    # The new event comes with the source it cites and its type; the withdrawn one's type and source stay.
    assert [key for key in second.changes["added"] if key.startswith("events/")] == ["events/new-event"]
    assert second.changes["changed"] == ["events/kfor-deploys"]
    assert [key for key in second.changes["withdrawn"] if key.startswith("events/")] == ["events/border-deal"]
    changelog = open_release(second)[1].read("CHANGELOG").decode()
    assert f"since release {first.number} ({first.date.isoformat()})" in changelog
    added, changed, withdrawn = (changelog.split(f"\n{heading} (")[1] for heading in ("Added", "Changed", "Withdrawn"))
    assert "- events/new-event" in added.split("\n\n")[0]
    assert changed.split("\n\n")[0].splitlines()[1:] == ["- events/kfor-deploys"]
    assert "- events/border-deal" in withdrawn.splitlines()


def test_no_release_when_nothing_changed_unless_forced(world):
    release_make()
    with pytest.raises(NothingChanged):
        release_make()
    assert Release.objects.count() == 1
    out = io.StringIO()
    call_command("make_release", stdout=out)
    assert "Nothing changed since release 1" in out.getvalue() and Release.objects.count() == 1
    call_command("make_release", "--force", stdout=out)
    assert Release.objects.count() == 2 and "Release 2" in out.getvalue()


def test_dry_run_makes_nothing(world, releases_dir):
    out = io.StringIO()
    call_command("make_release", "--dry-run", stdout=out)
    assert "Release 1 would hold" in out.getvalue() and "dry run" in out.getvalue()
    assert not Release.objects.exists() and not releases_dir.exists()


def test_a_failed_release_leaves_no_row(world, settings, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    settings.KFOR_RELEASES_DIR = blocker / "releases"
    with pytest.raises(OSError):
        release_make()
    assert not Release.objects.exists()


CELL_CHECKS = {"integer": int, "number": float, "date": datetime.date.fromisoformat,
               "boolean": lambda cell: {"true": True, "false": False}[cell], "string": str}


def test_every_cell_of_the_founding_dataset_has_its_declared_type(founding_dataset):
    _, archive = open_release(release_make())
    package = json.loads(archive.read("datapackage.json"))
    for resource in (r for r in package["resources"] if r["path"].endswith(".csv")):
        types = {f["name"]: f["type"] for f in resource["schema"]["fields"]}
        rows = list(csv.DictReader(io.StringIO(archive.read(resource["path"]).decode())))
        for row in rows:
            for name, cell in row.items():
                if cell not in resource["schema"]["missingValues"]:
                    CELL_CHECKS[types[name]](cell)  # raises for a cell of another type
        key = resource["schema"].get("primaryKey")
        if key:
            assert len({row[key] for row in rows}) == len(rows), resource["name"]


@pytest.mark.django_db(transaction=True)
def test_a_release_made_outside_a_transaction_reads_one_snapshot_on_postgresql():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_event(slug="kfor-deploys", title="KFOR deploys")
    with CaptureQueriesContext(connection) as queries:
        release = release_make()
    assert release.number == 1 and release_path(release).exists()
    statements = [query["sql"] for query in queries.captured_queries if query["sql"] != "BEGIN"]
    snapshot = [sql for sql in statements if "REPEATABLE READ" in sql]
    if connection.vendor == "postgresql":  # first, before any table is read
        assert statements.index(snapshot[0]) == 0
    else:
        assert not snapshot
