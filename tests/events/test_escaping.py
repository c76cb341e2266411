"""Text from editors and imports is escaped everywhere; Markdown comes out sanitised."""

import pytest
from django.urls import reverse

from tests.factories import make_actor, make_event, make_figure, make_place, make_source

pytestmark = pytest.mark.django_db
PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'
SHORT = "<script>alert(1)</script>"  # for fields of 50 characters


@pytest.fixture
def poisoned():
    actor = make_actor(slug="evil-actor", name=PAYLOAD, short_name=SHORT, aliases=PAYLOAD, description=PAYLOAD, notes=PAYLOAD)
    place = make_place(slug="evil-place", name=PAYLOAD, name_sq=PAYLOAD, name_sr=PAYLOAD, notes=PAYLOAD)
    source = make_source(key="evil-source", title=PAYLOAD, authors=PAYLOAD, publisher=PAYLOAD, notes=PAYLOAD,
                         url="https://example.org/?q=%22%3E%3Cscript%3E")
    event = make_event(
        slug="evil-event", title=PAYLOAD, summary=PAYLOAD, notes=PAYLOAD, display_date=PAYLOAD,
        body=f"**bold** {PAYLOAD} [link](javascript:alert(1)) <a href='javascript:alert(2)'>x</a>",
        actors=[actor], places=[place], sources=[source],
    )
    event.citations.update(locator=PAYLOAD, quote=PAYLOAD, note=PAYLOAD)
    make_figure(source=source, note=PAYLOAD, locator=PAYLOAD)
    return event


PAGES = ["/", "/events/evil-event/", "/actors/evil-actor/", "/places/evil-place/", "/sources/", "/sources/evil-source/",
         "/figures/", "/search/?q=script", "/search/?q=alert", "/feed/"]


@pytest.mark.parametrize("url", PAGES)
def test_payloads_come_out_escaped(client, poisoned, url):
    html = client.get(url).content.decode()
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "javascript:" not in html


def test_markdown_is_rendered_and_sanitised(client, poisoned):
    html = client.get(poisoned.get_absolute_url()).content.decode()
    assert "<strong>bold</strong>" in html
    assert "&lt;script&gt;" in html  # shown as text, never run


def test_search_query_is_escaped(client):
    html = client.get(reverse("events:search"), {"q": PAYLOAD}).content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;" in html
