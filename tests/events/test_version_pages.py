"""
Citing a page at a version: the citation_* tags reference managers read, APA, Chicago, BibTeX and RIS naming the
version's permanent address; and the history's pages in a constant number of queries.
"""

import pytest
import reversion

from tests.factories import bulk_events, make_actor, make_event, make_place, make_source

pytestmark = pytest.mark.django_db



def keep(record, user, comment="", **changes):
    for name, value in changes.items():
        setattr(record, name, value)
    with reversion.create_revision():
        record.save()
        reversion.set_user(user)
        reversion.set_comment(comment)
    return record


def text(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.fixture
def event(reviewer):
    event = keep(make_event(slug="kfor-deploys", title="KFOR deploys"), reviewer, "Published")
    return keep(event, reviewer, "Retitled", title="KFOR enters Kosovo")


V1, V2 = "http://testserver/events/kfor-deploys/v/1/", "http://testserver/events/kfor-deploys/v/2/"


def test_the_event_page_carries_citation_tags_naming_its_current_version(client, event):
    html = text(client, "/events/kfor-deploys/")
    assert '<meta name="citation_title" content="KFOR enters Kosovo">' in html
    assert f'<meta name="citation_public_url" content="{V2}">' in html
    assert f'<meta name="citation_abstract_html_url" content="{V2}">' in html
    assert '<meta name="citation_publisher" content="KFOR Timeline">' in html
    assert '<meta name="citation_language" content="en">' in html
    assert '<meta name="citation_publication_date" content="' in html


def test_a_version_page_carries_its_own_tags_in_its_language(client, event):
    html = text(client, "/events/kfor-deploys/v/1/")
    assert '<meta name="citation_title" content="KFOR deploys">' in html and f'content="{V1}"' in html
    assert '<meta name="citation_language" content="sq">' in text(client, "/sq/events/kfor-deploys/v/1/")


def test_a_source_page_describes_the_source_with_the_address_of_its_version(client, reviewer):
    source = keep(make_source(key="unscr-1244", title="Resolution 1244", publisher="United Nations",
                              authors="United Nations Security Council"), reviewer, "Added")
    make_event(sources=[source])
    html = text(client, "/sources/unscr-1244/")
    assert '<meta name="citation_title" content="Resolution 1244">' in html
    assert '<meta name="citation_author" content="United Nations Security Council">' in html
    assert '<meta name="citation_publication_date" content="2021/09/30">' in html
    assert '<meta name="citation_abstract_html_url" content="http://testserver/sources/unscr-1244/v/1/">' in html


def test_cite_this_gives_apa_and_chicago_for_the_version_read(client, event):
    live = text(client, "/events/kfor-deploys/")
    assert f"KFOR enters Kosovo (Version 2). {V2}" in live and "APA" in live
    assert f"KFOR Timeline. “KFOR enters Kosovo.” Version 2. Last modified" in live and f"{V2}." in live
    old = text(client, "/events/kfor-deploys/v/1/")
    assert f"KFOR deploys (Version 1). {V1}" in old and "“KFOR deploys.” Version 1." in old
    assert V2 not in old.split('class="cite-this"')[1]


def test_the_downloads_cite_the_version(client, event):
    bib = text(client, "/events/kfor-deploys/v/1/cite.bib")
    assert f"url = {{{V1}}}" in bib and "version = {1}" in bib and "{KFOR deploys}" in bib
    ris = text(client, "/events/kfor-deploys/v/1/cite.ris")
    assert f"UR  - {V1}" in ris and "ET  - Version 1" in ris and "TI  - KFOR deploys" in ris
    assert '"version": "1"' in text(client, "/events/kfor-deploys/v/1/cite.csl.json")
    # The page's own downloads cite its current version.
    assert f"url = {{{V2}}}" in text(client, "/events/kfor-deploys/cite-page.bib")
    assert f"UR  - {V2}" in text(client, "/events/kfor-deploys/cite-page.ris")
    assert f'"URL": "{V2}"' in text(client, "/events/kfor-deploys/cite-page.csl.json")


def test_a_page_without_recorded_versions_cites_its_address(client):
    make_event(slug="unversioned")
    html = text(client, "/events/unversioned/")
    assert "Version 1" not in html and "url = {http://testserver/events/unversioned/}" in text(
        client, "/events/unversioned/cite-page.bib")
    assert "No public version is recorded yet." in text(client, "/events/unversioned/history/")


def test_history_pages_are_kept_by_the_page_cache(client, event, real_cache):
    for url in ("/events/kfor-deploys/history/", "/events/kfor-deploys/v/1/", "/events/kfor-deploys/history/?from=1&to=2"):
        client.get(url)
        response = client.get(url)
        assert response["X-Cache"] == "hit" and "public" in response["Cache-Control"], url


def _pages(slug):
    return [f"/events/{slug}/history/", f"/events/{slug}/v/1/", f"/events/{slug}/history/?from=1&to=2",
            f"/events/{slug}/", f"/events/{slug}/v/1/cite.ris", f"/events/{slug}/cite-page.bib",
            "/actors/nato/history/", "/actors/nato/v/1/", "/places/jarinje/v/1/", "/sources/main/v/1/",
            "/sources/main/history/?from=1&to=2"]


def test_queries_do_not_grow_with_versions_or_records(client, count_queries, reviewer):
    nato, jarinje, source = make_actor(slug="nato"), make_place(slug="jarinje"), make_source(key="main")
    event = make_event(slug="watched", actors=[nato], places=[jarinje], sources=[source])
    records = [event, nato, jarinje, source]
    for n in range(2):
        for record in records:
            keep(record, reviewer, f"Edit {n}", notes=f"Note {n}")
    bulk_events(10, actors=[nato], places=[jarinje], sources=[source])
    small = {}
    for url in _pages("watched"):
        client.get(url)
        small[url] = count_queries(client.get, url)
    for n in range(2, 30):
        for record in records:
            keep(record, reviewer, f"Edit {n}", notes=f"Note {n}")
    bulk_events(500, actors=[nato], places=[jarinje], sources=[source], prefix="more")
    for url in _pages("watched"):
        client.get(url)
        assert count_queries(client.get, url) <= small[url], url
