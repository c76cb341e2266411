"""How the API answers over HTTP: ETags and 304, CORS, the rate limit, errors that name the parameter, constant
query counts, the OpenAPI document and a docs page that loads nothing from elsewhere."""

import re

import pytest

from tests.factories import bulk_events, make_actor, make_event, make_figure, make_place, make_source

pytestmark = pytest.mark.django_db


def test_a_conditional_get_with_the_etag_gets_304_until_the_content_changes(client):
    make_event(slug="first")
    response = client.get("/api/v1/events/")
    etag = response["ETag"]
    assert response.status_code == 200 and etag
    again = client.get("/api/v1/events/", headers={"if-none-match": etag})
    assert again.status_code == 304 and again.content == b""
    assert client.get("/api/v1/events/?page_size=1", headers={"if-none-match": etag}).status_code == 200  # another URL
    make_event(slug="second")
    assert client.get("/api/v1/events/", headers={"if-none-match": etag}).status_code == 200


def test_every_answer_allows_any_origin(client):
    make_event(slug="shown")
    ok = client.get("/api/v1/events/")
    answers = [ok, client.get("/api/v1/events/shown/"), client.get("/api/v1/events/missing/"),
               client.get("/api/v1/events/?from=x"), client.get("/api/v1/events/", headers={"if-none-match": ok["ETag"]}),
               client.get("/api/v1/openapi.json")]
    assert [a["Access-Control-Allow-Origin"] for a in answers] == ["*"] * len(answers)




def test_a_client_past_the_limit_gets_429_with_retry_after_and_others_do_not(client, settings, real_cache):
    settings.KFOR_API_RATE_PER_MINUTE = 3
    assert [client.get("/api/v1/actors/").status_code for _ in range(3)] == [200, 200, 200]
    refused = client.get("/api/v1/actors/")
    assert refused.status_code == 429 and refused["Access-Control-Allow-Origin"] == "*"
    assert 1 <= int(refused["Retry-After"]) <= 60 and refused.json()["detail"]
    assert client.get("/api/v1/actors/", REMOTE_ADDR="192.0.2.7").status_code == 200


@pytest.mark.parametrize("query, parameter", [
    ("from=June", "from"), ("to=2021-13", "to"), ("actor=nobody", "actor"), ("place=nowhere", "place"),
    ("type=none", "type"), ("cursor=not-a-cursor", "cursor"), ("cursor=WyJ4Il0", "cursor"),
    ("cursor=WzUsIngiXQ", "cursor"), ("cursor=WyIyMDA1LTEzLTAxIiwieCJd", "cursor"),
    ("modified_since=yesterday", "modified_since"), ("page_size=0", "page_size"), ("page_size=a", "page_size"),
    ("key=maybe", "key"),
])
def test_a_bad_parameter_gets_400_naming_it(client, query, parameter):
    make_event()
    response = client.get(f"/api/v1/events/?{query}")
    assert response.status_code == 400 and response["Content-Type"].startswith("application/json")
    assert [error["parameter"] for error in response.json()["errors"]] == [parameter]


@pytest.mark.parametrize("url", ["/api/v1/actors/?cursor=%%%", "/api/v1/sources/?cursor=WzEsMl0",
                                 "/api/v1/figures/?cursor=WyJ4Il0", "/api/v1/deleted/?cursor=e30",
                                 "/api/v1/figures/?cursor=W3RydWVd"])
def test_a_bad_cursor_gets_400_on_every_list(client, url):
    response = client.get(url)
    assert response.status_code == 400 and response.json()["errors"][0]["parameter"] == "cursor"


def test_links_are_the_same_whatever_language_the_client_asks_for(client):
    """One URL is one answer, as its ETag claims: /api/ has no language prefix, so the site's default is active."""
    make_event(slug="one")
    page = client.get("/api/v1/events/one/", headers={"accept-language": "sq"}).json()["page"]
    assert page == "http://testserver/events/one/"


def _populate(n):
    actor, place, source = make_actor(), make_place(), make_source()
    bulk_events(n, actors=[actor], places=[place], sources=[source], prefix=f"p{n}")
    make_figure(source=source)


@pytest.mark.parametrize("url", ["/api/v1/events/", "/api/v1/actors/", "/api/v1/places/", "/api/v1/sources/",
                                 "/api/v1/figures/", "/api/v1/deleted/"])
def test_a_page_costs_the_same_queries_for_5_or_50_records(client, count_queries, url):
    _populate(5)
    few = count_queries(client.get, url)
    _populate(45)
    many = count_queries(client.get, url)
    assert many == few


def test_a_page_of_events_takes_a_handful_of_queries(client, count_queries):
    _populate(50)
    # the version (ETag), the events, and their actors, places and citations
    assert count_queries(client.get, "/api/v1/events/") <= 5


def test_the_openapi_document_describes_every_resource(client):
    document = client.get("/api/v1/openapi.json").json()
    assert document["openapi"].startswith("3.")
    for path in ["/api/v1/events/", "/api/v1/events/{slug}/", "/api/v1/actors/", "/api/v1/actors/{slug}/",
                 "/api/v1/places/", "/api/v1/places/{slug}/", "/api/v1/sources/", "/api/v1/sources/{key}/",
                 "/api/v1/figures/", "/api/v1/figures/{pk}/", "/api/v1/deleted/"]:
        assert "400" in document["paths"][path]["get"]["responses"], path
    names = {p["name"] for p in document["paths"]["/api/v1/events/"]["get"]["parameters"]}
    assert {"actor", "place", "type", "from", "to", "key", "q", "modified_since", "cursor"} <= names


def test_the_docs_page_lists_the_endpoints_and_loads_nothing_from_elsewhere(client):
    response = client.get("/api/")
    html = response.content.decode()
    assert response.status_code == 200 and 'href="/api/v1/openapi.json"' in html
    assert "/api/v1/events/{slug}/" in html and "modified_since" in html
    loaded = re.findall(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="([^"]+)"', html)
    assert loaded and all(url.startswith("/") and not url.startswith("//") for url in loaded)


@pytest.mark.parametrize("url", ["/api/v1/events/", "/api/v1/events/shown/", "/api/v1/actors/", "/api/v1/openapi.json"])
def test_a_cors_preflight_allows_reads_and_conditional_headers(client, url):
    make_event(slug="shown")
    answer = client.options(url, headers={"origin": "https://example.org", "access-control-request-method": "GET",
                                          "access-control-request-headers": "if-none-match"})
    assert answer.status_code == 204 and answer["Access-Control-Allow-Origin"] == "*"
    assert answer["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert {h.strip() for h in answer["Access-Control-Allow-Headers"].split(",")} == {"If-None-Match", "If-Modified-Since"}


def test_writes_stay_refused_after_a_preflight(client):
    make_event(slug="shown")
    assert client.post("/api/v1/events/", {}).status_code == 405
    assert client.options("/api/v1/nothing-here/").status_code == 404
