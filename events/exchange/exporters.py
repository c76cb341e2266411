"""
Exporting the exchange format. Records and keys come in a fixed order, so an
export imported into an empty database exports again to the same bytes.
"""

import csv
import io
import json
import re

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch

from sources.dates import to_edtf
from sources.models import Source

from events.models import Actor, Citation, Claim, Correction, Event, EventActor, EventType, Figure, LegalProvision, Place
from events.selectors import public_records, public_sources

from ..translation import with_translations
from .spec import (
    CORRECTABLE, CSV_COLUMNS, CSV_FILES, FORMAT, LICENSE, LIST_SEPARATOR, OPTIONAL, PUBLISHED, ROLE_SEPARATOR,
    STATUS_WHEN_NOT_PUBLISHED, figure_key,
)


def _corrections_of(published_only):
    """The corrections an export holds: only published ones in a public download (an editor's wait for review)."""
    corrections = Correction.objects.published() if published_only else Correction.objects.all()
    return corrections.select_related("erratum_of").order_by("order", "id")

CLAIMS = Prefetch("claims", queryset=Claim.objects.select_related("source").order_by("order", "id"))


def _claim(claim):
    value = {"date": claim.date_edtf} if claim.event_id else {"value": claim.number}
    return {**value, "source": claim.source.key, "locator": claim.locator, "adopted": claim.adopted, "reason": claim.reason}


def _status(record):
    """A provision's or a correction's status where it is not published (spec.STATUS_WHEN_NOT_PUBLISHED)."""
    return {} if record.status == PUBLISHED else {"status": record.status}


def _correction(correction):
    return {"date": correction.corrected_on.isoformat(), "text": correction.text,
            "erratum_of": correction.erratum_of.key if correction.erratum_of else "", **_status(correction)}


def _corrections(corrections):
    return [_correction(c) for c in corrections]


def _number(value):
    return None if value is None else float(value)


def actor_record(a):
    """An actor in the exchange format, without its corrections (its parent loaded with it)."""
    return {
        "slug": a.slug, **{name: getattr(a, name) for name in with_translations("name")},
        "translations_reviewed": a.translations_reviewed or [], "short_name": a.short_name, "kind": a.kind,
        "aliases": a.alias_list, "description": a.description, "parent": a.parent.slug if a.parent else None,
        "wikidata": a.wikidata_id, "notes": a.notes,
    }


def place_record(p):
    """A place in the exchange format, without its corrections (its parent loaded with it)."""
    return {
        "slug": p.slug, **{name: getattr(p, name) for name in with_translations("name")},
        "translations_reviewed": p.translations_reviewed or [], "kind": p.kind,
        "lat": _number(p.latitude), "lon": _number(p.longitude), "parent": p.parent.slug if p.parent else None,
        "wikidata": p.wikidata_id, "geonames": p.geonames_id, "notes": p.notes,
    }


def _with_ancestors(model, ids, link="parent_id"):
    """``ids`` and every record above them along ``link``, so that an import elsewhere finds each one referred to."""
    parents = dict(model.objects.values_list("pk", link))
    result, stack = set(), list(ids)
    while stack:
        pk = stack.pop()
        if pk is not None and pk not in result:
            result.add(pk)
            stack.append(parents.get(pk))
    return result


