"""The about page, citing an event page itself, "last updated" as the last editorial change, and the data's licence."""

import datetime
import json

import bibtexparser
import pytest
from django.urls import reverse
from django.utils import timezone

from events.exchange.spec import LICENSE
from tests.factories import make_event

pytestmark = pytest.mark.django_db


def test_about_page_says_how_the_site_is_sourced_reviewed_corrected_licensed_and_cited(client):
    html = client.get(reverse("events:about")).content.decode()
    for heading in ("Sourcing policy", "How review works", "Corrections", "Licence and downloads",
                    "How to cite KFOR Timeline"):
        assert heading in html
    assert f'rel="license" href="{LICENSE}"' in html
    home = client.get(reverse("events:timeline")).content.decode()
    assert f'href="{reverse("events:about")}"' in home  # every page's footer links it
    assert reverse("events:about") in client.get("/sitemap.xml").content.decode()


def test_an_event_page_is_cited_with_its_last_editorial_change_not_its_import(client):
    revised = timezone.make_aware(datetime.datetime(2024, 5, 6, 12, 0))
    event = make_event(title="KFOR hands over Jarinje", revised_at=revised)
    html = client.get(event.get_absolute_url()).content.decode()
    assert 'Last updated <time datetime="2024-05-06">6 May 2024</time>' in html
    assert "{{cite web |url=http://testserver/events/" in html and "|date=2024-05-06" in html
    response = client.get(reverse("events:event-cite-page", args=[event.slug, "bib"]))
    assert response["Link"] == f'<{LICENSE}>; rel="license"'
    entry = bibtexparser.parse_string(response.content.decode()).entries[0]
    fields = {field.key: field.value for field in entry.fields}
    assert "KFOR hands over Jarinje" in fields["title"] and fields["url"].endswith(event.get_absolute_url())
    assert fields["year"] == "2024" and datetime.date.today().isoformat() in fields.get("urldate", "")
    csl = json.loads(client.get(reverse("events:event-cite-page", args=[event.slug, "csl.json"])).content)
    assert csl[0]["issued"] == {"date-parts": [[2024, 5, 6]]} and csl[0]["publisher"] == "KFOR Timeline"


def test_without_an_editorial_change_last_updated_is_the_first_publication(client):
    published = timezone.make_aware(datetime.datetime(2023, 1, 2, 9, 0))
    event = make_event(published_at=published)
    assert 'Last updated <time datetime="2023-01-02">' in client.get(event.get_absolute_url()).content.decode()


def test_downloads_state_the_licence(client):
    response = client.get(reverse("events:download", args=["json"]))
    assert json.loads(response.content)["license"] == LICENSE
    assert response["Link"] == f'<{LICENSE}>; rel="license"'
