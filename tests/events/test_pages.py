import datetime
import json
import re

import pytest
from django.urls import reverse

from events.models import Status
from tests.factories import make_actor, make_event, make_figure, make_place, make_source

pytestmark = pytest.mark.django_db
D = datetime.date


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_event_page_numbers_citations_and_links_them_to_the_bibliography(client):
    resolution = make_source(title="Resolution 1244 (1999)", url="https://undocs.org/S/RES/1244(1999)")
    event = make_event(sources=[resolution, make_source(title="Other"), resolution])
    html = html_of(client, event.get_absolute_url())
    assert html.count('href="#source-1"') == 2 and html.count('href="#source-2"') == 1
    assert 'id="source-1">' in html and 'id="source-2">' in html and 'id="source-3"' not in html
    assert 'href="https://undocs.org/S/RES/1244(1999)"' in html
    assert f'href="{resolution.get_absolute_url()}"' in html


def test_event_page_has_actors_roles_places_notes_cite_block_and_neighbours(client):
    kfor, place = make_actor(name="Kosovo Force"), make_place(name="Jarinje crossing")
    before = make_event(title="Before", start=D(2021, 9, 30))
    event = make_event(title="KFOR deploys", start=D(2021, 10, 2), actors=[kfor], places=[place],
                       notes="Corrected: the article says October.", body="Some **context**.")
    after = make_event(title="After", start=D(2021, 10, 4))
    make_event(title="Draft in between", start=D(2021, 10, 3), status=Status.DRAFT)
    html = html_of(client, event.get_absolute_url())
    assert "Kosovo Force</a> <span class=\"role\">(participant)</span>" in html
    assert "Jarinje crossing" in html and "<strong>context</strong>" in html
    assert "Corrected: the article says October." in html
    assert "Cite this page" in html and "http://testserver/events/" in html
    assert f'rel="prev" href="{before.get_absolute_url()}"' in html
    assert f'rel="next" href="{after.get_absolute_url()}"' in html


def test_neighbours_on_the_same_day_follow_the_slug(client):
    day = D(2011, 7, 25)
    first, middle, last = (make_event(slug=slug, start=day) for slug in ("a-first", "b-middle", "c-last"))
    earlier, later = make_event(slug="z-day-before", start=D(2011, 7, 24)), make_event(slug="a-day-after", start=D(2011, 7, 26))
    pairs = {first: (earlier, middle), middle: (first, last), last: (middle, later)}
    for event, (previous, following) in pairs.items():
        html = html_of(client, event.get_absolute_url())
        assert f'rel="prev" href="{previous.get_absolute_url()}"' in html, event.slug
        assert f'rel="next" href="{following.get_absolute_url()}"' in html, event.slug


def test_event_page_meta_canonical_opengraph_and_json_ld(client):
    source = make_source(title="A </script><script>alert(1)</script> title")
    event = make_event(title="UNSCR 1244", start=D(1999, 6, 10), sources=[source])
    html = html_of(client, event.get_absolute_url())
    assert f'<link rel="canonical" href="http://testserver{event.get_absolute_url()}">' in html
    assert '<meta property="og:title" content="UNSCR 1244">' in html
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    page, described = json.loads(block)["@graph"]
    assert described["@type"] == "Event" and described["startDate"] == "1999-06-10"
    assert page["citation"][0]["name"] == source.title  # intact, yet it could not close the element


def test_actor_page_shows_hierarchy_aliases_and_events(client):
    nato = make_actor(name="North Atlantic Treaty Organization", short_name="NATO", slug="nato")
    kfor = make_actor(name="Kosovo Force", slug="kfor", parent=nato, aliases="KFOR\nJoint Guardian")
    make_event(title="KFOR enters Kosovo", actors=[kfor])
    html = html_of(client, nato.get_absolute_url())
    assert "North Atlantic Treaty Organization (NATO)" in html and "Kosovo Force" in html
    assert "KFOR enters Kosovo" in html
    assert 'href="/actors/nato/feed/"' in html
    kfor_html = html_of(client, kfor.get_absolute_url())
    assert "KFOR, Joint Guardian" in kfor_html and 'href="/actors/nato/"' in kfor_html


