"""History (django-reversion): who, when and why; compare, revert and restore; and edit conflicts between two editors."""

import pytest
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from events.models import Citation, Event
from tests.admin_forms import form_data
from tests.factories import make_actor, make_event, make_source

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer(django_user_model):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("rita", "rita@example.org", "a-long-password-1", is_staff=True)
    user.groups.add(Group.objects.get(name="Reviewer"))
    return user


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
    event = make_event(title="Shared")
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
