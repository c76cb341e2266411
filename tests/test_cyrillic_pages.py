"""Serbian in Cyrillic script at /sr-cyrl/: the interface and the content transliterated, the alternates, the script
switch, the sitemap and the page cache."""

import datetime
import re

import pytest

from tests.factories import make_actor, make_event, make_place, make_provision, make_source

pytestmark = pytest.mark.django_db

CYRILLIC = re.compile(r"[\u0400-\u04FF]")


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response.content.decode()


@pytest.fixture
def records():
    nato = make_actor(slug="nato", name="North Atlantic Treaty Organization",
                      name_sr="Organizacija Severnoatlantskog ugovora (NATO)")
    pristina = make_place(slug="pristina", name="Pristina", name_sr="Priština", latitude=42.66, longitude=21.17)
    source = make_source(key="nato-1999")
    provision = make_provision(slug="unscr-1244", instrument="UN Security Council Resolution 1244",
                                              provision="paragraph 7", summary="The security presence.", source=source)
    event = make_event(slug="kfor-deploys", title="KFOR deploys", title_sr="Jedinice KFOR-a ulaze na Kosovo",
                       summary="Troops enter.", summary_sr="Prve jedinice ulaze u Prištinu.",
                       start=datetime.date(1999, 6, 12),
                       actors=[nato], places=[pristina], sources=[source], legal_bases=[provision])
    make_event(slug="only-english", title="Only in English")
    return event


def test_the_interface_and_the_content_are_in_cyrillic(client, records):
    html = page(client, "/sr-cyrl/")
    assert '<html lang="sr-Cyrl">' in html
    for words in ("Хронологија", "Примени филтере", "Бројно стање", "Јединице KFOR-а улазе на Косово",
                  "Прве јединице улазе у Приштину.", ">Приштина<"):
        assert words in html
    for latin in ("Hronologija", "Jedinice KFOR-a", "Priština"):
        assert latin not in html


def test_english_stands_in_latin_and_marked_where_no_serbian_exists(client, records):
    html = page(client, "/sr-cyrl/")
    untranslated = r'<span lang="en" class="untranslated" title="[^"]*[\u0400-\u04FF][^"]*">Only in English</span>'
    assert re.search(untranslated, html)


@pytest.mark.parametrize("url, words", [
    ("/sr-cyrl/events/kfor-deploys/", ["<h1>Јединице KFOR-а улазе на Косово</h1>", "12 јун 1999",
                                       "Организација Северноатлантског уговора (NATO)"]),
    ("/sr-cyrl/actors/nato/", ["Организација Северноатлантског уговора (NATO)", "Јединице KFOR-а улазе на Косово"]),
    ("/sr-cyrl/places/pristina/", ["<h1>Приштина</h1>", '<dd lang="sr-Cyrl">Приштина</dd>']),
    ("/sr-cyrl/map/", [">Приштина<", ">Србија<"]),
    ("/sr-cyrl/search/?q=Pristina", ['<span lang="sr-Cyrl">Приштина</span>']),
    ("/sr-cyrl/sources/nato-1999/", ["Јединице KFOR-а улазе на Косово"]),
])
def test_every_kind_of_page_shows_its_serbian_in_cyrillic(client, records, url, words):
    html = page(client, url)
    for word in words:
        assert word in html


def test_a_refused_filter_is_explained_in_cyrillic(client):
    html = page(client, "/sr-cyrl/?actor=nobody&from=abc", status=400)
    assert "Изаберите исправну опцију" in html and "Унесите годину" in html