def dataset_document(*, events=None, published_only=False):
    """
    The exchange document as a dict. Given ``events`` (a filtered timeline),
    it holds those events and only the records they refer to, without figures.
    ``published_only`` (every public download) holds only what readers may see:
    published events, figures, corrections and legal provisions, and the actors, places, event types
    and sources they use (selectors.public_records; sources with the sources those derive from).
    """
    figures = Figure.objects.select_related("source", "event").order_by("series", "date", "source__key", "event__slug")
    sources, actors, places, types = Source.objects.all(), Actor.objects.all(), Place.objects.all(), EventType.objects.all()
    provisions = LegalProvision.objects.published() if published_only else LegalProvision.objects.all()
    legal_bases = Prefetch("legal_bases", queryset=provisions)  # an event names only the provisions the export holds
    if events is not None:
        pks = list(events.values_list("pk", flat=True))
        events, figures = Event.objects.filter(pk__in=pks), figures.none()
        provisions = provisions.filter(events__in=pks).distinct()
        plans = list(Event.objects.filter(pk__in=pks).values_list("planned_by", "plan_source", "relative_to_source"))
        cited = [*Citation.objects.filter(event__in=pks).values_list("source", flat=True),
                 *provisions.values_list("source", flat=True), *(key for plan in plans for key in plan[1:])]
        sources = sources.filter(pk__in=_with_ancestors(Source, cited, link="derived_from_id"))
        named = [*EventActor.objects.filter(event__in=pks).values_list("actor", flat=True),
                 *(plan[0] for plan in plans)]
        actors = actors.filter(pk__in=_with_ancestors(Actor, named))
        places = places.filter(pk__in=_with_ancestors(Place, Event.places.through.objects.filter(event__in=pks).values_list("place", flat=True)))
        types = types.filter(events__in=pks).distinct()
    else:
        events = Event.objects.all()
        if published_only:
            public = public_sources().values_list("pk", flat=True)
            sources = sources.filter(pk__in=_with_ancestors(Source, public, link="derived_from_id"))
    if published_only:
        events, figures = events.published(), figures.published()
        actors, places, types = (records.filter(pk__in=public_records(records.model).values("pk"))
                                 for records in (actors, places, types))
    corrections = _corrections_of(published_only)
    with_corrections = Prefetch("corrections", queryset=corrections)
    source_corrections = {}
    for correction in corrections.filter(content_type=ContentType.objects.get_for_model(Source)):
        source_corrections.setdefault(correction.object_id, []).append(_correction(correction))
    events = events.select_related("event_type", "relative_to", "relative_to_source", "planned_by", "plan_source").prefetch_related(
        "places", legal_bases, with_corrections,
        Prefetch("event_actors", queryset=EventActor.objects.select_related("actor").order_by("order", "id")),
        Prefetch("citations", queryset=Citation.objects.select_related("source").order_by("order", "id")),
        CLAIMS,
    ).order_by("start", "slug")
    return {
        "format": FORMAT,
        "license": LICENSE,
        "event_types": [
            {"slug": t.slug, "name": t.name, "description": t.description} for t in types.order_by("slug")
        ],
        "sources": [
            {
                "key": s.key, "kind": s.kind, "title": s.title, "authors": s.author_list, "publisher": s.publisher,
                "published": s.published_edtf, "url": s.url, "archive_url": s.archive_url,
                "archived": s.archived_on.isoformat() if s.archived_on else None,
                "accessed": s.accessed_on.isoformat() if s.accessed_on else None,
                "language": s.language, "notes": s.notes,
                "derived_from": s.derived_from.key if s.derived_from else None, "derivation": s.derivation,
                "corrections": source_corrections.get(s.pk, []),
            }
            for s in sources.select_related("derived_from").order_by("key")
        ],
        "actors": [
            {**actor_record(a), "corrections": _corrections(a.corrections.all())}
            for a in actors.select_related("parent").prefetch_related(with_corrections).order_by("slug")
        ],
        "places": [
            {**place_record(p), "corrections": _corrections(p.corrections.all())}
            for p in places.select_related("parent").prefetch_related(with_corrections).order_by("slug")
        ],
        "legal_bases": [
            {
                "slug": p.slug, "instrument": p.instrument, "provision": p.provision, "summary": p.summary,
                "text": p.text, "source": p.source.key if p.source else None, "order": p.order, **_status(p),
            }
            for p in provisions.select_related("source").order_by("slug")
        ],
        "events": [
            {
                "slug": e.slug, **{name: getattr(e, name) for name in with_translations("title", "summary")},
                "translations_reviewed": e.translations_reviewed or [], "body": e.body,
                "start": e.start_edtf, "end": e.end_edtf, "display_date": e.display_date, "type": e.event_type.slug,
                "relative_to": e.relative_to.slug if e.relative_to else None,
                "relative_to_source": e.relative_to_source.key if e.relative_to_source else None,
                "relative_offset": e.relative_offset, "relative_phrase": e.relative_phrase,
                "key_event": e.key_event, **({"wikidata": e.wikidata_id} if e.wikidata_id else {}), "status": e.status,
                "planned_on": to_edtf(e.planned_on, e.planned_on_precision),
                "planned_by": e.planned_by.slug if e.planned_by else None,
                "plan_source": e.plan_source.key if e.plan_source else None, "plan_locator": e.plan_locator,
                "planned_for": to_edtf(e.planned_for, e.planned_for_precision), "outcome": e.outcome,
                "actors": [{"actor": ea.actor.slug, "role": ea.role} for ea in e.event_actors.all()],
                "places": sorted(p.slug for p in e.places.all()),
                "legal_bases": sorted(p.slug for p in e.legal_bases.all()),
                "citations": [
                    {"source": ci.source.key, "locator": ci.locator, "quote": ci.quote, "note": ci.note}
                    for ci in e.citations.all()
                ],
                "claims": [_claim(claim) for claim in e.claims.all()],
                "notes": e.notes, "corrections": _corrections(e.corrections.all()),
            }
            for e in events
        ],
        "figures": [
            {
                "series": f.series, "date": to_edtf(f.date, f.date_precision, f.approximate), "best": f.best,
                "low": f.low, "high": f.high, "source": f.source.key, "locator": f.locator, "note": f.note,
                "status": f.status, "event": f.event.slug if f.event else None,
                "claims": [_claim(claim) for claim in f.claims.all()],
                "corrections": _corrections(f.corrections.all()),
            }
            for f in figures.prefetch_related(with_corrections, CLAIMS)
        ],
    }


