"""
A reader's journey and an editor's, in Chromium, with screenshots at phone and
desktop widths kept in artifacts/screenshots/; and axe-core on the main pages.
"""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group

from events.models import Event

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = Path(settings.BASE_DIR) / "artifacts" / "screenshots"
AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


def shoot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    for label, size in WIDTHS.items():
        page.set_viewport_size(size)
        page.screenshot(path=str(SHOTS / f"{name}-{label}.png"), full_page=False)
    page.set_viewport_size(WIDTHS["desktop"])


def test_reader_filters_opens_an_event_and_reaches_its_source(live_server, page, founding_dataset):
    page.goto(live_server.url + "/")
    shoot(page, "01-timeline")
    page.click(".filter-panel > summary")  # the filters wait behind their control
    page.select_option("#id_actor", "kfor")
    page.fill("#id_from", "2021")
    page.click("text=Apply filters")
    page.wait_for_url(re.compile(r".*actor=kfor.*"))
    assert "from=2021" in page.url
    shoot(page, "02-filtered")
    page.locator("ol.events").get_by_text("KFOR deploys at the Jarinje and Brnjak crossings").click()
    page.wait_for_url(re.compile(r".*/events/kfor-replaces-special-police-2021/"))
    shoot(page, "03-event")
    page.click("#cite-1 a")
    assert page.url.endswith("#source-1")
    entry = page.locator("#source-1")
    assert "Euronews" in entry.inner_text()
    entry.locator("text=About this source").click()
    page.wait_for_url(re.compile(r".*/sources/euronews-2021-10-03-nato-border/"))
    assert page.locator("text=KFOR deploys at the Jarinje and Brnjak crossings").count() == 1
    shoot(page, "04-source")


def login(page, base, username, password):
    page.goto(base + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r".*/admin/$"))


def test_editor_writes_reviewer_publishes_reader_sees(live_server, new_page, django_user_model, founding_dataset,
                                                     editorial_roles):
    for name, group in (("erin", "Editor"), ("ravi", "Reviewer")):
        user = django_user_model.objects.create_user(name, f"{name}@example.org", "a-long-password-1", is_staff=True)
        user.groups.add(Group.objects.get(name=group))
    editor = new_page()
    login(editor, live_server.url, "erin", "a-long-password-1")
    shoot(editor, "05-admin-dashboard")
    editor.goto(live_server.url + "/admin/events/event/add/")
    editor.fill("#id_title", "KFOR opens a liaison office in Mitrovica")
    editor.fill("#id_summary", "KFOR opens a liaison office to talk with local communities.")
    editor.fill("#id_dates", "2022-03")
    editor.select_option("#id_status", "review")
    _choose(editor, "event_type", "Deployment")
    _choose(editor, "citations-0-source", "NATO")
    editor.fill("#id_citations-0-locator", "section 2")
    shoot(editor, "06-editor-form")
    editor.click("input[name=_save]")
    editor.wait_for_url(re.compile(r".*/admin/events/event/$"))
    event = Event.objects.get(title="KFOR opens a liaison office in Mitrovica")
    assert event.status == "review" and event.citations.count() == 1
    anonymous = new_page()
    assert anonymous.goto(live_server.url + event.get_absolute_url()).status == 404

    reviewer = new_page()
    login(reviewer, live_server.url, "ravi", "a-long-password-1")
    reviewer.goto(live_server.url + "/admin/events/event/?status__exact=review")
    reviewer.check(f"input[name=_selected_action][value='{event.pk}']")
    reviewer.select_option("select[name=action]", "make_published")
    reviewer.click("button[name=index]")
    reviewer.wait_for_selector("text=1 event moved to published")
    shoot(reviewer, "07-reviewer-published")
    response = anonymous.goto(live_server.url + event.get_absolute_url())
    assert response.status == 200 and "liaison office" in anonymous.content()
    anonymous.goto(live_server.url + "/?from=2022")
    assert anonymous.locator("ol.events").get_by_text("KFOR opens a liaison office in Mitrovica").count() == 1


def _choose(page, field, text):
    """Pick an option in one of the admin's autocomplete (select2) widgets, as a person would."""
    page.locator(f"#id_{field} + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


# The pages a new reader meets first, kept as screenshots at phone and desktop widths for review.
READER_PAGES = {"home": "/", "place": "/places/mitrovica/", "map": "/map/", "home-sq": "/sq/", "home-sr": "/sr/",
                "home-sr-cyrl": "/sr-cyrl/", "about": "/about/"}


def test_reader_pages_are_kept_as_screenshots(live_server, page, founding_dataset):
    for name, path in READER_PAGES.items():  # one copy of the dataset for them all
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        shoot(page, f"reader-{name}")
        for label in WIDTHS:
            assert (SHOTS / f"reader-{name}-{label}.png").stat().st_size > 10_000


MAIN_PAGES = ["/", "/?actor=kfor&from=2011", "/events/unscr-1244-adopted/", "/actors/nato/", "/places/mitrovica/",
              "/sources/", "/sources/unscr-1244/", "/figures/", "/search/?q=border", "/corrections/", "/story/",
              "/map/", "/about/", "/sq/", "/sr/", "/sq/events/unscr-1244-adopted/", "/sr/map/",
              "/sr-cyrl/", "/sr-cyrl/events/unscr-1244-adopted/"]


@pytest.fixture
def axe_page(new_page):
    if not AXE.exists():
        pytest.skip("axe-core is not installed: cd tests/browser && npm ci")
    # The test injects axe-core itself; bypass_csp lets that one script run without loosening the site's policy.
    return new_page(bypass_csp=True)


def test_no_serious_accessibility_violations(live_server, axe_page, founding_dataset):
    found = {}
    for path in MAIN_PAGES:  # one copy of the dataset for them all; every page's findings reported together
        axe_page.goto(live_server.url + path)
        axe_page.add_script_tag(content=AXE.read_text())
        results = axe_page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        serious = [{"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
                   for v in results["violations"] if v["impact"] in ("serious", "critical")]
        if serious:
            found[path] = serious
    assert not found, json.dumps(found, indent=1)
