"""
Importing the exchange format (see events/exchange.py and README.md).

One run is one transaction: any error, anywhere, and nothing is written.
Records are matched by their import keys (slug, source key or normalised URL,
figure series + date + source), so importing the same file twice changes
nothing. An existing record's status is never changed by an import: what an
editor published or withdrew stays so.
"""

import sys
from collections import Counter
from dataclasses import dataclass, field
from itertools import islice

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import connection, transaction
from tqdm import tqdm

from sources.dates import parse_edtf
from sources.duplicates import duplicate_pairs
from sources.links import normalise_url
from sources.models import Source, SourceKind

from . import cleaning as c
from .bulk import BATCH_SIZE, insert_objects
from .event_batches import EventImport
from .exchange import CORRECTABLE, CORRECTION_FIELDS, KINDS
from .models import (
    Actor, ActorKind, Citation, Correction, Event, EventActor, EventType, Figure, FigureSeries, Place, PlaceKind,
)
from .querysets import Status
from .readers import read_paths

MAX_ERRORS = 50
MAX_DUPLICATES_SHOWN = 20


class ImportFailed(Exception):
    def __init__(self, errors):
        self.errors = errors
        shown = errors[:MAX_ERRORS]
        more = f"\n… and {len(errors) - MAX_ERRORS} more" if len(errors) > MAX_ERRORS else ""
        super().__init__("\n".join(shown) + more)


@dataclass
class Report:
    counts: dict = field(default_factory=lambda: {kind: Counter() for kind in KINDS})
    dry_run: bool = False
    notes: list = field(default_factory=list)

    def lines(self):
        yield from self.notes
        for kind, counts in self.counts.items():
            if counts:
                yield f"{kind}: {counts['created']} created, {counts['updated']} updated, {counts['unchanged']} unchanged"


def dataset_import(*, paths, dry_run: bool = False, format: str | None = None, encoding: str | None = None,
                   progress: bool = False) -> Report:
    """Import files (our format, TimelineJS or ACLED; see events/readers.py) in one transaction."""
    document = read_paths(paths, format=format, encoding=encoding)
    if document.errors:
        raise ImportFailed(document.errors)
    importer = _Importer(document, progress=progress)
    with transaction.atomic():
        importer.run()
        errors = document.errors + importer.errors  # the reader finds some errors only while rows stream in
        if errors:
            raise ImportFailed(errors)
        if dry_run:
            transaction.set_rollback(True)
        else:
            refresh_statistics(importer.report)
    importer.report.dry_run = dry_run
    importer.report.notes = document.notes + importer.report.notes
    return importer.report


ANALYZE_AFTER = 1000  # rows written


def refresh_statistics(report):
    """
    After a large import, let PostgreSQL's planner see the new rows at once: with
    stale statistics it scans by status instead of using the search index.
    """
    written = sum(c["created"] + c["updated"] for c in report.counts.values())
    if written >= ANALYZE_AFTER and connection.vendor == "postgresql":
        tables = [model._meta.db_table for model in (Event, EventActor, Citation, Source, Actor, Place, Figure)]
        tables.append(Event.places.through._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(t) for t in tables))


def chunks(rows, size=BATCH_SIZE):
    rows = iter(rows)
    while chunk := list(islice(rows, size)):
        yield chunk


def complete(values, nullable=()):
    """False when a field failed to convert (its error is already recorded)."""
    return all(v is not None for k, v in values.items() if k not in nullable)


# Exchange field name for a model field, where they differ (for error messages).
EXCHANGE_NAMES = {
    "latitude": "lat", "longitude": "lon", "wikidata_id": "wikidata", "geonames_id": "geonames",
    "event_type": "type", "start_precision": "start", "end_precision": "end", "published_precision": "published",
    "date_precision": "date", "archived_on": "archived", "accessed_on": "accessed",
}


