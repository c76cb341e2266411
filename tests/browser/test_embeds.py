"""Embeds in Chromium: another site may frame /embed/ and no other page; the Embed box copies its code; axe-core."""

import json
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.conf import settings

from releases.builder import release_make

from .conftest import wait_until
from .test_journeys import AXE

pytestmark = pytest.mark.django_db(transaction=True)
EVENT = "unscr-1244-adopted"


@pytest.fixture
def dataset(founding_dataset, tmp_path, settings):
    settings.KFOR_RELEASES_DIR = tmp_path / "releases"


@pytest.fixture
def elsewhere(tmp_path):
    """Another site: a page on a server of its own at 127.0.0.1 (the site under test is at localhost), on the loopback
    network like it, since Chromium lets no public page frame a local one whatever the headers say."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(SimpleHTTPRequestHandler, directory=str(tmp_path)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def site(html):
        (tmp_path / "index.html").write_text(html)
        return f"http://127.0.0.1:{server.server_port}/index.html"

    yield site
    server.shutdown()
    server.server_close()


def test_another_site_may_frame_the_embed_and_not_the_event_page(live_server, page, dataset, elsewhere):
    embed, full = f"{live_server.url}/embed/events/{EVENT}/", f"{live_server.url}/events/{EVENT}/"
    page.goto(elsewhere(f'<!DOCTYPE html><title>Elsewhere</title><iframe id="embed" src="{embed}"></iframe>'
                        f'<iframe id="full" src="{full}"></iframe>'))
    link = page.frame_locator("#embed").locator("article h1 a")
    assert link.inner_text() == "UN Security Council adopts Resolution 1244"
    assert link.get_attribute("target") == "_blank" and link.get_attribute("href") == f"/events/{EVENT}/"
    page.wait_for_load_state("load")
    # The browser refuses to show the full page in a frame: its error page stands in for it.
    wait_until(page, "document.readyState === 'complete'")
    full_frame = page.locator("#full").element_handle().content_frame()
    assert full_frame.url.startswith("chrome-error://"), full_frame.url
    assert page.locator("#embed").element_handle().content_frame().url == embed


def test_the_embed_box_copies_the_iframe_code(live_server, new_page, dataset):
    page = new_page(permissions=["clipboard-read", "clipboard-write"])
    page.goto(f"{live_server.url}/events/{EVENT}/")
    page.locator("details.embed-code summary").click()
    button = page.locator("button.copy-embed")
    assert button.is_visible()
    button.click()
    wait_until(page, "document.querySelector('button.copy-embed').textContent === 'Copied'")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.locator("#embed-code-text").input_value()
    assert copied.startswith(f'<iframe src="{live_server.url}/embed/events/{EVENT}/"')


@pytest.fixture
def axe_page(new_page):
    if not AXE.exists():
        pytest.skip("axe-core is not installed: cd tests/browser && npm ci")
    return new_page(bypass_csp=True)


@pytest.mark.parametrize("path", ["/data/", "/embed/", "/embed/?actor=kfor&from=2011", f"/embed/events/{EVENT}/",
                                  "/sq/embed/"])
def test_no_serious_accessibility_violations(live_server, axe_page, dataset, path):
    release_make()
    axe_page.goto(live_server.url + path)
    axe_page.add_script_tag(content=AXE.read_text())
    results = axe_page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [v for v in results["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, json.dumps([{"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
                                    for v in serious], indent=1)
    assert settings.KFOR_RELEASES_DIR  # the release above went to this test's own folder
