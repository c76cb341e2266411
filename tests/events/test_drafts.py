"""Drafts, events in review and unpublished events never reach readers, wherever they look."""

import pytest
from django.urls import reverse

from events.models import Status
from tests.factories import make_actor, make_event, make_figure, make_place, make_source

pytestmark = pytest.mark.django_db
HIDDEN = [Status.DRAFT, Status.REVIEW, Status.UNPUBLISHED]


@pytest.fixture(params=HIDDEN)
def hidden(request):
    actor, place, source = make_actor(slug="kfor"), make_place(slug="jarinje"), make_source(title="Only a draft cites me")
    make_event(title="Visible event", actors=[actor], places=[place])
    event = make_event(title="Zanzibar hidden event", summary="Zanzibar.", actors=[actor], places=[place],
                       sources=[source], status=request.param)
    return event, actor, place, source


def test_hidden_event_page_is_not_found(client, hidden):
    event = hidden[0]
    assert client.get(event.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    "url",
    ["/", "/?actor=kfor", "/?q=hidden", "/search/?q=hidden", "/feed/", "/actors/kfor/feed/", "/sitemap.xml",
     "/actors/kfor/", "/places/jarinje/", "/sources/"],
)
def test_hidden_event_appears_in_no_list(client, hidden, url):
    response = client.get(url)
    assert response.status_code == 200
    assert b"Zanzibar" not in response.content


def test_a_source_only_a_hidden_event_cites_is_not_public(client, hidden):
    source = hidden[3]
    assert client.get(source.get_absolute_url()).status_code == 404
    assert source.title.encode() not in client.get(reverse("events:sources")).content
    assert source.key.encode() not in client.get("/sitemap.xml").content


def test_draft_figures_are_not_charted(client):
    make_figure(best=12345, status=Status.DRAFT)
    assert b"12,345" not in client.get(reverse("events:figures")).content