class _Importer:
    def __init__(self, document, *, progress=False):
        self.document = document
        self.show_progress = progress
        self.errors = []
        self.report = Report()
        self.objects = {kind: {} for kind in KINDS}  # import key -> saved object
        self.pending = {}  # (kind, key) -> outcome, for records whose parent is set in a second pass
        self.corrections = {}  # (model, pk) -> [(date, text)], the corrections those records should have

    # -- helpers -----------------------------------------------------------------

    def get(self, row, name, converter, *args, **kwargs):
        try:
            return converter(row, name, *args, **kwargs)
        except c.Invalid as exc:
            self.errors.append(row.error(name, str(exc)))
            return None

    def resolve(self, row, name, kind, model, key, key_field="slug"):
        if not key:
            return None
        if key not in self.objects[kind]:
            self.objects[kind][key] = model.objects.filter(**{key_field: key}).first()
        obj = self.objects[kind][key]
        if obj is None:
            self.errors.append(row.error(name, f"unknown {model._meta.verbose_name} {key!r}: it is neither in this import nor in the database"))
        return obj

    def unique(self, row, name, seen, key):
        if key in seen:
            self.errors.append(row.error(name, f"duplicate {key!r}: also at {seen[key]}"))
            return False
        seen[key] = row.where
        return True

    def save(self, row, model, lookup, values, *, create_only=(), obj=None, validate_constraints=True):
        """
        Create or update one record; returns (object, outcome) or (None, None) when invalid.
        validate_constraints=False skips the model's constraint checks, one query each, where the
        cleaning has already checked what they ask; the database still enforces them.
        """
        if obj is None:
            obj = model.objects.filter(**lookup).first()
        if obj is None:
            obj, outcome = model(**lookup, **values), "created"
        else:
            changed = {k: v for k, v in values.items() if k not in create_only and getattr(obj, k) != v}
            for k, v in changed.items():
                setattr(obj, k, v)
            outcome = "updated" if changed else "unchanged"
        if outcome != "unchanged":
            if not self.validate(row, obj, validate_constraints):
                return None, None
            obj.save()
        return obj, outcome

    def save_batch(self, model, entries, *, validate_constraints=True):
        """
        save() for a batch of (row, lookup, values, existing object or None): records that
        exist are updated one by one, new ones are inserted together. Returns (row, object,
        outcome) for each entry, with (row, None, None) where the record is invalid.
        """
        results, created = [], []
        for row, lookup, values, existing in entries:
            if existing is not None:
                results.append((row, *self.save(row, model, lookup, values, obj=existing, validate_constraints=validate_constraints)))
                continue
            obj = model(**lookup, **values)
            if self.validate(row, obj, validate_constraints):
                created.append(obj)
                results.append((row, obj, "created"))
            else:
                results.append((row, None, None))
        if not self.errors:
            insert_objects(model, created)
        return results

    def validate(self, row, obj, validate_constraints=True):
        try:
            obj.full_clean(validate_unique=False, validate_constraints=validate_constraints)
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                text = " ".join(messages)
                self.errors.append(
                    f"{row.where}: {text}" if name == NON_FIELD_ERRORS else row.error(EXCHANGE_NAMES.get(name, name), text)
                )
            return False
        return True

    def dates(self, row, name, *, required):
        parsed = self.get(row, name, c.edtf, required=required)
        return (parsed.date, parsed.precision, parsed.approximate) if parsed else (None, "", False)

    # -- the run -----------------------------------------------------------------

    def progress(self, kind):
        """A progress bar on a terminal (tqdm, on standard error); nothing for scripts."""
        if not self.show_progress:
            return lambda rows: rows
        return lambda rows: tqdm(rows, desc=kind, unit=" rows", file=sys.stderr, leave=False, mininterval=0.5)

    def run(self):
        for kind in KINDS:
            getattr(self, f"import_{kind}")(self.document.iter_rows(kind))
            if self.errors or self.document.errors:  # later kinds refer to earlier ones: stop at the first failure
                return
        self.read_correction_file(self.document.iter_rows("corrections"))
        if not self.errors:
            self.write_corrections()
        self.report_duplicate_sources()

    def parse_corrections(self, row):
        """A record's "corrections": [{"date", "text"}]; None when the row leaves them out (they stay as they are)."""
        if "corrections" not in row.data:
            return None
        parsed = []
        for index, item in enumerate(self.items(row, "corrections", CORRECTION_FIELDS)):
            when = c.parse_iso_date(item.get("date", ""))
            if when is None:
                self.errors.append(row.error(f"corrections[{index}].date", f"{item.get('date')!r} is not a date in the form YYYY-MM-DD"))
            if not item.get("text"):
                self.errors.append(row.error(f"corrections[{index}].text", "is required"))
            parsed.append((when, item.get("text", "")))
        return parsed

    def want_corrections(self, row, model, pk):
        parsed = self.parse_corrections(row)
        if parsed is not None:
            self.corrections[(model, pk)] = parsed

    def read_correction_file(self, rows):
        """corrections.csv: the records it names get exactly the corrections it lists for them."""
        models = {"sources": Source, "actors": Actor, "places": Place, "events": Event, "figures": Figure}
        wanted = {}
        for row in rows:
            kind, key = (row.data.get("kind") or "").strip(), (row.data.get("key") or "").strip()
            if kind not in CORRECTABLE:
                self.errors.append(row.error("kind", f"{kind!r} is not one of {', '.join(CORRECTABLE)}"))
                continue
            model = models[kind]
            lookup = self.figure_lookup(key) if kind == "figures" else {CORRECTABLE[kind]: key}
            pk = model.objects.filter(**lookup).values_list("pk", flat=True).first() if lookup else None
            if pk is None:
                self.errors.append(row.error("key", f"unknown {model._meta.verbose_name} {key!r}"))
                continue
            when = c.parse_iso_date(row.data.get("date", ""))
            text = self.get(row, "text", c.text, required=True)
            if when is None:
                self.errors.append(row.error("date", f"{row.data.get('date')!r} is not a date in the form YYYY-MM-DD"))
            elif text:
                wanted.setdefault((model, pk), []).append((when, text))
        self.corrections.update(wanted)

    @staticmethod
    def figure_lookup(key):
        """The figure a corrections.csv key names ("series|date|source" or "series|event|slug")."""
        parts = key.split("|")
        if len(parts) != 3:
            return None
        series, middle, last = parts
        if middle == "event":
            return {"series": series, "event__slug": last}
        try:
            return {"series": series, "date": parse_edtf(middle).date, "source__key": last, "event": None}
        except ValueError:
            return None

    def write_corrections(self):
        by_model = {}
        for (model, pk), wanted in self.corrections.items():
            by_model.setdefault(model, {})[pk] = wanted
        changed = 0
        for model, wanted in by_model.items():
            content_type = ContentType.objects.get_for_model(model)
            current = {}
            for pk, when, text in (Correction.objects.filter(content_type=content_type, object_id__in=list(wanted))
                                   .order_by("object_id", "order", "id").values_list("object_id", "corrected_on", "text")):
                current.setdefault(pk, []).append((when, text))
            stale = [pk for pk, items in wanted.items() if current.get(pk, []) != items]
            Correction.objects.filter(content_type=content_type, object_id__in=stale).delete()
            Correction.objects.bulk_create(
                Correction(content_type=content_type, object_id=pk, corrected_on=when, text=text, order=i)
                for pk in stale for i, (when, text) in enumerate(wanted[pk])
            )
            changed += len(stale)
        if changed:
            self.report.notes.append(f"corrections: set anew on {changed} record{'s' if changed != 1 else ''}")

    def report_duplicate_sources(self):
        """Imported sources that look like another source are named, for an editor to merge in the admin."""
        touched = {obj.pk for obj in self.objects["sources"].values() if obj is not None}
        if not touched:
            return
        publishers = Source.objects.filter(pk__in=touched).values_list("publisher", flat=True)
        candidates = Source.objects.filter(publisher__in=set(publishers)).only("pk", "key", "title", "publisher", "url")
        pairs = [(a, b, reason) for a, b, reason in duplicate_pairs(candidates) if a.pk in touched or b.pk in touched]
        for a, b, reason in pairs[:MAX_DUPLICATES_SHOWN]:
            self.report.notes.append(
                f"possible duplicate sources ({reason}): {a.key!r} and {b.key!r}; merge them in the admin if they are one document"
            )
        if len(pairs) > MAX_DUPLICATES_SHOWN:
            self.report.notes.append(
                f"… and {len(pairs) - MAX_DUPLICATES_SHOWN} more possible duplicates: see the admin's duplicates filter")

    def import_event_types(self, rows):
        seen = {}
        for row in rows:
            slug = self.get(row, "slug", c.slug)
            values = {"name": self.get(row, "name", c.text, required=True, max_length=100),
                      "description": self.get(row, "description", c.text)}
            if slug and self.unique(row, "slug", seen, slug) and complete(values):
                obj, outcome = self.save(row, EventType, {"slug": slug}, values)
                self.count("event_types", slug, obj, outcome)

    def import_sources(self, rows):
        seen_keys, seen_urls = {}, {}
        for chunk in chunks(rows):
            cleaned = []
            for row in chunk:
                key, values = self.get(row, "key", c.slug), self.clean_source(row)
                if not key or not self.unique(row, "key", seen_keys, key):
                    continue
                if values["url"] and not self.unique(row, "url", seen_urls, values["url"]):
                    continue
                if complete(values, nullable=("published", "archived_on", "accessed_on")):
                    cleaned.append((row, key, values))
            by_key = Source.objects.in_bulk([key for _, key, _ in cleaned], field_name="key")
            urls = [v["url"] for _, _, v in cleaned if v["url"]]
            by_url = {source.url: source for source in Source.objects.filter(url__in=urls)} if urls else {}
            entries, keys = [], {}
            for row, key, values in cleaned:
                # The same document may already be here under another key: it is matched by its URL.
                existing = by_key.get(key) or (by_url.get(values["url"]) if values["url"] else None)
                entries.append((row, {"key": existing.key if existing else key}, values, existing))
                keys[row.where] = key
            # Key and URL are unique (checked above), the title is required, the date and its precision come from one
            # EDTF value: what the constraints ask is checked, and the database still enforces them.
            for row, obj, outcome in self.save_batch(Source, entries, validate_constraints=False):
                self.count("sources", keys[row.where], obj, outcome)
                if obj is not None:
                    self.want_corrections(row, Source, obj.pk)

    def clean_source(self, row):
        published = self.get(row, "published", c.edtf, allow_approximate=False)
        return {
            "kind": self.get(row, "kind", c.choice, SourceKind.choices),
            "title": self.get(row, "title", c.text, required=True, max_length=500),
            "authors": "\n".join(self.get(row, "authors", c.string_list) or []),
            "publisher": self.get(row, "publisher", c.text, max_length=255),
            "published": published.date if published else None,
            "published_precision": published.precision if published else "",
            "url": normalise_url(self.get(row, "url", c.url)),
            "archive_url": self.get(row, "archive_url", c.url),
            "archived_on": self.get(row, "archived", c.iso_date),
            "accessed_on": self.get(row, "accessed", c.iso_date),
            "language": self.get(row, "language", c.text, max_length=20) or "en",
            "notes": self.get(row, "notes", c.text),
        }

    def _tree(self, kind, model, rows, clean):
        """Actors and places: records first, then their parents, so a parent may come later in the file."""
        seen, parents = {}, {}
        for chunk in chunks(rows):
            cleaned = []
            for row in chunk:
                slug = self.get(row, "slug", c.slug)
                values = clean(row)
                if slug and self.unique(row, "slug", seen, slug) and complete(values, nullable=("latitude", "longitude")):
                    cleaned.append((row, slug, values))
            existing = model.objects.in_bulk([slug for _, slug, _ in cleaned], field_name="slug")
            entries = [(row, {"slug": slug}, values, existing.get(slug)) for row, slug, values in cleaned]
            # The constraints ask for coordinates in range and given together (checked by clean) and for no
            # record to be its own parent (checked with every cycle below); the database still enforces them.
            results = self.save_batch(model, entries, validate_constraints=False)
            for (row, obj, outcome), (_, slug, _) in zip(results, cleaned):
                self.count(kind, slug, obj, outcome, defer=True)
                if obj is not None:
                    self.want_corrections(row, model, obj.pk)
                parents[slug] = (row, self.get(row, "parent", c.slug, required=False))
        moved = []
        for slug, (row, parent_slug) in parents.items():
            obj, outcome = self.objects[kind].get(slug), self.pending.pop((kind, slug), None)
            if obj is None:
                continue
            parent = self.resolve(row, "parent", kind, model, parent_slug) if parent_slug else None
            if parent_slug and parent is None:
                continue
            if self._makes_cycle(kind, obj, parent):
                self.errors.append(row.error("parent", f"{parent_slug!r} would make {slug!r} its own ancestor"))
                continue
            if obj.parent_id != (parent.pk if parent else None):
                obj.parent = parent
                moved.append(obj)
                outcome = "updated" if outcome == "unchanged" else outcome
            self.report.counts[kind][outcome] += 1
        if moved and not self.errors:
            model.objects.bulk_update(moved, ["parent"], batch_size=BATCH_SIZE)

    def _makes_cycle(self, kind, obj, parent):
        steps, node = 0, parent
        while node is not None and steps < 100:
            if node is obj or (obj.pk is not None and node.pk == obj.pk):  # not yet saved when other rows failed
                return True
            node, steps = node.parent, steps + 1
        return False

    def import_actors(self, rows):
        self._tree("actors", Actor, rows, lambda row: {
            "name": self.get(row, "name", c.text, required=True, max_length=200),
            "short_name": self.get(row, "short_name", c.text, max_length=50),
            "kind": self.get(row, "kind", c.choice, ActorKind.choices),
            "aliases": "\n".join(self.get(row, "aliases", c.string_list) or []),
            "description": self.get(row, "description", c.text),
            "wikidata_id": self.get(row, "wikidata", c.text, max_length=20),
            "notes": self.get(row, "notes", c.text),
        })

    def import_places(self, rows):
        def clean(row):
            values = {
                "name": self.get(row, "name", c.text, required=True, max_length=200),
                "name_sq": self.get(row, "name_sq", c.text, max_length=200),
                "name_sr": self.get(row, "name_sr", c.text, max_length=200),
                "kind": self.get(row, "kind", c.choice, PlaceKind.choices),
                "wikidata_id": self.get(row, "wikidata", c.text, max_length=20),
                "geonames_id": self.get(row, "geonames", c.text, max_length=20),
                "notes": self.get(row, "notes", c.text),
            }
            lat = self.get(row, "lat", c.decimal, low=-90, high=90)
            lon = self.get(row, "lon", c.decimal, low=-180, high=180)
            if (lat is None) != (lon is None):
                self.errors.append(row.error("lat" if lat is None else "lon", "give both lat and lon, or neither"))
            values.update(latitude=lat, longitude=lon)
            return values
        self._tree("places", Place, rows, clean)

    def import_events(self, rows):
        events = EventImport(self)
        events.run(rows, self.progress("events"))
        if self.document.citations and not self.errors:
            events.replace_citations(self.document.iter_rows("citations"), self.progress("citations"))

    def items(self, row, name, fields):
        """Nested lists: JSON objects, or a CSV cell such as "nato:decision-maker; kfor"."""
        value = row.data.get(name)
        if row.from_csv and isinstance(value, str):
            return [dict(zip(fields, (part.strip() for part in item.split(":", 1)))) for item in value.split(";") if item.strip()]
        if not isinstance(value, list):
            self.errors.append(row.error(name, f"expected a list, found {c.type_name(value)}"))
            return []
        result = []
        for index, item in enumerate(value):
            if isinstance(item, dict):
                item_row, prefix = type(row)(row.kind, item, row.where), f"{name}[{index}]."
                unknown = sorted(set(item) - set(fields))
                if unknown:
                    self.errors.append(row.error(f"{name}[{index}]", f"unknown field(s) {', '.join(unknown)}"))
            else:
                self.errors.append(row.error(f"{name}[{index}]", f"expected an object, found {c.type_name(item)}"))
                continue
            values = {}
            for f in fields:
                try:
                    values[f] = c.text(item_row, f)
                except c.Invalid as exc:
                    self.errors.append(item_row.error(prefix + f, str(exc)))
            result.append(values)
        return result

    def import_figures(self, rows):
        seen = {}
        for row in rows:
            series = self.get(row, "series", c.choice, FigureSeries.choices)
            when = self.get(row, "date", c.edtf, required=True)
            source_key = self.get(row, "source", c.slug)
            source = self.resolve(row, "source", "sources", Source, source_key, key_field="key")
            values = {
                "date_precision": when.precision if when else None,
                "approximate": when.approximate if when else None,
                "best": self.get(row, "best", c.integer, required=True, minimum=1),
                "locator": self.get(row, "locator", c.text, max_length=100),
                "note": self.get(row, "note", c.text),
            }
            low = self.get(row, "low", c.integer, minimum=1)
            high = self.get(row, "high", c.integer, minimum=1)
            status = self.get(row, "status", c.choice, Status.choices, default=Status.DRAFT)
            event_slug = self.get(row, "event", c.slug, required=False)
            event = self.resolve(row, "event", "events", Event, event_slug) if event_slug else None
            if None in values.values() or None in (series, when, source, status) or (event_slug and event is None):
                continue
            key = (series, event.pk) if event else (series, when.date, source.pk)
            if not self.unique(row, "event" if event else "date", seen, key):
                continue
            values.update(low=low, high=high, status=status)
            if event:
                lookup = {"series": series, "event": event}
                values.update(date=when.date, source=source)
            else:
                lookup = {"series": series, "date": when.date, "source": source, "event": None}
            obj, outcome = self.save(row, Figure, lookup, values, create_only=("status",))
            self.count("figures", key, obj, outcome)
            if obj is not None:
                self.want_corrections(row, Figure, obj.pk)

    # -- bookkeeping -------------------------------------------------------------

    def count(self, kind, key, obj, outcome, defer=False):
        if obj is None:
            return
        self.objects[kind][key] = obj
        if defer:
            self.pending[(kind, key)] = outcome
        else:
            self.report.counts[kind][outcome] += 1
