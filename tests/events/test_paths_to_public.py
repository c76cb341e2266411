"""
Every path to the public goes through review: probes of the admin as an editor, a reviewer and a reader,
against the real views. Each test names the bypass it closes; each fails when its rule is taken out.
"""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from events.models import Correction, Figure, RecordChange, Status
from tests.admin_forms import form_data
from tests.factories import make_actor, make_event, make_figure

pytestmark = pytest.mark.django_db
EVENTS = reverse("admin:events_event_changelist")


def save(client, url, **changes):
    return client.post(url, form_data(client.get(url), edit_summary="Probe", **changes))


def reader():
    return Client()


def test_an_editors_revert_to_a_published_version_yields_a_draft(client, login):
    """The high-severity probe: unpublished by a reviewer, then reverted by an editor to the published version."""
    login("Reviewer")
    event = make_event(title="Once public")
    save(client, reverse("admin:events_event_change", args=[event.pk]), title="Once public, versioned")
    save(client, reverse("admin:events_event_change", args=[event.pk]), status=Status.DRAFT)
    published = next(v for v in Version.objects.get_for_object(event) if v.field_dict["status"] == Status.PUBLISHED)
    editor = login("Editor")
    response = save(client, reverse("admin:events_event_revision", args=[event.pk, published.pk]))
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.status == Status.DRAFT and event.status_changed_by == editor
    assert reader().get(event.get_absolute_url()).status_code == 404


def test_a_reviewers_revert_to_a_published_version_is_published_and_says_who(client, login):
    login("Reviewer")
    event = make_event(title="Once public")
    save(client, reverse("admin:events_event_change", args=[event.pk]), title="Once public, versioned")
    save(client, reverse("admin:events_event_change", args=[event.pk]), status=Status.DRAFT)
    published = next(v for v in Version.objects.get_for_object(event) if v.field_dict["status"] == Status.PUBLISHED)
    reviewer = login("Reviewer", username="rita")
    save(client, reverse("admin:events_event_revision", args=[event.pk, published.pk]))
    event.refresh_from_db()
    assert event.status == Status.PUBLISHED and event.status_changed_by == reviewer and event.status_changed_at


def add_correction(client, record, text):
    url = reverse("admin:events_correction_add")
    data = {"content_type": ContentType.objects.get_for_model(record).pk, "object_id": record.pk,
            "corrected_on": "2024-01-02", "text": text, "order": 0, "edit_summary": ""}
    return client.post(url, data)


def test_an_editors_correction_to_a_published_event_waits_for_review(client, login):
    event = make_event()
    login("Editor")
    assert add_correction(client, event, "Unreviewed correction").status_code == 302
    correction = Correction.objects.get()
    assert correction.status == Status.REVIEW
    for url in (event.get_absolute_url(), reverse("events:corrections")):
        assert "Unreviewed correction" not in reader().get(url).content.decode()
    login("Reviewer")
    client.post(reverse("admin:events_correction_changelist"),
                {"action": "publish_selected", "_selected_action": [correction.pk]})
    correction.refresh_from_db()
    assert correction.status == Status.PUBLISHED and correction.status_changed_by.username == "reviewer"
    for url in (event.get_absolute_url(), reverse("events:corrections")):
        assert "Unreviewed correction" in reader().get(url).content.decode()


def test_an_editors_change_to_a_published_correction_waits_for_review(client, login):
    event = make_event()
    login("Reviewer")
    add_correction(client, event, "Reviewed wording")
    correction = Correction.objects.get()
    assert correction.status == Status.PUBLISHED
    login("Editor")
    response = save(client, reverse("admin:events_correction_change", args=[correction.pk]), text="Editor wording")
    assert response.status_code == 302
    page = reader().get(reverse("events:corrections")).content.decode()
    assert "Editor wording" not in page
    assert Correction.objects.get().status == Status.REVIEW


def test_an_editors_correction_on_an_actors_page_waits_for_review(client, login):
    actor = make_actor(name="Reviewed actor")
    login("Editor")
    url = reverse("admin:events_actor_change", args=[actor.pk])
    page = client.get(url)
    prefix = page.context["inline_admin_formsets"][0].formset.prefix
    data = form_data(page, edit_summary="Probe", **{f"{prefix}-TOTAL_FORMS": "1", f"{prefix}-0-corrected_on": "2024-01-02",
                                                    f"{prefix}-0-text": "Unreviewed actor correction", f"{prefix}-0-order": "0"})
    assert client.post(url, data).status_code == 302
    assert Correction.objects.get().status == Status.REVIEW
    assert "Unreviewed actor correction" not in reader().get(actor.get_absolute_url()).content.decode()


def test_an_editors_change_to_a_published_figure_waits_for_review(client, login):
    figure = make_figure(best=10200)
    login("Editor")
    assert save(client, reverse("admin:events_figure_change", args=[figure.pk]), best="99999").status_code == 302
    figure.refresh_from_db()
    assert (figure.status, figure.best) == (Status.PUBLISHED, 10200)  # the live figure stays as it was
    assert RecordChange.objects.get().proposal["fields"] == {"best": 99999}
    page = reader().get(reverse("events:figures")).content.decode()
    assert "99,999" not in page and "10,200" in page


def test_a_figure_recovered_by_an_editor_comes_back_as_a_draft(client, login):
    login("Reviewer")
    figure = make_figure(best=10200)
    save(client, reverse("admin:events_figure_change", args=[figure.pk]), note="Versioned")
    client.post(reverse("admin:events_figure_delete", args=[figure.pk]), {"post": "yes"})
    assert not Figure.objects.exists()
    editor = login("Editor")
    version = Version.objects.get_deleted(Figure).get()
    response = save(client, reverse("admin:events_figure_recover", args=[version.pk]))
    assert response.status_code == 302
    figure = Figure.objects.get()
    assert figure.status == Status.DRAFT and figure.status_changed_by == editor


def test_status_actions_keep_a_version_that_names_who_moved_it(client, login):
    event = make_event(status=Status.DRAFT)
    reviewer = login("Reviewer")
    client.post(EVENTS, {"action": "make_published", "_selected_action": [event.pk]})
    version = Version.objects.get_for_object(event).first()
    assert version.field_dict["status"] == Status.PUBLISHED and version.revision.user == reviewer
