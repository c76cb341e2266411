"""
The KFOR Timeline exchange format, ``kfor-timeline/1``: the contract shared by
import_data, export_data and the founding dataset. README.md documents it.

JSON is one object: {"format": "kfor-timeline/1", "event_types": [...],
"sources": [...], "actors": [...], "places": [...], "events": [...],
"figures": [...]}. CSV is one file per kind (``<kind>.csv``) plus
``citations.csv``, because an event cites many sources.
"""

FORMAT = "kfor-timeline/1"

# Field order is the export order and the CSV header.
FIELDS = {
    "event_types": ["slug", "name", "description"],
    "sources": [
        "key", "kind", "title", "authors", "publisher", "published", "url",
        "archive_url", "archived", "accessed", "language", "notes",
    ],
    "actors": ["slug", "name", "short_name", "kind", "aliases", "description", "parent", "wikidata", "notes"],
    "places": ["slug", "name", "name_sq", "name_sr", "kind", "lat", "lon", "parent", "wikidata", "geonames", "notes"],
    "events": [
        "slug", "title", "summary", "body", "start", "end", "display_date", "type",
        "key_event", "status", "actors", "places", "citations", "notes",
    ],
    "figures": ["series", "date", "best", "low", "high", "source", "locator", "note", "status", "event"],
}
KINDS = list(FIELDS)

CITATION_FIELDS = ["source", "locator", "quote", "note"]
EVENT_ACTOR_FIELDS = ["actor", "role"]

# CSV: the nested lists of an event become cells or a file of their own.
CSV_FILES = {kind: f"{kind}.csv" for kind in KINDS}
CSV_FILES["citations"] = "citations.csv"
CSV_COLUMNS = {kind: list(fields) for kind, fields in FIELDS.items()}
CSV_COLUMNS["events"] = [f for f in FIELDS["events"] if f != "citations"]
CSV_COLUMNS["citations"] = ["event", *CITATION_FIELDS]
LIST_SEPARATOR = ";"
ROLE_SEPARATOR = ":"
