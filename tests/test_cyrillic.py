"""Serbian in Cyrillic script by transliteration of the Latin (kfor_site.cyrillic): the rule, and the catalogue."""

import gettext

import polib
import pytest
from django.conf import settings

from kfor_site.cyrillic import cyrillic_catalogue, to_cyrillic, to_latin


@pytest.mark.parametrize("latin, cyrillic", [
    ("ljubav njiva džep", "љубав њива џеп"),
    ("Ljubljana Njegoš Džakarta", "Љубљана Његош Џакарта"),
    ("ČUVAR ĆUPRIJA ĐAK ŠUMA ŽABA", "ЧУВАР ЋУПРИЈА ЂАК ШУМА ЖАБА"),
    ("Priština, Kosovska Mitrovica i Gračanica", "Приштина, Косовска Митровица и Грачаница"),
    ("Ako i tada", "Ако и тада"),  # a capital on its own is no acronym
])
def test_letters_and_digraphs_keep_their_case(latin, cyrillic):
    assert to_cyrillic(latin) == cyrillic


def test_words_that_only_look_like_a_digraph_are_two_letters():
    assert to_cyrillic("injekcija konjunktura nadživeti podžanr") == "инјекција конјунктура надживети поджанр"
    assert to_cyrillic("njegov odžak") == "његов оџак"  # elsewhere the digraph is one letter


def test_acronyms_stay_latin_and_their_serbian_endings_do_not():
    assert to_cyrillic("NATO, KFOR, EULEX i UNMIK") == "NATO, KFOR, EULEX и UNMIK"
    assert to_cyrillic("Jedinice KFOR-a u XXI veku") == "Јединице KFOR-а у XXI веку"
    assert to_cyrillic("KFOR Timeline: novi događaji") == "KFOR Timeline: нови догађаји"  # the site's name


def test_foreign_words_numbers_and_cyrillic_stay_as_they_are():
    assert to_cyrillic("Twitter, Xinhua i Mitrovicë") == "Twitter, Xinhua и Mitrovicë"
    assert to_cyrillic("10. jun 1999, 1244/99") == "10. јун 1999, 1244/99"
    assert to_cyrillic("Већ ћирилица") == "Већ ћирилица"


def test_urls_addresses_markup_and_placeholders_stay_latin():
    text = ('Pišite na urednici@kfor.example ili pogledajte https://kfor.example/sr/events/kfor-ulazi/. '
            '<a href="%(about_url)s#errors" title="o nama">Stranica</a> &amp; {count} %(n)d izvora, 50% i www.nato.int')
    assert to_cyrillic(text) == (
        'Пишите на urednici@kfor.example или погледајте https://kfor.example/sr/events/kfor-ulazi/. '
        '<a href="%(about_url)s#errors" title="o nama">Страница</a> &amp; {count} %(n)d извора, 50% и www.nato.int')


def test_nothing_is_nothing():
    assert to_cyrillic("") == "" and to_cyrillic(None) is None


def test_the_catalogue_transliterates_every_translation_and_keeps_its_header():
    latin = polib.POFile()
    latin.metadata = {"Language": "sr", "Plural-Forms": "nplurals=3; plural=(n%10==1 ? 0 : 1);"}
    latin.append(polib.POEntry(msgid="Timeline", msgstr="Hronologija"))
    forms = {0: "%(counter)s izvor.", 1: "%(counter)s izvora.", 2: "%(counter)s izvora."}
    latin.append(polib.POEntry(msgid="%(counter)s source.", msgid_plural="%(counter)s sources.", msgstr_plural=forms))
    catalogue = cyrillic_catalogue(latin)
    assert catalogue.find("Timeline").msgstr == "Хронологија"
    assert catalogue.find("%(counter)s source.").msgstr_plural == {
        0: "%(counter)s извор.", 1: "%(counter)s извора.", 2: "%(counter)s извора."}
    assert catalogue.metadata["Language"] == "sr_Cyrl" and catalogue.metadata["Plural-Forms"].startswith("nplurals=3")


def test_the_compiled_cyrillic_catalogue_is_made_from_the_latin_one_as_it_now_is():
    """locale/sr_Cyrl is generated (make catalogues): one translation changed in locale/sr and not regenerated fails."""
    latin = polib.pofile(str(settings.BASE_DIR / "locale/sr/LC_MESSAGES/django.po"))
    compiled = settings.BASE_DIR / "locale/sr_Cyrl/LC_MESSAGES/django.mo"
    assert compiled.exists(), "run make catalogues"
    with compiled.open("rb") as file:
        cyrillic = gettext.GNUTranslations(file)
    translated = [entry for entry in latin.translated_entries() if not entry.msgid_plural and not entry.msgctxt]
    assert translated
    stale = [entry.msgid for entry in translated if cyrillic.gettext(entry.msgid) != to_cyrillic(entry.msgstr)]
    assert not stale, f"locale/sr_Cyrl is out of date (make catalogues): {stale[:3]}"


@pytest.mark.parametrize("cyrillic, latin", [
    ("граница", "granica"), ("Љубљана", "Ljubljana"), ("ЉУБЉАНА", "LJUBLJANA"), ("Џамија", "Džamija"),
    ("Ђаковица, Ниш, Шабац", "Đakovica, Niš, Šabac"), ("KFOR и Митровица", "KFOR i Mitrovica"),
    ("Съезд", "Sъezd"),  # ъ is no Serbian letter: it stays
])
def test_cyrillic_queries_read_in_latin(cyrillic, latin):
    assert to_latin(cyrillic) == latin


def test_latin_to_cyrillic_and_back_is_the_same_text():
    text = "Ljubljana, Njegoš, džamija, Đakovica i Niš: NATO i KFOR-a"
    assert to_latin(to_cyrillic(text)) == text
