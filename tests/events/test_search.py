"""Search works on both databases: PostgreSQL full-text, SQLite's fallback; the same page either way."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.models import Status
from tests.factories import make_actor, make_event, make_place, make_source

pytestmark = pytest.mark.django_db
URL = reverse("events:search")


@pytest.fixture
def corpus():
    police = make_actor(name="Kosovo Police", aliases="Policia e Kosovës")
    jarinje = make_place(name="Jarinje crossing", name_sq="Jarinjë")
    make_event(title="Licence plate dispute at the border", summary="Kosovo requires temporary licence plates.",
               actors=[police], places=[jarinje])
    make_event(title="Sticker regime", summary="Stickers replace the plates at the border crossings.")
    make_event(title="Working group", summary="A group meets on the plate dispute.", body="Chaired by the EU.")
    make_event(title="Secret draft about plates", summary="Plates.", status=Status.DRAFT)
    make_event(sources=[make_source(title="NATO increases patrols near Kosovo-Serbia border blockage", publisher="CNN")])


def result_titles(client, q):
    response = client.get(URL, {"q": q})
    assert response.status_code == 200
    return [e.title for e in response.context["events"]]


def test_finds_events_and_ranks_title_matches_first(client, corpus):
    titles = result_titles(client, "licence")
    assert titles[0] == "Licence plate dispute at the border"


def test_quoted_phrase(client, corpus):
    assert result_titles(client, '"border crossings"') == ["Sticker regime"]


def test_minus_excludes(client, corpus):
    titles = result_titles(client, "plates -sticker")
    assert "Sticker regime" not in titles and "Licence plate dispute at the border" in titles


def test_body_is_searched(client, corpus):
    assert result_titles(client, "chaired") == ["Working group"]


def test_drafts_are_never_found(client, corpus):
    assert "Secret draft about plates" not in result_titles(client, "plates")
    assert "Secret draft" not in client.get(URL, {"q": "secret"}).content.decode()


def test_actors_places_and_sources_are_searched(client, corpus):
    response = client.get(URL, {"q": "kosovo"})
    assert [a.name for a in response.context["actors"]] == ["Kosovo Police"]
    assert [s.publisher for s in response.context["sources"]] == ["CNN"]
    assert [p.name for p in client.get(URL, {"q": "Jarinjë"}).context["places"]] == ["Jarinje crossing"]


def test_snippets_highlight_matches_and_escape_text(client):
    make_event(title="Escaping", summary='The <b>plates</b> & "stickers" dispute.')
    html = client.get(URL, {"q": "plates"}).content.decode()
    assert "<mark>plates</mark>" in html
    assert "<b>" not in html.split('class="results"')[1]


def test_empty_and_odd_queries_do_not_fail(client, corpus):
    for q in ("", "   ", '"', "-", "-plates", "&|!:*", "a" * 500, "' OR 1=1 --"):
        assert client.get(URL, {"q": q}).status_code == 200, q


def test_a_query_no_database_can_hold_is_a_400_with_the_reason(client, corpus):
    response = client.get(URL, {"q": "plates\x00"})
    assert response.status_code == 400
    assert "Null characters are not allowed." in response.content.decode()


def test_a_long_query_is_cut_to_its_first_200_characters(client, corpus):
    response = client.get(URL, {"q": "licence " + "x" * 500})
    assert response.status_code == 200 and len(response.context["q"]) == 200


def test_actors_are_matched_in_any_of_their_names_best_first_and_without_excluded_words(client):
    make_event(actors=[make_actor(name="Regional Command North", aliases="RC-N"),
                       make_actor(name="Multinational Battle Group", description="Formerly Regional Command."),
                       make_actor(name="Regional Command West")])

    def names(q):
        return [a.name for a in client.get(URL, {"q": q}).context["actors"]]

    # A match in the name ranks before one elsewhere; among equals, the older record first.
    assert names("regional command") == ["Regional Command North", "Regional Command West", "Multinational Battle Group"]
    assert names("rc-n") == ["Regional Command North"]  # aliases, case aside
    assert names('"regional command" -west -formerly') == ["Regional Command North"]
    assert names("-") == []  # no word to look for


def test_a_query_in_cyrillic_finds_what_is_kept_in_latin_and_in_cyrillic(client):
    """Serbian content is kept in Latin and shown in Cyrillic at /sr-cyrl/: a reader's Cyrillic query must find it."""
    make_event(title="Patrol at the border", title_sr="Patrola na granici", summary="KFOR patrols the granici line.")
    make_event(title="Elsewhere", summary="Nothing to do with it.", actors=[
        make_actor(name="Ljubljana Group", name_sr="Ljubljanska grupa")], places=[
        make_place(slug="mitrovica", name="Mitrovica", name_sr="Kosovska Mitrovica")])
    make_event(sources=[make_source(title="Патрола на граници", publisher="Политика")])
    response = client.get("/sr-cyrl/search/", {"q": "граници"})
    assert response.status_code == 200
    assert [e.title for e in response.context["events"]] == ["Patrol at the border"]
    assert [s.title for s in response.context["sources"]] == ["Патрола на граници"]  # a title kept in Cyrillic
    assert "<mark>граници</mark>" in response.content.decode()
    assert [p.slug for p in client.get("/sr-cyrl/search/", {"q": "Митровица"}).context["places"]] == ["mitrovica"]
    assert [a.name for a in client.get("/sr-cyrl/search/", {"q": "љубљанска"}).context["actors"]] == ["Ljubljana Group"]
    timeline = client.get("/sr-cyrl/", {"q": "граници"})
    assert timeline.status_code == 200 and [e.title for e in timeline.context["events"]] == ["Patrol at the border"]
    # The Latin query finds the same event; a Cyrillic word that is in neither script finds nothing.
    assert result_titles(client, "granici") == ["Patrol at the border"]
    assert result_titles(client, "-граници patrol") == []
    assert client.get("/sr-cyrl/search/", {"q": "тенкови"}).context["total"] == 0
