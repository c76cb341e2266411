"""History (django-reversion): who, when and why; compare, revert and restore; and edit conflicts between two editors."""

import pytest
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from events.models import Citation, Event, Status
from tests.admin_forms import form_data
from tests.factories import make_actor, make_event, make_source

pytestmark = pytest.mark.django_db



def editor_client(user):
    client = Client()
    client.force_login(user)
    return client


def edit(client, obj, admin_name, **changes):
    url = reverse(f"admin:{admin_name}_change", args=[obj.pk])
    return client.post(url, form_data(client.get(url), **changes))


def test_every_change_is_kept_with_who_when_and_the_edit_summary(reviewer):
    client = editor_client(reviewer)
    event = make_event(title="Original")
    response = edit(client, event, "events_event", title="Corrected", edit_summary="Fixed the title from the source")
    assert response.status_code == 302
    version = Version.objects.get_for_object(event).first()
    assert version.revision.user == reviewer
    assert version.revision.get_comment().startswith("Fixed the title from the source")
    assert version.field_dict["title"] == "Corrected"
    history = client.get(reverse("admin:events_event_history", args=[event.pk])).content.decode()
    assert "Fixed the title from the source" in history and "rita" in history


def test_a_change_needs_an_edit_summary(reviewer):
    client = editor_client(reviewer)
    event = make_event(title="Original")
    response = edit(client, event, "events_event", title="Changed", edit_summary="")
    assert response.status_code == 200 and "Say in a few words what you changed and why." in response.content.decode()


@pytest.mark.parametrize("admin_name, factory, field", [
    ("events_actor", make_actor, "name"), ("sources_source", make_source, "title"),
])
def test_other_records_keep_history_too(reviewer, admin_name, factory, field):
    client = editor_client(reviewer)
    obj = factory()
    assert edit(client, obj, admin_name, **{field: "Renamed", "edit_summary": "Renamed"}).status_code == 302
    assert Version.objects.get_for_object(obj).first().revision.get_comment().startswith("Renamed")


def test_compare_two_versions_and_revert_to_the_earlier(reviewer):
    client = editor_client(reviewer)
    event = make_event(title="First title")
    edit(client, event, "events_event", title="Second title", edit_summary="one")
    edit(client, event, "events_event", title="Third title", edit_summary="two")
    newer, older = Version.objects.get_for_object(event)[:2]
    compare = client.get(reverse("admin:events_event_compare", args=[event.pk]),
                         {"version_id1": older.pk, "version_id2": newer.pk})
    assert compare.status_code == 200 and "Second title" in compare.content.decode() and "Third title" in compare.content.decode()
    revision_url = reverse("admin:events_event_revision", args=[event.pk, older.pk])
    page = client.get(revision_url)
    response = client.post(revision_url, form_data(page, edit_summary="Back to the second title"))
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title == "Second title"


def test_a_deleted_event_is_restored_with_its_citations(reviewer):
    client = editor_client(reviewer)
    event = make_event(title="Deleted by mistake")
    edit(client, event, "events_event", summary="Edited once.", edit_summary="Summary")  # the version to restore
    pk = event.pk
    client.post(reverse("admin:events_event_delete", args=[pk]), {"post": "yes"})
    assert not Event.objects.filter(pk=pk).exists()
    deleted = Version.objects.get_deleted(Event).get(object_id=str(pk))
    recover_url = reverse("admin:events_event_recover", args=[deleted.pk])
    assert "Deleted by mistake" in client.get(reverse("admin:events_event_recoverlist")).content.decode()
    response = client.post(recover_url, form_data(client.get(recover_url), edit_summary="Restored"))
    assert response.status_code == 302
    restored = Event.objects.get(pk=pk)
    assert restored.title == "Deleted by mistake" and Citation.objects.filter(event=restored).count() == 1


