"""
Legal provisions, and what an editor adds to published records (legal bases, citations, claims), go through review
like everything else: probes of the admin as an editor, a reviewer and a reader, against the real views. Each test
names the bypass it closes; each fails when its rule is taken out.
"""

import pytest
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from events.models import EventChange, LegalProvision, RecordChange, Status
from tests.admin_forms import form_data
from tests.factories import make_event, make_figure, make_provision, make_source

pytestmark = pytest.mark.django_db
PROVISIONS = reverse("admin:events_legalprovision_changelist")
DOWNLOAD = "/download/kfor-timeline.json"


def save(client, url, **changes):
    return client.post(url, form_data(client.get(url), edit_summary="Probe", **changes))


def add_provision(client, **changes):
    url = reverse("admin:events_legalprovision_add")
    fields = {"slug": "unscr-1244-para-9", "instrument": "UN Security Council Resolution 1244",
              "provision": "paragraph 9", "summary": "Unreviewed provision", "order": "9", **changes}
    return client.post(url, form_data(client.get(url), **fields))


def read(*urls):
    """What an anonymous reader gets from ``urls``, as one text."""
    reader = Client()
    return "\n".join(reader.get(url).content.decode() for url in urls)


def test_a_provision_an_editor_adds_is_public_only_once_a_reviewer_publishes_it(client, login):
    event = make_event(title="Published event")
    editor = login("Editor")
    assert add_provision(client, status=Status.REVIEW).status_code == 302
    provision = LegalProvision.objects.get()
    assert provision.status == Status.REVIEW and provision.status_changed_by == editor
    event.legal_bases.add(provision)
    surfaces = (reverse("events:provisions"), event.get_absolute_url(), DOWNLOAD, "/sitemap.xml")
    assert "Unreviewed provision" not in read(*surfaces)
    assert provision.get_absolute_url() not in read(*surfaces)
    assert Client().get(provision.get_absolute_url()).status_code == 404

    reviewer = login("Reviewer")
    client.post(PROVISIONS, {"action": "publish_selected", "_selected_action": [provision.pk]})
    provision.refresh_from_db()
    assert provision.status == Status.PUBLISHED and provision.status_changed_by == reviewer
    assert Version.objects.get_for_object(provision).first().revision.user == reviewer
    assert "Unreviewed provision" in read(reverse("events:provisions"), DOWNLOAD)
    assert provision.get_absolute_url() in read(event.get_absolute_url(), "/sitemap.xml")
    assert "Published event" in read(provision.get_absolute_url())


