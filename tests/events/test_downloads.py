"""Downloads from the public site: the dataset, a filtered timeline, bibliographies, the story's TimelineJS JSON."""

import csv
import io
import json
import zipfile

import bibtexparser
import pytest
import rispy
from django.urls import reverse

from events.exchange.importers import dataset_import
from events.models import Actor, Event
from events.models import Status
from tests.factories import make_actor, make_event, make_place, make_source

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    nato = make_actor(slug="nato", name="NATO")
    kfor = make_actor(slug="kfor", name="KFOR", parent=nato)
    north = make_place(slug="northern-kosovo")
    jarinje = make_place(slug="jarinje", parent=north)
    cited = make_source(key="euronews", title="Deal at the border")
    make_event(slug="kfor-deploys", title="KFOR deploys", start="2021-10-02", actors=[kfor], places=[jarinje], sources=[cited])
    make_event(slug="other", title="=HYPERLINK(\"http://evil\")", summary="-2+3 formula", start="2004-03-01",
               start_precision="month", sources=[make_source(key="other-source", title="Other")])
    make_event(slug="secret", title="Secret draft", status=Status.DRAFT, sources=[make_source(key="draft-only")])


def download(client, fmt, query=""):
    response = client.get(reverse("events:download", args=[fmt]) + query)
    assert response.status_code == 200, response.content
    assert response["Content-Disposition"].startswith("attachment;")
    return response


def test_dataset_json_is_published_data_in_our_format(client, world):
    document = json.loads(download(client, "json").content)
    assert document["format"] == "kfor-timeline/1"
    assert sorted(e["slug"] for e in document["events"]) == ["kfor-deploys", "other"]


def test_filtered_download_holds_the_events_and_what_they_refer_to(client, world, tmp_path):
    document = json.loads(download(client, "json", "?actor=nato").content)
    assert [e["slug"] for e in document["events"]] == ["kfor-deploys"]
    assert [s["key"] for s in document["sources"]] == ["euronews"]
    assert sorted(a["slug"] for a in document["actors"]) == ["kfor", "nato"]  # the parent comes along
    assert sorted(p["slug"] for p in document["places"]) == ["jarinje", "northern-kosovo"]
    path = tmp_path / "download.json"
    path.write_bytes(download(client, "json", "?actor=nato").content)
    Event.objects.all().delete()
    dataset_import(paths=[path])
    assert Event.objects.get().slug == "kfor-deploys"


def test_a_filtered_download_holds_the_planner_and_the_plans_source_so_it_imports_elsewhere(client, world, tmp_path):
    planner, plan = make_actor(slug="council", name="Council"), make_source(key="decision", title="The decision")
    make_event(slug="plan", title="Planned patrols", planned_on="2021-09-01", planned_on_precision="day",
               planned_by=planner, plan_source=plan)
    document = json.loads(download(client, "json", "?q=patrols").content)
    assert [a["slug"] for a in document["actors"]] == ["council"]
    assert "decision" in [s["key"] for s in document["sources"]]
    path = tmp_path / "download.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    Event.objects.all().delete()
    Actor.objects.filter(slug="council").delete()
    dataset_import(paths=[path])
    assert Event.objects.get().planned_by.slug == "council"


def test_csv_cells_are_neutralised_against_formulas(client, world):
    rows = list(csv.DictReader(io.StringIO(download(client, "csv").content.decode())))
    other = next(r for r in rows if r["slug"] == "other")
    assert other["title"] == "'=HYPERLINK(\"http://evil\")" and other["summary"] == "'-2+3 formula"


def test_zip_holds_every_table_and_imports_back(client, world, tmp_path):
    archive = zipfile.ZipFile(io.BytesIO(download(client, "zip").content))
    names = sorted(n.split("/")[-1] for n in archive.namelist())
    assert names == ["README.txt", "actors.csv", "citations.csv", "claims.csv", "corrections.csv", "event_types.csv", "events.csv", "figures.csv",
                     "legal_bases.csv", "places.csv", "sources.csv"]
    archive.extractall(tmp_path)
    Event.objects.filter(slug="other").update(title="changed")
    dataset_import(paths=[tmp_path / "kfor-timeline"])
    assert Event.objects.get(slug="other").title == '=HYPERLINK("http://evil")'  # the apostrophe is removed again


def test_bad_filters_and_formats(client, world):
    assert client.get(reverse("events:download", args=["json"]) + "?from=never").status_code == 400
    assert client.get(reverse("events:download", args=["xml"])).status_code == 404


def test_bibliography_downloads_follow_the_filters(client, world):
    url = reverse("events:sources-export", args=["bib"])
    keys = [e.key for e in bibtexparser.parse_string(client.get(url).content.decode()).entries]
    assert sorted(keys) == ["euronews", "other-source"]  # never a source only a draft cites
    keys = [e.key for e in bibtexparser.parse_string(client.get(url + "?q=border").content.decode()).entries]
    assert keys == ["euronews"]
    ris = rispy.loads(client.get(reverse("events:sources-export", args=["ris"])).content.decode())
    assert len(ris) == 2
    csl = json.loads(client.get(reverse("events:sources-export", args=["csl.json"])).content)
    assert {item["id"] for item in csl} == {"euronews", "other-source"}


def test_event_and_source_citation_downloads(client, world):
    ris = rispy.loads(client.get(reverse("events:event-export", args=["kfor-deploys", "ris"])).content.decode())
    assert [r["id"] for r in ris] == ["euronews"]
    assert client.get(reverse("events:event-export", args=["secret", "ris"])).status_code == 404
    assert client.get(reverse("events:source-export", args=["euronews", "bib"])).status_code == 200
    assert client.get(reverse("events:source-export", args=["draft-only", "bib"])).status_code == 404
    assert client.get(reverse("events:source-export", args=["euronews", "doc"])).status_code == 404


def test_pages_link_to_their_downloads(client, world):
    assert 'href="/download/kfor-timeline.json?actor=nato"' in client.get("/?actor=nato").content.decode()
    assert 'href="/sources/export.ris"' in client.get("/sources/").content.decode()
    source_page = client.get("/sources/euronews/").content.decode()
    assert 'href="/sources/euronews/cite.bib"' in source_page and "{{cite web |url=" in source_page
    assert 'href="/events/kfor-deploys/cite.csl.json"' in client.get("/events/kfor-deploys/").content.decode()


def test_story_shows_key_events_unless_filtered(client, world):
    Event.objects.filter(slug="kfor-deploys").update(key_event=True)
    slides = client.get(reverse("events:story-json")).json()["events"]
    assert [s["unique_id"] for s in slides] == ["kfor-deploys"]
    slides = client.get(reverse("events:story-json") + "?from=2000").json()["events"]
    assert [s["unique_id"] for s in slides] == ["other", "kfor-deploys"]
    html = client.get(reverse("events:story")).content.decode()
    assert "vendor/timelinejs/js/timeline.js" in html and "https://cdn" not in html
    assert client.get(reverse("events:story") + "?to=soon").status_code == 400
