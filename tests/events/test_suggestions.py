"""Readers' corrections: the form of an event's page, its throttle, honeypot and validation, and what it stores."""

import re

import pytest
from django.test import Client

from events.models import Status, Suggestion
from tests.factories import make_event

pytestmark = pytest.mark.django_db

GOOD = {"text": "The date is wrong: it was the 12th, not the 11th.", "source_url": "https://example.org/report",
        "email": "reader@example.org", "homepage": ""}




def url(event):
    return f"/events/{event.slug}/suggest/"


def test_the_event_page_links_to_the_form_which_carries_a_csrf_token(client):
    event = make_event(slug="withdrawal")
    assert f'href="{url(event)}"' in client.get(f"/events/{event.slug}/").content.decode()
    form = client.get(url(event))
    html = form.content.decode()
    assert form.status_code == 200 and 'name="csrfmiddlewaretoken"' in html and 'name="homepage"' in html
    assert "no-cache" in form["Cache-Control"] and "private" in form["Cache-Control"]


def test_a_suggestion_lands_in_the_queue_and_the_reader_is_thanked(client):
    event = make_event()
    response = client.post(url(event), GOOD)
    assert response.status_code == 302 and response["Location"] == f"/events/{event.slug}/suggest/thanks/"
    suggestion = Suggestion.objects.get()
    assert (suggestion.event, suggestion.text, suggestion.source_url, suggestion.email) == (
        event, GOOD["text"], GOOD["source_url"], GOOD["email"])
    assert suggestion.state == Suggestion.State.PENDING and suggestion.decided_at is None
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200 and "will check it" in thanks.content.decode()


def test_the_form_takes_the_language_of_its_page(client):
    event = make_event()
    assert client.post(f"/sq{url(event)}", {"text": "Gabim."})["Location"] == f"/sq/events/{event.slug}/suggest/thanks/"
    assert Suggestion.objects.get().text == "Gabim."


def test_the_post_is_checked_against_csrf():
    event = make_event()
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(url(event), GOOD).status_code == 403
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', strict.get(url(event)).content.decode())[1]
    assert strict.post(url(event), {**GOOD, "csrfmiddlewaretoken": token}).status_code == 302
    assert Suggestion.objects.count() == 1


def test_a_filled_honeypot_is_dropped_and_answered_like_a_success(client):
    event = make_event()
    response = client.post(url(event), {**GOOD, "homepage": "http://spam.example/"})
    assert response.status_code == 302 and response["Location"].endswith("/suggest/thanks/")
    assert not Suggestion.objects.exists()


@pytest.mark.parametrize("data, field", [
    ({"text": ""}, "text"),
    ({"text": "   "}, "text"),
    ({"text": "x" * 2001}, "text"),
    ({"source_url": "not a link"}, "source_url"),
    ({"source_url": "javascript:alert(1)"}, "source_url"),
    ({"source_url": "ftp://example.org/file"}, "source_url"),
    ({"email": "not-an-address"}, "email"),
])
def test_bad_input_gets_the_form_again_with_a_message_and_400(client, data, field):
    event = make_event()
    response = client.post(url(event), {**GOOD, **data})
    html = response.content.decode()
    assert response.status_code == 400 and f'id="id_{field}_error"' in html and 'role="alert"' in html
    assert not Suggestion.objects.exists()


def test_what_a_reader_typed_is_escaped_when_the_form_comes_back(client):
    event = make_event()
    html = client.post(url(event), {**GOOD, "text": "<script>alert(1)</script>", "email": "x"}).content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_only_published_events_take_suggestions(client):
    draft = make_event(status=Status.DRAFT)
    assert client.get(url(draft)).status_code == 404
    assert client.post(url(draft), GOOD).status_code == 404
    assert client.get("/events/no-such-event/suggest/").status_code == 404
    assert client.put(url(make_event()), GOOD).status_code == 405
    assert not Suggestion.objects.exists()


def test_past_the_hourly_limit_a_client_gets_429_and_others_do_not(client, settings, real_cache):
    settings.KFOR_SUGGESTIONS_PER_HOUR = 3
    event = make_event()
    assert [client.post(url(event), GOOD).status_code for _ in range(3)] == [302, 302, 302]
    refused = client.post(url(event), GOOD)
    assert refused.status_code == 429 and 1 <= int(refused["Retry-After"]) <= 3600
    assert "Too many suggestions" in refused.content.decode()
    # Spam and bad input count too: the limit is on posts, whatever they hold.
    assert client.post(url(event), {**GOOD, "homepage": "x"}).status_code == 429
    assert client.post(url(event), GOOD, REMOTE_ADDR="192.0.2.7").status_code == 302
    assert Suggestion.objects.count() == 4


def test_the_form_page_costs_the_same_queries_however_many_suggestions_wait(client, count_queries):
    event = make_event()
    queries = count_queries(client.get, url(event))
    for _ in range(20):
        Suggestion.objects.create(event=event, text="Wrong.")
    assert count_queries(client.get, url(event)) == queries <= 3


def test_a_bad_link_gets_one_message(client):
    html = client.post(url(make_event()), {**GOOD, "source_url": "ftp://example.org/file"}).content.decode()
    assert html.count('class="error"') == 1
