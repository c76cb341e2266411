"""The history's pages in Chromium: a reader compares two versions and opens an old one; axe-core finds nothing serious."""

import json
from pathlib import Path

import pytest
import reversion

from events.models import Event

pytestmark = pytest.mark.django_db(transaction=True)
AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture
def retitled(founding_dataset):
    """The founding dataset, and its first published event retitled in a second version."""
    event = Event.objects.published().order_by("start", "slug").first()
    old_title = event.title
    with reversion.create_revision():
        event.title = f"{old_title} (retitled)"
        event.save()
        reversion.set_comment("Retitled")
    return event, old_title


def test_a_reader_compares_versions_and_reads_the_old_one(live_server, new_page, retitled):
    event, old_title = retitled
    page = new_page()
    page.goto(f"{live_server.url}/events/{event.slug}/")
    page.click("text=History")
    page.click("text=Compare with the version before")
    assert page.locator(".version-diff ins").first.inner_text() == "(retitled)"
    page.click(f"ol.versions a[href='/events/{event.slug}/v/1/']")
    assert "A newer version exists" in page.locator(".version-note").first.inner_text()
    assert page.locator("h1").inner_text().strip() == old_title


@pytest.mark.parametrize("suffix", ["history/?from=1&to=2", "v/1/"])
def test_no_serious_accessibility_violations(live_server, new_page, retitled, suffix):
    if not AXE.exists():
        pytest.skip("axe-core is not installed: cd tests/browser && npm ci")
    page = new_page(bypass_csp=True)  # the test injects axe-core itself; the site's policy stays as it is
    page.goto(f"{live_server.url}/events/{retitled[0].slug}/{suffix}")
    page.add_script_tag(content=AXE.read_text())
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [v for v in results["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, json.dumps([{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:5]} for v in serious])
