"""
Actors, places and event types are public only once published content uses them: a published event's actors, planner,
places and type, and the bodies and places above them in their trees. Until then no page, sitemap, API answer,
download, filter or search shows them, and an editor's change to one is saved at once; a change to one readers see
waits for review. A recovery brings back one record, and makes nothing public that was not.
"""

import io
import json
import zipfile

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from reversion.models import Version

from events.exchange.importers import dataset_import
from events.filters import record_choices
from events.models import Actor, Correction, Event, EventActor, EventType, Place, RecordChange, Status
from events.selectors import public_actors, public_places
from tests.admin_forms import form_data
from tests.events.exchange_helpers import minimal_document, write
from tests.factories import make_actor, make_event, make_event_type, make_place, make_source

pytestmark = pytest.mark.django_db
EVENTS = reverse("admin:events_event_changelist")


def read(url):
    response = Client().get(url)
    body = response.content
    if response.get("Content-Type", "").startswith("application/zip"):
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return response.status_code, "\n".join(archive.read(name).decode() for name in archive.namelist())
    return response.status_code, body.decode()


def shown(name, slug, model):
    """Where ``name`` or ``slug`` (an actor or a place) shows on the public surfaces that list every such record."""
    kind = model._meta.model_name
    lists = ["/sitemap.xml", f"/api/v1/{kind}s/", "/download/kfor-timeline.json", "/download/kfor-timeline.zip"]
    found = {url for url in lists for text in [read(url)[1]] if name in text or f"/{kind}s/{slug}/" in text}
    if f"/{kind}s/{slug}/" in read(f"/search/?q={name}")[1]:  # the results page repeats the query itself
        found.add("search")
    found |= {kind for value, _label in record_choices(model) if value == slug}
    for url in (reverse(f"events:{kind}", args=[slug]), reverse(f"events:{kind}-history", args=[slug]),
                f"/api/v1/{kind}s/{slug}/", *([reverse("events:actor-feed", args=[slug])] if model is Actor else [])):
        if read(url)[0] != 404:
            found.add(url)
    return found


def publish(client, login, event):
    login("Reviewer", username=f"reviewer-{event.pk}")
    client.post(EVENTS, {"action": "make_published", "_selected_action": [event.pk]})
    event.refresh_from_db()
    assert event.status == Status.PUBLISHED


@pytest.mark.parametrize("model", [Actor, Place])
def test_what_only_a_draft_uses_is_on_no_public_surface_until_a_reviewer_publishes_it(client, login, model):
    make_event(actors=[make_actor(name="Public actor")], places=[make_place(name="Public place")])
    record = (make_actor if model is Actor else make_place)(slug="draftonly", name="Draftonly record")
    relation = {"actors": [record]} if model is Actor else {"places": [record]}
    draft = make_event(status=Status.DRAFT, **relation)
    assert shown("Draftonly", "draftonly", model) == set()
    assert read(f"/?{model._meta.model_name}=draftonly")[0] == 400  # not a filter's choice
    publish(client, login, draft)
    assert len(shown("Draftonly", "draftonly", model)) == 9 + (model is Actor)


def test_an_unused_actor_or_place_is_in_no_list_either():
    make_event(actors=[make_actor()], places=[make_place()])
    make_actor(slug="unused-actor", name="Unusedactor")
    make_place(slug="unused-place", name="Unusedplace")
    assert shown("Unusedactor", "unused-actor", Actor) == shown("Unusedplace", "unused-place", Place) == set()


def test_the_planner_of_a_published_plan_is_public(client, login):
    planner = make_actor(slug="planner", name="Plannerbody")
    draft = make_event(status=Status.DRAFT, planned_by=planner)
    assert not public_actors().filter(pk=planner.pk).exists()
    publish(client, login, draft)
    assert read(planner.get_absolute_url())[0] == 200 and "Plannerbody" in read("/api/v1/actors/")[1]


