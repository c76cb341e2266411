"""
An editor's change to a public record other than an event (a published figure or legal provision, an actor, a place,
a source published content uses) waits for review: readers keep seeing the live record until a reviewer approves the
change, which is then applied, in a version that names who decided; a rejection carries its reason to the editor.
"""

from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from events.models import RecordChange, Status
from events.proposals import ChangeRefused, record_change_approve
from sources.models import Source
from tests.admin_forms import form_data
from tests.factories import make_actor, make_event, make_figure, make_place, make_provision, make_source

pytestmark = pytest.mark.django_db
CHANGES = reverse("admin:events_recordchange_changelist")
REASON = "The source gives 10,200 for February, not this."


@dataclass
class Probe:
    """A public record, the field an editor changes, its stored value and the new one, and the page readers read:
    each value as stored and as the page shows it."""

    record: object
    field: str
    old: str
    old_shown: str
    new: str
    new_shown: str
    page: str


def figure():
    return Probe(make_figure(best=10200), "best", "10200", "10,200", "99999", "99,999", reverse("events:figures"))


def provision():
    record = make_provision(summary="Reviewed summary")
    return Probe(record, "summary", "Reviewed summary", "Reviewed summary", "Editor summary", "Editor summary",
                 record.get_absolute_url())


def actor():
    record = make_actor(name="Reviewed actor")
    make_event(actors=[record])  # a published event names it: readers see it
    return Probe(record, "name", "Reviewed actor", "Reviewed actor", "Editor actor", "Editor actor",
                 record.get_absolute_url())


def place():
    record = make_place(name="Reviewed place")
    make_event(places=[record])
    return Probe(record, "name", "Reviewed place", "Reviewed place", "Editor place", "Editor place",
                 record.get_absolute_url())


def source():
    record = make_source(title="Reviewed source")
    make_event(sources=[record])  # published content cites it: readers see it
    return Probe(record, "title", "Reviewed source", "Reviewed source", "Editor source", "Editor source",
                 reverse("events:source", args=[record.key]))


KINDS = [figure, provision, actor, place, source]


def admin_url(record, view="change"):
    return reverse(f"admin:{record._meta.app_label}_{record._meta.model_name}_{view}", args=[record.pk])


def propose(client, record, **changes):
    return client.post(admin_url(record), form_data(client.get(admin_url(record)), edit_summary="Clearer", **changes))


def decide(client, change, decision, reason=""):
    return client.post(reverse("admin:events_recordchange_decide", args=[change.pk, decision]), {"reason": reason})


def read(url):
    return Client().get(url).content.decode()


@pytest.mark.parametrize("kind", KINDS)
def test_an_editors_change_waits_and_readers_keep_the_live_record(client, login, kind):
    probe = kind()
    editor = login("Editor")
    response = propose(client, probe.record, **{probe.field: probe.new})
    change = RecordChange.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("admin:events_recordchange_change",
                                                                           args=[change.pk])
    assert (change.record, change.state, change.proposed_by) == (probe.record, RecordChange.State.PENDING, editor)
    assert str(change.proposal["fields"][probe.field]) == probe.new
    probe.record.refresh_from_db()
    assert str(getattr(probe.record, probe.field)) == probe.old
    html = read(probe.page)
    assert probe.old_shown in html and probe.new_shown not in html


@pytest.mark.parametrize("kind", KINDS)
def test_a_reviewer_approves_the_change_goes_live_and_says_who_and_when(client, login, kind):
    probe = kind()
    record = probe.record
    login("Editor")
    propose(client, record, **{probe.field: probe.new})
    change = RecordChange.objects.get()
    reviewer = login("Reviewer")
    assert decide(client, change, "approve").status_code == 302
    change.refresh_from_db()
    record.refresh_from_db()
    assert (change.state, change.decided_by) == (RecordChange.State.APPROVED, reviewer) and change.decided_at
    assert str(getattr(record, probe.field)) == probe.new
    html = read(probe.page)
    assert probe.new_shown in html and probe.old_shown not in html
    version = Version.objects.get_for_object(record).first()
    assert version.revision.user == reviewer and version.field_dict[probe.field] == getattr(record, probe.field)
    assert "Approved the change proposed by editor: Clearer" in version.revision.get_comment()


@pytest.mark.parametrize("kind", KINDS)
def test_a_rejected_change_changes_nothing_and_the_editor_reads_why(client, login, kind):
    probe = kind()
    editor = login("Editor")
    propose(client, probe.record, **{probe.field: probe.new})
    change = RecordChange.objects.get()
    login("Reviewer")
    decide(client, change, "reject", "")
    change.refresh_from_db()
    assert change.state == RecordChange.State.PENDING  # no reason, no rejection
    decide(client, change, "reject", REASON)
    change.refresh_from_db()
    probe.record.refresh_from_db()
    assert (change.state, change.reason) == (RecordChange.State.REJECTED, REASON)
    assert str(getattr(probe.record, probe.field)) == probe.old and probe.old_shown in read(probe.page)

    client.force_login(editor)
    page = client.get(reverse("admin:events_recordchange_change", args=[change.pk])).content.decode()
    assert REASON in page and 'id="decide"' not in page
    mine = client.get(CHANGES + "?state__exact=rejected&mine=yes")
    assert list(mine.context["cl"].result_list) == [change]
    dashboard = client.get(reverse("admin:index")).content.decode()
    assert "Your changes to other records a reviewer rejected" in dashboard


