"""
The public history of a page: only what readers were shown, numbered for good, compared field by field.
Drafts, changes in review and editors' proposals never appear in it.
"""

import pytest
import reversion
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from events.models import Event, EventChange, Status
from events.reviews import event_change_approve
from tests.admin_forms import form_data
from tests.factories import make_actor, make_event, make_place, make_source

pytestmark = pytest.mark.django_db


def member(django_user_model, role, username):
    user = django_user_model.objects.create_user(username, f"{username}@example.org", "a-long-password-1", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def reviewer(django_user_model):
    return member(django_user_model, "Reviewer", "rita")


@pytest.fixture
def editor(django_user_model):
    return member(django_user_model, "Editor", "eddie")


def keep(record, user, comment="", **changes):
    """Save ``record`` with ``changes`` in a revision of its history, as ``user``."""
    for name, value in changes.items():
        setattr(record, name, value)
    with reversion.create_revision():
        record.save()
        reversion.set_user(user)
        reversion.set_comment(comment)
    return record


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def test_the_history_lists_only_what_a_reviewer_made_public(client, reviewer, editor):
    event = make_event(title="Draft title", slug="deploy", status=Status.DRAFT)
    keep(event, editor, "First draft")
    keep(event, editor, "Sent for review", status=Status.REVIEW, title="Review title")
    keep(event, reviewer, "Published it", status=Status.PUBLISHED, title="Public title")
    keep(event, editor, "Slipped through", title="Editor's own title")  # never public, whatever its status says
    keep(event, reviewer, "Taken down", status=Status.UNPUBLISHED, title="Withdrawn title")
    keep(event, reviewer, "Back up", status=Status.PUBLISHED, title="Republished title")
    html = page(client, "/events/deploy/history/")
    assert "Published it" in html and "Back up" in html and "/events/deploy/v/2/" in html
    for hidden in ("First draft", "Sent for review", "Slipped through", "Taken down", "/events/deploy/v/3/"):
        assert hidden not in html
    page(client, "/events/deploy/v/3/", 404)
    assert "Republished title" in page(client, "/events/deploy/v/2/")


def test_a_pending_change_never_appears_and_an_approved_one_does(client, reviewer, editor):
    event = keep(make_event(title="Live title", slug="patrol"), reviewer, "Published")
    staff = Client()
    staff.force_login(editor)
    url = reverse("admin:events_event_change", args=[event.pk])
    staff.post(url, form_data(staff.get(url), title="Proposed title", edit_summary="Clearer title"))
    change = EventChange.objects.get(event=event)
    history = page(client, "/events/patrol/history/")
    assert "Proposed title" not in history and "Clearer title" not in history
    assert "/events/patrol/v/2/" not in history and "Proposed title" not in page(client, "/events/patrol/v/1/")
    event_change_approve(change=change, user=reviewer)
    history = page(client, "/events/patrol/history/")
    assert "Clearer title" in history and "Proposed title" in page(client, "/events/patrol/v/2/")


def test_a_version_keeps_its_number_and_content_after_later_edits(client, reviewer):
    event = keep(make_event(title="Original title", slug="handover"), reviewer, "Published")
    first = page(client, "/events/handover/v/1/")
    assert "Original title" in first and "A newer version exists" not in first
    keep(event, reviewer, "Retitled", title="Retitled event")
    keep(event, reviewer, "Again", title="Third title")
    first = page(client, "/events/handover/v/1/")
    assert "Original title" in first and "Third title" not in first
    assert "A newer version exists: version 3." in first and 'href="/events/handover/"' in first
    assert "Retitled event" in page(client, "/events/handover/v/2/")
    assert "A newer version exists" not in page(client, "/events/handover/v/3/")


def test_the_live_page_states_its_version_and_date(client, reviewer):
    event = keep(make_event(slug="mandate"), reviewer, "Published")
    keep(event, reviewer, "Edited", summary="A better summary.")
    html = page(client, "/events/mandate/")
    assert "Version 2, last changed" in html and 'href="/events/mandate/v/2/"' in html
    assert 'href="/events/mandate/history/"' in html


def test_two_versions_compare_word_by_word_and_escaped(client, reviewer):
    event = keep(make_event(title="Troops arrive in Pristina", slug="arrive"), reviewer, "Published")
    keep(event, reviewer, "Fixed", title="Troops <b>reach</b> Pristina", summary="Changed.")
    html = page(client, "/events/arrive/history/?from=1&to=2")
    assert "<del>arrive in</del> <ins>&lt;b&gt;reach&lt;/b&gt;</ins>" in html
    assert "<b>reach</b>" not in html and "<dt>Summary</dt>" in html and "<dt>Slug</dt>" not in html
    backwards = page(client, "/events/arrive/history/?from=2&to=1")
    assert "<del>&lt;b&gt;reach&lt;/b&gt;</del> <ins>arrive in</ins>" in backwards


def test_relations_in_a_diff_read_as_names(client, reviewer):
    jarinje, brnjak = make_place(name="Jarinje"), make_place(name="Brnjak")
    event = keep(make_event(slug="crossing", places=[jarinje]), reviewer, "Published")
    event.places.set([brnjak])
    keep(event, reviewer, "Moved")
    html = page(client, "/events/crossing/history/?from=1&to=2")
    assert "<del>Jarinje</del> <ins>Brnjak</ins>" in html


@pytest.mark.parametrize("query", ["from=0&to=1", "from=1&to=3", "from=a&to=1", "from=1", "to=2", "from=-1&to=1",
                                   "from=1.0&to=2", "from=%EF%BC%91&to=2"])
def test_bad_comparisons_are_400_with_a_message(client, reviewer, query):
    event = keep(make_event(slug="bad"), reviewer, "Published")
    keep(event, reviewer, "Again", title="Again")
    assert "Choose two versions between 1 and 2 to compare." in page(client, f"/events/bad/history/?{query}", 400)


@pytest.mark.parametrize("url", ["/events/gone/v/0/", "/events/gone/v/2/", "/events/gone/v/99999999999999999999/",
                                 "/events/gone/v/1/cite.doc", "/events/gone/v/5/cite.bib", "/events/nothing/history/",
                                 "/events/nothing/v/1/", "/events/gone/v/x/"])
def test_unknown_versions_and_records_are_404(client, reviewer, url):
    keep(make_event(slug="gone"), reviewer, "Published")
    page(client, url, 404)


def test_a_draft_event_has_no_public_history(client, reviewer):
    keep(make_event(slug="secret", status=Status.DRAFT), reviewer, "Drafted")
    page(client, "/events/secret/history/", 404)
    page(client, "/events/secret/v/1/", 404)


def test_an_unpublished_event_keeps_no_public_pages(client, reviewer):
    event = keep(make_event(slug="withdrawn"), reviewer, "Published")
    keep(event, reviewer, "Withdrawn", status=Status.UNPUBLISHED)
    page(client, "/events/withdrawn/history/", 404)
    page(client, "/events/withdrawn/v/1/", 404)


@pytest.mark.parametrize("factory, prefix, field", [(make_actor, "actors", "name"), (make_place, "places", "name")])
def test_actors_and_places_have_histories(client, reviewer, editor, factory, prefix, field):
    record = keep(factory(slug="record", **{field: "Old name"}), editor, "Created")
    keep(record, reviewer, "Renamed", **{field: "New name"})
    make_event(**{prefix: [record]})  # a published event names it: readers see it
    html = page(client, f"/{prefix}/record/history/")
    assert "Created" in html and "Renamed" in html
    old = page(client, f"/{prefix}/record/v/1/")
    assert "Old name" in old and "A newer version exists: version 2." in old
    assert "<del>Old</del> <ins>New</ins> name" in page(client, f"/{prefix}/record/history/?from=1&to=2")
    assert "Version 2, last changed" in page(client, f"/{prefix}/record/")


def test_a_source_has_a_history_once_published_content_uses_it(client, reviewer):
    source = keep(make_source(key="report", title="Old report title"), reviewer, "Added")
    page(client, "/sources/report/history/", 404)  # nothing published cites it yet
    make_event(sources=[source])
    keep(source, reviewer, "Retitled", title="New report title")
    assert "Retitled" in page(client, "/sources/report/history/")
    old = page(client, "/sources/report/v/1/")
    assert "Old report title" in old and "A newer version exists: version 2." in old
    assert "Version 2, last changed" in page(client, "/sources/report/")


def test_a_version_page_reads_in_the_pages_language(client, reviewer):
    event = keep(make_event(slug="lang", title="English title", title_sq="Titulli shqip"), reviewer, "Published")
    keep(event, reviewer, "Retitled", title_sq="Titull tjetër")
    assert "Titulli shqip" in page(client, "/sq/events/lang/v/1/")
    assert "Titull tjetër" in page(client, "/sq/events/lang/v/2/")


def test_a_version_shows_its_citations_as_they_were(client, reviewer):
    old, new = make_source(title="The first report"), make_source(title="The second report")
    event = keep(make_event(slug="cited", sources=[old]), reviewer, "Published")
    citation = event.citations.get()
    citation.source = new
    citation.save()
    keep(event, reviewer, "Better source")
    first = page(client, "/events/cited/v/1/")
    assert "The first report" in first and "The second report" not in first
    assert "The second report" in page(client, "/events/cited/v/2/")


def test_a_version_naming_records_deleted_since_still_shows(client, reviewer):
    gone_source, gone_type = make_source(title="A withdrawn report"), make_event(slug="other").event_type
    event = keep(make_event(slug="old", sources=[gone_source], event_type=gone_type), reviewer, "Published")
    citation = event.citations.get()
    citation.source = make_source(title="A lasting report")
    citation.save()
    event.event_type = make_event(slug="third").event_type
    keep(event, reviewer, "Replaced")
    Event.objects.filter(slug="other").delete()
    gone_source.delete()
    gone_type.delete()
    html = page(client, "/events/old/v/1/")
    assert "A withdrawn report" not in html and "A lasting report" not in html


def test_a_version_stays_public_and_numbered_when_its_reviewer_leaves_the_role(client, reviewer, editor):
    event = make_event(title="Draft title", slug="kept", status=Status.DRAFT)
    keep(event, reviewer, "Published it", status=Status.PUBLISHED, title="First public title")
    keep(event, reviewer, "Clearer title", title="Second public title")
    reviewer.groups.set([Group.objects.get(name="Editor")])  # no longer a reviewer
    html = page(client, "/events/kept/history/")
    assert "Published it" in html and "Clearer title" in html and "/events/kept/v/2/" in html
    assert "First public title" in page(client, "/events/kept/v/1/")
    former = type(reviewer).objects.get(pk=reviewer.pk)  # as a request loads them: without the permissions they had
    keep(event, former, "Now as an editor", title="Not public")  # saved by them as an editor now: never public
    assert "Now as an editor" not in page(client, "/events/kept/history/")
