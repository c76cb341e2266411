"""
The home page in Chromium, on the founding dataset: the band and the first events on the first screen, the band's
keyboard, zoom kept in the URL and undone by Back, no console errors, and axe-core.
"""

import datetime
import json
import re
from pathlib import Path

import pytest


pytestmark = pytest.mark.django_db(transaction=True)
AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
SCREENS = {"desktop": {"width": 1366, "height": 768}, "phone": {"width": 390, "height": 844}}


@pytest.fixture
def watched(new_page):
    """Open pages whose console errors and uncaught exceptions fail the test."""
    errors = []

    def open_page(**options):
        page = new_page(**options)
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        page.on("pageerror", lambda error: errors.append(str(error)))
        return page

    yield open_page
    assert not errors, errors


def band_span(page):
    return page.evaluate("[document.querySelector('figure.band').dataset.from,"
                         " document.querySelector('figure.band').dataset.to]")


def band_events(page):
    return page.evaluate("JSON.parse(document.getElementById('band-data').textContent).events")


@pytest.mark.parametrize("screen", SCREENS)
def test_the_band_and_the_first_events_are_on_the_first_screen(live_server, watched, founding_dataset, screen):
    size = SCREENS[screen]
    page = watched(viewport=size)
    page.goto(live_server.url + "/")
    band = page.locator(".band-view").bounding_box()
    first = page.locator("ol.events .event-title").first.bounding_box()
    assert band["width"] >= size["width"] - 40  # the whole width, not a column
    assert band["height"] >= 100 and band["y"] + band["height"] <= size["height"]
    assert first["y"] + first["height"] <= size["height"], f"the first event ends at {first['y'] + first['height']}"
    assert page.locator(".filter-panel .filters").is_hidden()  # the filters wait behind their control
    page.click(".filter-panel > summary")
    assert page.locator("#id_actor").is_visible()


def test_the_band_is_one_tab_stop_and_the_keys_move_open_and_jump(live_server, watched, founding_dataset):
    page = watched(viewport=SCREENS["desktop"])
    page.goto(live_server.url + "/")
    events = band_events(page)
    page.focus("button[data-zoom=all]")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('band-view')")
    page.keyboard.press("Tab")
    assert page.evaluate("!document.activeElement.closest('figure.band')"), "a second tab stop inside the band"
    page.keyboard.press("Shift+Tab")
    readout = page.locator(".band-readout")
    page.keyboard.press("Home")
    assert readout.inner_text() == f"{events[0]['date']}: {events[0]['title']}"
    assert page.url.endswith(f"#event={events[0]['slug']}")
    assert readout.get_attribute("aria-live") == "polite"  # what a screen reader hears
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowLeft")
    assert readout.inner_text() == f"{events[1]['date']}: {events[1]['title']}"
    page.keyboard.press("End")
    assert readout.inner_text() == f"{events[-1]['date']}: {events[-1]['title']}"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf".*{re.escape(events[-1]['url'])}$"))


