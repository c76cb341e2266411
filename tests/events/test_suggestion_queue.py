"""
The reviewers' queue of readers' suggestions: editors read it, only reviewers decide, every decision records who
and when, and accepting never publishes anything.
"""

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from events.models import Correction, Status, Suggestion
from events.suggestions import suggestion_decide
from tests.factories import make_event

pytestmark = pytest.mark.django_db
QUEUE = reverse("admin:events_suggestion_changelist")


@pytest.fixture
def suggestion():
    return Suggestion.objects.create(event=make_event(title="Jarinje"), text="Wrong date: it was the 26th.",
                                     source_url="https://example.org/jarinje", email="reader@example.org")


def page(suggestion):
    return reverse("admin:events_suggestion_change", args=[suggestion.pk])


def test_editors_read_the_queue_but_cannot_decide(client, login, suggestion):
    login("Editor")
    listing = client.get(QUEUE)
    assert listing.status_code == 200 and "Wrong date" in listing.content.decode()
    detail = client.get(page(suggestion)).content.decode()
    assert "reader@example.org" in detail and 'name="_accept"' not in detail
    assert client.post(page(suggestion), {"note": "Fine.", "_accept": "1"}).status_code == 403
    assert client.post(QUEUE, {"action": "accept_selected", "_selected_action": [suggestion.pk]}).status_code == 200
    suggestion.refresh_from_db()
    assert suggestion.state == Suggestion.State.PENDING and suggestion.decided_by is None
    assert client.post(reverse("admin:events_suggestion_delete", args=[suggestion.pk]), {"post": "yes"}).status_code == 403


def test_a_reviewer_accepts_with_a_note_and_who_and_when_are_recorded(client, login, suggestion):
    reviewer = login("Reviewer")
    assert 'name="_accept"' in client.get(page(suggestion)).content.decode()
    response = client.post(page(suggestion), {"note": "Checked against the KFOR press release.", "_accept": "1"})
    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.state == Suggestion.State.ACCEPTED and suggestion.note.startswith("Checked")
    assert suggestion.decided_by == reviewer and suggestion.decided_at is not None and suggestion.correction is None
    assert not Correction.objects.exists()  # accepting publishes nothing, and writes nothing public
    after = client.get(page(suggestion)).content.decode()
    assert 'name="_accept"' not in after and 'name="note"' not in after  # decided: read only


def test_accepting_with_a_draft_correction_leaves_it_for_review(client, login, suggestion):
    reviewer = login("Reviewer")
    client.post(page(suggestion), {"note": "The clash at Jarinje was on 26 July 2011.", "_accept_draft": "1"})
    suggestion.refresh_from_db()
    correction = suggestion.correction
    assert correction.status == Status.DRAFT and correction.status_changed_by == reviewer
    assert correction.record == suggestion.event and correction.text == "The clash at Jarinje was on 26 July 2011."
    client.logout()
    assert "26 July 2011" not in client.get("/corrections/").content.decode()
    assert "26 July 2011" not in client.get(suggestion.event.get_absolute_url()).content.decode()


def test_a_reviewer_declines_the_selected_suggestions_at_once(client, login, suggestion):
    reviewer = login("Reviewer")
    other = Suggestion.objects.create(event=suggestion.event, text="Spam")
    client.post(QUEUE, {"action": "decline_selected", "_selected_action": [suggestion.pk, other.pk]})
    assert set(Suggestion.objects.values_list("state", "decided_by")) == {(Suggestion.State.DECLINED, reviewer.pk)}


def test_the_service_refuses_editors_and_second_decisions(django_user_model, login, suggestion):
    editor = login("Editor", "another-editor")
    with pytest.raises(PermissionDenied):
        suggestion_decide(suggestion=suggestion, state=Suggestion.State.DECLINED, user=editor)
    reviewer = login("Reviewer")
    suggestion_decide(suggestion=suggestion, state=Suggestion.State.DECLINED, user=reviewer, note="Not wrong.")
    with pytest.raises(PermissionDenied):
        suggestion_decide(suggestion=suggestion, state=Suggestion.State.ACCEPTED, user=reviewer)
    suggestion.refresh_from_db()
    assert (suggestion.state, suggestion.note) == (Suggestion.State.DECLINED, "Not wrong.")
    assert not Correction.objects.filter(content_type=ContentType.objects.get_for_model(suggestion.event)).exists()


def test_nobody_adds_suggestions_in_the_admin(client, login):
    login("Administrator")
    assert client.get(reverse("admin:events_suggestion_add")).status_code == 403


def test_the_dashboard_counts_suggestions_waiting_for_review(client, login, suggestion):
    login("Editor")
    Suggestion.objects.create(event=suggestion.event, text="Decided", state=Suggestion.State.DECLINED,
                              decided_at=suggestion.received_at)
    html = client.get(reverse("admin:index")).content.decode()
    assert f'href="{QUEUE}?state__exact=pending"' in html
    assert re.search(r"Readers&#x27; suggestions waiting for review\D*1\b", html)
