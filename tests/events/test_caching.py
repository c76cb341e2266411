"""Conditional GET and the page cache: fresh after every change, 304 when nothing changed."""

import re
import threading
import time

import pytest
from django.urls import reverse

from events.caching import computing
from tests.factories import make_actor, make_event, make_place

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


def test_one_client_adds_only_so_many_pages_a_minute(client, count_queries, settings):
    settings.PAGE_CACHE_FILLS_PER_MINUTE = 2
    make_event(title="First")
    for page in ("/", "/?order=newest"):  # within the allowance: kept
        client.get(page)
        assert count_queries(client.get, page) == 1
    client.get("/?key=on")  # beyond it: served, not kept
    assert "X-Cache" not in client.get("/?key=on")
    other = {"REMOTE_ADDR": "10.1.2.3"}  # another reader has an allowance of their own
    client.get("/?key=on", **other)
    assert client.get("/?key=on", **other)["X-Cache"] == "hit"


def test_error_pages_are_not_kept(client):
    url = "/?from=not-a-year"
    assert client.get(url).status_code == 400
    again = client.get(url)
    assert again.status_code == 400 and "X-Cache" not in again  # rendered again


class TestRememberedVersion:
    """With CONTENT_VERSION_SECONDS, a cached page costs no query at all."""

    @pytest.fixture(autouse=True)
    def remember(self, settings, monkeypatch):
        from events import caching

        settings.CONTENT_VERSION_SECONDS = 60
        self.now = 1000.0
        monkeypatch.setattr(caching.time, "monotonic", lambda: self.now)
        caching.forget_content_version()
        yield
        caching.forget_content_version()  # what this thread remembers was read at a made-up time

    def test_a_cached_page_costs_no_query(self, client, count_queries):
        make_event(title="First")
        url = reverse("events:timeline")
        client.get(url)
        assert count_queries(client.get, url) == 0

    def test_a_change_made_through_django_shows_at_once(self, client, django_capture_on_commit_callbacks):
        event = make_event(title="Original title")
        url = reverse("events:timeline")
        client.get(url)
        with django_capture_on_commit_callbacks(execute=True):
            event.title = "Corrected title"
            event.save()
        assert "Corrected title" in client.get(url).content.decode()

    def test_a_change_made_elsewhere_shows_once_the_version_is_read_again(self, client):
        from django.db import connection

        make_event(title="Original title")
        url = reverse("events:timeline")
        client.get(url)
        with connection.cursor() as cursor:  # as another process, or psql, would
            cursor.execute("UPDATE events_event SET title = 'Corrected title'")
        self.now += 30
        assert "Original title" in client.get(url).content.decode()
        self.now += 31
        assert "Corrected title" in client.get(url).content.decode()