def test_zoom_changes_the_span_is_kept_in_the_url_and_undone_by_back(live_server, watched, founding_dataset):
    page = watched(viewport=SCREENS["desktop"])
    page.goto(live_server.url + "/?actor=kfor")
    whole = band_span(page)
    assert whole[0] == "1999-01-01" and "#" not in page.url
    page.click("button[data-zoom=in]")
    once = band_span(page)
    page.click("button[data-zoom=in]")
    twice = band_span(page)
    assert whole[0] < once[0] < twice[0] and twice[1] < once[1] < whole[1]
    assert page.url.endswith(f"/?actor=kfor#view={twice[0]}..{twice[1]}")  # the filters stay in the query
    drawn = page.evaluate("document.querySelectorAll('.band-view a').length")
    page.go_back()
    assert band_span(page) == once
    page.go_back()
    assert band_span(page) == whole and "#" not in page.url
    page.go_forward()
    assert band_span(page) == once
    assert drawn < len(band_events(page))  # zoomed in, fewer events are in view

    page.goto(live_server.url + "/#view=2008-01-01..2008-06-30")  # a shared view opens as it was
    assert band_span(page) == ["2008-01-01", "2008-06-30"]
    assert "January 2008" in page.inner_text(".band-span")
    box = page.locator(".band-view").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + 40)
    page.mouse.wheel(0, 400)  # the band has no focus: the page scrolls
    page.wait_for_timeout(200)
    assert band_span(page) == ["2008-01-01", "2008-06-30"]
    page.evaluate("window.scrollTo(0, 0)")
    page.focus(".band-view")
    page.mouse.wheel(0, 400)  # out, around the pointer
    page.wait_for_timeout(600)
    wider = band_span(page)
    assert wider[0] < "2008-01-01" and wider[1] > "2008-06-30" and f"#view={wider[0]}..{wider[1]}" in page.url
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + 90)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 4, box["y"] + 90, steps=5)  # dragged left: later dates come in
    page.mouse.up()
    assert band_span(page)[0] > wider[0]


def test_the_zoom_buttons_work_on_touch_screens_and_a_cluster_zooms_in(live_server, watched, founding_dataset):
    page = watched(viewport=SCREENS["phone"], has_touch=True, is_mobile=True)
    page.goto(live_server.url + "/")
    whole = band_span(page)
    page.tap("button[data-zoom=in]")
    assert band_span(page) != whole
    page.tap("button[data-zoom=all]")
    assert band_span(page) == whole
    page.locator(".band-view .cluster").first.click()
    assert band_span(page) != whole and "#view=" in page.url


def test_two_fingers_spread_on_the_band_zoom_it_in(live_server, watched, founding_dataset):
    page = watched(viewport=SCREENS["phone"], has_touch=True, is_mobile=True)
    page.goto(live_server.url + "/")
    whole = [datetime.date.fromisoformat(day) for day in band_span(page)]
    box = page.locator(".band-view").bounding_box()
    middle, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    touch = page.context.new_cdp_session(page)  # two touch points at once, as Chromium's own input
    for step in range(9):
        apart = 20 + step * 15
        touch.send("Input.dispatchTouchEvent", {"type": "touchStart" if step == 0 else "touchMove", "touchPoints": [
            {"x": middle - apart, "y": y, "id": 0}, {"x": middle + apart, "y": y, "id": 1}]})
    touch.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    pinched = [datetime.date.fromisoformat(day) for day in band_span(page)]
    assert (pinched[1] - pinched[0]) < (whole[1] - whole[0]) / 2 and "#view=" in page.url


def test_without_javascript_the_band_is_a_static_drawing_with_links(live_server, new_page, founding_dataset):
    page = new_page(viewport=SCREENS["desktop"], java_script_enabled=False)
    page.goto(live_server.url + "/")
    assert page.locator(".band-tools").is_hidden()
    links = page.locator("figure.band svg a")
    assert links.count() > 50
    page.locator("figure.band svg rect.mark.point:not(.key)").first.click()
    page.wait_for_url(re.compile(r".*/events/[\w-]+/$"))


@pytest.fixture
def axe_page(watched):
    if not AXE.exists():
        pytest.skip("axe-core is not installed: cd tests/browser && npm ci")
    return watched(bypass_csp=True)  # lets the test inject axe-core without loosening the site's policy


@pytest.mark.parametrize("path", ["/", "/?actor=kfor&from=2011", "/sr-cyrl/#view=2004-01-01..2004-12-31"])
def test_no_accessibility_violations_on_the_home_page_as_used(live_server, axe_page, founding_dataset, path):
    page = axe_page
    page.goto(live_server.url + path)
    page.focus(".band-view")
    page.keyboard.press("ArrowRight")
    page.click(".filter-panel > summary")
    page.add_script_tag(content=AXE.read_text())
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    found = [{"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
             for v in results["violations"]]
    assert not found, json.dumps(found, indent=1)
