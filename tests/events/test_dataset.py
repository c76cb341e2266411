"""The founding dataset, built by hand from the KFOR article: it loads, is fully sourced, and carries its corrections."""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db.models import Count

from events.exchange.importers import dataset_import
from events.models import Actor, Event, Figure
from sources.models import Source

pytestmark = pytest.mark.django_db


def test_loads_at_least_35_published_events_each_citing_a_source(founding_dataset):
    published = Event.objects.published()
    assert published.count() >= 35
    assert not published.annotate(n=Count("citations")).filter(n=0).exists()


def test_every_figure_has_a_source_and_kfor_troop_strength_is_charted(founding_dataset):
    figures = Figure.objects.published().filter(series="kfor-troops")
    assert figures.count() >= 4
    assert not Figure.objects.filter(source__isnull=True).exists()
    assert 4000 in figures.values_list("best", flat=True)  # the article's "4000 mila", corrected


def test_loading_twice_changes_nothing(founding_dataset):
    again = dataset_import(paths=[settings.FOUNDING_DATASET])
    for kind, counts in again.counts.items():
        assert counts["created"] == counts["updated"] == 0, kind


def test_if_empty_skips_a_database_that_has_events(founding_dataset, capsys):
    call_command("import_data", "--if-empty")
    assert "nothing imported" in capsys.readouterr().out


def test_corrections_are_applied_and_recorded(founding_dataset):
    assert Actor.objects.get(slug="nato").name == "North Atlantic Treaty Organization"
    assert not Event.objects.filter(title__icontains="National Atlantic").exists()
    assert not Event.objects.filter(summary__icontains="National Atlantic").exists()
    assert "Rule and Law" in Actor.objects.get(slug="eulex").corrections.get().text
    assert Actor.objects.get(slug="unmik").name == "United Nations Interim Administration Mission in Kosovo"
    working_group = Event.objects.get(slug="licence-plate-working-group-2021")
    assert working_group.start.isoformat() == "2021-10-21" and "October 21" in working_group.corrections.get().text


def test_every_correction_of_the_article_is_on_the_corrections_page(founding_dataset, client):
    from events.models import Correction

    html = client.get("/corrections/").content.decode()
    assert Correction.objects.count() >= 30
    for text in ("National Atlantic Treaty Organization", "4000 mila", "Rule and Law mission", "lists the Euronews report"):
        assert text in html


def test_the_duplicated_source_is_recorded_once(founding_dataset):
    assert Source.objects.filter(title__startswith="Serbia and Kosovo reach agreement on de-escalation").count() == 1


def test_dates_keep_the_precision_the_sources_support(founding_dataset):
    assert Event.objects.get(slug="march-2004-unrest").date_label == "17–18 March 2004"
    assert Event.objects.get(slug="nato-ministers-december-2008").date_label == "2–3 December 2008"
    assert Event.objects.get(slug="mitrovica-clashes-2021").date_label == "13 October 2021"
