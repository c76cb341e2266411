"""Every admin page loads for staff, and change lists run a constant number of queries."""

import pytest
from django.urls import reverse

from events.models import Actor, Citation, Correction, Event, EventActor, EventType, Figure, Place
from events.models import Status
from sources.models import Source
from tests.factories import make_actor, make_event, make_figure, make_place

pytestmark = pytest.mark.django_db

MODELS = [Event, Actor, Place, EventType, Citation, EventActor, Figure, Source, Correction]


def populate(n):
    parent = make_actor()
    for _ in range(n):
        actor = make_actor(parent=parent)
        event = make_event(actors=[actor], places=[make_place()])
        event.corrections.create(text=f"Correction {_}.")
        make_figure(best=100 + _)


def admin_url(model, action, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{action}", args=args)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_changelist_add_and_change_pages_load(staff_client, model):
    populate(2)
    obj = model.objects.first()
    for url in (admin_url(model, "changelist"), admin_url(model, "add"), admin_url(model, "change", obj.pk)):
        assert staff_client.get(url).status_code == 200, url


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_changelist_queries_do_not_grow_with_rows(staff_client, count_queries, model):
    url = admin_url(model, "changelist")
    populate(2)
    few = count_queries(staff_client.get, url)
    populate(8)
    assert count_queries(staff_client.get, url) == few


def test_publish_action_refuses_events_without_citations(staff_client):
    cited = make_event(status=Status.REVIEW)
    uncited = make_event(status=Status.REVIEW)
    uncited.citations.all().delete()
    response = staff_client.post(
        admin_url(Event, "changelist"),
        {"action": "make_published", "_selected_action": [cited.pk, uncited.pk]},
        follow=True,
    )
    cited.refresh_from_db(), uncited.refresh_from_db()
    assert cited.status == Status.PUBLISHED
    assert uncited.status == Status.REVIEW
    assert "cites no source" in response.content.decode()


def test_review_and_unpublish_actions(staff_client):
    event = make_event(status=Status.DRAFT)
    for action, status in (("make_review", Status.REVIEW), ("make_unpublished", Status.UNPUBLISHED)):
        staff_client.post(admin_url(Event, "changelist"), {"action": action, "_selected_action": [event.pk]})
        event.refresh_from_db()
        assert event.status == status


def test_anonymous_users_are_sent_to_the_login(client):
    response = client.get(admin_url(Event, "changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.parametrize("field, model, term", [("event_type", "event", "Type"), ("places", "event", "Place"),
                                                ("source", "citation", "Source"), ("actor", "eventactor", "Actor")])
def test_autocomplete_answers(staff_client, field, model, term):
    populate(2)
    response = staff_client.get(reverse("admin:autocomplete"), {"app_label": "events", "model_name": model,
                                                                 "field_name": field, "term": term})
    assert response.status_code == 200 and response.json()["results"]