def json_text(document):
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[-+]?\d+(\.\d+)?$")


def neutralise(text):
    """
    A cell a spreadsheet would run as a formula (=, +, -, @ first) gets a leading
    apostrophe, which spreadsheets hide; plain numbers such as -74.006 stay as they
    are. Our CSV importer removes the apostrophe again.
    """
    if text.startswith(FORMULA_STARTS) and not _NUMBER.match(text):
        return "'" + text
    return text


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, list):
        return neutralise(f"{LIST_SEPARATOR} ".join(value))
    return neutralise(str(value))


def csv_tables(document):
    """{file name: CSV text} for the CSV form of the format."""
    tables = {}
    for kind, columns in CSV_COLUMNS.items():
        if kind == "citations":
            records = [{"event": e["slug"], **ci} for e in document["events"] for ci in e["citations"]]
        elif kind == "corrections":
            records = [
                {"kind": k, "key": record[key] if key else figure_key(record), **correction}
                for k, key in CORRECTABLE.items() for record in document[k] for correction in record["corrections"]
            ]
        elif kind == "claims":
            records = [
                {"kind": k, "key": record["slug"] if k == "events" else figure_key(record), "date": "", "value": "",
                 **claim}
                for k in ("events", "figures") for record in document[k] for claim in record["claims"]
            ]
        elif kind == "events":
            records = [
                {**OPTIONAL["events"], **e, "actors": [f"{a['actor']}{ROLE_SEPARATOR}{a['role']}" for a in e["actors"]]}
                for e in document["events"]
            ]
        else:
            records = document[kind]
        if kind in STATUS_WHEN_NOT_PUBLISHED and any("status" in record for record in records):
            columns = [*columns, "status"]
            records = [{"status": PUBLISHED, **record} for record in records]
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        for record in records:
            writer.writerow([_cell(record[column]) for column in columns])
        tables[CSV_FILES[kind]] = out.getvalue()
    return tables


def cited_sources(events=None):
    """The sources the given events cite, in bibliography order (title); all sources without events."""
    sources = Source.objects.all()
    if events is not None:
        sources = sources.filter(citations__event__in=events.values("pk")).distinct()
    return list(sources.order_by("title", "key"))