def test_place_page_names_in_three_languages_and_links_to_openstreetmap(client):
    place = make_place(name="Mitrovica", name_sq="Mitrovicë", name_sr="Kosovska Mitrovica", latitude=42.8914, longitude=20.866)
    make_event(title="Clashes in Mitrovica", places=[place])
    html = html_of(client, place.get_absolute_url())
    assert '<dd lang="sq">Mitrovicë</dd>' in html and '<dd lang="sr-Latn">Kosovska Mitrovica</dd>' in html
    assert "https://www.openstreetmap.org/?mlat=42.89140&amp;mlon=20.86600" in html
    assert "Clashes in Mitrovica" in html


def test_source_list_filters_by_kind_publisher_year_and_text(client):
    make_event(sources=[make_source(title="Border deal", kind="news", publisher="Euronews", published=D(2021, 9, 30))])
    make_event(sources=[make_source(title="Resolution 1244", kind="un-document", publisher="United Nations",
                                    published=D(1999, 6, 10))])
    url = reverse("events:sources")

    def listed(query):
        response = client.get(f"{url}?{query}")
        assert response.status_code == 200
        return [s.title for s in response.context["sources"]]

    assert listed("") == ["Border deal", "Resolution 1244"]
    assert listed("kind=un-document") == ["Resolution 1244"]
    assert listed("publisher=Euronews") == ["Border deal"]
    assert listed("year=1999") == ["Resolution 1244"]
    assert listed("q=border") == ["Border deal"]
    assert client.get(f"{url}?year=soon").status_code == 400
    assert client.get(f"{url}?kind=rumour").status_code == 400


def test_source_page_lists_the_published_events_citing_it(client):
    source = make_source(title="NATO’s role in Kosovo")
    make_event(title="Cited publicly", sources=[source])
    make_event(title="Cited by a draft", sources=[source], status=Status.DRAFT)
    html = html_of(client, source.get_absolute_url())
    assert "Cited publicly" in html and "Cited by a draft" not in html


def test_figures_page_charts_each_point_with_its_source(client):
    first = make_figure(date=D(1999, 6, 1), best=50000, source=make_source(title="Source A"))
    make_figure(date=D(2021, 1, 1), date_precision="year", best=3770, source=make_source(title="Source B"))
    make_figure(date=D(2010, 2, 1), best=10200, status=Status.DRAFT)
    html = html_of(client, reverse("events:figures"))
    assert html.count('<circle class="point"') == 2
    assert f'<a href="{first.source.get_absolute_url()}"><circle' in html
    assert "<td class=\"num\">50,000</td>" in html and "10,200" not in html
    assert 'aria-labelledby="chart-title"' in html and "<title id=\"chart-title\">" in html


def test_the_chart_does_not_draw_a_known_line_across_a_long_gap(client):
    """Points years apart are joined by a dotted line, said to be no measurement; close ones by a solid line."""
    make_figure(date=D(1999, 6, 1), best=50000, source=make_source(title="NATO page", publisher="NATO"))
    make_figure(date=D(2000, 6, 1), best=45000)
    make_figure(date=D(2008, 1, 1), best=15000)
    html = html_of(client, reverse("events:figures"))
    lines = re.findall(r'<path class="line( gap)?"', html)
    assert lines == ["", " gap"]  # 1999 to 2000: known; 2000 to 2008: a gap
    assert "no source gives the numbers in between" in html
    assert ">Troops</text>" in html and ">Year</text>" in html  # axis titles
    assert '>50,000</text>' in html and '>15,000</text>' in html  # every point labelled
    assert 'Sources: <a href="/sources/' in html and "NATO</a> (“NATO page”)" in html


def test_not_found_page_is_in_the_site_style(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode() and "skip-link" in response.content.decode()


def test_actor_page_lists_its_events_a_page_at_a_time(client):
    from events.views.pages import PAGE_SIZE
    from tests.factories import bulk_events

    actor = make_actor(slug="kfor")
    bulk_events(PAGE_SIZE + 3, actors=[actor], sources=[make_source()])
    first = client.get(actor.get_absolute_url())
    assert len(first.context["events"]) == PAGE_SIZE and f"{PAGE_SIZE + 3} published events" in first.content.decode()
    assert len(client.get(actor.get_absolute_url() + "?page=2").context["events"]) == 3
    assert client.get(actor.get_absolute_url() + "?page=9").status_code == 404
    assert client.get(actor.get_absolute_url() + "?page=x").status_code == 404
