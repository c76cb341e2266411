"""
ACLED's actor categories and interactions: current exports write them as text ("Political militia",
"Political militia-State forces"), older ones as codes (3, 13). Both, and a mix of both, import to the
same records; anything else is refused by file, row and field. The fixtures follow ACLED's codebook:
1 State forces, 2 Rebel groups, 3 Political militias, 4 Identity militias, 5 Rioters, 6 Protesters,
7 Civilians, 8 External/Other forces; an interaction joins the two sides' categories.
"""

import pytest
from django.core.management import CommandError, call_command

from events.exchange.formats.acled import COLUMNS
from events.exchange.importers import dataset_import
from events.models import Actor, Event
from sources.models import Source
from tests.csv_files import write_csv

pytestmark = pytest.mark.django_db


def event(number, actor1, inter1, actor2, inter2, interaction, **changes):
    return {"event_id_cnty": f"XKX20{number:02d}", "event_date": f"{number} March 2024", "year": "2024",
            "time_precision": "1", "disorder_type": "Political violence", "event_type": "Riots",
            "sub_event_type": "Violent demonstration", "actor1": actor1, "assoc_actor_1": "", "inter1": inter1,
            "actor2": actor2, "assoc_actor_2": "", "inter2": inter2, "interaction": interaction,
            "civilian_targeting": "", "iso": "0", "region": "Europe", "country": "Kosovo", "admin1": "Mitrovice",
            "admin2": "Zvecan", "admin3": "", "location": "Zvecan", "latitude": "42.9075", "longitude": "20.8403",
            "geo_precision": "1", "source": "Koha", "source_scale": "National", "notes": f"Event {number}.",
            "fatalities": "0", "tags": "", "timestamp": "1710000000", **changes}


# The same four events as a current export writes them, and as an older one did.
CURRENT = [
    event(1, "Police Forces of Kosovo (2008-)", "State forces", "Rioters (Kosovo)", "Rioters", "State forces-Rioters"),
    event(2, "Unidentified Armed Group (Kosovo)", "Political militia", "Police Forces of Kosovo (2008-)",
          "State forces", "Political militia-State forces"),  # the higher category first
    event(3, "Protesters (Kosovo)", "Protesters", "", "", "Protesters only"),
    event(4, "KFOR: NATO Kosovo Force", "External/Other forces", "Civilians (Kosovo)", "Civilians",
          "Civilians-External/Other forces"),
]
OLD = [
    event(1, "Police Forces of Kosovo (2008-)", "1", "Rioters (Kosovo)", "5", "15"),
    event(2, "Unidentified Armed Group (Kosovo)", "3", "Police Forces of Kosovo (2008-)", "1", "13"),
    event(3, "Protesters (Kosovo)", "6", "NA", "0", "60"),
    event(4, "KFOR: NATO Kosovo Force", "8", "Civilians (Kosovo)", "7", "78"),
]


def export(tmp_path, rows, name="acled.csv"):
    return write_csv(tmp_path / name, COLUMNS, rows)


def snapshot():
    """What an import made of the events and actors, to compare imports of differently written files."""
    events = {e.slug: (e.notes, sorted((ea.actor.slug, ea.role) for ea in e.event_actors.all()))
              for e in Event.objects.prefetch_related("event_actors__actor")}
    actors = sorted(Actor.objects.values_list("slug", "kind", "description"))
    return events, actors


def test_a_current_export_imports_with_its_categories_and_interactions(tmp_path):
    report = dataset_import(paths=[export(tmp_path, CURRENT)])
    assert report.counts["events"]["created"] == 4
    militia = Actor.objects.get(name="Unidentified Armed Group (Kosovo)")
    assert (militia.kind, militia.description) == ("force", "ACLED category: Political militias.")
    assert Actor.objects.get(name="Civilians (Kosovo)").kind == "community"
    assert "interaction: State forces-Political militias;" in Event.objects.get(slug="acled-xkx2002").notes
    assert "interaction: Protesters only;" in Event.objects.get(slug="acled-xkx2003").notes


def test_old_numeric_current_text_and_mixed_exports_make_the_same_records(tmp_path):
    dataset_import(paths=[export(tmp_path, OLD)])
    from_codes = snapshot()
    for rows in (CURRENT, [OLD[0], CURRENT[1], OLD[2], CURRENT[3]]):
        report = dataset_import(paths=[export(tmp_path, rows)])
        assert snapshot() == from_codes
        assert report.counts["events"] == {"unchanged": 4}
        assert report.counts["actors"] == {"unchanged": 6}


def test_a_mixed_export_imports_and_reimports_unchanged(tmp_path):
    mixed = export(tmp_path, [OLD[0], CURRENT[1], OLD[2], CURRENT[3]])
    assert dataset_import(paths=[mixed]).counts["events"]["created"] == 4
    again = dataset_import(paths=[mixed])
    assert all(set(counts) <= {"unchanged"} for counts in again.counts.values()), again.counts


@pytest.mark.parametrize("inter1, interaction", [
    ("STATE FORCES", "state forces-rioters"),  # any case
    ("State Forces", "Rioters-State Forces"),  # either order
    ("State force", "State forces-Rioters"),  # singular or plural, as the codebook's headings write them
    ("1.0", "15.0"),  # codes written as decimals by a spreadsheet
])
def test_categories_and_interactions_are_read_in_the_forms_acled_writes(tmp_path, inter1, interaction):
    dataset_import(paths=[export(tmp_path, [dict(CURRENT[0], inter1=inter1, interaction=interaction)])])
    assert "interaction: State forces-Rioters;" in Event.objects.get().notes


@pytest.mark.parametrize("change, message", [
    ({"inter1": "Aliens"}, "field 'inter1': 'Aliens' is not an ACLED actor category"),
    ({"inter2": "9"}, "field 'inter2': '9' is not an ACLED actor category"),
    ({"interaction": "State forces+Rioters"}, "field 'interaction': 'State forces+Rioters' is not an ACLED interaction"),
    ({"interaction": "State forces-Rioters-Civilians"}, "field 'interaction': 'State forces-Rioters-Civilians' is not"),
    ({"interaction": "95"}, "field 'interaction': '95' is not an ACLED interaction"),
    ({"interaction": "Sole rioters"}, "field 'interaction': 'Sole rioters' is not an ACLED interaction"),
    ({"interaction": "State forces-Protesters"},
     "field 'interaction': 'State forces-Protesters' does not match inter1 and inter2 (State forces-Rioters)"),
    ({"interaction": "17"}, "field 'interaction': '17' does not match inter1 and inter2 (State forces-Rioters)"),
    ({"interaction": "State forces only"},
     "field 'interaction': 'State forces only' does not match inter1 and inter2 (State forces-Rioters)"),
])
def test_anything_else_is_refused_by_file_row_and_field(tmp_path, change, message):
    rows = [CURRENT[1], dict(CURRENT[0], **change)]
    with pytest.raises(CommandError) as caught:
        call_command("import_data", str(export(tmp_path, rows)), verbosity=0)
    assert f"acled.csv, row 3, {message}" in str(caught.value)
    assert not Event.objects.exists() and not Actor.objects.exists() and not Source.objects.exists()
