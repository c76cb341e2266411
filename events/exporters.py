"""
Exporting the exchange format. Records and keys come in a fixed order, so an
export imported into an empty database exports again to the same bytes.
"""

import csv
import io
import json

from django.db.models import Prefetch

from sources.dates import to_edtf
from sources.models import Source

from .exchange import CSV_COLUMNS, CSV_FILES, FORMAT, LIST_SEPARATOR, ROLE_SEPARATOR
from .models import Actor, Citation, Event, EventActor, EventType, Figure, Place


def _lines(text):
    return [line.strip() for line in text.splitlines() if line.strip()]


def _number(value):
    return None if value is None else float(value)


def dataset_document(*, events=None, published_only=False):
    """The exchange document as a dict; ``events`` narrows the events (e.g. a filtered timeline)."""
    events = Event.objects.all() if events is None else events
    figures = Figure.objects.select_related("source").order_by("series", "date", "source__key")
    if published_only:
        events, figures = events.published(), figures.published()
    events = events.select_related("event_type").prefetch_related(
        "places",
        Prefetch("event_actors", queryset=EventActor.objects.select_related("actor").order_by("order", "id")),
        Prefetch("citations", queryset=Citation.objects.select_related("source").order_by("order", "id")),
    ).order_by("start", "slug")
    return {
        "format": FORMAT,
        "event_types": [
            {"slug": t.slug, "name": t.name, "description": t.description} for t in EventType.objects.order_by("slug")
        ],
        "sources": [
            {
                "key": s.key, "kind": s.kind, "title": s.title, "authors": s.author_list, "publisher": s.publisher,
                "published": s.published_edtf, "url": s.url, "archive_url": s.archive_url,
                "archived": s.archived_on.isoformat() if s.archived_on else None,
                "accessed": s.accessed_on.isoformat() if s.accessed_on else None,
                "language": s.language, "notes": s.notes,
            }
            for s in Source.objects.order_by("key")
        ],
        "actors": [
            {
                "slug": a.slug, "name": a.name, "short_name": a.short_name, "kind": a.kind, "aliases": a.alias_list,
                "description": a.description, "parent": a.parent.slug if a.parent else None,
                "wikidata": a.wikidata_id, "notes": a.notes,
            }
            for a in Actor.objects.select_related("parent").order_by("slug")
        ],
        "places": [
            {
                "slug": p.slug, "name": p.name, "name_sq": p.name_sq, "name_sr": p.name_sr, "kind": p.kind,
                "lat": _number(p.latitude), "lon": _number(p.longitude), "parent": p.parent.slug if p.parent else None,
                "wikidata": p.wikidata_id, "geonames": p.geonames_id, "notes": p.notes,
            }
            for p in Place.objects.select_related("parent").order_by("slug")
        ],
        "events": [
            {
                "slug": e.slug, "title": e.title, "summary": e.summary, "body": e.body,
                "start": e.start_edtf, "end": e.end_edtf, "display_date": e.display_date, "type": e.event_type.slug,
                "key_event": e.key_event, "status": e.status,
                "actors": [{"actor": ea.actor.slug, "role": ea.role} for ea in e.event_actors.all()],
                "places": sorted(p.slug for p in e.places.all()),
                "citations": [
                    {"source": ci.source.key, "locator": ci.locator, "quote": ci.quote, "note": ci.note}
                    for ci in e.citations.all()
                ],
                "notes": e.notes,
            }
            for e in events
        ],
        "figures": [
            {
                "series": f.series, "date": to_edtf(f.date, f.date_precision, f.approximate), "best": f.best,
                "low": f.low, "high": f.high, "source": f.source.key, "locator": f.locator, "note": f.note,
                "status": f.status,
            }
            for f in figures
        ],
    }


def json_text(document):
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, list):
        return f"{LIST_SEPARATOR} ".join(value)
    return str(value)


def csv_tables(document):
    """{file name: CSV text} for the CSV form of the format."""
    tables = {}
    for kind, columns in CSV_COLUMNS.items():
        if kind == "citations":
            records = [{"event": e["slug"], **ci} for e in document["events"] for ci in e["citations"]]
        elif kind == "events":
            records = [
                {**e, "actors": [f"{a['actor']}{ROLE_SEPARATOR}{a['role']}" for a in e["actors"]]} for e in document["events"]
            ]
        else:
            records = document[kind]
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        for record in records:
            writer.writerow([_cell(record[column]) for column in columns])
        tables[CSV_FILES[kind]] = out.getvalue()
    return tables
