"""Conditional GET and the page cache: fresh after every change, 304 when nothing changed."""

import pytest
from django.urls import reverse

from events.caching import cache_parameters, content_version, versioned
from tests.factories import make_actor, make_event, make_place

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("real_cache")]


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


def test_a_cached_page_carries_the_headers_of_the_first_answer(client):
    make_event(title="First")
    url = reverse("events:timeline")
    first = client.get(url)
    again = client.get(url)
    assert again.content == first.content
    for header in ("Content-Security-Policy", "X-Frame-Options", "Content-Type", "ETag", "Cache-Control"):
        assert again[header] == first[header], header


def test_a_cached_page_still_refuses_a_foreign_host():
    from django.test import Client

    client = Client(raise_request_exception=False)  # answered as a server would, not raised into the test
    make_event(title="First")
    url = reverse("events:timeline")
    assert client.get(url).status_code == 200
    assert client.get(url, HTTP_HOST="attacker.example").status_code == 400


def test_pages_are_kept_per_host_and_query(client):
    make_event(title="First")
    assert client.get("/?order=newest")["ETag"] != client.get("/")["ETag"]
    assert client.get("/", HTTP_HOST="localhost")["ETag"] != client.get("/")["ETag"]


def test_the_same_filters_in_another_order_are_one_cached_page(client, count_queries):
    make_event(title="First")
    client.get("/?order=newest&key=on")
    assert count_queries(client.get, "/?key=on&order=newest") == 1  # only the content version


def test_unknown_query_parameters_are_served_but_never_kept(client, count_queries):
    """Arbitrary query strings cannot fill the cache: a page with a parameter no page reads is rendered each time."""
    make_event(title="First")
    for tag in ("a", "b"):
        url = f"/?utm_source={tag}"
        assert client.get(url).status_code == 200
        assert "X-Cache" not in client.get(url)  # rendered again


def test_error_pages_are_not_kept(client):
    url = "/?from=not-a-year"
    assert client.get(url).status_code == 400
    again = client.get(url)
    assert again.status_code == 400 and "X-Cache" not in again  # rendered again


class TestContentVersionTriggers:
    """Every write to a public table, through Django or not, raises the one content version."""

    def test_writes_to_events_and_their_relations_raise_the_version(self):
        event = make_event()
        before = content_version()
        event.title = "Edited"
        event.save()
        after_edit = content_version()
        event.places.add(make_place())
        assert before < after_edit < content_version()

    def test_a_bulk_update_and_raw_sql_raise_it_too(self):
        from django.db import connection

        from events.models import Event

        make_event()
        before = content_version()
        Event.objects.update(title="All at once")
        after_bulk = content_version()
        with connection.cursor() as cursor:
            cursor.execute("UPDATE sources_source SET title = 'Raw'")
        assert before < after_bulk < content_version()


def test_every_public_table_keeps_its_content_version_triggers():
    """A migration that rebuilds a table on SQLite drops its triggers: post_migrate makes them again."""
    from django.db import connection

    from events.content_version import public_tables

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%content_version%'")
        else:
            cursor.execute("SELECT event_object_table FROM information_schema.triggers "
                           "WHERE trigger_name LIKE '%content_version%'")
        with_triggers = {row[0] for row in cursor.fetchall()}
    assert set(public_tables()) <= with_triggers, set(public_tables()) - with_triggers


def test_the_triggers_come_back_after_a_migration_drops_them():
    from django.db import connection

    from events.content_version import drop_triggers, install_triggers, public_tables

    drop_triggers(connection, public_tables())
    event = make_event()
    before = content_version()
    event.title = "Not counted"
    event.save()
    assert content_version() == before
    install_triggers(using=connection.alias)
    event.title = "Counted"
    event.save()
    assert content_version() > before


def test_the_cache_keeps_only_the_parameters_the_filtersets_read():
    """The parameters a page may be kept under come from the FilterSets: a new filter is kept without listing it."""
    from events.filters import EventFilter, SourceFilter

    assert set(EventFilter.base_filters) | set(SourceFilter.base_filters) | {"page"} <= cache_parameters()
    assert "utm_source" not in cache_parameters()


