"""Conditional GET and the page cache: fresh after every change, 304 when nothing changed."""

import pytest
from django.urls import reverse

from tests.factories import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def real_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "test"}}
    from django.core.cache import cache

    cache.clear()


def test_etag_and_not_modified(client):
    make_event(title="First")
    response = client.get(reverse("events:timeline"))
    etag = response["ETag"]
    assert etag and "max-age=0" in response["Cache-Control"]
    assert client.get(reverse("events:timeline"), HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_a_cached_page_is_served_without_rendering_again(client, count_queries):
    make_event(title="First")
    url = reverse("events:timeline")
    client.get(url)
    assert count_queries(client.get, url) == 1  # only the content version


@pytest.mark.parametrize("change", ["edit", "add", "delete"])
def test_any_change_to_the_content_refreshes_the_page(client, change):
    event = make_event(title="Original title")
    url = reverse("events:timeline")
    etag = client.get(url)["ETag"]
    if change == "edit":
        event.title = "Corrected title"
        event.save()
    elif change == "add":
        make_event(title="Corrected title")
    else:
        event.citations.all().delete()
        event.title = "Corrected title"
        event.save()
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200 and response["ETag"] != etag
    assert "Corrected title" in response.content.decode()


def test_deleting_a_citation_alone_changes_the_event_page(client):
    event = make_event()
    url = event.get_absolute_url()
    etag = client.get(url)["ETag"]
    event.citations.all().delete()
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_editors_are_never_served_from_the_cache(staff_client):
    make_event(title="First")
    response = staff_client.get(reverse("events:timeline"))
    assert "ETag" not in response
