"""
Every public template at a 360 px phone screen: no sideways scroll, tap targets of at least 24 px (WCAG 2.5.8),
no console errors or Content-Security-Policy violations, and axe-core clean; and the map's clusters and list.
"""

import re

import pytest

from tests.browser.conftest import wait_until
from tests.browser.test_journeys import AXE

pytestmark = pytest.mark.django_db(transaction=True)
PHONE = {"width": 360, "height": 740}

# One page of every public template (and the languages whose words run longest).
PAGES = ["/", "/?actor=kfor&from=2011", "/events/unscr-1244-adopted/", "/actors/nato/", "/places/mitrovica/",
         "/sources/", "/sources/unscr-1244/", "/figures/", "/corrections/", "/legal/", "/legal/unscr-1244/",
         "/search/?q=border", "/map/", "/map/?actor=kfor", "/about/", "/story/", "/no-such-page/", "/sq/",
         "/sq/figures/", "/sr/map/", "/sr-cyrl/", "/sr-cyrl/search/?q=граница"]

# Listens before any script of the page runs: every refusal of the CSP, as the browser reports it.
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + (e.sourceFile || ""));
});
"""

# WCAG 2.5.8: a target is at least 24 by 24 px, or is a link inside a sentence, or has a 24 px circle around its
# centre that touches no other target. Controls and navigation get no spacing exception here: they must be 24 px.
# Links drawn inside an SVG chart or map are exempt as "equivalent": each page lists the same links as text.
SMALL_TARGETS = """
() => {
  const visible = (e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0
    && getComputedStyle(e).visibility !== "hidden"; };
  const all = [...document.querySelectorAll("a[href], button, input:not([type=hidden]), select, textarea, summary")]
    .filter(visible).filter((e) => !e.closest("svg") && !e.closest(".skip-link"));
  const strict = (e) => !e.matches("a") || e.closest("nav, .site-header, .pagination, .year-index, .filters");
  const inText = (e) => {
    const block = e.parentElement.closest("p, li, dd, td, th, figcaption, blockquote, h1, h2, h3, span.credit");
    return block && block.textContent.trim().length > e.textContent.trim().length + 2;
  };
  const box = (e) => e.getBoundingClientRect();
  const small = all.filter((e) => { const r = box(e); return r.width < 23.5 || r.height < 23.5; });
  const centre = (r) => [r.left + r.width / 2, r.top + r.height / 2];
  const touches = (e) => {
    const [x, y] = centre(box(e));
    return all.some((o) => {
      if (o === e) return false;
      const r = box(o);
      const dx = Math.max(r.left - x, 0, x - r.right), dy = Math.max(r.top - y, 0, y - r.bottom);
      if (Math.hypot(dx, dy) < 12) return true;
      if (!small.includes(o)) return false;
      const [ox, oy] = centre(r);
      return Math.hypot(ox - x, oy - y) < 24;
    });
  };
  return small.filter((e) => strict(e) || (!inText(e) && touches(e)))
    .map((e) => e.outerHTML.slice(0, 120) + " " + Math.round(box(e).width) + "x" + Math.round(box(e).height));
}
"""


def open_phone_page(new_page, url, **options):
    page = new_page(viewport=PHONE, **options)
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.add_init_script(CSP_LISTENER)
    response = page.goto(url)
    if "/story/" in url:
        wait_until(page, "document.querySelectorAll('.tl-slide').length > 1")
    return page, response, errors


def test_every_page_fits_a_phone_with_no_errors(live_server, new_page, founding_dataset):
    """One pass over PAGES on one copy of the dataset; every page's problems are reported together."""
    problems = {path: found for path in PAGES if (found := phone_problems(new_page, live_server.url, path))}
    assert not problems, problems


def phone_problems(new_page, base, path):
    page, response, errors = open_phone_page(new_page, base + path)
    found = []
    if response.status != (404 if path == "/no-such-page/" else 200):
        found.append(f"answered {response.status}")
    page.wait_for_load_state("load")
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > PHONE["width"]:
        wide = page.evaluate("""() => [...document.querySelectorAll('body *')].filter((e) => {
            const r = e.getBoundingClientRect(); return r.right > 361 && !e.closest('.table-scroll, .band-scroll, #story');
          }).slice(0, 5).map((e) => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))""")
        found.append(f"{width} px wide: {wide}")
    found += [f"small target: {small}" for small in page.evaluate(SMALL_TARGETS)]
    # Our own 404 answer is no console error of the page; anything else is.
    found += [f"console: {e}" for e in errors if not (path == "/no-such-page/" and "404" in e)]
    found += [f"CSP: {v}" for v in page.evaluate("window.__cspViolations")]
    page.context.close()
    found += [f"axe: {v}" for v in axe_violations(new_page, base + path)]
    return found


def axe_violations(new_page, url):
    """axe-core's serious and critical findings on the page at a phone's width."""
    if not AXE.exists():
        pytest.skip("axe-core is not installed: cd tests/browser && npm ci")
    # bypass_csp lets the test inject axe-core; the policy itself is checked on a page of its own, above.
    page = new_page(viewport=PHONE, bypass_csp=True)
    page.goto(url)
    if "/story/" in url:
        wait_until(page, "document.querySelectorAll('.tl-slide').length > 1")
    page.add_script_tag(content=AXE.read_text())
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    page.context.close()
    return [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in results["violations"] if v["impact"] in ("serious", "critical")]




def test_map_draws_clusters_and_lists_the_places_with_the_timelines_filters(live_server, new_page, founding_dataset):
    page, _, errors = open_phone_page(new_page, live_server.url + "/map/?actor=kfor")
    clusters = page.locator("svg .cluster")
    assert clusters.count() >= 1
    label = clusters.first.get_attribute("aria-label")
    assert re.search(r"\d+ places", label), label
    counts = [int(t) for t in page.locator("svg .cluster-count").all_text_contents()]
    assert all(n >= 2 for n in counts)
    # The list is reached from the top of the page, without the map.
    page.locator("a[href='#map-places']").click()
    rows = page.locator("#map-places tbody tr")
    assert rows.count() >= 5
    first = rows.first.locator("td a")
    assert "actor=kfor" in first.get_attribute("href") and "place=" in first.get_attribute("href")
    timeline = page.locator("a.to-timeline")
    assert "actor=kfor" in timeline.get_attribute("href")
    timeline.click()
    page.wait_for_url(re.compile(r".*/\?actor=kfor.*"))
    assert "actor=kfor" in page.locator("a.to-map").get_attribute("href")
    assert not errors
