"""
The KFOR Timeline exchange format, ``kfor-timeline/1``: the contract shared by
import_data, export_data and the founding dataset. docs/exchange-format.md documents it.

JSON is one object: {"format": "kfor-timeline/1", "event_types": [...],
"sources": [...], "actors": [...], "places": [...], "events": [...],
"figures": [...]}. CSV is one file per kind (``<kind>.csv``) plus
``citations.csv``, because an event cites many sources.
"""

from events.translation import with_translations

FORMAT = "kfor-timeline/1"
# The data's licence, stated in every export (a top-level "license" in JSON, a Link header on downloads).
LICENSE = "https://creativecommons.org/licenses/by/4.0/"
# Top-level keys beside "format" that say what a document is and are not records: its licence, when it was exported
# (an ISO 8601 time, in downloads and releases) and the number of the data release it belongs to.
METADATA = ("license", "exported", "release")

# Field order is the export order and the CSV header.
FIELDS = {
    "event_types": ["slug", "name", "description"],
    "sources": [
        "key", "kind", "title", "authors", "publisher", "published", "url",
        "archive_url", "archived", "accessed", "language", "notes", "derived_from", "derivation", "corrections",
    ],
    "actors": ["slug", *with_translations("name"), "translations_reviewed", "short_name", "kind", "aliases", "description", "parent", "wikidata", "notes", "corrections"],
    "places": ["slug", *with_translations("name"), "translations_reviewed", "kind", "lat", "lon", "parent", "wikidata", "geonames", "notes",
               "corrections"],
    "legal_bases": ["slug", "instrument", "provision", "summary", "text", "source", "order", "status"],
    "events": [
        "slug", *with_translations("title", "summary"), "translations_reviewed", "body",
        "start",
        "relative_to", "relative_to_source", "relative_offset", "relative_phrase", "end", "display_date", "type",
        "key_event", "wikidata", "status", "planned_on", "planned_by", "plan_source", "plan_locator", "planned_for", "outcome",
        "actors", "places", "legal_bases", "citations", "claims", "notes", "corrections",
    ],
    "figures": ["series", "date", "best", "low", "high", "source", "locator", "note", "status", "event", "claims",
                "corrections"],
}
KINDS = list(FIELDS)

# Optional in JSON: an event's "wikidata" is written only when set, so files without it export unchanged.
OPTIONAL = {"events": {"wikidata": ""}}
CITATION_FIELDS = ["source", "locator", "quote", "note"]
# erratum_of: the key of the source whose error the correction records (the founding article's slips), or "".
CORRECTION_FIELDS = ["date", "text", "erratum_of", "status"]
# A provision's and a correction's status is written only where it is not "published", which is what its absence
# means: a full export keeps drafts and corrections in review as they are, while public downloads and the founding
# dataset, which hold only published records, carry none. In CSV the column is there only when a row needs it.
STATUS_WHEN_NOT_PUBLISHED = ("legal_bases", "corrections")
PUBLISHED = "published"
# The kinds whose records carry corrections, and the field that keys them in corrections.csv.
# A figure's key is "series|date|source", or "series|event|slug" for a figure of one event.
CORRECTABLE = {"sources": "key", "actors": "slug", "places": "slug", "events": "slug", "figures": None}


def figure_key(figure):
    if figure.get("event"):
        return f"{figure['series']}|event|{figure['event']}"
    return f"{figure['series']}|{figure['date']}|{figure['source']}"
EVENT_ACTOR_FIELDS = ["actor", "role"]

# CSV: the nested lists of an event become cells or a file of their own.
CSV_FILES = {kind: f"{kind}.csv" for kind in KINDS}
CSV_FILES["citations"] = "citations.csv"
CSV_FILES["corrections"] = "corrections.csv"
CSV_FILES["claims"] = "claims.csv"
CSV_COLUMNS = {kind: [f for f in fields if f not in ("citations", "corrections", "claims")
                      and not (f == "status" and kind in STATUS_WHEN_NOT_PUBLISHED)]
               for kind, fields in FIELDS.items()}
CSV_COLUMNS["citations"] = ["event", *CITATION_FIELDS]
CSV_COLUMNS["corrections"] = ["kind", "key", *(f for f in CORRECTION_FIELDS if f != "status")]
# Claims: what each source says of an event's date or a figure's number, where sources differ.
CLAIM_FIELDS = {"events": ["date", "source", "locator", "adopted", "reason"],
                "figures": ["value", "source", "locator", "adopted", "reason"]}
CSV_COLUMNS["claims"] = ["kind", "key", "date", "value", "source", "locator", "adopted", "reason"]
# The columns a CSV file of each kind may have: its own, and the status where a row needs one.
CSV_READ_COLUMNS = {kind: [*columns, *(["status"] if kind in STATUS_WHEN_NOT_PUBLISHED else [])]
                    for kind, columns in CSV_COLUMNS.items()}
LIST_SEPARATOR = ";"
ROLE_SEPARATOR = ":"