class TestEditsToOneEvent:
    """An edit to one event's text re-renders the pages that show it and leaves every other page in the cache."""

    @pytest.fixture(autouse=True)
    def two_actors(self):
        self.ours, self.theirs = make_actor(), make_actor()
        self.shown = make_event(title="Shown here", actors=[self.ours])
        self.elsewhere = make_event(title="Shown elsewhere", actors=[self.theirs])
        self.url = self.ours.get_absolute_url()

    def edit(self, event, **values):
        for name, value in values.items():
            setattr(event, name, value)
        event.save()

    def test_a_page_that_does_not_show_the_edited_event_stays_cached(self, client, count_queries):
        first = client.get(self.url)
        self.edit(self.elsewhere, title="Retitled elsewhere")
        queries = count_queries(client.get, self.url)
        assert queries == 2  # the versions and the edit log: no rendering
        again = client.get(self.url)
        assert again.content == first.content and again["X-Cache"] == "hit"
        assert "Retitled elsewhere" in client.get(self.theirs.get_absolute_url()).content.decode()

    def test_a_page_that_shows_the_edited_event_is_rendered_again(self, client):
        etag = client.get(self.url)["ETag"]
        self.edit(self.shown, summary="A corrected summary.")
        response = client.get(self.url, HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 200 and "A corrected summary." in response.content.decode()
        assert "X-Cache" not in response

    def test_an_unchanged_cached_page_still_answers_not_modified(self, client):
        etag = client.get(self.url)["ETag"]
        self.edit(self.elsewhere, title="Retitled elsewhere")
        assert client.get(self.url, HTTP_IF_NONE_MATCH=etag).status_code == 304

    def test_an_event_page_shows_its_neighbours_titles(self, client):
        url = self.elsewhere.get_absolute_url()  # the next event after "Shown here"
        assert "Shown here" in client.get(url).content.decode()
        self.edit(self.shown, title="Renamed neighbour")
        assert "Renamed neighbour" in client.get(url).content.decode()

    def test_a_page_that_does_not_say_what_it_shows_depends_on_every_event(self, client):
        url = reverse("events:search") + "?q=retitled"
        assert "Shown elsewhere" not in client.get(url).content.decode()
        self.edit(self.elsewhere, title="Retitled elsewhere")
        assert "Retitled elsewhere" in client.get(url).content.decode()

    def test_a_change_of_more_than_text_renders_every_page_again(self, client):
        """A new date moves an event between pages and years: every page may change."""
        import datetime

        client.get(self.url)
        self.edit(self.elsewhere, start=datetime.date(2011, 5, 1))
        assert "X-Cache" not in client.get(self.url)


class TestContentVersionTriggers:
    """The triggers tell edits to an event's text from changes of shape, whatever writes them."""

    def versions(self):
        from events.models import ContentVersion, EventEdit

        row = ContentVersion.objects.get(pk=1)
        return row.version, row.shape, list(EventEdit.objects.values_list("version", "event_id"))

    def test_an_edit_to_the_text_raises_the_version_and_is_logged(self):
        from events.models import Event

        event = make_event()
        version, shape, _ = self.versions()
        Event.objects.filter(pk=event.pk).update(title="New title", summary="New summary.")
        new_version, new_shape, edits = self.versions()
        assert new_version > version and new_shape == shape and edits == [(new_version, event.pk)]

    @pytest.mark.parametrize("change", [{"status": "draft"}, {"key_event": True}, {"slug": "moved"},
                                        {"start": "2010-01-01"}])
    def test_a_change_to_anything_else_raises_the_shape(self, change):
        from events.models import Event

        event = make_event()
        version, shape, _ = self.versions()
        Event.objects.filter(pk=event.pk).update(title="New title", **change)
        new_version, new_shape, _ = self.versions()
        assert new_shape == new_version > version

    def test_writes_to_other_tables_raise_the_shape(self):
        make_event()
        version, shape, _ = self.versions()
        make_actor()
        new_version, new_shape, _ = self.versions()
        assert new_shape == new_version > version

    def test_a_change_of_shape_clears_the_log_at_the_next_edit(self):
        from events.models import Event

        first, second = make_event(), make_event()
        Event.objects.filter(pk=first.pk).update(title="Edited")
        make_actor()
        Event.objects.filter(pk=second.pk).update(title="Edited too")
        _, _, edits = self.versions()
        assert [pk for _, pk in edits] == [second.pk]


def test_the_sqlite_edit_trigger_knows_every_column_of_events():
    """On SQLite the trigger names the columns a change of shape is looked for in: a new column must be among them."""
    from importlib import import_module

    from django.db import connection

    from events.models import Event

    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL compares whole rows (to_jsonb), new columns included")
    migration = import_module("events.migrations.0024_event_edits")
    with connection.cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'events_event_content_version_edit'")
        (sql,) = cursor.fetchone()
    missing = [f.column for f in Event._meta.concrete_fields
               if f.column not in migration.TEXT_COLUMNS and f'OLD."{f.column}"' not in sql]
    assert not missing, missing


def test_every_public_table_keeps_its_content_version_triggers():
    """A migration that rebuilds a table on SQLite drops its triggers; the cache would then serve stale pages."""
    from django.db import connection

    from events.content_version import public_tables

    tables = public_tables()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%content_version%'")
        else:
            cursor.execute("SELECT event_object_table FROM information_schema.triggers "
                           "WHERE trigger_name LIKE '%content_version%'")
        with_triggers = {row[0] for row in cursor.fetchall()}
    assert set(tables) <= with_triggers, set(tables) - with_triggers


DRAWINGS = {"band", "map-points", "timeline-years", "timeline-year-index"}  # what a filtered timeline keeps


def kept_drawings():
    """The keys of the drawings the cache holds, by kind (LocMemCache's keys: ":version:kind:...")."""
    from django.core.cache import cache

    return {key.split(":", 2)[2]: key.split(":")[2] for key in cache._cache if key.split(":")[2] in DRAWINGS}


class TestKeptPartsWithoutThePageCache:
    """
    With the page cache off, a page is still made of kept parts: an event page's record, an actor's or a
    place's record and pages of events. Each is made afresh when what it shows changes, and only then.
    """

    @pytest.fixture(autouse=True)
    def no_page_cache(self, settings):
        settings.PAGE_CACHE = False

    @staticmethod
    def edit(event, **values):
        for name, value in values.items():
            setattr(event, name, value)
        event.save()

    def test_an_event_page_keeps_its_record_until_it_or_an_event_it_shows_is_edited(self, client, count_queries):
        import datetime

        day = datetime.date
        event = make_event(title="Patrols begin", start=day(2001, 1, 1), body="The **first** patrols.")
        following = make_event(title="Second step", start=day(2002, 1, 1))
        unrelated = make_event(title="Much later", start=day(2010, 1, 1))
        url = event.get_absolute_url()
        cold = count_queries(client.get, url)
        warm = count_queries(client.get, url)
        assert warm < cold and warm <= 2  # the event's head (and at most the content version): not its relations
        page = client.get(url).content.decode()
        assert "<strong>first</strong>" in page and "Second step" in page

        self.edit(unrelated, title="Much later, retitled")
        assert count_queries(client.get, url) <= warm + 1  # the versions and the edit log read again; the record kept
        self.edit(following, title="Second step, retitled")
        assert "Second step, retitled" in client.get(url).content.decode()
        self.edit(event, summary="A corrected summary.")
        assert "A corrected summary." in client.get(url).content.decode()

    def test_a_filtered_band_keeps_its_marks_until_their_events_are_edited(self, client, count_queries):
        kfor = make_actor(slug="kfor")
        event = make_event(title="Patrols begin", actors=[kfor])
        make_event(title="Handover", actors=[kfor])
        url = "/?actor=kfor"
        cold = count_queries(client.get, url)
        warm = count_queries(client.get, url)
        assert warm < cold and warm <= 1  # at most the content version: no list item and no mark read again
        self.edit(event, title="Patrols begin, retitled")
        band = re.search(r'<figure class="band".*?</figure>', client.get(url).content.decode(), re.S).group(0)
        assert "Patrols begin, retitled" in band and "Handover" in band

    def test_a_filtered_map_is_kept_under_the_events_it_counts_and_the_language(self, client):
        kfor, nato = make_actor(slug="kfor"), make_actor(slug="nato")
        pristina = make_place(name="Pristina", name_sq="Prishtina", latitude=42.6629, longitude=21.1655)
        make_event(actors=[kfor, nato], places=[pristina])
        make_event(actors=[kfor], places=[pristina])
        assert 'aria-label="Pristina: 2 events"' in client.get("/?actor=kfor").content.decode()
        assert 'aria-label="Pristina: 1 event"' in client.get("/?actor=nato").content.decode()  # not the kept 2
        assert 'aria-label="Prishtina: ' in client.get("/sq/?actor=nato").content.decode()  # nor the English one

    def test_what_words_searched_for_select_is_drawn_and_not_kept(self, client):
        kfor = make_actor(slug="kfor")
        make_event(title="Patrols begin", actors=[kfor], places=[make_place(latitude=42.66, longitude=21.17)])
        client.get("/?actor=kfor&q=patrols")
        assert set(kept_drawings().values()) == set()
        client.get("/?actor=kfor")
        assert set(kept_drawings().values()) == DRAWINGS

    def test_a_client_that_has_added_its_share_of_pages_keeps_no_drawing_either(self, client, settings):
        from django.core.cache import cache

        settings.PAGE_CACHE, settings.PAGE_CACHE_FILLS_PER_MINUTE = True, 1
        kfor, nato = make_actor(slug="kfor"), make_actor(slug="nato")
        make_event(title="Patrols begin", actors=[kfor, nato], places=[make_place(latitude=42.66, longitude=21.17)])
        client.get("/?actor=kfor")  # its one page this minute, kept with what it draws
        assert set(kept_drawings().values()) == DRAWINGS
        cache.delete_many(list(kept_drawings()))
        assert set(kept_drawings().values()) == set()
        client.get("/?actor=nato")  # the same events: the same drawings, were they kept
        assert set(kept_drawings().values()) == set()
        client.get("/?actor=nato", REMOTE_ADDR="10.1.2.3")  # another reader's allowance is their own
        assert set(kept_drawings().values()) == DRAWINGS

    def test_a_filtered_list_is_kept_under_its_events_their_edits_and_the_language(self, client, count_queries):
        kfor = make_actor(slug="kfor")
        event = make_event(title="Patrols begin", title_sq="Fillojnë patrullimet", actors=[kfor])
        make_event(title="Handover", actors=[kfor])
        url = "/?actor=kfor"

        def listed(page):
            return page.split('<ol class="events">', 1)[1]  # the list, not the band

        assert "Patrols begin" in listed(client.get(url).content.decode())
        assert "Fillojnë patrullimet" in listed(client.get("/sq" + url).content.decode())  # not the English list
        self.edit(event, summary="Checkpoints staffed jointly.")
        assert "Checkpoints staffed jointly." in listed(client.get(url).content.decode())
        assert "No published events match" in client.get("/?actor=kfor&to=1990").content.decode()
        invalid = client.get("/?actor=kfor&from=never")
        assert invalid.status_code == 400 and "Correct the filters" in invalid.content.decode()
        assert "No published events match" not in invalid.content.decode()  # not the kept list of a valid query

    def test_an_actor_page_keeps_its_record_and_its_events_until_the_shape_changes(self, client, count_queries):
        actor = make_actor(name="Multinational Battle Group East")
        make_event(title="Exercise", actors=[actor])
        url = actor.get_absolute_url()
        cold = count_queries(client.get, url)
        warm = count_queries(client.get, url)
        assert warm < cold and warm <= 2  # the actor (and at most the content version)
        actor.name = "Regional Command East"
        actor.save()
        make_event(title="Handover", actors=[actor])
        page = client.get(url).content.decode()
        assert "Regional Command East" in page and "Handover" in page and "2 published events" in page

    def test_the_whole_timeline_keeps_its_list_until_one_of_its_events_is_edited(self, client, count_queries):
        shown = make_event(title="Checkpoint opened")
        url = reverse("events:timeline")
        cold = count_queries(client.get, url)
        warm = count_queries(client.get, url)
        assert warm < cold and warm <= 1  # at most the content version: the counts, rows and markup are kept
        self.edit(shown, title="Checkpoint reopened")
        listed = client.get(url).content.decode().split('<ol class="events">', 1)[1]  # the list, not the band
        assert "Checkpoint reopened" in listed
        make_event(title="A second event")  # a new event: the shape changes, every kept part is made again
        page = client.get(url).content.decode()
        assert "A second event" in page and "2 events." in page


def test_one_thread_computes_what_several_need_at_once():
    """When the shape changes, every thread needs the same kept values: one computes each, the others wait for it."""
    kept, computed, started = {}, [], threading.Barrier(6)

    def need(key):
        started.wait()
        if key not in kept:
            with computing(key):
                if key not in kept:  # as shaped() looks again once it holds the lock
                    computed.append(key)
                    time.sleep(0.05)
                    kept[key] = "value"
        assert kept[key] == "value"

    threads = [threading.Thread(target=need, args=(key,)) for key in ["a"] * 4 + ["b"] * 2]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(computed) == ["a", "b"]
