"""ACLED CSV exports: mapped to draft events, actors, places, sources and fatality figures; re-imports update."""

import pytest
from django.core.management import CommandError, call_command

from events.exchange.formats.acled import COLUMNS
from events.exchange.importers import dataset_import
from events.models import Actor, Event, Figure, Place
from events.models import Status
from sources.models import Source
from tests.csv_files import write_csv
from tests.factories import make_actor

pytestmark = pytest.mark.django_db

ROWS = [
    {"event_id_cnty": "XKX1001", "event_date": "28 December 2022", "year": "2022", "time_precision": "1",
     "disorder_type": "Demonstrations", "event_type": "Protests", "sub_event_type": "Peaceful protest",
     "actor1": "Protesters (Kosovo)", "assoc_actor_1": "Serb Ethnic Group (Kosovo); Women (Kosovo)", "inter1": "6",
     "actor2": "NA", "assoc_actor_2": "NA", "inter2": "0", "interaction": "60", "civilian_targeting": "NA",
     "iso": "0", "region": "Europe", "country": "Kosovo", "admin1": "Mitrovice", "admin2": "Zvecan", "admin3": "NA",
     "location": "Rudare", "latitude": "42.9106", "longitude": "20.8653", "geo_precision": "1",
     "source": "Kosovo Online; KoSSev", "source_scale": "National", "notes": "On 28 December 2022, Kosovo Serbs protested.",
     "fatalities": "0", "tags": "crowd size=no report", "timestamp": "1672700000"},
    {"event_id_cnty": "XKX1002", "event_date": "2023-05-29", "year": "2023", "time_precision": "2",
     "disorder_type": "Political violence", "event_type": "Riots", "sub_event_type": "Violent demonstration",
     "actor1": "Rioters (Kosovo)", "assoc_actor_1": "", "inter1": "Rioters", "actor2": "KFOR: NATO Kosovo Force",
     "assoc_actor_2": "", "inter2": "External/Other forces", "interaction": "Rioters-External/Other forces",
     "civilian_targeting": "", "iso": "0", "region": "Europe", "country": "Kosovo", "admin1": "Mitrovice",
     "admin2": "Zvecan", "admin3": "", "location": "Zvecan", "latitude": "42.9075", "longitude": "20.8403",
     "geo_precision": "1", "source": "Reuters", "source_scale": "International", "notes": "Rioters clashed with KFOR.",
     "fatalities": "2", "tags": "", "timestamp": "1685400000"},
]


def export(tmp_path, rows=ROWS, columns=COLUMNS, name="acled.csv"):
    return write_csv(tmp_path / name, columns, rows)


def test_events_arrive_as_drafts_with_dates_actors_places_and_sources(tmp_path):
    dataset_import(paths=[export(tmp_path)])
    protest = Event.objects.get(slug="acled-xkx1001")
    assert protest.status == Status.DRAFT
    assert (protest.title, protest.start_edtf) == ("Peaceful protest in Rudare", "2022-12-28")
    assert protest.summary == "On 28 December 2022, Kosovo Serbs protested."
    roles = {(ea.actor.name, ea.role) for ea in protest.event_actors.all()}
    assert roles == {("Protesters (Kosovo)", "participant"), ("Serb Ethnic Group (Kosovo)", "participant"),
                     ("Women (Kosovo)", "participant")}
    assert Actor.objects.get(name="Protesters (Kosovo)").kind == "community"
    rudare = protest.places.get()
    assert (rudare.name, float(rudare.latitude), rudare.parent.name, rudare.parent.parent.name) == (
        "Rudare", 42.9106, "Zvecan", "Mitrovice")
    cited = [c.source.title for c in protest.citations.all()]
    assert cited == ["Armed Conflict Location & Event Data (ACLED)", "Kosovo Online", "KoSSev"]
    assert protest.citations.first().locator == "event XKX1001"
    assert Source.objects.get(title="KoSSev").url == ""
    assert "tags: crowd size=no report" in protest.notes


def test_week_precision_is_approximate_and_fatalities_become_a_figure(tmp_path):
    dataset_import(paths=[export(tmp_path)])
    riot = Event.objects.get(slug="acled-xkx1002")
    assert riot.approximate and riot.date_label == "c. 29 May 2023"
    assert {(ea.actor.name, ea.role) for ea in riot.event_actors.all()} == {
        ("Rioters (Kosovo)", "participant"), ("KFOR: NATO Kosovo Force", "opponent")}
    figure = Figure.objects.get()
    assert (figure.series, figure.best, figure.event, figure.status) == ("fatalities", 2, riot, Status.DRAFT)
    assert not Figure.objects.filter(event__slug="acled-xkx1001").exists()  # no figure for zero


def test_reimport_updates_rather_than_duplicates(tmp_path):
    dataset_import(paths=[export(tmp_path)])
    Event.objects.filter(slug="acled-xkx1001").update(status=Status.PUBLISHED)
    changed = [dict(ROWS[0], notes="Corrected notes."), dict(ROWS[1], fatalities="3")]
    report = dataset_import(paths=[export(tmp_path, changed)])
    assert Event.objects.count() == 2 and Figure.objects.get().best == 3
    assert report.counts["events"]["updated"] == 1
    protest = Event.objects.get(slug="acled-xkx1001")
    assert protest.summary == "Corrected notes." and protest.status == Status.PUBLISHED


def test_existing_actors_and_places_are_used_not_overwritten(tmp_path):
    kfor = make_actor(slug="kfor", name="KFOR: NATO Kosovo Force", short_name="KFOR", description="Curated.")
    dataset_import(paths=[export(tmp_path)])
    kfor.refresh_from_db()
    assert kfor.description == "Curated." and Actor.objects.filter(name=kfor.name).count() == 1
    assert Place.objects.filter(name="Zvecan").count() == 2  # the municipality and the town


@pytest.mark.parametrize(
    "change, message",
    [
        ({"event_date": "31/02/2023"}, "acled.csv, row 2, field 'event_date': '31/02/2023' is not a date"),
        ({"time_precision": "4"}, "field 'time_precision': '4' is not 1 (day), 2 (week) or 3 (month)"),
        ({"inter1": "Aliens"}, "field 'inter1': 'Aliens' is not an ACLED actor category"),
        ({"fatalities": "many"}, "field 'fatalities': 'many' is not a whole number"),
        ({"latitude": "north"}, "field 'latitude':"),
        ({"event_id_cnty": "NA"}, "field 'event_id_cnty': is required"),
    ],
)
def test_bad_values_name_row_and_column(tmp_path, change, message):
    with pytest.raises(CommandError) as caught:
        call_command("import_data", str(export(tmp_path, [dict(ROWS[0], **change)])), verbosity=0)
    assert message in str(caught.value)
    assert not Event.objects.exists() and not Source.objects.exists()


def test_missing_and_extra_columns_are_refused(tmp_path):
    columns = [c for c in COLUMNS if c != "fatalities"] + ["colour"]
    with pytest.raises(CommandError) as caught:
        call_command("import_data", str(export(tmp_path, columns=columns)), "--format", "acled", verbosity=0)
    assert "missing column(s) fatalities" in str(caught.value) and "unknown column(s) 'colour'" in str(caught.value)


def test_duplicate_event_ids_are_refused(tmp_path):
    with pytest.raises(CommandError, match="duplicate 'acled-xkx1001'"):
        call_command("import_data", str(export(tmp_path, [ROWS[0], ROWS[0]])), verbosity=0)
