"""A rejected change carries the reviewer's reason, and the editor who proposed it reads it where they look."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from events.models import EventChange
from tests.admin_forms import form_data
from tests.factories import make_event

pytestmark = pytest.mark.django_db
CHANGES = reverse("admin:events_eventchange_changelist")
REASON = "The order of battle in the source gives 1 June, not 1 July."


def propose(client, event, **changes):
    url = reverse("admin:events_event_change", args=[event.pk])
    client.post(url, form_data(client.get(url), edit_summary="Clearer", **changes))
    return EventChange.objects.get(event=event)


def reject(client, change, reason):
    return client.post(reverse("admin:events_eventchange_decide", args=[change.pk, "reject"]), {"reason": reason},
                       follow=True)


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_reviewer_cannot_reject_without_a_reason(client, login, reason):
    event = make_event()
    login("Editor")
    change = propose(client, event, title="Proposed title")
    login("Reviewer")
    response = reject(client, change, reason)
    change.refresh_from_db()
    assert change.state == EventChange.State.PENDING and change.decided_by is None
    assert "Give the reason for rejecting the change" in response.content.decode()


def test_the_bulk_rejection_needs_a_reason_too(client, login):
    login("Editor")
    change = propose(client, make_event(), title="Proposed title")
    login("Reviewer")
    client.post(CHANGES, {"action": "reject_selected", "_selected_action": [change.pk], "reason": ""})
    change.refresh_from_db()
    assert change.state == EventChange.State.PENDING
    client.post(CHANGES, {"action": "reject_selected", "_selected_action": [change.pk], "reason": REASON})
    change.refresh_from_db()
    assert (change.state, change.reason) == (EventChange.State.REJECTED, REASON)


def test_the_database_refuses_a_rejection_without_a_reason():
    change = EventChange.objects.create(event=make_event(), proposal={"fields": {}, "relations": {}}, summary="s",
                                        based_on=timezone.now())
    change.state, change.decided_at = EventChange.State.REJECTED, timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        change.save()


def test_the_editor_reads_the_reason_on_the_change_in_their_list_on_the_dashboard_and_in_the_history(client, login):
    event = make_event(title="Live title")
    login("Editor")
    change = propose(client, event, title="Proposed title")
    login("Reviewer")
    reject(client, change, REASON)
    change.refresh_from_db()
    assert (change.state, change.reason, change.decided_by.username) == (EventChange.State.REJECTED, REASON, "reviewer")

    client.force_login(change.proposed_by)
    page = client.get(reverse("admin:events_eventchange_change", args=[change.pk])).content.decode()
    assert REASON in page and 'id="decide"' not in page  # editors read the decision, and do not make it
    dashboard = client.get(reverse("admin:index")).content.decode()
    assert "Your changes a reviewer rejected, with the reason" in dashboard and "state__exact=rejected&amp;mine=yes" in dashboard
    mine = client.get(CHANGES + "?state__exact=rejected&mine=yes")
    assert list(mine.context["cl"].result_list) == [change] and REASON in mine.content.decode()
    history = client.get(reverse("admin:events_event_history", args=[event.pk])).content.decode()
    assert 'id="proposed-changes"' in history and REASON in history


def test_the_reason_is_escaped_where_it_is_shown(client, login):
    event = make_event()
    login("Editor")
    change = propose(client, event, title="Proposed title")
    login("Reviewer")
    reject(client, change, "<script>alert(1)</script>")
    for url in (reverse("admin:events_eventchange_change", args=[change.pk]),
                reverse("admin:events_event_history", args=[event.pk]), CHANGES):
        html = client.get(url).content.decode()
        assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html, url