@pytest.mark.parametrize("path", [
    "/", "/events/kfor-deploys/", "/actors/nato/", "/places/pristina/", "/sources/", "/sources/nato-1999/",
    "/story/", "/figures/", "/map/", "/legal/", "/legal/unscr-1244/", "/about/", "/corrections/", "/search/?q=kfor",
])
def test_every_page_names_its_cyrillic_alternate(client, records, path):
    for prefix in ("", "/sq", "/sr", "/sr-cyrl"):
        html = page(client, prefix + path)
        assert f'<link rel="alternate" hreflang="sr-Cyrl" href="http://testserver/sr-cyrl{path}">' in html
        assert f'<link rel="alternate" hreflang="sr-Latn" href="http://testserver/sr{path}">' in html


def test_a_missing_page_names_its_cyrillic_alternate_too(client):
    html = page(client, "/sr/events/no-such-event/", status=404)
    assert 'hreflang="sr-Cyrl" href="http://testserver/sr-cyrl/events/no-such-event/"' in html


def script_switch(html):
    found = re.search(r'<nav class="scripts"[^>]*>(.*?)</nav>', html, re.DOTALL)
    return found and found.group(1)


def test_the_script_switch_links_the_same_page_in_the_other_script(client, records):
    latin = script_switch(page(client, "/sr/events/kfor-deploys/?from=1999"))
    assert '<span aria-current="true" lang="sr-Latn">Latinica</span>' in latin
    assert ('<a href="http://testserver/sr-cyrl/events/kfor-deploys/?from=1999" hreflang="sr-Cyrl" lang="sr-Cyrl">'
            "Ћирилица</a>") in latin
    cyrillic = script_switch(page(client, "/sr-cyrl/events/kfor-deploys/?from=1999"))
    assert ('<a href="http://testserver/sr/events/kfor-deploys/?from=1999" hreflang="sr-Latn" lang="sr-Latn">'
            "Latinica</a>") in cyrillic
    assert '<span aria-current="true" lang="sr-Cyrl">Ћирилица</span>' in cyrillic


def test_only_serbian_pages_have_a_script_switch_and_serbian_is_one_language(client, records):
    assert script_switch(page(client, "/")) is None and script_switch(page(client, "/sq/")) is None
    switch = lambda html: html.split('<nav class="languages"', 1)[1].split("</nav>", 1)[0]  # noqa: E731
    english = switch(page(client, "/"))
    assert ">Srpski</a>" in english and "/sr-cyrl/" not in english and not CYRILLIC.search(english)
    cyrillic = switch(page(client, "/sr-cyrl/"))
    assert '<span aria-current="true" lang="sr-Cyrl">Српски</span>' in cyrillic and "Srpski" not in cyrillic


def test_the_latin_pages_stay_latin_but_for_the_name_of_the_other_script(client, records):
    html = page(client, "/sr/events/kfor-deploys/")
    assert "Jedinice KFOR-a ulaze na Kosovo" in html
    assert CYRILLIC.findall(html.replace("Ћирилица", "")) == []


def test_the_sitemap_lists_the_cyrillic_pages_with_their_alternates(client, records):
    xml = page(client, "/sitemap.xml")
    assert "<loc>http://testserver/sr-cyrl/events/kfor-deploys/</loc>" in xml
    assert 'hreflang="sr-Cyrl" href="http://testserver/sr-cyrl/events/kfor-deploys/"' in xml
    assert 'hreflang="sr-Latn" href="http://testserver/sr/events/kfor-deploys/"' in xml
    assert 'hreflang="en" href="http://testserver/events/kfor-deploys/"' in xml and 'hreflang="x-default"' in xml


class TestTheCache:
    """Cached pages and fragments are kept per address and language: neither script is served the other's page."""

    @pytest.fixture(autouse=True)
    def caches_on(self, real_cache):
        pass

    @pytest.mark.parametrize("path", ["/", "/events/kfor-deploys/", "/places/pristina/", "/map/", "/?place=pristina"])
    def test_latin_then_cyrillic_then_latin(self, client, records, path):
        for _ in range(2):
            assert "Priština" in page(client, "/sr" + path)
            cyrillic = page(client, "/sr-cyrl" + path)
            assert "Приштина" in cyrillic and "Priština" not in cyrillic
