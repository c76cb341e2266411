"""
The public history names what changed between two versions by the fields' own labels, in the reader's language:
Albanian and Serbian (Latin script; Django's own Serbian catalogue is Cyrillic, ours overrides it), never English.
"""

import re

import pytest
import reversion
from django.urls import reverse
from django.utils import translation

from events.history import public_fields
from events.models import Actor, Event, Place
from sources.models import Source
from tests.factories import make_actor, make_event

pytestmark = pytest.mark.django_db



def keep(record, user, **changes):
    for name, value in changes.items():
        setattr(record, name, value)
    with reversion.create_revision():
        record.save()
        reversion.set_user(user)


def diff_labels(client, url):
    html = client.get(url).content.decode()
    section = html.split('class="version-diff"', 1)[1].split("</section>", 1)[0]
    return re.findall(r"<dt>(.*?)</dt>", section)


@pytest.mark.parametrize("prefix, labels", [
    ("", ["Name", "Part of", "Name in Albanian", "Kind"]),
    ("/sq", ["Emri", "Pjesë e", "Emri në Shqip", "Lloji"]),
    ("/sr", ["Naziv", "Deo", "Naziv (Albanski)", "Vrsta"]),
])
def test_an_actors_diff_names_its_fields_in_the_readers_language(client, reviewer, prefix, labels):
    actor = make_actor(slug="kfor", name="Kosovo Force", kind="mission")
    make_event(actors=[actor])  # a published event names it: readers see it
    keep(actor, reviewer)
    keep(actor, reviewer, name="Kosovo Force (KFOR)", name_sq="Forca e Kosovës", parent=make_actor(), kind="force")
    url = prefix + reverse("events:actor-history", args=["kfor"]) + "?from=1&to=2"
    assert diff_labels(client, url) == labels


def test_an_events_changed_fields_are_listed_in_albanian(client, reviewer):
    event = make_event(slug="deploy", title="Deploy", summary="Old.")
    keep(event, reviewer)
    keep(event, reviewer, title="Deployment", body="Text.")
    html = client.get("/sq" + reverse("events:event-history", args=["deploy"])).content.decode()
    assert "titulli, teksti" in html and "title, body" not in html


@pytest.mark.parametrize("language", ["sq", "sr"])
def test_every_field_readers_see_in_a_history_has_its_own_translation(language):
    english = {}
    for model in (Event, Actor, Place, Source):
        for field in public_fields(model):
            english[f"{model.__name__}.{field.name}"] = str(field.verbose_name)
    with translation.override(language):
        shown = {name: str(field.verbose_name) for model in (Event, Actor, Place, Source)
                 for field in public_fields(model) for name in [f"{model.__name__}.{field.name}"]}
    # Names the same in every language: identifiers and acronyms.
    alike = {"Event.wikidata_id", "Actor.wikidata_id", "Place.wikidata_id", "Place.geonames_id", "Source.url"}
    untranslated = sorted(name for name in english if english[name] == shown[name] and name not in alike)
    assert untranslated == []
    assert not any(re.search(r"[\u0400-\u04FF]", text) for text in shown.values())  # Latin script, also in Serbian