def test_an_editor_publishes_a_provision_neither_by_its_form_nor_by_an_action(client, login):
    login("Editor")
    assert add_provision(client, status=Status.PUBLISHED).status_code == 200  # not a choice an editor has
    assert not LegalProvision.objects.exists()
    draft = make_provision(status=Status.DRAFT, summary="Draft provision")
    client.post(PROVISIONS, {"action": "publish_selected", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert "Draft provision" not in read(reverse("events:provisions"))


def test_an_editors_change_to_a_published_provision_waits_for_review(client, login):
    provision = make_provision(summary="Reviewed summary")
    login("Editor")
    page = client.get(reverse("admin:events_legalprovision_change", args=[provision.pk])).content.decode()
    assert "your changes will wait for a reviewer" in page  # the editor is told before saving
    response = save(client, reverse("admin:events_legalprovision_change", args=[provision.pk]), summary="Editor summary")
    assert response.status_code == 302
    provision.refresh_from_db()
    assert (provision.status, provision.summary) == (Status.PUBLISHED, "Reviewed summary")
    assert RecordChange.objects.get().proposal["fields"] == {"summary": "Editor summary"}
    public = read(reverse("events:provisions"), DOWNLOAD)
    assert "Editor summary" not in public and "Reviewed summary" in public


def test_an_editors_revert_of_a_provision_to_its_published_version_yields_a_draft(client, login):
    login("Reviewer")
    assert add_provision(client, status=Status.PUBLISHED).status_code == 302
    provision = LegalProvision.objects.get()
    client.post(PROVISIONS, {"action": "unpublish_selected", "_selected_action": [provision.pk]})
    assert LegalProvision.objects.get().status == Status.UNPUBLISHED
    published = next(v for v in Version.objects.get_for_object(provision) if v.field_dict["status"] == Status.PUBLISHED)
    editor = login("Editor")
    assert save(client, reverse("admin:events_legalprovision_revision", args=[provision.pk, published.pk])).status_code == 302
    provision.refresh_from_db()
    assert provision.status == Status.DRAFT and provision.status_changed_by == editor
    assert Client().get(provision.get_absolute_url()).status_code == 404


def test_a_provision_recovered_by_a_reviewer_comes_back_as_a_draft(client, login):
    login("Reviewer")
    provision = make_provision(summary="Deleted provision")
    save(client, reverse("admin:events_legalprovision_change", args=[provision.pk]), text="Versioned")
    client.post(reverse("admin:events_legalprovision_delete", args=[provision.pk]), {"post": "yes"})
    assert not LegalProvision.objects.exists()
    version = Version.objects.get_deleted(LegalProvision).get()
    assert save(client, reverse("admin:events_legalprovision_recover", args=[version.pk])).status_code == 302
    assert LegalProvision.objects.get().status == Status.DRAFT
    assert "Deleted provision" not in read(reverse("events:provisions"))


def test_a_legal_basis_an_editor_adds_to_a_published_event_waits_for_review(client, login):
    event = make_event()
    provision = make_provision(summary="Named by the change")
    login("Editor")
    response = save(client, reverse("admin:events_event_change", args=[event.pk]), legal_bases=[str(provision.pk)])
    assert response.status_code == 302
    assert EventChange.objects.get().proposal["relations"]["legal_bases"] == [provision.pk]
    assert not event.legal_bases.exists()
    assert provision.get_absolute_url() not in read(event.get_absolute_url())


def test_a_citation_an_editor_adds_to_a_published_event_waits_for_review(client, login):
    event = make_event()
    source = make_source(title="Unreviewed citation source")
    login("Editor")
    url = reverse("admin:events_event_change", args=[event.pk])
    page = client.get(url)
    prefix = next(f.formset.prefix for f in page.context["inline_admin_formsets"] if f.formset.model.__name__ == "Citation")
    data = form_data(page, edit_summary="Probe", **{f"{prefix}-1-source": str(source.pk), f"{prefix}-1-locator": "p. 99"})
    assert client.post(url, data).status_code == 302
    assert EventChange.objects.filter(event=event).exists() and event.citations.count() == 1
    assert "Unreviewed citation source" not in read(event.get_absolute_url(), DOWNLOAD)
    # Nor on the citations' own page, where a published event's citations are a reviewer's to change.
    response = save(client, reverse("admin:events_citation_add"), event=str(event.pk), source=str(source.pk), order="1")
    assert response.status_code == 200 and event.citations.count() == 1


def test_a_claim_an_editor_adds_to_a_published_figure_is_not_shown_until_review(client, login):
    figure = make_figure(best=10200)
    login("Editor")
    url = reverse("admin:events_figure_change", args=[figure.pk])
    page = client.get(url)
    prefix = next(f.formset.prefix for f in page.context["inline_admin_formsets"] if f.formset.model.__name__ == "Claim")
    data = form_data(page, edit_summary="Probe", **{
        f"{prefix}-TOTAL_FORMS": "1", f"{prefix}-0-number": "77777", f"{prefix}-0-source": str(make_source().pk),
        f"{prefix}-0-order": "0"})
    assert client.post(url, data).status_code == 302
    figure.refresh_from_db()
    assert figure.status == Status.PUBLISHED and not figure.claims.exists()
    assert RecordChange.objects.get().proposal["relations"]["claims"][0]["number"] == 77777
    assert "77,777" not in read(reverse("events:figures"), DOWNLOAD) and "77777" not in read(DOWNLOAD)