def test_the_second_of_two_editors_is_refused_and_shown_the_first_change(reviewer, django_user_model):
    from django.contrib.auth.models import Group

    other = django_user_model.objects.create_user("omar", "omar@example.org", "a-long-password-1", is_staff=True)
    other.groups.add(Group.objects.get(name="Editor"))
    first, second = editor_client(other), editor_client(reviewer)
    event = make_event(title="Shared", status=Status.DRAFT)  # a draft: editors' changes to it go live at once
    url = reverse("admin:events_event_change", args=[event.pk])
    first_page, second_page = first.get(url), second.get(url)  # both open the record
    assert first.post(url, form_data(first_page, title="Omar's title", edit_summary="Omar's fix")).status_code == 302
    response = second.post(url, form_data(second_page, title="Rita's title", edit_summary="Rita's fix"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "omar changed this event" in html and "your changes were not saved" in html
    assert reverse("admin:events_event_history", args=[event.pk]) in html
    event.refresh_from_db()
    assert event.title == "Omar's title"  # nothing silently overwritten
    reloaded = second.get(url)
    assert second.post(url, form_data(reloaded, title="Rita's title", edit_summary="Rita's fix")).status_code == 302


def test_a_citation_changed_on_its_own_page_counts_as_a_change_to_its_event(reviewer):
    event = make_event(title="Shared")
    citation = event.citations.get()
    client = editor_client(reviewer)
    url = reverse("admin:events_event_change", args=[event.pk])
    opened = client.get(url)  # the event is open in one tab ...
    # ... and its citation is corrected in another
    assert edit(client, citation, "events_citation", locator="para. 9", edit_summary="Locator").status_code == 302
    event.refresh_from_db()
    assert event.updated_by == reviewer
    response = client.post(url, form_data(opened, title="Stale", edit_summary="Title"))
    assert response.status_code == 200 and "your changes were not saved" in response.content.decode()
    assert Citation.objects.get(pk=citation.pk).locator == "para. 9"


def test_deleting_an_actor_role_on_its_own_page_marks_the_event_changed(reviewer):
    event = make_event(actors=[make_actor()])
    before = Event.objects.get(pk=event.pk).updated_at
    role = event.event_actors.get()
    url = reverse("admin:events_eventactor_delete", args=[role.pk])
    assert editor_client(reviewer).post(url, {"post": "yes"}).status_code == 302
    assert Event.objects.get(pk=event.pk).updated_at > before


def test_moving_a_citation_to_another_event_marks_both_changed(reviewer):
    source, other = make_event(title="From", sources=[make_source(), make_source()]), make_event(title="To")
    citation = source.citations.first()
    before = {e.pk: e.updated_at for e in Event.objects.filter(pk__in=[source.pk, other.pk])}
    client = editor_client(reviewer)
    assert edit(client, citation, "events_citation", event=str(other.pk), edit_summary="Wrong event").status_code == 302
    after = {e.pk: e.updated_at for e in Event.objects.filter(pk__in=[source.pk, other.pk])}
    assert all(after[pk] > before[pk] for pk in before)


def test_the_only_citation_of_a_published_event_cannot_be_moved_away(reviewer):
    event, other = make_event(title="Sourced once"), make_event(title="Elsewhere")
    citation = event.citations.get()
    response = edit(editor_client(reviewer), citation, "events_citation", event=str(other.pk), edit_summary="Move")
    assert response.status_code == 200 and "only citation of a published event" in response.content.decode()
    assert Citation.objects.get(pk=citation.pk).event == event


def test_the_only_citation_of_a_published_event_cannot_be_deleted_on_its_page_or_in_bulk(reviewer):
    event = make_event(title="Sourced once")
    draft = make_event(title="Draft", status="draft")
    citation, draft_citation = event.citations.get(), draft.citations.get()
    client = editor_client(reviewer)
    page = client.post(reverse("admin:events_citation_delete", args=[citation.pk]), {"post": "yes"})
    assert page.status_code == 200 and "“Sourced once” is published and would cite no source" in page.content.decode()
    action = client.post(reverse("admin:events_citation_changelist"),
                         {"action": "delete_selected", "_selected_action": [citation.pk, draft_citation.pk], "post": "yes"})
    assert "would cite no source" in action.content.decode()
    assert Citation.objects.filter(pk__in=[citation.pk, draft_citation.pk]).count() == 2
    # a draft may lose its citations
    assert client.post(reverse("admin:events_citation_delete", args=[draft_citation.pk]), {"post": "yes"}).status_code == 302
    assert not Citation.objects.filter(pk=draft_citation.pk).exists()
