"""/api/v1/deleted/: the events readers could once see and no longer can, with when each was withdrawn."""

import datetime

import pytest
import reversion
from django.contrib.admin.models import DELETION, LogEntry
from django.utils import timezone

from events.models import Event
from tests.factories import bulk_events, make_event

pytestmark = pytest.mark.django_db


def saved_with_history(event):
    with reversion.create_revision():
        event.save()
    return event


def test_deleted_and_unpublished_events_are_listed_with_the_date_of_withdrawal(client, conforms):
    published_at = timezone.now() - datetime.timedelta(days=10)
    deleted = saved_with_history(make_event(slug="deleted-once-published", published_at=published_at))
    deleted.delete()
    changed = (timezone.now() - datetime.timedelta(days=2)).replace(microsecond=0)
    make_event(slug="unpublished-later", status="unpublished", published_at=published_at, status_changed_at=changed)
    make_event(slug="still-published", published_at=published_at)
    response = client.get("/api/v1/deleted/")
    body = conforms(response, "/api/v1/deleted/")
    assert [(r["slug"], r["reason"]) for r in body["results"]] == [
        ("deleted-once-published", "deleted"), ("unpublished-later", "unpublished")]
    assert all(r["kind"] == "event" for r in body["results"])
    unpublished = body["results"][1]
    assert datetime.datetime.fromisoformat(unpublished["withdrawn"].replace("Z", "+00:00")) == changed


def test_an_event_deleted_in_the_admin_is_dated_by_the_admin_log_of_its_deletion(client, django_user_model):
    published_at = timezone.now() - datetime.timedelta(days=10)
    event = saved_with_history(make_event(slug="deleted-in-admin", published_at=published_at))
    Event.objects.filter(pk=event.pk).update(updated_at=published_at)
    deleted_at = (timezone.now() - datetime.timedelta(days=3)).replace(microsecond=0)
    user = django_user_model.objects.create_user("reviewer-who-deleted")
    entry = LogEntry.objects.log_actions(user.pk, [event], DELETION, single_object=True)
    LogEntry.objects.filter(pk=entry.pk).update(action_time=deleted_at)
    event.delete()
    [record] = client.get("/api/v1/deleted/").json()["results"]
    assert datetime.datetime.fromisoformat(record["withdrawn"].replace("Z", "+00:00")) == deleted_at


def test_drafts_never_published_are_not_listed_whether_deleted_or_not(client):
    saved_with_history(make_event(slug="deleted-draft", status="draft")).delete()
    make_event(slug="draft", status="draft")
    make_event(slug="in-review", status="review")
    assert client.get("/api/v1/deleted/").json()["results"] == []


def test_a_slug_published_again_is_not_withdrawn(client):
    published_at = timezone.now() - datetime.timedelta(days=10)
    saved_with_history(make_event(slug="reused", published_at=published_at)).delete()
    make_event(slug="reused", published_at=timezone.now())
    assert client.get("/api/v1/deleted/").json()["results"] == []
    assert client.get("/api/v1/events/reused/").status_code == 200


def test_the_withdrawn_list_is_paged_by_slug(client):
    for slug in ("c", "a", "b"):
        make_event(slug=slug, status="unpublished", published_at=timezone.now())
    first = client.get("/api/v1/deleted/?page_size=2").json()
    second = client.get(first["next"]).json()
    assert [r["slug"] for r in first["results"] + second["results"]] == ["a", "b", "c"] and second["next"] is None
    assert not Event.objects.published().exists()


def _withdraw(n, prefix):
    """``n`` events unpublished after publication and ``n`` deleted after it, with their history."""
    published_at = timezone.now() - datetime.timedelta(days=10)
    unpublished = bulk_events(n, status="unpublished", prefix=f"{prefix}-off")
    Event.objects.filter(pk__in=[e.pk for e in unpublished]).update(published_at=published_at)
    with reversion.create_revision():
        deleted = bulk_events(n, prefix=f"{prefix}-gone")
        for event in deleted:
            event.published_at = published_at
            event.save()
    Event.objects.filter(pk__in=[e.pk for e in deleted]).delete()


def test_the_withdrawn_list_costs_the_same_queries_for_5_or_50_events(client, count_queries):
    _withdraw(5, "few")
    few = count_queries(client.get, "/api/v1/deleted/")
    assert client.get("/api/v1/deleted/").json()["results"]
    _withdraw(45, "many")
    assert count_queries(client.get, "/api/v1/deleted/") == few
    assert len(client.get("/api/v1/deleted/?page_size=100").json()["results"]) == 100
