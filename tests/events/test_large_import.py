"""Large CSV files stream through the importer in batches: bounded memory, no queries per row."""

import tracemalloc

import pytest
from django.core.management import call_command

from benchmarks.synthetic import write_csv_dataset
from events.exchange.importers import events as event_import
from events.exchange.importers import dataset_import
from events.models import Citation, Event, EventActor

pytestmark = pytest.mark.django_db
BATCH_SIZE = 100


@pytest.fixture(autouse=True)
def small_batches(monkeypatch):
    """Batches of 100 rows, so that small files exercise several batches quickly."""
    monkeypatch.setattr(event_import.EventImport, "batch_size", BATCH_SIZE)


def test_many_rows_import_in_batches_with_their_relations(tmp_path):
    dataset_import(paths=[write_csv_dataset(tmp_path / "data", BATCH_SIZE * 2 + 50, actors=5, places=5, sources=5)])
    assert Event.objects.count() == BATCH_SIZE * 2 + 50
    assert EventActor.objects.count() == Citation.objects.count() == 2 * Event.objects.count()
    assert Event.objects.get(slug="event-249").citations.count() == 2


def test_queries_grow_with_batches_not_rows(tmp_path, count_queries):
    def queries(rows):
        folder = write_csv_dataset(tmp_path / str(rows), rows, actors=5, places=5, sources=5)
        return count_queries(dataset_import, paths=[folder], dry_run=True)

    small, large = queries(300), queries(1500)
    # Row by row would be 1,200 more queries at least; batches add a few dozen.
    assert large - small < 1200 / 4, f"{small} queries for 300 rows, {large} for 1,500: some work is done row by row"


def test_reimport_of_a_large_file_changes_nothing(tmp_path):
    folder = write_csv_dataset(tmp_path / "data", BATCH_SIZE + 10, actors=5, places=5, sources=5)
    dataset_import(paths=[folder])
    report = dataset_import(paths=[folder])
    assert report.counts["events"]["unchanged"] == BATCH_SIZE + 10 and not report.counts["events"]["updated"]


def peak_memory(folder):
    tracemalloc.start()
    try:
        dataset_import(paths=[folder], dry_run=True)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_grows_by_keys_not_by_rows(tmp_path):
    """
    Only each event's key (for duplicate checks) and its citations from citations.csv
    stay in memory, a few hundred bytes; a whole row held would be several kilobytes.
    """
    small = peak_memory(write_csv_dataset(tmp_path / "small", 200, actors=5, places=5, sources=5))
    large = peak_memory(write_csv_dataset(tmp_path / "large", 1200, actors=5, places=5, sources=5))
    per_row = (large - small) / 1000
    assert per_row < 1000, f"memory grows by {per_row:.0f} bytes a row ({small / 1e6:.1f} MB, then {large / 1e6:.1f} MB)"


def test_progress_bar_only_when_asked(tmp_path, capsys):
    folder = write_csv_dataset(tmp_path / "data", 30, actors=5, places=5, sources=5)
    dataset_import(paths=[folder], progress=True)
    assert "events" in capsys.readouterr().err
    call_command("import_data", str(folder))  # standard error is not a terminal here: scripts see no bar
    assert "rows/s" not in capsys.readouterr().err


def test_an_error_deep_in_a_large_file_writes_nothing(tmp_path):
    folder = write_csv_dataset(tmp_path / "data", BATCH_SIZE + 200, actors=5, places=5, sources=5)
    lines = (folder / "events.csv").read_text(encoding="utf-8").splitlines()
    lines[BATCH_SIZE + 100] = lines[BATCH_SIZE + 100].replace("type-", "no-such-type-", 1)
    (folder / "events.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(Exception) as caught:
        dataset_import(paths=[folder])
    assert f"events.csv, row {BATCH_SIZE + 101}, field 'type': unknown event type" in str(caught.value)
    assert not Event.objects.exists()


def test_postgresql_statistics_are_refreshed_after_a_large_import(tmp_path, count_queries):
    """Stale statistics make PostgreSQL scan by status instead of using the search index."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from events.exchange import importers

    folder = write_csv_dataset(tmp_path / "data", importers.ANALYZE_AFTER, actors=5, places=5, sources=5)
    with CaptureQueriesContext(connection) as context:
        dataset_import(paths=[folder])
    analyzed = [q["sql"] for q in context.captured_queries if q["sql"].startswith("ANALYZE")]
    assert bool(analyzed) == (connection.vendor == "postgresql")
