"""Roles, publishing, the sourcing policy and previews, as each role meets them in the admin."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from events.models import Event
from events.models import Status
from tests.admin_forms import form_data
from tests.factories import make_event, make_event_type, make_source

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:events_event_changelist")


def change_url(event):
    return reverse("admin:events_event_change", args=[event.pk])


def run_action(client, action, event):
    """Run a change-list action on one event as the signed-in user; the event's status afterwards."""
    client.post(CHANGELIST, {"action": action, "_selected_action": [event.pk]})
    event.refresh_from_db()
    return event.status


def test_the_three_roles_exist_with_their_permissions():
    editor, reviewer, admin = (set(Group.objects.get(name=n).permissions.values_list("codename", flat=True))
                               for n in ("Editor", "Reviewer", "Administrator"))
    assert {"add_event", "change_event", "add_source", "change_citation", "delete_citation", "add_misnomer",
            "view_eventchange"} <= editor
    assert "publish_event" not in editor and "delete_event" not in editor and "delete_source" not in editor
    assert {"publish_event", "publish_figure", "delete_event", "delete_source"} <= reviewer
    assert editor < reviewer < admin and {"add_user", "change_group"} <= admin


def test_editor_writes_a_draft_and_sends_it_for_review(client, login):
    editor = login("Editor")
    event_type, source = make_event_type(), make_source()
    page = client.get(reverse("admin:events_event_add"))
    assert [value for value, _label in page.context["adminform"].form.fields["status"].choices] == ["draft", "review"]
    data = form_data(page, title="KFOR deploys", slug="kfor-deploys", summary="KFOR deploys.", dates="2021-10-02",
                     event_type=str(event_type.pk), status="draft",
                     **{"citations-0-source": str(source.pk), "citations-0-locator": "para. 2"})
    response = client.post(reverse("admin:events_event_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    event = Event.objects.get(slug="kfor-deploys")
    assert (event.status, event.created_by, event.status_changed_by) == (Status.DRAFT, editor, editor)
    assert run_action(client, "make_review", event) == Status.REVIEW


def test_editor_cannot_publish_or_delete(client, login):
    login("Editor")
    event = make_event(status=Status.REVIEW)
    actions = [name for name, _label in client.get(CHANGELIST).context["action_form"].fields["action"].choices]
    assert "make_published" not in actions and "make_unpublished" not in actions and "make_review" in actions
    assert run_action(client, "make_published", event) == Status.REVIEW
    page = client.get(change_url(event))
    response = client.post(change_url(event), form_data(page, status="published", edit_summary="Publishing"))
    event.refresh_from_db()
    assert event.status == Status.REVIEW and response.status_code == 200  # "published" is not a choice for editors
    assert client.get(reverse("admin:events_event_delete", args=[event.pk])).status_code == 403


def test_editor_cannot_change_the_status_of_a_published_event(client, login):
    login("Editor")
    event = make_event(status=Status.PUBLISHED)
    page = client.get(change_url(event))
    assert "status" not in page.context["adminform"].form.fields
    response = client.post(change_url(event), form_data(page, title="Better title", edit_summary="Clearer title",
                                                         status="draft"))
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.status == Status.PUBLISHED  # the title waits for review: tests/events/test_review.py
    # Nor does the "in review" action take it off the site.
    assert run_action(client, "make_review", event) == Status.PUBLISHED


def test_reviewer_publishes_and_unpublishes(client, login):
    reviewer = login("Reviewer")
    event = make_event(status=Status.REVIEW)
    assert run_action(client, "make_published", event) == Status.PUBLISHED
    assert event.status_changed_by == reviewer and event.published_at
    assert event.revised_at == event.status_changed_at  # an editorial change: readers see it as "last updated"
    assert run_action(client, "make_unpublished", event) == Status.UNPUBLISHED


def test_publishing_without_a_citation_is_refused_and_says_what_to_add(client, login):
    login("Reviewer")
    event = make_event(status=Status.REVIEW)
    event.citations.all().delete()
    page = client.get(change_url(event))
    response = client.post(change_url(event), form_data(page, status="published", edit_summary="Publish"))
    assert response.status_code == 200
    assert "A published event must cite at least one source: add a citation below" in response.content.decode()
    event.refresh_from_db()
    assert event.status == Status.REVIEW
    response = client.post(CHANGELIST, {"action": "make_published", "_selected_action": [event.pk]}, follow=True)
    assert "cites no source. Add a citation first." in response.content.decode()


def test_removing_the_last_citation_of_a_published_event_is_refused(client, login):
    login("Reviewer")
    event = make_event(status=Status.PUBLISHED)
    page = client.get(change_url(event))
    response = client.post(change_url(event), form_data(page, edit_summary="Drop source", **{"citations-0-DELETE": "on"}))
    assert response.status_code == 200 and event.citations.count() == 1


def test_only_administrators_manage_accounts(client, login):
    login("Reviewer")
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    login("Administrator")
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 200


def test_staff_preview_drafts_with_a_banner_readers_get_404(client, login):
    event = make_event(status=Status.DRAFT, title="Unreleased")
    assert client.get(event.get_absolute_url()).status_code == 404
    login("Editor")
    html = client.get(event.get_absolute_url()).content.decode()
    assert "Preview:" in html and "Unreleased" in html and 'name="robots" content="noindex"' in html


def test_dashboard_links_to_what_needs_attention(client, login):
    login("Editor")
    make_event(status=Status.REVIEW)
    uncited = make_event()
    uncited.citations.all().delete()
    make_source(title="Unused source")
    html = client.get(reverse("admin:index")).content.decode()
    assert "/admin/events/legalprovision/?status__exact=review" in html and "Legal provisions waiting for review" in html
    for label, link in (("Drafts waiting for review", "?status__exact=review"), ("Events without citations", "?sourcing=none"),
                        ("Events resting on a single source", "?sourcing=single"), ("Sources cited by nothing", "?use=unused"),
                        ("Sources with dead links", "?link=dead")):
        assert label in html and link in html
    listed = client.get(CHANGELIST + "?sourcing=none").context["cl"].result_list
    assert list(listed) == [uncited]
