"""
Public data means published data: an anonymous reader crawls every public page, in every language, and every
download, feed, sitemap and read API list, and never meets a draft. Each unpublished thing below carries the
marker; published content is beside it, so the crawl has pages to find. Fails when any surface stops using the
public querysets.
"""

import io
import zipfile
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.utils import timezone

from events.models import Claim, Correction, Event, LegalProvision, Status, Suggestion
from tests.factories import (
    make_actor, make_event, make_event_type, make_figure, make_place, make_provision, make_source,
)

pytestmark = pytest.mark.django_db
MARKER = "zqxdraftmarker"
MAX_PAGES = 1500


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.found.append(value)


def unpublished_content():
    """
    A draft event citing a source nothing public cites, of an actor, a place and a type only it has; a draft figure;
    corrections and claims not public; a legal provision in review, published in a source of its own, that a published
    event names; an actor within a public one that only an event in review names; readers' suggestions on a published
    event, whether waiting or decided (they are never shown).
    """
    hidden_source = make_source(key=f"{MARKER}-source", title=f"Source {MARKER}", url=f"https://{MARKER}.example/")
    draft = make_event(title=f"Draft {MARKER}", slug=f"draft-{MARKER}", summary=f"Summary {MARKER}.",
                       status=Status.DRAFT, sources=[hidden_source],
                       actors=[make_actor(slug=f"actor-{MARKER}", name=f"Draft actor {MARKER}")],
                       places=[make_place(slug=f"place-{MARKER}", name=f"Draft place {MARKER}")],
                       event_type=make_event_type(slug=f"type-{MARKER}", name=f"Type {MARKER}"))
    body = make_actor(name="Public body")
    make_event(title=f"In review {MARKER}", status=Status.REVIEW, sources=[hidden_source],
               actors=[make_actor(slug=f"unit-{MARKER}", name=f"Unit {MARKER}", parent=body)])
    Claim.objects.create(event=draft, date=draft.start, date_precision="day", source=hidden_source)
    make_figure(status=Status.DRAFT, note=f"Note {MARKER}", source=hidden_source, best=4321)
    provision = make_provision(slug=f"provision-{MARKER}", instrument=f"Instrument {MARKER}", status=Status.REVIEW,
                               source=make_source(key=f"{MARKER}-law", title=f"Law {MARKER}"))
    published = make_event(title="Published event", summary="Public summary.", legal_bases=[provision], actors=[body])
    figure = make_figure(best=10200)
    for record in (published, figure, published.citations.get().source):
        Correction.objects.create(content_type=ContentType.objects.get_for_model(record), object_id=record.pk,
                                  text=f"Waiting {MARKER}", status=Status.REVIEW)
    for state in Suggestion.State.values:
        Suggestion.objects.create(event=published, text=f"Suggested {MARKER}", source_url=f"https://{MARKER}.example/s",
                                  email=f"{MARKER}@example.org", state=state, note=f"Note {MARKER}",
                                  decided_at=None if state == Suggestion.State.PENDING else timezone.now())
    return published


def contents(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("application/zip"):
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return "\n".join(archive.read(name).decode() for name in archive.namelist())
    return body.decode("utf-8", errors="replace")


def crawl(client, start, *, until=None):
    """Every internal page reachable from ``start``, with what each holds: {path: text}; or those up to the first
    whose text ``until`` is true of."""
    seen, queue, pages = set(start), list(start), {}
    while queue and len(pages) < MAX_PAGES:
        path = queue.pop(0)
        response = client.get(path)
        if response.status_code in (301, 302):
            target = response["Location"]
            if target not in seen and urlsplit(target).netloc in ("", "testserver"):
                seen.add(target)
                queue.append(urlsplit(target).path + (f"?{urlsplit(target).query}" if urlsplit(target).query else ""))
            continue
        text = contents(response)
        pages[path] = text
        if until and until(text):
            break
        if "html" not in response.get("Content-Type", "") and "xml" not in response.get("Content-Type", ""):
            continue
        parser = Links()
        parser.feed(text.replace("<loc>", '<a href="').replace("</loc>", '">'))
        for link in parser.found:
            link, _fragment = urldefrag(link)
            parts = urlsplit(link)
            if parts.netloc not in ("", "testserver") or not parts.path.startswith("/"):
                continue
            if parts.path.startswith(("/admin/", "/static/")):
                continue
            local = parts.path + (f"?{parts.query}" if parts.query else "")
            if local not in seen:
                seen.add(local)
                queue.append(local)
    return pages


def test_no_public_page_download_feed_or_sitemap_holds_anything_unpublished():
    published = unpublished_content()
    prefixes = [""] + [f"/{code}" for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
    start = ["/sitemap.xml", "/robots.txt", "/api/v1/events/", f"/api/v1/events/{published.slug}/", "/api/v1/sources/",
             "/api/v1/actors/", "/api/v1/places/"]
    for prefix in prefixes:
        start += [f"{prefix}{path}" for path in (
            "/", "/sources/", "/figures/", "/corrections/", "/map/", "/story/", "/story/timeline.json", "/feed/",
            "/legal/", "/about/", "/download/kfor-timeline.json", "/download/kfor-timeline.csv",
            "/download/kfor-timeline.zip", "/sources/export.bib", "/sources/export.ris", "/sources/export.csl.json",
            "/search/?q=draft", "/search/?q=source", "/search/?q=waiting", "/search/?q=unit",
            f"/events/{published.slug}/cite.bib", "/story/timeline.json?key=",
        )]
    pages = crawl(Client(), start)
    assert len(pages) > 40 and any("Published event" in text for text in pages.values())
    leaks = sorted(path for path, text in pages.items() if MARKER in text.lower())
    assert leaks == []


def test_the_crawl_finds_the_marker_once_it_is_published():
    """The crawl can fail: published, the same content is found by it (which ends the crawl there)."""
    unpublished_content()
    Correction.objects.update(status=Status.PUBLISHED)
    pages = crawl(Client(), ["/corrections/", "/download/kfor-timeline.json"], until=lambda text: MARKER in text)
    assert any(MARKER in text for text in pages.values())
    LegalProvision.objects.update(status=Status.PUBLISHED)
    assert MARKER in crawl(Client(), ["/legal/"], until=lambda text: MARKER in text.lower())["/legal/"].lower()
    Event.objects.filter(slug=f"draft-{MARKER}").update(status=Status.PUBLISHED)  # its actor, place and type with it
    pages = crawl(Client(), ["/api/v1/actors/", "/api/v1/places/", "/download/kfor-timeline.json"])
    assert all(MARKER in text for text in pages.values())
    assert f"Type {MARKER}" in pages["/download/kfor-timeline.json"]
