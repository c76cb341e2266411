import pytest
from django.urls import reverse

from events.querysets import Status
from tests.factories import make_actor, make_event, make_figure, make_place, make_source

pytestmark = pytest.mark.django_db

PAYLOAD = '<script>alert("x")</script>'


def test_timeline_groups_published_events_by_year(client):
    make_event(title="First entry", start="1999-06-12")
    make_event(title="Hidden draft", start="1999-06-13", status=Status.DRAFT)
    make_event(title="Later", start="2004-03-01", start_precision="month")
    html = client.get(reverse("events:timeline")).content.decode()
    assert 'id="y1999"' in html and 'id="y2004"' in html
    assert "First entry" in html and "March 2004" in html
    assert "Hidden draft" not in html


def test_event_page_numbers_citations_and_lists_the_bibliography(client):
    source = make_source(title="Resolution 1244 (1999)")
    event = make_event(sources=[source, make_source(title="Other"), source])
    html = client.get(event.get_absolute_url()).content.decode()
    assert html.count('href="#source-1"') == 2 and 'href="#source-2"' in html
    assert 'id="source-1">' in html and "Resolution 1244 (1999)" in html


@pytest.mark.parametrize("status", [Status.DRAFT, Status.REVIEW, Status.UNPUBLISHED])
def test_unpublished_events_are_not_found(client, status):
    event = make_event(status=status)
    assert client.get(event.get_absolute_url()).status_code == 404


def test_user_text_is_escaped_and_markdown_sanitised(client):
    actor = make_actor(name=PAYLOAD)
    event = make_event(
        title=PAYLOAD, summary=PAYLOAD, notes=PAYLOAD, actors=[actor], places=[make_place(name=PAYLOAD)],
        body=f'**bold** {PAYLOAD} [x](javascript:alert(1)) <img src=x onerror="alert(1)">',
        sources=[make_source(title=PAYLOAD, publisher=PAYLOAD)],
    )
    for url in (event.get_absolute_url(), reverse("events:timeline"), actor.get_absolute_url()):
        html = client.get(url).content.decode()
        assert PAYLOAD not in html
        assert "javascript:" not in html and "onerror" not in html
    assert "<strong>bold</strong>" in client.get(event.get_absolute_url()).content.decode()


def test_actor_page_includes_events_of_sub_actors(client):
    nato = make_actor(slug="nato")
    kfor = make_actor(slug="kfor", parent=nato)
    make_event(title="KFOR event", actors=[kfor])
    make_event(title="Draft KFOR event", actors=[kfor], status=Status.DRAFT)
    html = client.get(nato.get_absolute_url()).content.decode()
    assert "KFOR event" in html and "Draft KFOR event" not in html


def test_place_and_source_pages(client):
    place = make_place(name="Mitrovica", name_sq="Mitrovicë", name_sr="Kosovska Mitrovica")
    make_event(title="Clashes", places=[place])
    html = client.get(place.get_absolute_url()).content.decode()
    assert "Mitrovicë" in html and "Clashes" in html
    source = make_source(title="NATO’s role in Kosovo")
    assert "NATO’s role in Kosovo" in client.get(source.get_absolute_url()).content.decode()


@pytest.mark.parametrize("name", ["timeline", "event", "actor", "place"])
def test_public_pages_run_a_constant_number_of_queries(client, count_queries, name):
    actor, place = make_actor(), make_place()

    def add(n):
        for _ in range(n):
            make_event(actors=[actor, make_actor(parent=actor)], places=[place], sources=[make_source(), make_source()])
            make_figure(best=1 + _, source=make_source())

    add(1)
    event = make_event(actors=[actor], places=[place])
    url = {"timeline": reverse("events:timeline"), "event": event.get_absolute_url(),
           "actor": actor.get_absolute_url(), "place": place.get_absolute_url()}[name]
    few = count_queries(client.get, url)
    add(10)
    for _ in range(5):
        event.citations.create(source=make_source())
    assert count_queries(client.get, url) == few
