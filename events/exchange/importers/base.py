"""
The importer's shared state and helpers. One ``Importer`` serves a run: it
holds the run's problems, the report, the records saved so far by import key and the
corrections to write at the end. Each kind of record has its own class
(sources.py, trees.py, events.py, figures.py, corrections.py) working through it.
"""

import sys
from collections import Counter
from dataclasses import dataclass, field
from itertools import islice

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone
from tqdm import tqdm

from sources.dates import parse_edtf

from .. import cleaning as c
from ..bulk import BATCH_SIZE, insert_objects
from ...lint import lint_record, misnomers
from ..spec import CORRECTION_FIELDS, KINDS
from ...models import Status

# Exchange field name for a model field, where they differ (for error messages).
EXCHANGE_NAMES = {
    "latitude": "lat", "longitude": "lon", "wikidata_id": "wikidata", "geonames_id": "geonames",
    "event_type": "type", "start_precision": "start", "end_precision": "end", "published_precision": "published",
    "date_precision": "date", "archived_on": "archived", "accessed_on": "accessed",
}


@dataclass
class Report:
    counts: dict = field(default_factory=lambda: {kind: Counter() for kind in KINDS})
    dry_run: bool = False
    notes: list = field(default_factory=list)
    warnings: list = field(default_factory=list)

    def lines(self):
        yield from self.notes
        yield from (f"lint: {warning}" for warning in self.warnings)
        for kind, counts in self.counts.items():
            if counts:
                yield f"{kind}: {counts['created']} created, {counts['updated']} updated, {counts['unchanged']} unchanged"


def chunks(rows, size=BATCH_SIZE):
    rows = iter(rows)
    while chunk := list(islice(rows, size)):
        yield chunk


def complete(values, nullable=()):
    """False when a field failed to convert (its error is already recorded)."""
    return all(v is not None for k, v in values.items() if k not in nullable)


