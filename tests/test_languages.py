"""The site in English, Albanian and Serbian: interface, content with an English fallback, alternates and search.
Serbian in Cyrillic script has its own tests (test_cyrillic_pages.py)."""

import datetime
import re

import pytest
from django.urls import reverse, set_script_prefix

from tests.factories import make_actor, make_event, make_place

pytestmark = pytest.mark.django_db


def without_the_script_switch(html):
    """The page but for the link to it in Cyrillic script, which Serbian pages name in Cyrillic."""
    return html.replace('lang="sr-Cyrl">Ћирилица</a>', "")


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


@pytest.mark.parametrize("prefix, tag, words", [
    ("", "en", ["Timeline", "Apply filters", "Troop strength"]),
    ("/sq", "sq", ["Kronologjia", "Zbato filtrat", "Numri i trupave"]),
    ("/sr", "sr-Latn", ["Hronologija", "Primeni filtere", "Brojno stanje"]),
])
def test_the_interface_speaks_the_language_of_the_address(client, prefix, tag, words):
    make_event()
    html = page(client, f"{prefix}/")
    assert f'<html lang="{tag}">' in html
    for word in words:
        assert word in html
    assert not re.search(r"[\u0400-\u04FF]", without_the_script_switch(html)), "Serbian is written in Latin script here"


def test_every_page_links_its_other_languages(client):
    make_event(slug="kfor-deploys")
    html = page(client, "/sq/events/kfor-deploys/")
    for tag, url in (("en", "/events/kfor-deploys/"), ("sq", "/sq/events/kfor-deploys/"), ("sr-Latn", "/sr/events/kfor-deploys/")):
        assert f'<link rel="alternate" hreflang="{tag}" href="http://testserver{url}">' in html
        assert f'href="http://testserver{url}"' in html.split('class="languages"', 1)[1]  # the switcher
    assert '<link rel="alternate" hreflang="x-default" href="http://testserver/events/kfor-deploys/">' in html
    make_event(actors=[make_actor(slug="nato")])
    filtered = page(client, "/sr/?actor=nato")
    assert 'hreflang="sq" href="http://testserver/sq/?actor=nato"' in filtered  # the filters travel along


def test_dates_and_months_are_written_in_the_language(client):
    make_event(slug="resolution", start=datetime.date(1999, 6, 10))
    assert "10 qershor 1999" in page(client, "/sq/events/resolution/")
    assert "10 jun 1999" in page(client, "/sr/events/resolution/")


def test_content_is_shown_translated_or_in_english_marked_as_such(client):
    make_event(slug="translated", title="KFOR deploys", title_sq="KFOR-i vendoset", summary="Deployed.",
                            summary_sq="U vendos.")
    make_event(slug="untranslated", title="Only in English")
    html = page(client, "/sq/")
    assert "KFOR-i vendoset" in html and "U vendos." in html and ">KFOR deploys<" not in html
    assert re.search(r'<span lang="en" class="untranslated" title="[^"]+">Only in English</span>', html)
    assert "Only in English" in page(client, "/sq/events/untranslated/")
    assert "KFOR deploys" in page(client, "/events/translated/")  # English readers see the English


def test_actor_and_place_names_are_translated(client):
    nato = make_actor(slug="nato", name="North Atlantic Treaty Organization", name_sr="Organizacija Severnoatlantskog ugovora")
    prishtina = make_place(slug="pristina", name="Pristina", name_sq="Prishtina", latitude=42.66, longitude=21.17)
    make_event(actors=[nato], places=[prishtina])
    assert "Organizacija Severnoatlantskog ugovora" in page(client, "/sr/actors/nato/")
    assert "<h1>Prishtina</h1>" in page(client, "/sq/places/pristina/")
    assert "Prishtina" in page(client, "/sq/map/")


def test_search_finds_translated_titles(client):
    make_event(slug="found", title="KFOR deploys", title_sr="KFOR se raspoređuje")
    html = page(client, reverse("events:search") + "?q=raspoređuje")
    assert "/events/found/" in html


def test_the_sitemap_lists_each_page_in_each_language(client):
    make_event(slug="kfor-deploys")
    xml = page(client, "/sitemap.xml")
    for url in ("/events/kfor-deploys/", "/sq/events/kfor-deploys/", "/sr/events/kfor-deploys/"):
        assert f"<loc>http://testserver{url}</loc>" in xml
    assert 'hreflang="sq" href="http://testserver/sq/events/kfor-deploys/"' in xml and 'hreflang="x-default"' in xml


def test_the_about_page_says_the_translations_await_a_native_speakers_review(client):
    assert "native speaker" in page(client, reverse("events:about"))
    assert "folës amtar" in page(client, "/sq/about/")


def test_a_refused_filter_is_explained_in_latin_script_on_the_serbian_pages(client):
    response = client.get("/sr/?actor=nobody&from=abc")
    html = response.content.decode()
    assert response.status_code == 400 and "Izaberite ispravnu opciju" in html and "Unesite godinu" in html
    assert not re.search(r"[\u0400-\u04FF]", without_the_script_switch(html))


def test_serbian_counts_take_serbian_plural_forms():
    """The catalogue's header carries Serbian's three plural forms (1 izvor, 2 izvora, 5 izvora, 21 izvor)."""
    from django.utils import translation

    with translation.override("sr"):
        forms = [translation.ngettext("%(counter)s source.", "%(counter)s sources.", n) % {"counter": n}
                 for n in (1, 2, 5, 21)]
    assert forms == ["1 izvor.", "2 izvora.", "5 izvora.", "21 izvor."]


def test_the_menu_is_made_once_per_language_and_links_within_it(client):
    make_event(slug="kfor-deploys")
    english, albanian = page(client, "/"), page(client, "/sq/events/kfor-deploys/")
    menu = lambda html: html.split('<nav aria-label="', 1)[1].split("</nav>", 1)[0]  # noqa: E731
    assert 'href="/map/"' in menu(english) and ">Map<" in menu(english)
    assert 'href="/sq/map/"' in menu(albanian) and ">Map<" not in menu(albanian)
    assert menu(page(client, "/sq/")) == menu(albanian)  # the same in every page of a language


def test_a_missing_page_links_its_other_languages_where_its_address_is_a_route(client):
    missing_event = client.get("/sq/events/no-such-event/")
    assert missing_event.status_code == 404
    assert 'hreflang="sr-Latn" href="http://testserver/sr/events/no-such-event/"' in missing_event.content.decode()
    no_route = client.get("/sq/no-such-page/")  # no route: the address stays as it is
    assert no_route.status_code == 404
    assert 'hreflang="en" href="http://testserver/sq/no-such-page/"' in no_route.content.decode()


def test_each_page_links_its_own_address_in_each_language_under_any_script_prefix(client):
    """The paths of a route in each language are remembered: by the route's arguments and by the script prefix."""
    make_event(slug="kfor-deploys")
    make_event(slug="kfor-hands-over")
    for slug in ("kfor-deploys", "kfor-hands-over", "kfor-deploys"):
        assert f'hreflang="sq" href="http://testserver/sq/events/{slug}/"' in page(client, f"/events/{slug}/")
    set_script_prefix("/kfor/")  # as a server mounted under /kfor/ sets it for each request
    try:
        prefixed = page(client, "/events/kfor-deploys/")
    finally:
        set_script_prefix("/")
    assert 'hreflang="sr-Latn" href="http://testserver/kfor/sr/events/kfor-deploys/"' in prefixed
