"""Sources that repeat others: origins, independence, the sourcing policy, merging, and the exchange format."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from events.exchange.importers import ImportFailed, dataset_import
from events.models import Status
from sources.models import Source
from sources.services import source_merge, sources_refresh_origins
from tests.events.exchange_helpers import minimal_document, write
from tests.factories import make_event, make_source

pytestmark = pytest.mark.django_db


def derive(source, origin, how="paraphrase"):
    source.derived_from, source.derivation = origin, how
    source.save()
    sources_refresh_origins()
    source.refresh_from_db()
    return source


def test_a_chain_of_derivations_goes_back_to_one_origin():
    nato = make_source(key="nato-page")
    article = derive(make_source(key="article"), nato)
    translation = derive(make_source(key="translation"), article, "translation")
    assert (article.origin, translation.origin, Source.objects.get(key="nato-page").origin) == (nato, nato, None)
    assert translation.origin_key == nato.pk == nato.origin_key


def test_a_source_cannot_derive_from_itself_even_through_others():
    a, b = make_source(key="a"), make_source(key="b")
    derive(b, a)
    a.derived_from, a.derivation = b, "copy"
    with pytest.raises(ValidationError, match="derive from itself"):
        a.full_clean()


def test_an_event_page_counts_independent_sources(client):
    nato = make_source(key="nato-page", title="NATO’s role in Kosovo")
    article = derive(make_source(key="article", title="The article"), nato)
    event = make_event(sources=[nato, article])
    html = client.get(event.get_absolute_url()).content.decode()
    assert "It rests on 1 independent source." in html and "a paraphrase of “NATO’s role in Kosovo”" in html
    derive(article, None, "")
    assert "It rests on 2 independent sources." in client.get(event.get_absolute_url()).content.decode()


def test_the_policy_can_ask_two_independent_sources_of_key_events(client, login, settings):
    settings.KFOR_KEY_EVENT_INDEPENDENT_SOURCES = 2
    nato = make_source(key="nato-page")
    article = derive(make_source(key="article"), nato)
    key = make_event(key_event=True, sources=[nato, article], status=Status.REVIEW)
    ordinary = make_event(sources=[nato], status=Status.REVIEW)
    login("Reviewer")
    response = client.post(reverse("admin:events_event_changelist"),
                           {"action": "make_published", "_selected_action": [key.pk, ordinary.pk]}, follow=True)
    key.refresh_from_db(), ordinary.refresh_from_db()
    assert (key.status, ordinary.status) == (Status.REVIEW, Status.PUBLISHED)
    assert "rests on 1 independent source(s); the sourcing policy asks for 2" in response.content.decode()
    settings.KFOR_KEY_EVENT_INDEPENDENT_SOURCES = 1
    client.post(reverse("admin:events_event_changelist"), {"action": "make_published", "_selected_action": [key.pk]})
    key.refresh_from_db()
    assert key.status == Status.PUBLISHED


def test_the_dashboard_lists_events_resting_on_one_origin(client, login):
    nato = make_source(key="nato-page")
    article = derive(make_source(key="article"), nato)
    copied = make_event(sources=[nato, article])
    make_event(sources=[nato, make_source(key="independent")])
    login("Editor")
    html = client.get(reverse("admin:index")).content.decode()
    assert "Events whose sources all go back to one origin" in html and "?sourcing=one-origin" in html
    listed = client.get(reverse("admin:events_event_changelist") + "?sourcing=one-origin").context["cl"].result_list
    assert list(listed) == [copied]


def test_merging_a_source_keeps_what_derives_from_it():
    nato, duplicate = make_source(key="nato-page"), make_source(key="nato-page-copy")
    article = derive(make_source(key="article"), duplicate)
    source_merge(target=nato, duplicate=duplicate)
    article.refresh_from_db()
    assert (article.derived_from, article.origin) == (nato, nato)
    derive(article, nato)
    source_merge(target=article, duplicate=nato)  # the kept source derived from the merged one: it becomes an origin
    article.refresh_from_db()
    assert (article.derived_from, article.derivation, article.origin) == (None, "", None)


def test_the_exchange_format_carries_derivations_in_either_order(tmp_path):
    dataset_import(paths=[write(tmp_path, minimal_document())])  # the copy comes before its origin in the file
    copy = Source.objects.get(key="euronews-1")
    assert (copy.derived_from.key, copy.derivation, copy.origin.key) == ("agency-wire", "copy", "agency-wire")


@pytest.mark.parametrize("change, message", [
    ({"derived_from": "nowhere"}, "field 'derived_from': unknown source 'nowhere'"),
    ({"derived_from": None}, "field 'derivation': give it with derived_from"),
    ({"derivation": "rumour"}, "field 'derivation': 'rumour' is not one of"),
])
def test_a_bad_derivation_is_refused_by_row_and_field(tmp_path, change, message):
    document = minimal_document()
    document["sources"][0].update(change)
    with pytest.raises(ImportFailed, match=message):
        dataset_import(paths=[write(tmp_path, document)])
    assert not Source.objects.exists()


def test_a_cycle_of_derivations_is_refused(tmp_path):
    document = minimal_document()
    document["sources"][1].update(derived_from="euronews-1", derivation="copy")
    with pytest.raises(ImportFailed, match="would make"):
        dataset_import(paths=[write(tmp_path, document)])
