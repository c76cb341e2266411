"""The real TimelineJS library renders our TimelineJS JSON, one slide per event, from our own static files."""

import pytest

from tests.browser.conftest import wait_until
from tests.factories import make_event

pytestmark = pytest.mark.django_db(transaction=True)


def test_timelinejs_renders_every_event_as_a_slide(live_server, page):
    for year in (1999, 2004, 2008, 2013, 2021):
        make_event(title=f"Key event of {year}", start=f"{year}-06-10", key_event=True)
    make_event(title="Not a key event", start="2010-01-01")
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{live_server.url}/story/")
    wait_until(page, "Boolean(window.storyTimeline && window.storyTimeline.ready)")
    wait_until(page, "document.querySelectorAll('.tl-slide').length >= 6")
    assert page.evaluate("window.storyTimeline.config.events.length") == 5
    assert page.locator(".tl-slide").count() == 6  # the title slide and five events
    assert page.locator(".tl-timemarker").count() == 5
    headlines = page.locator(".tl-slide .tl-headline").all_inner_texts()
    assert "Key event of 2013" in headlines and "Not a key event" not in headlines
    elsewhere = [url for url in requests if url.startswith("http") and not url.startswith(live_server.url)]
    assert not elsewhere, elsewhere  # no CDN, no fonts from elsewhere
