"""
The strict lint's findings (garbled numbers, misnomers) hold back publishing on every path, the form, the
bulk action and the approval of a change, until a reviewer overrides them with a reason, which is logged.
"""

import pytest
from django.urls import reverse
from reversion.models import Version

from events.models import Event, EventChange, LintOverride, Status
from events.services import event_lint_findings, events_set_status
from tests.admin_forms import form_data
from tests.factories import make_event

pytestmark = pytest.mark.django_db
GARBLED = "KFOR deploys with 4000 mila troops."
REASON = "The source writes it so; quoted as it stands."
CHANGELIST = reverse("admin:events_event_changelist")


def change_url(event):
    return reverse("admin:events_event_change", args=[event.pk])


def save(client, event, **changes):
    return client.post(change_url(event), form_data(client.get(change_url(event)), edit_summary="Edit", **changes))


def test_a_reviewer_cannot_publish_a_garbled_number_from_the_form_without_a_reason(client, login):
    login("Reviewer")
    event = make_event(status=Status.REVIEW, summary=GARBLED)
    response = save(client, event, status="published")
    event.refresh_from_db()
    assert response.status_code == 200 and event.status == Status.REVIEW
    assert "The lint holds back publishing: summary: garbled number" in response.content.decode()
    assert not LintOverride.objects.exists()


def test_a_reviewers_reason_publishes_it_and_is_logged_with_who_when_and_what(client, login):
    reviewer = login("Reviewer")
    event = make_event(status=Status.REVIEW, summary=GARBLED)
    response = save(client, event, status="published", lint_override=REASON)
    event.refresh_from_db()
    assert response.status_code == 302 and event.status == Status.PUBLISHED
    override = LintOverride.objects.get()
    assert (override.event, override.overridden_by, override.reason) == (event, reviewer, REASON)
    assert override.overridden_at is not None
    assert override.findings == [{"field": "summary", "message": "garbled number '4000 mila': write the figure once, in digits"}]
    assert REASON in Version.objects.get_for_object(event).first().revision.comment
    history = client.get(reverse("admin:events_event_history", args=[event.pk])).content.decode()
    assert 'id="lint-overrides"' in history and REASON in history
    assert save(client, event, title="Retitled").status_code == 302  # overridden once: it holds nothing back again


def test_a_published_events_text_is_held_too_when_a_reviewer_changes_it(client, login):
    login("Reviewer")
    event = make_event(summary="KFOR deploys.")
    save(client, event, summary=GARBLED)
    event.refresh_from_db()
    assert event.summary == "KFOR deploys."


def test_drafts_and_editors_are_only_warned(client, login):
    login("Editor")
    event = make_event(status=Status.DRAFT)
    response = save(client, event, summary=GARBLED, status="review")
    event.refresh_from_db()
    assert response.status_code == 302 and (event.summary, event.status) == (GARBLED, Status.REVIEW)
    assert 'name="lint_override"' not in client.get(change_url(event)).content.decode()  # only reviewers publish


def test_the_bulk_action_refuses_without_a_reason_and_publishes_with_one(client, login):
    reviewer = login("Reviewer")
    held, clean = make_event(status=Status.REVIEW, summary=GARBLED), make_event(status=Status.REVIEW)
    page = client.post(CHANGELIST, {"action": "make_published", "_selected_action": [held.pk, clean.pk]}, follow=True)
    assert "was not moved: the lint found summary: garbled number" in page.content.decode()
    held.refresh_from_db(), clean.refresh_from_db()
    assert (held.status, clean.status) == (Status.REVIEW, Status.PUBLISHED)
    client.post(CHANGELIST, {"action": "make_published", "_selected_action": [held.pk], "reason": REASON})
    held.refresh_from_db()
    assert held.status == Status.PUBLISHED
    assert LintOverride.objects.get().overridden_by == reviewer


def test_the_service_holds_back_a_caller_without_a_reason():
    event = make_event(status=Status.REVIEW, title="National Atlantic Treaty Organization meets")
    assert [w.message for w in event_lint_findings(event)] == [
        "'National Atlantic Treaty Organization' is a misnomer: write 'North Atlantic Treaty Organization'"]
    moved, refused = events_set_status(events=[event], status=Status.PUBLISHED, user=None)
    assert moved == 0 and "misnomer" in refused[0][1]


def test_approving_a_change_whose_text_the_lint_holds_needs_a_reason(client, login):
    event = make_event(summary="KFOR deploys.")
    login("Editor")
    save(client, event, summary=GARBLED)
    change = EventChange.objects.get()
    login("Reviewer")
    decide = reverse("admin:events_eventchange_decide", args=[change.pk, "approve"])
    page = client.post(decide, {"reason": ""}, follow=True).content.decode()
    change.refresh_from_db(), event.refresh_from_db()
    assert change.state == EventChange.State.PENDING and event.summary == "KFOR deploys." and "garbled number" in page
    client.post(decide, {"reason": REASON})
    change.refresh_from_db(), event.refresh_from_db()
    assert change.state == EventChange.State.APPROVED and event.summary == GARBLED
    assert LintOverride.objects.get().reason == REASON
    assert REASON in Version.objects.get_for_object(event).first().revision.comment


def test_the_overrides_list_runs_a_constant_number_of_queries(client, login, count_queries):
    login("Reviewer")
    url = reverse("admin:events_lintoverride_changelist")
    for _ in range(2):
        LintOverride.objects.create(event=make_event(), reason=REASON, findings=[])
    few = count_queries(lambda: client.get(url))
    for _ in range(4):
        LintOverride.objects.create(event=make_event(), reason=REASON, findings=[])
    assert count_queries(lambda: client.get(url)) == few
    override = LintOverride.objects.first()
    page = client.get(reverse("admin:events_lintoverride_change", args=[override.pk]))
    assert page.status_code == 200 and REASON in page.content.decode()
