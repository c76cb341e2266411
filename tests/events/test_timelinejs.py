"""TimelineJS sheets and JSON in, TimelineJS JSON out; fed with the real samples from the TimelineJS project."""

import json

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from events.exchange.importers import dataset_import
from events.models import Event, EventType
from events.models import Status
from events.exchange.formats.timelinejs import timeline_document
from tests.csv_files import write_csv
from tests.factories import make_event, make_source

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_dir")]
SAMPLES = settings.BASE_DIR.parent / "shared" / "samples" / "timelinejs"  # see the shared_dir fixture


def imported(path, **kwargs):
    report = dataset_import(paths=[path], **kwargs)
    return report.counts["events"]["created"], report


@pytest.mark.parametrize(
    "name, events",
    [
        ("timelinejs_sheet_export_women_in_computing.csv", 10),
        ("timelinejs_my_own_timeline.csv", 10),
        ("timelinejs_women_in_computing.json", 10),
        ("timelinejs_eras.json", 20),
    ],
)
def test_real_samples_import_as_drafts(name, events):
    created, report = imported(SAMPLES / name)
    assert created == events == Event.objects.count()
    assert set(Event.objects.values_list("status", flat=True)) == {Status.DRAFT}
    assert any("title slide" in note for note in report.notes)


def test_sheet_fields_map_to_events():
    imported(SAMPLES / "timelinejs_sheet_export_women_in_computing.csv")
    ada = Event.objects.get(title="Ada Lovelace")
    assert (ada.start_edtf, ada.end_edtf) == ("1815-12-10", "1852-11-27")
    eniac = Event.objects.get(title="...And the women who made it work")
    assert (eniac.start_edtf, eniac.end_edtf) == ("1943-07", "1946")
    assert "Ada_Lovelace" in ada.body and ada.summary.startswith("Women have been programming")
    assert "Media: https://upload.wikimedia.org" in ada.notes
    assert not Event.objects.filter(title="Women in Computing").exists()  # the title slide


def test_eras_are_skipped_and_reported():
    _, report = imported(SAMPLES / "timelinejs_eras.json")
    assert any("3 eras" in note for note in report.notes)


def test_reimport_updates_instead_of_duplicating():
    imported(SAMPLES / "timelinejs_women_in_computing.json")
    created, report = imported(SAMPLES / "timelinejs_women_in_computing.json")
    assert created == 0 and report.counts["events"]["unchanged"] == 10


def test_years_we_cannot_store_are_refused_by_row_and_field():
    with pytest.raises(CommandError) as caught:
        call_command("import_data", str(SAMPLES / "timelinejs_cosmo.json"), verbosity=0)
    assert "timelinejs_cosmo.json: events[0], field 'start_date': year -13800000000 cannot be stored" in str(caught.value)
    assert not Event.objects.exists()


def sheet(tmp_path, rows, header=None, name="sheet.csv"):
    from events.exchange.formats.timelinejs import HEADER_18

    return write_csv(tmp_path / name, header or HEADER_18, rows)


def test_nineteen_column_sheet_with_alt_text(tmp_path):
    from events.exchange.formats.timelinejs import HEADER_19

    path = sheet(tmp_path, [{"Year": "2021", "Month": "10", "Day": "2", "Headline": "KFOR deploys", "Alt Text": "A photo",
                             "Group": "Deployment"}], header=HEADER_19)
    imported(path)
    event = Event.objects.get()
    assert event.start_edtf == "2021-10-02" and event.event_type.name == "Deployment"


def test_legacy_columns(tmp_path):
    path = sheet(tmp_path, [{"Start Date": "6/12/1999", "End Date": "1999,6,20", "Headline": "KFOR enters", "Tag": "Deployment"}],
                 header=["Start Date", "End Date", "Headline", "Text", "Media", "Media Credit", "Media Caption", "Tag"])
    imported(path)
    event = Event.objects.get()
    assert (event.start_edtf, event.end_edtf, event.event_type.slug) == ("1999-06-12", "1999-06-20", "deployment")


