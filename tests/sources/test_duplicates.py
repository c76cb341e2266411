import pytest
from django.core.management import call_command
from django.urls import reverse

from events.models import Citation
from sources.duplicates import duplicate_pairs
from sources.models import Source
from sources.services import MergeRefused, source_merge
from tests.events.exchange_helpers import minimal_document, write
from tests.factories import make_event, make_figure, make_source

pytestmark = pytest.mark.django_db


def test_near_identical_titles_from_one_publisher_are_paired():
    a = make_source(title="Serbia and Kosovo reach agreement on de-escalation at border, EU envoy confirms", publisher="Euronews")
    b = make_source(title="Serbia and Kosovo reach agreement on de-escalation at border - EU envoy confirms.", publisher="euronews")
    make_source(title="Serbia and Kosovo reach agreement on de-escalation at border, EU envoy confirms", publisher="CNN")
    make_source(title="NATO increases patrols", publisher="Euronews")
    assert [(x.pk, y.pk, reason) for x, y, reason in duplicate_pairs(Source.objects.all())] == [
        (a.pk, b.pk, "near-identical title and publisher")]


def test_same_link_is_paired():
    a, b = Source(key="a", title="A", url="https://Example.org/x#1"), Source(key="b", title="B", url="https://example.org/x")
    assert duplicate_pairs([a, b]) == [(a, b, "same link")]


def test_import_reports_possible_duplicates(tmp_path, capsys):
    make_source(key="existing", title="NATO-led mission at the border!", publisher="Euronews", url="")
    call_command("import_data", str(write(tmp_path, minimal_document())))
    out = capsys.readouterr().out
    assert "possible duplicate sources (near-identical title and publisher): 'euronews-1' and 'existing'" in out


def test_merge_moves_citations_and_figures_and_fills_gaps():
    target = make_source(title="Deal at the border", url="", archive_url="")
    duplicate = make_source(title="Deal at the border.", url="https://example.org/deal", archive_url="https://web.archive.org/x")
    event = make_event(sources=[target, duplicate])
    make_figure(source=duplicate)
    moved = source_merge(target=target, duplicate=duplicate)
    target.refresh_from_db()
    assert moved == 2 and not Source.objects.filter(pk=duplicate.pk).exists()
    assert set(Citation.objects.filter(event=event).values_list("source", flat=True)) == {target.pk}
    assert target.figures.count() == 1
    assert (target.url, target.archive_url) == ("https://example.org/deal", "https://web.archive.org/x")
    assert "Merged with “Deal at the border.”" in target.notes


def test_merge_refuses_when_both_give_the_same_figure():
    target, duplicate = make_source(), make_source()
    make_figure(source=target)
    make_figure(source=duplicate)
    with pytest.raises(MergeRefused, match="same figure"):
        source_merge(target=target, duplicate=duplicate)
    assert Source.objects.filter(pk=duplicate.pk).exists()


def test_admin_merge_action_and_duplicates_filter(staff_client):
    a = make_source(title="Deal at the border", publisher="Euronews")
    b = make_source(title="Deal at the border!", publisher="Euronews")
    make_source(title="Unrelated", publisher="Euronews")
    url = reverse("admin:sources_source_changelist")
    html = staff_client.get(url + "?duplicates=yes").content.decode()
    assert "Deal at the border!" in html and "Unrelated" not in html
    response = staff_client.post(url, {"action": "merge_sources", "_selected_action": [a.pk, b.pk]}, follow=True)
    assert "Merged into" in response.content.decode()
    assert list(Source.objects.values_list("pk", flat=True).order_by("pk")) == [a.pk, Source.objects.last().pk]
    response = staff_client.post(url, {"action": "merge_sources", "_selected_action": [a.pk]}, follow=True)
    assert "Select exactly two sources" in response.content.decode()


def test_titles_differing_only_in_numbers_are_different_documents():
    make_source(title="Resolution 1244 (1999)", publisher="United Nations")
    make_source(title="Resolution 1245 (1999)", publisher="United Nations")
    assert duplicate_pairs(Source.objects.all()) == []