def test_an_editor_may_not_decide(client, login):
    record = make_figure(best=10200)
    editor = login("Editor")
    propose(client, record, best="99999")
    change = RecordChange.objects.get()
    assert decide(client, change, "approve").status_code == 403
    client.post(CHANGES, {"action": "approve_selected", "_selected_action": [change.pk]})
    with pytest.raises(ChangeRefused):  # the rule itself, whoever calls it
        record_change_approve(change=change, user=editor)
    record.refresh_from_db()
    change.refresh_from_db()
    assert record.best == 10200 and change.state == RecordChange.State.PENDING


def test_a_reviewers_own_change_goes_live_at_once(client, login):
    record = make_actor(name="Reviewed actor")
    login("Reviewer")
    assert propose(client, record, name="Reviewer actor").status_code == 302
    record.refresh_from_db()
    assert record.name == "Reviewer actor" and not RecordChange.objects.exists()


def test_what_no_reader_sees_yet_is_saved_at_once(client, login):
    """A source only a draft cites, a figure in review: nothing public changes, so nothing waits (actors, places
    and event types: tests/events/test_public_records.py)."""
    unused = make_source(title="Unused source")
    make_event(sources=[unused], status=Status.DRAFT)
    draft = make_figure(best=10200, status=Status.REVIEW)
    login("Editor")
    propose(client, unused, title="Better title")
    propose(client, draft, best="10300")
    unused.refresh_from_db()
    draft.refresh_from_db()
    assert (unused.title, draft.best) == ("Better title", 10300) and not RecordChange.objects.exists()


def test_a_change_made_on_an_older_version_is_not_applied_over_a_newer_one(client, login):
    record = make_place(name="Reviewed place")
    make_event(places=[record])
    login("Editor")
    propose(client, record, name="Editor place")
    change = RecordChange.objects.get()
    login("Reviewer")
    propose(client, record, name="Reviewer place")
    decide(client, change, "approve")
    change.refresh_from_db()
    record.refresh_from_db()
    assert change.state == RecordChange.State.PENDING and record.name == "Reviewer place"


def test_a_claim_an_editor_adds_to_a_published_figure_is_applied_with_the_change(client, login):
    record = make_figure(best=10200)
    cited = make_source()
    login("Editor")
    page = client.get(admin_url(record))
    prefix = next(f.formset.prefix for f in page.context["inline_admin_formsets"] if f.formset.model.__name__ == "Claim")
    client.post(admin_url(record), form_data(page, edit_summary="Another count", **{
        f"{prefix}-TOTAL_FORMS": "1", f"{prefix}-0-number": "10500", f"{prefix}-0-source": str(cited.pk),
        f"{prefix}-0-order": "0"}))
    assert not record.claims.exists()
    login("Reviewer")
    decide(client, RecordChange.objects.get(), "approve")
    assert list(record.claims.values_list("number", "source")) == [(10500, cited.pk)]
    assert "10,500" in read(reverse("events:figures"))


def test_only_a_reviewer_reverts_a_record_readers_see(client, login):
    record = make_actor(name="First name")
    make_event(actors=[record])
    login("Reviewer")
    propose(client, record, name="Second name")
    first = Version.objects.get_for_object(record).last()
    login("Editor")
    url = reverse("admin:events_actor_revision", args=[record.pk, first.pk])
    response = client.post(url, form_data(client.get(url), edit_summary="Back"))
    assert response.status_code == 302 and response["Location"] == admin_url(record)
    record.refresh_from_db()
    assert record.name == "Second name"


def test_the_queue_costs_the_same_for_any_number_of_changes(client, login, count_queries):
    """The list of changes loads the records they are for one query a kind, however many there are."""
    login("Editor")
    for probe in (kind() for kind in KINDS):
        propose(client, probe.record, **{probe.field: probe.new})
    login("Reviewer")
    few = count_queries(client.get, CHANGES)
    login("Editor", username="another")
    for probe in (kind() for kind in KINDS):
        propose(client, probe.record, **{probe.field: probe.new})
    login("Reviewer", username="another-reviewer")
    assert RecordChange.objects.count() == 10
    assert count_queries(client.get, CHANGES) == few


def test_an_editor_does_not_merge_sources_readers_see(client, login):
    cited, duplicate = make_source(title="Cited source"), make_source(title="Its duplicate")
    make_event(sources=[cited])
    login("Editor")
    client.post(reverse("admin:sources_source_changelist"),
                {"action": "merge_sources", "_selected_action": [cited.pk, duplicate.pk]})
    assert Source.objects.filter(pk=duplicate.pk).exists()
    login("Reviewer")
    client.post(reverse("admin:sources_source_changelist"),
                {"action": "merge_sources", "_selected_action": [cited.pk, duplicate.pk]})
    assert not Source.objects.filter(pk=duplicate.pk).exists()