def test_a_versioned_value_is_computed_once_per_version():
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert versioned("answer", compute) == versioned("answer", compute) == 1
    make_event()  # a new version
    assert versioned("answer", compute) == 2


class TestPartsWithoutThePageCache:
    """With the page cache off, a page is still made of versioned parts; each is made afresh when the content changes."""

    @pytest.fixture(autouse=True)
    def no_page_cache(self, settings):
        settings.PAGE_CACHE = False

    def test_an_event_page_keeps_its_record_until_the_content_changes(self, client, count_queries):
        event = make_event(title="Before")
        url = event.get_absolute_url()
        client.get(url)
        kept = count_queries(client.get, url)
        event.title = "After"
        event.save()
        assert count_queries(client.get, url) > kept
        assert "After" in client.get(url).content.decode()

    def test_an_actor_page_keeps_its_record_and_counts_until_the_content_changes(self, client, count_queries):
        actor = make_actor(name="Kosovo Force")
        make_event(actors=[actor])
        url = actor.get_absolute_url()
        client.get(url)
        kept = count_queries(client.get, url)
        actor.name = "KFOR"
        actor.save()
        assert count_queries(client.get, url) > kept
        assert "KFOR" in client.get(url).content.decode()

    def test_the_whole_timelines_band_is_kept_per_language(self, client):
        make_event(title="Entry", title_sq="Hyrja")
        assert "Entry" in client.get("/").content.decode()
        assert "Hyrja" in client.get("/sq/").content.decode().split('class="band"', 1)[1].split("</figure>")[0]


class TestTrustedVersion:
    """Each process trusts the version it read for KFOR_CONTENT_VERSION_SECONDS, and keeps pages in its own memory."""

    @pytest.fixture(autouse=True)
    def trusted(self, settings):
        from events import caching

        settings.KFOR_CONTENT_VERSION_SECONDS = 60
        caching._last_read[0] = float("-inf")
        yield
        caching._last_read[0] = float("-inf")

    def test_a_cached_page_then_costs_no_query(self, client, count_queries):
        make_event(title="First")
        client.get("/")
        assert count_queries(client.get, "/") == 0

    def test_a_change_shows_once_the_version_is_read_again(self, client):
        from events import caching

        event = make_event(title="Before")
        client.get("/")
        event.title = "After"
        event.save()
        assert "Before" in client.get("/").content.decode()  # within the time the version is trusted
        caching._last_read[0] = float("-inf")  # that time is over
        assert "After" in client.get("/").content.decode()

    def test_a_page_is_then_served_from_this_process_memory(self, client):
        from django.core.cache import cache

        make_event(title="First")
        client.get("/?from=1990")
        cache.clear()  # the shared cache is gone (another process's, restarted): this process still has them
        response = client.get("/?from=1990")
        assert response["X-Cache"] == "hit" and "First" in response.content.decode()

    def test_a_value_is_computed_once_for_every_process(self):
        from django.core.cache import cache, caches

        computed = []
        compute = lambda: computed.append(1) or len(computed)  # noqa: E731
        assert versioned("n", compute) == 1
        cache.clear()
        assert versioned("n", compute) == 1  # from this process's memory
        caches["local"].clear()
        assert versioned("n", compute) == 2  # neither has it: computed again, and kept in both
        caches["local"].clear()
        assert versioned("n", compute) == 2 and len(computed) == 2  # another process reads it from the shared cache


def test_the_navigation_and_footer_fragments_are_kept_per_language(client):
    client.get("/about/")  # the English navigation and footer are kept
    html = client.get("/sq/about/").content.decode()
    nav, footer = html.split("<nav", 1)[1].split("</nav>", 1)[0], html.split('class="site-footer"', 1)[1]
    assert 'href="/sq/map/"' in nav and 'href="/sq/sources/"' in footer
