"""
Changes to published events wait for a reviewer; recovered events come back as drafts.
Each test names the rule it protects; each fails when the rule is taken out.
"""

import pytest
from django.urls import reverse
from reversion.models import Version

from events.models import Citation, Event, EventChange, Status
from tests.admin_forms import form_data
from tests.factories import make_event, make_source

pytestmark = pytest.mark.django_db
CHANGES = reverse("admin:events_eventchange_changelist")


def change_url(event):
    return reverse("admin:events_event_change", args=[event.pk])


def propose(client, event, **changes):
    page = client.get(change_url(event))
    return client.post(change_url(event), form_data(page, edit_summary="Clearer", **changes))


def decide(client, change, decision, reason=""):
    return client.post(reverse("admin:events_eventchange_decide", args=[change.pk, decision]), {"reason": reason})


def test_an_editors_change_to_a_published_event_waits_and_the_live_version_stays(client, login):
    login("Editor")
    event = make_event(title="Live title")
    response = propose(client, event, title="Proposed title")
    change = EventChange.objects.get(event=event)
    assert response.status_code == 302 and response["Location"] == reverse("admin:events_eventchange_change",
                                                                           args=[change.pk])
    event.refresh_from_db()
    assert event.title == "Live title" and change.state == EventChange.State.PENDING
    assert change.proposal["fields"] == {"title": "Proposed title"} and change.proposed_by.username == "editor"
    client.logout()
    assert "Live title" in client.get(event.get_absolute_url()).content.decode()


def test_staff_preview_the_pending_change_and_readers_never_see_it(client, login):
    event = make_event(title="Live title")
    login("Editor")
    propose(client, event, title="Proposed title", **{"citations-0-locator": "para. 99"})
    change = EventChange.objects.get()
    preview = client.get(f"{event.get_absolute_url()}?change={change.pk}").content.decode()
    assert "Proposed title" in preview and "para. 99" in preview and "waits for a reviewer" in preview
    assert f"?change={change.pk}" in client.get(event.get_absolute_url()).content.decode()  # the live page says so
    client.logout()
    public = client.get(f"{event.get_absolute_url()}?change={change.pk}").content.decode()
    assert "Live title" in public and "Proposed title" not in public and "para. 99" not in public


def test_the_dashboard_lists_changes_waiting_for_review(client, login):
    login("Editor")
    propose(client, make_event(), title="Proposed title")
    html = client.get(reverse("admin:index")).content.decode()
    assert "Changes to published events waiting for review" in html and "?state__exact=pending" in html
    assert list(client.get(CHANGES + "?state__exact=pending").context["cl"].result_list) == [EventChange.objects.get()]


def test_a_reviewer_approves_a_change_it_goes_live_and_the_history_keeps_both(client, login):
    event = make_event(title="Live title")
    new_source = make_source(title="A better source")
    login("Editor")
    propose(client, event, title="Proposed title", **{"citations-0-source": str(new_source.pk)})
    change = EventChange.objects.get()
    assert decide(client, change, "approve").status_code == 403  # editors do not decide
    login("Reviewer")
    assert decide(client, change, "approve").status_code == 302
    event.refresh_from_db()
    change.refresh_from_db()
    assert event.title == "Proposed title" and [c.source for c in event.citations.all()] == [new_source]
    assert change.state == EventChange.State.APPROVED and change.decided_by.username == "reviewer"
    comments = [v.revision.comment for v in Version.objects.get_for_object(event)]
    assert any("Approved the change proposed by editor: Clearer" in c for c in comments)
    assert decide(client, change, "approve").status_code == 302 and event.citations.count() == 1  # not twice


def test_a_rejected_change_is_kept_and_changes_nothing(client, login):
    event = make_event(title="Live title")
    login("Editor")
    propose(client, event, title="Proposed title")
    login("Reviewer")
    decide(client, EventChange.objects.get(), "reject", reason="The source says otherwise.")
    event.refresh_from_db()
    assert event.title == "Live title" and EventChange.objects.get().state == EventChange.State.REJECTED


def test_a_change_made_on_an_older_version_is_not_applied_over_a_newer_one(client, login):
    event = make_event(title="Live title")
    login("Editor")
    propose(client, event, title="Editor's title")
    login("Reviewer")
    propose(client, event, title="Reviewer's title")  # a reviewer's own edit goes live at once
    event.refresh_from_db()
    assert event.title == "Reviewer's title"
    response = decide(client, EventChange.objects.get(), "approve")
    event.refresh_from_db()
    assert event.title == "Reviewer's title" and EventChange.objects.get().state == EventChange.State.PENDING
    assert "was changed after this change was proposed" in client.get(response["Location"]).content.decode()


def test_an_editor_cannot_change_a_published_events_citation_on_its_own_page(client, login):
    event = make_event()
    citation = event.citations.get()
    login("Editor")
    url = reverse("admin:events_citation_change", args=[citation.pk])
    page = client.get(url)
    response = client.post(url, form_data(page, locator="para. 7", edit_summary="Locator"))
    assert response.status_code == 403 and Citation.objects.get().locator == "para. 1"
    add = reverse("admin:events_citation_add")
    response = client.post(add, form_data(client.get(add), event=str(event.pk), source=str(make_source().pk)))
    assert response.status_code == 200 and event.citations.count() == 1
    assert "make this change on the event" in response.content.decode()


def test_an_editor_cannot_revert_a_published_event(client, login):
    login("Reviewer")
    event = make_event(title="First")
    propose(client, event, title="Second")
    propose(client, event, title="Third")
    old = next(v for v in Version.objects.get_for_object(event) if v.field_dict["title"] == "Second")
    login("Editor")
    url = reverse("admin:events_event_revision", args=[event.pk, old.pk])
    response = client.post(url, form_data(client.get(url), edit_summary="Back"))
    event.refresh_from_db()
    assert response.status_code == 302 and event.title == "Third"


@pytest.mark.parametrize("role", ["Editor", "Reviewer"])
def test_a_recovered_event_comes_back_as_a_draft_whoever_restores_it(client, login, role):
    login("Reviewer")
    event = make_event(title="Deleted by mistake")
    propose(client, event, title="Deleted by mistake")  # a version in the history
    client.post(reverse("admin:events_event_delete", args=[event.pk]), {"post": "yes"})
    assert not Event.objects.exists()
    login(role, username=f"{role.lower()}-2")
    version = Version.objects.get_deleted(Event).get()
    url = reverse("admin:events_event_recover", args=[version.pk])
    response = client.post(url, form_data(client.get(url), edit_summary="Restored"))
    assert response.status_code == 302
    restored = Event.objects.get()
    assert restored.status == Status.DRAFT and restored.status_changed_by.username == f"{role.lower()}-2"
    client.logout()
    assert client.get(restored.get_absolute_url()).status_code == 404