def test_the_bodies_and_places_above_a_used_one_stay_public_and_list_only_public_parts():
    nato = make_actor(slug="nato", name="NATO")
    kfor = make_actor(slug="kfor", name="KFOR", parent=nato)
    unit = make_actor(slug="unit", name="Battlegroup", parent=kfor)
    make_actor(slug="unused-unit", name="Unusedunit", parent=nato)
    kosovo = make_place(slug="kosovo", name="Kosovo", kind="country")
    north = make_place(slug="north", name="Northern Kosovo", kind="region", parent=kosovo)
    make_event(title="Patrol at the crossing", actors=[unit], places=[make_place(slug="jarinje", parent=north)])
    assert set(public_actors().values_list("slug", flat=True)) == {"nato", "kfor", "unit"}
    assert set(public_places().values_list("slug", flat=True)) == {"kosovo", "north", "jarinje"}
    status, page = read(nato.get_absolute_url())
    assert status == 200 and "Patrol at the crossing" in page and kfor.get_absolute_url() in page
    assert "Unusedunit" not in page
    assert "Patrol at the crossing" in read(kosovo.get_absolute_url())[1]
    document = json.loads(read("/download/kfor-timeline.json")[1])
    assert [a["slug"] for a in document["actors"]] == ["kfor", "nato", "unit"]
    assert {value for value, _label in record_choices(Place)} == {"kosovo", "north", "jarinje"}


def test_the_public_actors_are_one_query_however_deep_the_tree():
    def cost():
        with CaptureQueriesContext(connection) as queries:
            list(public_actors())
        return len(queries)

    parent = make_actor()
    make_event(actors=[parent])
    shallow = cost()
    for _ in range(6):
        parent = make_actor(parent=parent)
    make_event(actors=[parent])
    assert cost() == shallow == 1 and public_actors().count() == 7


def test_the_corrections_of_an_unused_actor_are_not_shown():
    record = make_actor(name="Unused")
    Correction.objects.create(content_type=ContentType.objects.get_for_model(Actor), object_id=record.pk,
                              text="Hidden correction", status=Status.PUBLISHED)
    assert "Hidden correction" not in read(reverse("events:corrections"))[1]
    make_event(actors=[record])
    assert "Hidden correction" in read(reverse("events:corrections"))[1]


def test_an_event_type_only_drafts_have_is_in_no_filter_or_download(client, login):
    make_event(event_type=make_event_type(slug="deployment", name="Deployment"))
    draft = make_event(status=Status.DRAFT, event_type=make_event_type(slug="protest", name="Protestkind"))
    assert "protest" not in dict(record_choices(EventType))
    assert "Protestkind" not in read("/download/kfor-timeline.json")[1] + read("/")[1]
    publish(client, login, draft)
    assert "protest" in dict(record_choices(EventType)) and "Protestkind" in read("/download/kfor-timeline.json")[1]


# An editor's change: saved at once where no reader sees the record, kept for review where one does.

def admin_url(record, view="change", *args):
    return reverse(f"admin:{record._meta.app_label}_{record._meta.model_name}_{view}", args=[record.pk, *args])


def propose(client, record, **changes):
    return client.post(admin_url(record), form_data(client.get(admin_url(record)), edit_summary="Clearer", **changes))


KINDS = {
    "actor": (lambda: make_actor(name="Old name"), lambda record: {"actors": [record]}),
    "place": (lambda: make_place(name="Old name"), lambda record: {"places": [record]}),
    "event type": (lambda: make_event_type(name="Old name"), lambda record: {"event_type": record}),
}


@pytest.mark.parametrize("kind", KINDS)
def test_an_editors_change_to_what_only_drafts_use_is_saved_at_once(client, login, kind):
    make, use = KINDS[kind]
    record = make()
    make_event(status=Status.DRAFT, **use(record))
    login("Editor")
    assert propose(client, record, name="New name").status_code == 302
    record.refresh_from_db()
    assert record.name == "New name" and not RecordChange.objects.exists()


@pytest.mark.parametrize("kind", KINDS)
def test_an_editors_change_to_what_published_content_uses_waits_for_review(client, login, kind):
    make, use = KINDS[kind]
    record = make()
    event = make_event(**use(record))
    editor = login("Editor")
    assert propose(client, record, name="New name").status_code == 302
    record.refresh_from_db()
    change = RecordChange.objects.get()
    assert record.name == "Old name" and (change.record, change.proposed_by) == (record, editor)
    page = read(event.get_absolute_url())[1]
    assert "Old name" in page and "New name" not in page
    login("Reviewer")
    client.post(reverse("admin:events_recordchange_decide", args=[change.pk, "approve"]))
    record.refresh_from_db()
    assert record.name == "New name" and "New name" in read(event.get_absolute_url())[1]


