"""The favicon and app icons: linked from every page, served from our origin, the sizes they claim, drawn by
kfor_site/icons.py."""

import json
import re
import struct

import pytest
from django.conf import settings

from kfor_site.icons import write_icons

pytestmark = pytest.mark.django_db

ICONS = settings.BASE_DIR / "static" / "icons"


def png_size(data):
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def served(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_favicon_ico_answers_with_the_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302 and response["Location"] == "/static/icons/favicon.ico"
    icon = served(client, response["Location"])
    assert icon[:6] == struct.pack("<HHH", 0, 1, 1)  # an icon file with one image
    assert png_size(icon[22:]) == (32, 32)


@pytest.mark.parametrize("url", ["/", "/sr-cyrl/about/"])
def test_every_page_links_its_icons_and_manifest_and_each_answers(client, url):
    html = served(client, url).decode()
    links = dict(re.findall(r'<link rel="(icon|apple-touch-icon|manifest)" href="([^"]+)"', html))
    assert set(links) == {"icon", "apple-touch-icon", "manifest"}
    assert '<link rel="icon" href="/static/icons/favicon.svg" type="image/svg+xml">' in html
    assert png_size(served(client, links["apple-touch-icon"])) == (180, 180)
    manifest = json.loads(served(client, links["manifest"]))
    assert manifest["name"] == "KFOR Timeline" and manifest["theme_color"] == "#0b4f8a"
    sizes = {icon["sizes"]: served(client, f"/static/icons/{icon['src']}") for icon in manifest["icons"]}
    assert png_size(sizes["192x192"]) == (192, 192) and png_size(sizes["512x512"]) == (512, 512)
    assert sizes["any"].startswith(b"<svg")


def test_the_content_security_policy_allows_the_icons_and_manifest(client):
    policy = client.get("/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert "'self'" in directives["img-src"]  # the icons
    assert "'self'" in directives.get("manifest-src", directives["default-src"])  # the manifest


def test_the_committed_icons_are_what_the_script_draws(tmp_path):
    """`make icons` remakes static/icons/ from kfor_site/icons.py: a change to either alone fails here."""
    write_icons(tmp_path)
    for path in tmp_path.iterdir():
        assert (ICONS / path.name).read_bytes() == path.read_bytes(), f"{path.name}: run make icons"


def test_the_mark_is_a_white_k_on_the_accent_colour():
    svg = (ICONS / "favicon.svg").read_text()
    assert 'fill="#0b4f8a"' in svg and '<g fill="#fff">' in svg
