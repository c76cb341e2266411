"""The live server the browser tests use must not share the test thread's database connection."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db(transaction=True)


def test_live_server_threads_open_connections_of_their_own(live_server):
    # One SQLite connection used by several threads deadlocks: a query that calls a
    # Python function (the date functions Django registers) waits for the GIL inside
    # SQLite's connection lock while another thread, holding the GIL, waits for that lock.
    # An in-memory test database would be shared that way, so tests use a file.
    assert not live_server.thread.connections_override
    assert connection.vendor != "sqlite" or not connection.is_in_memory_db()
