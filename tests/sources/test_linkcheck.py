"""Link health against a local HTTP server, never the internet."""

import datetime
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django.urls import reverse

from sources.formatting import format_entry
from sources.linkcheck import check_urls
from sources.models import Source
from tests.factories import make_event, make_source

pytestmark = pytest.mark.django_db


class Handler(BaseHTTPRequestHandler):
    flaky_calls = 0

    def log_message(self, *args):
        pass

    def answer(self, body=True):
        path = self.path
        if path == "/ok":
            return self.reply(200, body)
        if path == "/gone":
            return self.reply(404, body)
        if path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
            self.send_header("Content-Length", "0")
            return self.end_headers()
        if path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.send_header("Content-Length", "0")
            return self.end_headers()
        if path == "/slow":
            time.sleep(1.5)
            return self.reply(200, body)
        if path == "/flaky":
            Handler.flaky_calls += 1
            return self.reply(503 if Handler.flaky_calls == 1 else 200, body)
        if path == "/no-head":
            return self.reply(405 if self.command == "HEAD" else 200, body)
        return self.reply(404, body)

    def reply(self, status, body):
        payload = b"hello" if body else b""
        self.send_response(status)
        self.send_header("Content-Length", str(len(b"hello")))
        self.end_headers()
        if body:
            self.wfile.write(payload)

    def do_GET(self):
        self.answer(body=True)

    def do_HEAD(self):
        self.answer(body=False)


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_statuses_redirects_timeouts_and_retries(server):
    Handler.flaky_calls = 0
    paths = ["/ok", "/gone", "/moved", "/slow", "/flaky", "/no-head", "/loop"]
    results = check_urls([server + p for p in paths], timeout=0.5, retries=1, backoff=0.01, concurrency=4)
    by_path = {url[len(server):]: r for url, r in results.items()}
    assert (by_path["/ok"].status, by_path["/ok"].dead) == (200, False)
    assert (by_path["/gone"].status, by_path["/gone"].dead) == (404, True)
    assert by_path["/moved"].status == 200 and by_path["/moved"].final_url == server + "/ok"
    assert by_path["/slow"].error == "timed out" and by_path["/slow"].attempts == 2
    assert by_path["/flaky"].status == 200 and by_path["/flaky"].attempts == 2
    assert by_path["/no-head"].status == 200
    assert by_path["/loop"].error == "too many redirects"
    refused = check_urls(["http://127.0.0.1:9/nothing"], timeout=0.5, retries=0)
    assert next(iter(refused.values())).dead


def test_command_stores_results_and_reports(server, capsys):
    alive = make_source(key="alive", url=server + "/moved")
    dead = make_source(key="dead", url=server + "/gone", archive_url="https://web.archive.org/web/2021/x")
    call_command("check_sources", "--timeout", "2", "--retries", "0")
    out = capsys.readouterr().out
    assert "2 links checked: 1 alive, 1 dead, 1 redirected." in out and "dead: dead: 404" in out
    alive.refresh_from_db(), dead.refresh_from_db()
    assert (alive.link_status, alive.link_final_url, alive.link_is_dead) == (200, server + "/ok", False)
    assert dead.link_status == 404 and dead.link_is_dead and dead.link_checked_at is not None
    assert list(Source.objects.dead_links()) == [dead]


def test_dry_run_stores_nothing(server):
    source = make_source(url=server + "/gone")
    call_command("check_sources", "--dry-run", "--retries", "0", verbosity=0)
    source.refresh_from_db()
    assert source.link_checked_at is None


def test_dead_link_points_readers_to_the_archived_copy(client):
    source = make_source(url="https://example.org/gone", archive_url="https://web.archive.org/web/2021/x",
                         link_checked_at=datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC), link_status=404)
    entry = str(format_entry(source))
    assert 'href="https://example.org/gone"' not in entry and "link dead when checked on 1 November 2026" in entry
    assert 'href="https://web.archive.org/web/2021/x"' in entry
    event = make_event(sources=[source])
    assert "link dead when checked" in client.get(event.get_absolute_url()).content.decode()


def test_admin_filters_dead_links(staff_client):
    make_source(title="Alive source", link_checked_at=datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC), link_status=200)
    make_source(title="Dead source", link_checked_at=datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC), link_error="timed out")
    html = staff_client.get(reverse("admin:sources_source_changelist") + "?link=dead").content.decode()
    assert "Dead source" in html and "Alive source" not in html