class Importer:
    def __init__(self, document, *, problems, progress=False):
        self.document = document
        self.show_progress = progress
        self.problems = problems  # the run's one collector, shared with the reader
        self.warnings = []  # the content lint's, by file, row and field; errors too in strict mode
        self.misnomers = misnomers()
        self.report = Report()
        self.objects = {kind: {} for kind in KINDS}  # import key -> saved object
        self.pending = {}  # (kind, key) -> outcome, for records whose parent is set in a second pass
        self.corrections = {}  # (model, pk) -> [(date, text)], the corrections those records should have
        self.claims = {}  # (model, pk) -> [values of Claim], the claims those records should have
        self.written = set()  # (model, pk) of each record created or updated: each keeps a version of the run
        self.started = timezone.now()

    def get(self, row, name, converter, *args, **kwargs):
        try:
            return converter(row, name, *args, **kwargs)
        except c.Invalid as exc:
            self.problems.at(row, name, str(exc))
            return None

    def resolve(self, row, name, kind, model, key, key_field="slug"):
        if not key:
            return None
        if key not in self.objects[kind]:
            self.objects[kind][key] = model.objects.filter(**{key_field: key}).first()
        obj = self.objects[kind][key]
        if obj is None:
            self.problems.at(row, name, f"unknown {model._meta.verbose_name} {key!r}: it is neither in this import nor in the database")
        return obj

    def unique(self, row, name, seen, key):
        if key in seen:
            self.problems.at(row, name, f"duplicate {key!r}: also at {seen[key]}")
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
        if not self.problems:
            insert_objects(model, created)
        return results

    def validate(self, row, obj, validate_constraints=True):
        try:
            obj.full_clean(validate_unique=False, validate_constraints=validate_constraints)
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                text = " ".join(messages)
                if name == NON_FIELD_ERRORS:
                    self.problems.add(row.where, text)
                else:
                    self.problems.at(row, EXCHANGE_NAMES.get(name, name), text)
            return False
        return True

    def progress(self, kind):
        """A progress bar on a terminal (tqdm, on standard error); nothing for scripts."""
        if not self.show_progress:
            return lambda rows: rows
        return lambda rows: tqdm(rows, desc=kind, unit=" rows", file=sys.stderr, leave=False, mininterval=0.5)

    def parse_corrections(self, row):
        """
        A record's "corrections": [{"date", "text", "erratum_of", "status"}] as (date, text, erratum's key, status);
        None when the row leaves them out (they stay as they are).
        """
        if "corrections" not in row.data:
            return None
        parsed = []
        for index, item in enumerate(self.items(row, "corrections", CORRECTION_FIELDS)):
            when = c.parse_iso_date(item.get("date", ""))
            if when is None:
                self.problems.at(row, f"corrections[{index}].date", f"{item.get('date')!r} is not a date in the form YYYY-MM-DD")
            if not item.get("text"):
                self.problems.at(row, f"corrections[{index}].text", "is required")
            parsed.append((when, item.get("text", ""), self.erratum_of(row, f"corrections[{index}].erratum_of", item),
                           self.status_of(row, f"corrections[{index}].status", item.get("status"))))
        return parsed

    def status_of(self, row, name, value):
        """
        A provision's or a correction's status: published when the file gives none (spec.STATUS_WHEN_NOT_PUBLISHED);
        None, with the problem recorded, when it is not a status.
        """
        if value in (None, ""):
            return Status.PUBLISHED
        if value not in Status.values:
            self.problems.at(row, name, f"{value!r} is not one of {', '.join(Status.values)}")
            return None
        return value

    def erratum_of(self, row, name, item):
        """The pk of the source whose error a correction records, or None for a correction of the site's content."""
        from sources.models import Source

        source = self.resolve(row, name, "sources", Source, item.get("erratum_of") or "", key_field="key")
        return source.pk if source else None

    def want_corrections(self, row, model, pk):
        parsed = self.parse_corrections(row)
        if parsed is not None:
            self.corrections[(model, pk)] = parsed

    def items(self, row, name, fields):
        """Nested lists: JSON objects, or a CSV cell such as "nato:decision-maker; kfor"."""
        value = row.data.get(name)
        if row.from_csv and isinstance(value, str):
            return [dict(zip(fields, (part.strip() for part in item.split(":", 1)))) for item in value.split(";") if item.strip()]
        if not isinstance(value, list):
            self.problems.at(row, name, f"expected a list, found {c.type_name(value)}")
            return []
        result = []
        for index, item in enumerate(value):
            if isinstance(item, dict):
                item_row, prefix = type(row)(row.kind, item, row.where), f"{name}[{index}]."
                unknown = sorted(set(item) - set(fields))
                if unknown:
                    self.problems.at(row, f"{name}[{index}]", f"unknown field(s) {', '.join(unknown)}")
            else:
                self.problems.at(row, f"{name}[{index}]", f"expected an object, found {c.type_name(item)}")
                continue
            values = {}
            for f in fields:
                try:
                    values[f] = c.text(item_row, f)
                except c.Invalid as exc:
                    self.problems.at(item_row, prefix + f, str(exc))
            result.append(values)
        return result

    def count(self, kind, key, obj, outcome, defer=False):
        if obj is None:
            return
        self.objects[kind][key] = obj
        if defer:
            self.pending[(kind, key)] = outcome
        else:
            self.counted(kind, obj, outcome)

    def counted(self, kind, obj, outcome):
        self.report.counts[kind][outcome] += 1
        if outcome != "unchanged":
            self.written.add((type(obj), obj.pk))


def lint(importer, row, kind, values):
    """The content lint on a record's cleaned text: warnings that name file, row and field."""
    for warning in lint_record(kind, values, importer.misnomers):
        importer.warnings.append(f"{row.where}, field '{row.labels.get(warning.field, warning.field)}': {warning.message}")


class KindImport:
    """What the import of one kind of record works with: the run's importer and its helpers."""

    def __init__(self, importer):
        self.importer = importer
        self.problems = importer.problems
        self.get, self.unique, self.resolve = importer.get, importer.unique, importer.resolve
        self.save, self.save_batch, self.count = importer.save, importer.save_batch, importer.count
        self.want_corrections = importer.want_corrections

    def record_of(self, row, models, key_fields):
        """
        The (model, pk) a row of corrections.csv or claims.csv names by its "kind" and "key" columns (a figure's
        key is "series|date|source" or "series|event|slug"); None, with the error recorded, when it names none.
        """
        kind, key = (row.data.get("kind") or "").strip(), (row.data.get("key") or "").strip()
        if kind not in models:
            self.problems.at(row, "kind", f"{kind!r} is not one of {', '.join(models)}")
            return None
        model = models[kind]
        lookup = self.figure_lookup(key) if kind == "figures" else {key_fields[kind]: key}
        pk = model.objects.filter(**lookup).values_list("pk", flat=True).first() if lookup else None
        if pk is None:
            self.problems.at(row, "key", f"unknown {model._meta.verbose_name} {key!r}")
            return None
        return model, pk

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