def test_an_editor_does_not_revert_an_event_type_readers_see(client, login):
    record = make_event_type(name="First name")
    make_event(event_type=record)
    login("Reviewer")
    propose(client, record, name="Second name")
    propose(client, record, name="Third name")
    second = Version.objects.get_for_object(record).last()
    assert second.field_dict["name"] == "Second name"
    login("Editor")
    url = admin_url(record, "revision", second.pk)
    client.post(url, form_data(client.get(url), edit_summary="Back"))
    record.refresh_from_db()
    assert record.name == "Third name"


def test_the_parent_of_a_used_actor_waits_for_review_too(client, login):
    parent = make_actor(name="Old name")
    make_event(actors=[make_actor(parent=parent)])
    login("Editor")
    propose(client, parent, name="New name")
    parent.refresh_from_db()
    assert parent.name == "Old name" and RecordChange.objects.get().record == parent


# Recovery: one record comes back, public only if published content uses it.

def delete_and_recover(client, login, record, **changes):
    """A reviewer saves ``record`` (so it has a version) and deletes it; an editor recovers it."""
    login("Reviewer", username="deleting-reviewer")
    propose(client, record, **changes)
    client.post(admin_url(record, "delete"), {"post": "yes"})
    model = type(record)
    assert not model.objects.filter(pk=record.pk).exists()
    login("Editor", username="recovering-editor")
    version = Version.objects.get_deleted(model).get()
    url = reverse(f"admin:{record._meta.app_label}_{model._meta.model_name}_recover", args=[version.pk])
    response = client.post(url, form_data(client.get(url), edit_summary="Recovered"))
    assert response.status_code == 302
    return model.objects.get(pk=record.pk)


@pytest.mark.parametrize("make", [make_actor, make_place])
def test_a_recovered_actor_or_place_is_not_public(client, login, make):
    make_event(actors=[make_actor()], places=[make_place()])
    record = delete_and_recover(client, login, make(slug="recovered"), name="Recoveredname")
    kind = record._meta.model_name
    assert shown("Recoveredname", "recovered", type(record)) == set()
    assert not (public_actors() if kind == "actor" else public_places()).filter(pk=record.pk).exists()


def test_a_recovered_source_is_not_public(client, login):
    make_event()
    source = delete_and_recover(client, login, make_source(key="recovered", title="Recoveredtitle"), notes="Kept")
    assert read(source.get_absolute_url())[0] == 404
    assert "Recoveredtitle" not in read("/sources/")[1] + read("/download/kfor-timeline.json")[1]


def test_recovering_an_imported_actor_restores_no_other_record_of_the_import(client, login, tmp_path):
    """
    An import keeps every record it wrote in one revision. Recovering an actor from it restores the actor alone: not
    the event a reviewer unpublished and took the actor off, which the whole revision holds published, with the actor.
    """
    document = minimal_document()
    document["actors"].append({"slug": "gone", "name": "Goneactor", "short_name": "", "kind": "force", "aliases": [],
                               "description": "", "parent": None, "wikidata": "", "notes": ""})
    document["events"][0]["actors"].append({"actor": "gone", "role": "participant"})
    dataset_import(paths=[write(tmp_path, document)])
    event = Event.objects.get()
    Event.objects.filter(pk=event.pk).update(status=Status.UNPUBLISHED, title="Reviewed title")
    EventActor.objects.filter(actor__slug="gone").delete()
    Actor.objects.get(slug="gone").delete()
    login("Editor")
    version = Version.objects.get_deleted(Actor).get()
    url = reverse("admin:events_actor_recover", args=[version.pk])
    assert client.post(url, form_data(client.get(url), edit_summary="Recovered")).status_code == 302
    event.refresh_from_db()
    assert (event.status, event.title) == (Status.UNPUBLISHED, "Reviewed title")
    assert not EventActor.objects.filter(actor__slug="gone").exists()
    assert Actor.objects.filter(slug="gone").exists() and read("/actors/gone/")[0] == 404
