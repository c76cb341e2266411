"""Embeds: /embed/ pages may be framed by any site, every other page by none; oEmbed answers and errors."""

import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from events.models import Status
from tests.factories import bulk_events, make_actor, make_event, make_place, make_source

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    nato = make_actor(slug="nato", name="NATO")
    make_event(slug="kfor-deploys", title="KFOR deploys", actors=[nato], key_event=True,
               places=[make_place(slug="jarinje", name="Jarinje")])
    make_event(slug="elections", title="Elections held")
    make_event(slug="secret-draft", title="Secret draft", status=Status.DRAFT)


def assert_framable(response):
    assert "X-Frame-Options" not in response, response.request["PATH_INFO"]
    ancestors = re.search(r"frame-ancestors ([^;]+)", response["Content-Security-Policy"]).group(1)
    assert ancestors.strip() == "*"


def assert_unframable(response):
    assert response["X-Frame-Options"] == "DENY", response.request["PATH_INFO"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


EMBEDS = ["/embed/", "/embed/?actor=nato&from=2000", "/embed/events/kfor-deploys/", "/sq/embed/"]
OTHERS = ["/", "/?actor=nato", "/events/kfor-deploys/", "/about/", "/data/", "/sources/", "/sq/",
          "/oembed?url=http://testserver/", "/download/kfor-timeline.json", "/map/"]


def test_only_embeds_may_be_framed(client, world):
    for url in EMBEDS:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_framable(response)
    assert_framable(client.get("/embed/?from=not-a-year"))  # the 400 page is framed too
    for url in OTHERS:
        assert_unframable(client.get(url))


def test_framing_headers_survive_the_page_cache(client, world, real_cache):
    for _ in range(2):
        embed, home = client.get("/embed/?actor=nato"), client.get("/")
        assert_framable(embed)
        assert_unframable(home)
    assert embed["X-Cache"] == "hit" and home["X-Cache"] == "hit"


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls, self.anchors = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.urls += [attrs[name] for name in ("href", "src", "action", "srcset", "data") if attrs.get(name)]
        if tag == "a":
            self.anchors.append(attrs)


def links(html):
    parser = Links()
    parser.feed(html)
    return parser


@pytest.mark.parametrize("url", EMBEDS)
def test_embeds_make_no_third_party_requests_and_open_the_full_site_outside_the_frame(client, world, url):
    html = client.get(url).content.decode()
    parsed = links(html)
    assert parsed.urls
    for link in parsed.urls:
        assert urlsplit(link).netloc in ("", "testserver"), link
    assert "<script" not in html and "@import" not in html and " style=" not in html
    assert "site-header" not in html and "<nav" not in html
    for anchor in parsed.anchors:
        assert anchor.get("target") in ("_blank", "_top"), anchor


def test_timeline_embed_shows_the_filtered_events_with_deep_links(client, world):
    html = client.get("/embed/?actor=nato").content.decode()
    hrefs = [a["href"] for a in links(html).anchors]
    assert "/events/kfor-deploys/" in hrefs and "/events/elections/" not in hrefs
    assert "/?actor=nato" in hrefs  # the full timeline, filtered alike
    assert "1 event matches these filters." in html
    everything = client.get("/embed/").content.decode()
    assert "Elections held" in everything and "Secret draft" not in everything
    assert client.get("/embed/?from=not-a-year").status_code == 400


def test_event_embed_links_to_its_page_and_hides_drafts(client, world):
    html = client.get("/embed/events/kfor-deploys/").content.decode()
    assert "KFOR deploys" in html and "Jarinje" in html
    assert any(a["href"] == "/events/kfor-deploys/" for a in links(html).anchors)
    assert client.get("/embed/events/secret-draft/").status_code == 404
    assert client.get("/embed/events/no-such-event/").status_code == 404


def oembed(client, url, **params):
    return client.get(reverse("oembed"), {"url": url, **params})


def iframe_src(answer):
    return re.search(r'<iframe src="([^"]+)"', answer["html"]).group(1).replace("&amp;", "&")


def test_oembed_answers_for_an_event_and_a_filtered_timeline(client, world):
    answer = oembed(client, "http://testserver/events/kfor-deploys/").json()
    assert answer["version"] == "1.0" and answer["type"] == "rich" and answer["provider_name"] == "KFOR Timeline"
    assert answer["title"] == "KFOR deploys · KFOR Timeline"
    assert iframe_src(answer) == "http://testserver/embed/events/kfor-deploys/"
    assert (answer["width"], answer["height"]) == (500, 320)
    assert f'width="{answer["width"]}" height="{answer["height"]}"' in answer["html"]
    answer = oembed(client, "http://testserver/?actor=nato&from=2000&utm_source=x").json()
    src = urlsplit(iframe_src(answer))
    assert src.path == "/embed/" and parse_qs(src.query) == {"actor": ["nato"], "from": ["2000"]}
    assert client.get(iframe_src(answer)).status_code == 200
    # In the page's language, and the embed's own URL names the same embed.
    assert iframe_src(oembed(client, "http://testserver/sq/events/kfor-deploys/").json()).endswith(
        "/sq/embed/events/kfor-deploys/")
    assert iframe_src(oembed(client, "http://testserver/embed/events/kfor-deploys/").json()).endswith(
        "/embed/events/kfor-deploys/")


def test_oembed_honours_maxwidth_and_maxheight(client, world):
    answer = oembed(client, "http://testserver/", maxwidth="320", maxheight="200").json()
    assert (answer["width"], answer["height"]) == (320, 200)
    assert 'width="320" height="200"' in answer["html"]
    answer = oembed(client, "http://testserver/", maxwidth="5000").json()
    assert (answer["width"], answer["height"]) == (600, 500)  # never larger than the embed wants


@pytest.mark.parametrize("url, params, status", [
    ("https://example.org/events/kfor-deploys/", {}, 404),  # another site
    ("http://testserver/about/", {}, 404),  # a page of ours that is not embedded
    ("http://testserver/events/secret-draft/", {}, 404),
    ("http://testserver/nowhere/", {}, 404),
    ("http://testserver/", {"format": "xml"}, 501),
    ("", {}, 400),
    ("not a url", {}, 400),
    ("ftp://testserver/", {}, 400),
    ("http://testserver:port/", {}, 400),
    ("http://testserver/?from=not-a-year", {}, 400),
    ("http://testserver/", {"maxwidth": "wide"}, 400),
    ("http://testserver/", {"maxheight": "0"}, 400),
])
def test_oembed_errors(client, world, url, params, status):
    response = oembed(client, url, **params)
    assert response.status_code == status, response.content
    assert response.content  # a message, not an empty page


def test_timeline_and_event_pages_link_to_their_oembed_and_offer_the_iframe_code(client, world):
    pages = {"/?actor=nato": "/embed/?actor=nato", "/events/kfor-deploys/": "/embed/events/kfor-deploys/"}
    for page, embed in pages.items():
        html = client.get(page).content.decode()
        link = re.search(r'<link rel="alternate" type="application/json\+oembed" href="([^"]+)"', html)
        assert link, page
        answer = client.get(link.group(1).replace("&amp;", "&"))
        assert answer.status_code == 200 and iframe_src(answer.json()) == f"http://testserver{embed}"
        code = re.search(r'<textarea id="embed-code-text" readonly rows="3">([^<]*)</textarea>', html).group(1)
        assert code.startswith("&lt;iframe src=&quot;http://testserver" + embed.replace("&", "&amp;amp;"))
        assert '<script src="/static/js/embed.js" defer></script>' in html


def test_drafts_offer_no_embed(staff_client, world):
    html = staff_client.get("/events/secret-draft/").content.decode()
    assert "json+oembed" not in html and "embed-code-text" not in html


EMBED_PAGES = ["/embed/", "/embed/?actor=nato&from=2000&key=on", "/embed/events/bulk-3/",
               "/oembed?url=http%3A%2F%2Ftestserver%2Fevents%2Fbulk-3%2F", "/oembed?url=http%3A%2F%2Ftestserver%2F"]


@pytest.mark.parametrize("url", EMBED_PAGES)
def test_embed_queries_do_not_grow_with_the_data(client, count_queries, url):
    world = {"actors": [make_actor(slug="nato")], "places": [make_place()], "sources": [make_source()]}
    bulk_events(10, **world)
    client.get(url)
    small = count_queries(client.get, url)
    bulk_events(990, prefix="more", **world)
    client.get(url)
    assert client.get(url).status_code == 200
    assert count_queries(client.get, url) <= small, url
