"""Mandates and agreements as records: events cite the provisions they act under; each provision lists its events."""

import pytest
from django.urls import reverse

from events.exchange.importers import ImportFailed, dataset_import
from events.models import Event, LegalProvision, Status
from tests.events.exchange_helpers import minimal_document, write
from tests.factories import make_event, make_provision, make_source

pytestmark = pytest.mark.django_db


@pytest.fixture
def para_7():
    return make_provision(
        slug="unscr-1244-para-7", instrument="UN Security Council Resolution 1244 (1999)", provision="paragraph 7",
        summary="Authorises the international security presence.", source=make_source(title="Resolution 1244"))


def test_a_provision_page_lists_the_published_events_under_it(client, para_7):
    make_event(slug="kfor-enters", title="KFOR enters Kosovo", legal_bases=[para_7])
    make_event(slug="secret", title="Draft under it", legal_bases=[para_7], status=Status.DRAFT)
    make_event(slug="elsewhere", title="Not under it")
    html = client.get(para_7.get_absolute_url()).content.decode()
    assert "UN Security Council Resolution 1244 (1999), paragraph 7" in html and "Authorises the international" in html
    assert "KFOR enters Kosovo" in html and "Draft under it" not in html and "Not under it" not in html
    assert "Resolution 1244" in html  # the document it is published in


def test_a_provision_text_is_marked_in_the_language_of_the_copy_quoted(client, para_7):
    french = make_source(title="Résolution 1244", language="fr")
    make_provision(slug="para-4-fr", instrument=para_7.instrument, provision="paragraph 4", summary="Serb personnel return.",
                   text="Confirme qu'après le retrait un nombre convenu de militaires sera autorisé à revenir.", source=french)
    para_7.text = "Authorizes Member States to establish the international security presence."
    para_7.save()
    assert '<blockquote class="provision-text" lang="fr">' in client.get("/legal/para-4-fr/").content.decode()
    assert '<blockquote class="provision-text" lang="en">' in client.get(para_7.get_absolute_url()).content.decode()


def test_an_event_page_names_its_legal_basis(client, para_7):
    event = make_event(legal_bases=[para_7])
    html = client.get(event.get_absolute_url()).content.decode()
    assert "Legal basis" in html and f'href="{para_7.get_absolute_url()}"' in html


def test_the_list_groups_provisions_by_instrument_with_their_counts(client, para_7):
    make_provision(slug="unscr-1244", instrument=para_7.instrument, summary="The resolution.")
    make_event(legal_bases=[para_7])
    html = client.get(reverse("events:provisions")).content.decode()
    assert html.count("<strong>UN Security Council Resolution 1244 (1999)</strong>") == 1
    assert "(1 event)" in html and "(0 events)" in html


def test_the_exchange_format_carries_provisions_and_refuses_unknown_ones(tmp_path):
    dataset_import(paths=[write(tmp_path, minimal_document())])
    assert list(Event.objects.get().legal_bases.values_list("slug", flat=True)) == ["unscr-1244-para-7"]
    document = minimal_document()
    document["events"][0]["legal_bases"] = ["unscr-9999"]
    with pytest.raises(ImportFailed, match=r"events\[0\], field 'legal_bases': unknown legal provision 'unscr-9999'"):
        dataset_import(paths=[write(tmp_path, document)])


def test_the_founding_dataset_rests_kfors_deployment_on_resolution_1244_and_the_mta(client, founding_dataset):
    entry = Event.objects.get(slug="kfor-enters-kosovo")
    assert set(entry.legal_bases.values_list("slug", flat=True)) >= {"unscr-1244-para-7", "mta-1999-article-1"}
    assert "First KFOR troops enter Kosovo" in client.get("/legal/unscr-1244-para-7/").content.decode()


def test_an_import_publishes_the_provisions_it_creates_and_leaves_an_existing_ones_status_alone(client, tmp_path):
    path = write(tmp_path, minimal_document())
    dataset_import(paths=[path])
    provision = LegalProvision.objects.get()
    assert provision.status == Status.PUBLISHED and provision.status_changed_at is not None
    LegalProvision.objects.update(status=Status.UNPUBLISHED)  # a reviewer withdrew it
    dataset_import(paths=[path])
    assert LegalProvision.objects.get().status == Status.UNPUBLISHED
    assert client.get(provision.get_absolute_url()).status_code == 404