def test_text_html_is_sanitised(tmp_path):
    path = sheet(tmp_path, [{"Year": "2004", "Headline": "<b>Unrest</b>",
                             "Text": '<p onclick="x()">Riots <script>alert(1)</script><a href="javascript:x">link</a></p>'}])
    imported(path)
    event = Event.objects.get()
    assert event.title == "Unrest"
    assert "<script" not in event.body and "onclick" not in event.body and "javascript:" not in event.body
    assert "Riots" in event.body


@pytest.mark.parametrize(
    "row, message",
    [
        ({"Headline": "No year"}, "sheet.csv, row 2, field 'Year': is required"),
        ({"Year": "2021", "Month": "13", "Headline": "Bad month"}, "sheet.csv, row 2, field 'Year': '2021-13' is not a real date"),
        ({"Year": "twenty", "Headline": "Words"}, "sheet.csv, row 2, field 'Year': 'twenty' is not a date of whole numbers"),
        ({"Year": "2021", "End Year": "2020", "Headline": "Backwards"}, "sheet.csv, row 2, field 'End Year': 2020-01-01 is before"),
        ({"Year": "2021", "Headline": ""}, "sheet.csv, row 2, field 'Headline': is required"),
    ],
)
def test_bad_rows_are_reported_not_skipped(tmp_path, row, message):
    with pytest.raises(CommandError) as caught:
        call_command("import_data", str(sheet(tmp_path, [row])), verbosity=0)
    assert message in str(caught.value)
    assert not Event.objects.exists()


def test_unknown_column_is_refused(tmp_path):
    path = tmp_path / "sheet.csv"
    path.write_text("Year,Headline,Colour\n2021,X,red\n", encoding="utf-8")
    with pytest.raises(CommandError, match="unknown TimelineJS column\\(s\\) 'Colour'"):
        call_command("import_data", str(path), verbosity=0)


def test_format_option_overrides_detection(tmp_path):
    path = write_json(tmp_path, {"format": "kfor-timeline/1"})
    with pytest.raises(CommandError, match="not a TimelineJS timeline"):
        call_command("import_data", str(path), "--format", "timelinejs", verbosity=0)


def write_json(tmp_path, data, name="timeline.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_export_has_a_title_slide_and_a_slide_per_event_with_sources():
    source = make_source(title="Resolution 1244 (1999)")
    make_event(slug="unscr-1244", title="Resolution 1244", start="1999-06-10", sources=[source])
    make_event(slug="march-2004", title="Unrest", start="2004-03-01", start_precision="month",
               end="2004-04-01", end_precision="month")
    events = Event.objects.with_detail_data().chronological()
    document = timeline_document(events)
    assert document["title"]["text"]["headline"] == "KFOR Timeline"
    first, second = document["events"]
    assert first["unique_id"] == "unscr-1244" and first["start_date"] == {"year": "1999", "month": "6", "day": "10"}
    assert "Resolution 1244 (1999)" in first["text"]["text"] and "<ol>" in first["text"]["text"]
    assert second["start_date"] == {"year": "2004", "month": "3"} and second["end_date"] == {"year": "2004", "month": "4"}
    assert second["display_date"] == "March – April 2004"


def test_export_imports_back(tmp_path, capsys):
    make_event(slug="kfor-enters", title="KFOR enters Kosovo", start="1999-06-12")
    make_event(slug="gate-two", title="Gate 2", start="2011-02-01", start_precision="month")
    call_command("export_data", "--format", "timelinejs")
    path = write_json(tmp_path, json.loads(capsys.readouterr().out))
    Event.objects.all().delete()
    EventType.objects.all().delete()
    imported(path)
    assert sorted(Event.objects.values_list("slug", "title")) == [("gate-two", "Gate 2"), ("kfor-enters", "KFOR enters Kosovo")]
    assert Event.objects.get(slug="gate-two").start_edtf == "2011-02"


def test_export_takes_the_timeline_filters(capsys):
    make_event(title="Old", start="1999-06-12")
    make_event(title="New", start="2021-10-02")
    call_command("export_data", "--format", "timelinejs", "--from", "2020")
    headlines = [e["text"]["headline"] for e in json.loads(capsys.readouterr().out)["events"]]
    assert headlines == ["New"]
