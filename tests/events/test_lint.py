"""The content lint: what it finds, where it warns (import, admin, command), and that it never blocks unless asked."""

import datetime
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.urls import reverse

from events.exchange.importers import ImportFailed, dataset_import
from events.lint import lint_text
from events.models import Event, Misnomer, Status
from tests.admin_forms import form_data
from tests.events.exchange_helpers import minimal_document, write
from tests.factories import make_event, make_source

NATO = [("National Atlantic Treaty Organization", "North Atlantic Treaty Organization"),
        ("European Union Rule of Law Mission", "European Union Rule of Law Mission in Kosovo")]


def messages(text, language="en"):
    return [w.message for w in lint_text("summary", text, language, NATO)]


@pytest.mark.parametrize("text, expected", [
    ("National Atlantic Treaty Organization troops deployed.", "is a misnomer: write 'North Atlantic Treaty Organization'"),
    ("The European Union Rule of Law Mission took over.", "is a misnomer"),
    ("Nel corso del tempo le unità sono andate a diminuire, passando da 50 mila a circa 4000 mila.", "seems to be in it"),
    ("KFOR has about 4000 mila troops.", "garbled number '4000 mila'"),
    ("Recently the tension rose at the border.", "relative phrase 'Recently' has no anchor"),
    ("Five months later no decision was taken.", "relative phrase 'Five months later'"),
])
def test_the_lint_finds_what_the_founding_article_got_wrong(text, expected):
    assert any(expected in message for message in messages(text)), messages(text)


def test_the_lint_leaves_good_text_alone():
    assert messages("The European Union Rule of Law Mission in Kosovo took over from UNMIK in December 2008.") == []
    assert messages("KFOR reduced its presence to about 5,000 troops by February 2011.") == []
    # Albanian in an Albanian field is right; the same sentence in an English field is not.
    albanian = "Forca e Kosovës është një forcë paqeruajtëse që udhëhiqet nga NATO dhe është në Kosovë që nga viti 1999."
    assert messages(albanian, "sq") == [] and any("seems to be in sq" in m for m in messages(albanian))


@pytest.mark.django_db
def test_an_import_warns_by_file_row_and_field_and_goes_on(tmp_path):
    Misnomer.objects.update_or_create(wrong="National Atlantic Treaty Organization",
                                      defaults={"right": "North Atlantic Treaty Organization"})
    document = minimal_document()
    document["events"][0]["summary"] = "National Atlantic Treaty Organization troops deploy today."
    report = dataset_import(paths=[write(tmp_path, document)])
    lines = list(report.lines())
    assert "lint: data.json: events[0], field 'summary': 'National Atlantic Treaty Organization' is a misnomer: " \
           "write 'North Atlantic Treaty Organization'" in lines
    assert any("field 'summary': relative phrase 'today'" in line for line in lines)
    assert Event.objects.count() == 1


@pytest.mark.django_db
def test_a_strict_import_refuses_what_the_lint_finds_and_writes_nothing(tmp_path):
    document = minimal_document()
    document["events"][0]["title"] = "KFOR numbers 4000 mila troops"
    with pytest.raises(ImportFailed, match=r"events\[0\], field 'title': garbled number '4000 mila'.*\(strict mode\)"):
        dataset_import(paths=[write(tmp_path, document)], strict=True)
    assert not Event.objects.exists()
    with pytest.raises(CommandError, match="strict mode"):
        call_command("import_data", str(write(tmp_path, document)), "--strict", verbosity=0)


@pytest.mark.django_db
def test_the_founding_dataset_passes_the_lint_strictly(capsys):
    dataset_import(paths=[settings.FOUNDING_DATASET], strict=True)
    call_command("lint_content", "--strict")
    assert "The lint found nothing." in capsys.readouterr().out


@pytest.mark.django_db
def test_lint_content_lists_published_text_and_duplicate_citations(capsys):
    Misnomer.objects.update_or_create(wrong="National Atlantic Treaty Organization",
                                      defaults={"right": "North Atlantic Treaty Organization"})
    page = make_source(key="nato-page", title="NATO's role in Kosovo", publisher="NATO", url="https://www.nato.int/kfor",
                       accessed_on=datetime.date(2026, 12, 6))
    copy = make_source(key="nato-page-again", title="NATO's role in Kosovo", publisher="NATO", url="")
    translated = {"title_sq": "Titulli", "title_sr": "Naslov", "summary_sq": "Përmbledhje.", "summary_sr": "Sažetak."}
    make_event(slug="misnamed", summary="National Atlantic Treaty Organization acts.", sources=[page, copy], **translated)
    make_event(slug="hidden", summary="National Atlantic Treaty Organization acts.", status="draft", sources=[copy])
    with pytest.raises(CommandError, match="2 warning"):
        call_command("lint_content", "--strict")
    out = capsys.readouterr().out
    assert "events/misnamed, field 'summary': 'National Atlantic Treaty Organization' is a misnomer" in out
    assert "events/misnamed, field 'citations': sources 'nato-page' and 'nato-page-again' look like one document" in out
    assert "write 'North Atlantic Treaty Organization' [strict]" in out and "cite it once [strict]" not in out
    assert "hidden" not in out  # drafts are not published text
    call_command("lint_content")  # without --strict it only lists


@pytest.mark.django_db
def test_the_admin_warns_on_save_and_saves(client, login):
    login("Reviewer")
    event = make_event(title="KFOR deploys", status=Status.DRAFT)  # a draft: only publishing is held back
    url = reverse("admin:events_event_change", args=[event.pk])
    response = client.post(url, form_data(client.get(url), summary="KFOR deploys with 4000 mila troops.",
                                          edit_summary="Summary"), follow=True)
    event.refresh_from_db()
    assert event.summary == "KFOR deploys with 4000 mila troops."  # warned, not blocked
    assert "Check the text of “Summary”: garbled number" in response.content.decode()
    assert client.get(reverse("admin:events_misnomer_changelist")).status_code == 200
    assert Misnomer.objects.filter(wrong="National Atlantic Treaty Organization").exists()  # seeded by a migration


@pytest.mark.django_db
def test_an_event_citing_one_document_under_two_keys_is_warned_of_on_import_and_in_the_admin(tmp_path, client, login):
    document = minimal_document()
    twin = dict(document["sources"][0], key="euronews-1-again", url="https://www.euronews.com/a-copy",
                derived_from=None, derivation="")
    document["sources"].append(twin)
    document["events"][0]["citations"].append({"source": "euronews-1-again", "locator": "", "quote": "", "note": ""})
    report = dataset_import(paths=[write(tmp_path, document)])
    assert any("events/kfor-deploys, field 'citations': sources 'euronews-1' and 'euronews-1-again' look like one "
               "document" in line for line in report.lines())
    login("Reviewer")
    event = Event.objects.get()
    url = reverse("admin:events_event_change", args=[event.pk])
    response = client.post(url, form_data(client.get(url), edit_summary="Touch"), follow=True)
    assert "Check the citations: sources" in response.content.decode()


@pytest.mark.parametrize("language, sentence", [
    ("sq", "NATO-ja deklaron se mandati i KFOR-it sipas Rezolutës 1244 mbetet i pandryshuar."),
    ("sr", "Akcija Kosovske policije u Mitrovici dovodi do nasilnih sukoba s kosovskim Srbima i povređenima."),
])
def test_albanian_and_serbian_are_told_apart_by_their_letters(language, sentence):
    """They share short words ("i", "se", "u"); ë is Albanian's alone, č ć đ š ž Serbian's."""
    assert lint_text("summary", sentence, language) == []
