"""The sourcing policy (events.sourcing): each rule reports its breach, and lint_content --strict fails on it."""

import datetime

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from events.sourcing import sourcing_problems
from tests.factories import make_actor, make_event, make_place, make_source

pytestmark = pytest.mark.django_db

TRANSLATED = {"title_sq": "Titulli", "title_sr": "Naslov", "summary_sq": "Përmbledhje.", "summary_sr": "Sažetak."}


def problems():
    return {(p.kind, p.key, p.field, p.message) for p in sourcing_problems()}


def well_sourced(**overrides):
    sources = overrides.pop("sources", None) or [
        make_source(publisher="NATO", accessed_on=datetime.date(2026, 12, 6)),
        make_source(publisher="Reuters", accessed_on=datetime.date(2026, 12, 6)),
    ]
    return make_event(sources=sources, **{**TRANSLATED, **overrides})


def test_a_well_sourced_translated_key_event_passes():
    well_sourced(key_event=True, places=[make_place(latitude=42.6, longitude=21.1, name_sq="P", name_sr="P")],
                 actors=[make_actor(name_sq="A", name_sr="A")])
    assert problems() == set()


def test_an_event_resting_on_the_founding_article_alone_is_reported():
    founding = make_source(key=settings.FOUNDING_ARTICLE, url="", publisher="EIILIR")
    event = well_sourced(sources=[founding])
    assert ("events", event.slug, "citations", "cites nothing but the founding article") in problems()


def test_a_key_event_on_one_publisher_or_a_reprint_is_reported():
    read = datetime.date(2026, 12, 6)
    agency = make_source(publisher="Associated Press", accessed_on=read)
    reprint = make_source(publisher="Kitsap Sun", derived_from=agency, derivation="copy", accessed_on=read)
    twice = well_sourced(key_event=True, sources=[make_source(publisher="NATO", accessed_on=read),
                                                  make_source(publisher="NATO", accessed_on=read)])
    copied = well_sourced(key_event=True, sources=[agency, reprint])
    found = problems()
    message = "a key event needs two publishers, neither restating the other"
    assert ("events", twice.slug, "citations", message) in found
    assert ("events", copied.slug, "citations", message) in found


def test_a_source_with_a_url_and_no_access_date_is_reported():
    unread = make_source(accessed_on=None)
    well_sourced(sources=[unread])
    assert ("sources", unread.key, "accessed", "a source with a URL has no access date") in problems()


def test_a_place_of_a_published_event_without_coordinates_is_reported():
    place = make_place(name_sq="Jarinjë", name_sr="Jarinje")
    well_sourced(places=[place])
    assert ("places", place.slug, "lat", "a place of a published event has no coordinates") in problems()


def test_missing_translations_of_events_actors_and_places_are_reported():
    actor = make_actor()
    event = well_sourced(title_sr="", actors=[actor])
    found = problems()
    assert ("events", event.slug, "title_sr", "no translation") in found
    assert ("actors", actor.slug, "name_sq", "no translation") in found


def test_drafts_are_not_held_to_the_policy():
    founding = make_source(key=settings.FOUNDING_ARTICLE, url="", publisher="EIILIR")
    well_sourced(sources=[founding], status="draft", title_sq="")
    assert problems() == set()


def test_lint_content_strict_fails_on_a_breach():
    founding = make_source(key=settings.FOUNDING_ARTICLE, url="", publisher="EIILIR")
    well_sourced(sources=[founding])
    with pytest.raises(CommandError):
        call_command("lint_content", "--strict", verbosity=0)
