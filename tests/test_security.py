"""Security headers on every response, a Content-Security-Policy without inline code, and a 503 when the database is gone."""

import pytest
from django.db import OperationalError, connection
from django.urls import reverse

from tests.factories import make_event

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/", "/sources/", "/feed/", "/admin/login/", "/no-such-page/"])
def test_security_headers_on_every_response(client, url):
    response = client.get(url, secure=True)
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_public_templates_have_no_inline_scripts_or_styles(client):
    event = make_event()
    for url in ("/", event.get_absolute_url(), "/story/", "/figures/", "/search/?q=event", f"{event.get_absolute_url()}suggest/"):
        html = client.get(url).content.decode()
        assert " style=" not in html and "<style" not in html
        for tag in html.split("<script")[1:]:
            head = tag.split(">", 1)[0]
            # Data blocks (JSON-LD, json_script) are data, never run: the CSP need not allow them.
            data = 'type="application/ld+json"' in head or 'type="application/json"' in head
            assert "src=" in head or data, f"inline script on {url}: <script{head}>"


def test_database_outage_is_a_503_in_the_site_style_and_recovers(client):
    make_event(title="Still here")

    def refuse(execute, sql, params, many, context):
        raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")

    with connection.execute_wrapper(refuse):
        response = client.get(reverse("events:timeline"))
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert "Temporarily unavailable" in response.content.decode() and "site-header" in response.content.decode()
    assert client.get(reverse("events:timeline")).status_code == 200
