"""
Synthetic data for benchmarks and large-file tests: an exchange-format CSV
folder with any number of events, written row by row.
"""

import csv
import datetime
from pathlib import Path

from events.exchange.spec import CSV_COLUMNS

ACTORS, PLACES, SOURCES = 50, 50, 200
WORDS = ("border", "patrol", "agreement", "protest", "deployment", "customs", "election", "dialogue", "clash", "handover")


def write_csv_dataset(folder, events, *, actors=ACTORS, places=PLACES, sources=SOURCES, start=datetime.date(1999, 1, 1)):
    """Write ``events`` events (with actors, places and two citations each) as our CSV format into ``folder``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)

    def table(kind, rows):
        with open(folder / f"{kind}.csv", "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS[kind], extrasaction="ignore")
            writer.writeheader()
            writer.writerows(rows)

    table("event_types", [{"slug": f"type-{i}", "name": f"Type {i}"} for i in range(5)])
    table("sources", ({"key": f"source-{i}", "kind": "news", "title": f"Report {i} on the {WORDS[i % 10]}",
                       "publisher": f"Outlet {i % 20}", "url": f"https://example.org/{i}", "published": "2021-09-30"}
                      for i in range(sources)))
    table("actors", ({"slug": f"actor-{i}", "name": f"Actor {i}", "kind": "force", "parent": "actor-0" if i else ""}
                     for i in range(actors)))
    table("places", ({"slug": f"place-{i}", "name": f"Place {i}", "kind": "settlement", "lat": "42.5", "lon": "21.1"}
                     for i in range(places)))
    table("events", ({
        "slug": f"event-{i}", "title": f"Event {i}: {WORDS[i % 10]} near place {i % places}",
        "summary": f"A {WORDS[i % 10]} and a {WORDS[(i * 7) % 10]} involving actor {i % actors}.",
        "start": (start + datetime.timedelta(days=i % 9000)).isoformat(), "type": f"type-{i % 5}",
        "key_event": "true" if i % 50 == 0 else "false", "status": "published",
        "actors": f"actor-{i % actors}:participant; actor-{(i + 1) % actors}:target", "places": f"place-{i % places}",
    } for i in range(events)))
    table("citations", ({"event": f"event-{i // 2}", "source": f"source-{i % sources}", "locator": f"para. {i % 9}"}
                        for i in range(events * 2)))
    return folder
