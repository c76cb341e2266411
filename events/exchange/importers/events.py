"""
Events are imported a batch at a time: each batch of rows is cleaned, looked
up with one query, written with bulk inserts and updates, and its actors,
places and citations compared and replaced in a few queries. Memory and the
number of queries grow with the batch, not with the file.
"""

import re
from dataclasses import dataclass

from django.utils import timezone

from sources.models import Source

from django.conf import settings
from django.db.models import Count, Q

from events.models import (
    Actor, ActorRole, Event, EventType, LegalProvision, Place, Status,
)
from events.models.entities import wikidata_id
from events.services import event_publishable, status_record

from ...translation import TRANSLATED_FIELDS, translations
from .. import cleaning as c
from ..bulk import BATCH_SIZE, insert_objects
from .base import lint
from .claims import ClaimImport
from .event_dates import EventDates
from .event_relations import CITATION_FIELDS, RELATIONS, EventRelations

# Read once: an enum's choices and values are built anew on every access.
STATUSES, ROLES = Status.choices, frozenset(ActorRole.values)
TRANSLATED = [name for field in TRANSLATED_FIELDS["events"] for name in translations(field)]
WIKIDATA = re.compile(wikidata_id.regex.pattern)
MAX_LENGTHS = {name: Event._meta.get_field(name).max_length for name in TRANSLATED}


@dataclass
class Item:
    row: object
    slug: str
    values: dict
    status: str
    relations: dict
    corrections: list | None


class EventImport(EventDates, EventRelations):
    batch_size = BATCH_SIZE  # rows cleaned, looked up and written together
    def __init__(self, importer):
        self.importer = importer
        self.seen = {}  # slug -> where: duplicates within the import
        self.counts = importer.report.counts["events"]
        self.published_new = {}  # slug -> (where, field label), for the events this import creates as published
        self.anchors = {}  # slug -> (where, label, anchor's slug, offset): anchors that come later in the file
        # Events this import created, per relation, until it writes that relation for them: the
        # database holds no rows of theirs to compare with or delete.
        self.blank = {relation[0]: set() for relation in RELATIONS}
        # Only citations.csv needs to know, at the end, which events were unchanged until then.
        self.unchanged = set() if importer.document.citations else None
        # Every key an event may refer to, loaded once: one query per kind, not per row.
        self.ids = {
            "event_types": dict(EventType.objects.values_list("slug", "pk")),
            "actors": dict(Actor.objects.values_list("slug", "pk")),
            "places": dict(Place.objects.values_list("slug", "pk")),
            "legal_bases": dict(LegalProvision.objects.values_list("slug", "pk")),
            "sources": dict(Source.objects.values_list("key", "pk")),
        }
        for key, source in importer.objects["sources"].items():  # matched by URL under another key
            if source is not None:
                self.ids["sources"][key] = source.pk
        for kind in ("actors", "places"):  # other tools' rows matched by name, under another slug
            self.ids[kind].update((key, obj.pk) for key, obj in importer.objects[kind].items()
                                  if obj is not None and obj.slug != key)

    def run(self, rows):
        batch = []
        for row in self.importer.progress("events")(rows):
            item = self.clean(row)
            if item is not None:
                batch.append(item)
            if len(batch) >= self.batch_size:
                self.write(batch)
                batch = []
        if batch:
            self.write(batch)
        if self.importer.document.citations and not self.importer.problems:
            self.replace_citations(self.importer.document.iter_rows("citations"), self.importer.progress("citations"))
        if not self.importer.problems:
            self.set_anchors()
        if not self.importer.problems:
            self.check_publishable()

    def check_publishable(self):
        """An event this import creates as published must pass the rules any publication passes (services.py)."""
        slugs = list(self.published_new)
        # Only events the rules could refuse are loaded and put to them: with no citation, or key events when the
        # policy asks for more than one independent source. The rules themselves are event_publishable's.
        could_fail = Q(n=0) | Q(key_event=True) if settings.KFOR_KEY_EVENT_INDEPENDENT_SOURCES > 1 else Q(n=0)
        for start in range(0, len(slugs), self.batch_size):
            events = Event.objects.filter(slug__in=slugs[start:start + self.batch_size]).annotate(n=Count("citations"))
            for event in events.filter(could_fail).only("pk", "slug", "key_event"):
                for problem in event_publishable(event, citations=event.n):
                    where, label = self.published_new[event.slug]
                    self.importer.problems.add(where, f"cannot be published: {problem} Or import the event as a draft.", label)

    # -- cleaning ----------------------------------------------------------------

    def ref(self, row, name, kind, key):
        pk = self.ids[kind].get(key)
        if pk is None:
            noun = {"event_types": "event type", "actors": "actor", "places": "place", "sources": "source",
                    "legal_bases": "legal provision"}[kind]
            self.importer.problems.at(row, name, f"unknown {noun} {key!r}: it is neither in this import nor in the database")
        return pk

    def clean(self, row):
        get = self.importer.get
        slug = get(row, "slug", c.slug)
        start = get(row, "start", c.edtf, required=True)
        end = get(row, "end", c.edtf)
        type_slug = get(row, "type", c.slug)
        values = {
            "title": get(row, "title", c.text, required=True, max_length=255),
            "summary": get(row, "summary", c.text, required=True),
            "body": get(row, "body", c.text),
            "display_date": get(row, "display_date", c.text, max_length=100),
            "event_type_id": self.ref(row, "type", "event_types", type_slug) if type_slug else None,
            "key_event": get(row, "key_event", c.boolean),
            "wikidata_id": self.wikidata(row),
            "notes": get(row, "notes", c.text),
        }
        values.update(self.translations(row))
        status = get(row, "status", c.choice, STATUSES, default=Status.DRAFT)
        relations = self.relations(row)
        plan = self.plan_and_anchor(row, slug)
        if None in values.values() or start is None or status is None or relations is None or not slug or plan is None:
            return None
        values.update(plan)
        lint(self.importer, row, "events", values)
        if not self.importer.unique(row, "slug", self.seen, slug):
            return None
        if end and end.date < start.date:
            self.importer.problems.at(row, "end", f"{end.date.isoformat()} is before the start {start.date.isoformat()}")
            return None
        values.update(
            start=start.date, start_precision=start.precision, end=end.date if end else None,
            end_precision=end.precision if end else "", approximate=start.approximate or bool(end and end.approximate),
        )
        return Item(row, slug, values, status, relations, self.importer.parse_corrections(row))

    def wikidata(self, row):
        """The event's Wikidata ID, as the model's validator takes it (Q7184); absent is empty."""
        value = self.importer.get(row, "wikidata", c.text, max_length=20)
        if value and not WIKIDATA.fullmatch(value):
            self.importer.problems.at(row, "wikidata", f"{value!r} is not a Wikidata ID: Q followed by digits, e.g. Q7184")
            return None
        return value

    def translations(self, row):
        """Title and summary in Albanian and Serbian; most rows of a large import have none, and cost nothing here."""
        get = self.importer.get
        reviewed = get(row, "translations_reviewed", c.languages) if row.data.get("translations_reviewed") else []
        if not any(row.data.get(name) for name in TRANSLATED):
            return {**dict.fromkeys(TRANSLATED, ""), "translations_reviewed": reviewed}
        return {**{name: get(row, name, c.text, max_length=MAX_LENGTHS[name]) for name in TRANSLATED},
                "translations_reviewed": reviewed}

    def relations(self, row):
        """Actors, places and citations as tuples of ids; a key the row leaves out leaves that relation alone."""
        relations, ok = {}, True
        if "actors" in row.data:
            relations["actors"] = []
            for index, item in enumerate(self.importer.items(row, "actors", ("actor", "role"))):
                actor = self.ref(row, f"actors[{index}].actor", "actors", item.get("actor", ""))
                role = item.get("role") or ActorRole.PARTICIPANT
                if role not in ROLES:
                    self.importer.problems.at(row, f"actors[{index}].role", f"{role!r} is not one of {', '.join(ActorRole.values)}")
                    ok = False
                elif actor is not None and (actor, role) not in relations["actors"]:
                    relations["actors"].append((actor, role))
                ok = ok and actor is not None
        for name in ("places", "legal_bases"):  # lists of keys
            if name in row.data:
                slugs = self.importer.get(row, name, c.string_list)
                ids = [self.ref(row, name, name, slug) for slug in slugs or []]
                ok = ok and slugs is not None and None not in ids
                relations[name] = sorted(set(pk for pk in ids if pk))
        if "citations" in row.data:
            relations["citations"] = self.citations(row, self.importer.items(row, "citations", CITATION_FIELDS))
            ok = ok and relations["citations"] is not None
        return relations if ok else None

    def citations(self, row, items, prefix="citations"):
        result = []
        for index, item in enumerate(items):
            field = f"{prefix}[{index}].source" if prefix else "source"
            if not item.get("source"):
                self.importer.problems.at(row, field, "is required")
                return None
            source = self.ref(row, field, "sources", item["source"])
            if source is None:
                return None
            result.append((source, item.get("locator", ""), item.get("quote", ""), item.get("note", "")))
        return result

    # -- writing -----------------------------------------------------------------

    def write(self, batch):
        self.anchor(batch)
        now = timezone.now()
        existing = Event.objects.in_bulk([item.slug for item in batch], field_name="slug")
        created, updated, changed_fields, outcome = [], [], set(), {}
        for item in batch:
            event = existing.get(item.slug)
            if event is None:
                event = Event(slug=item.slug, **item.values)
                status_record(record=event, status=item.status, now=now)
                created.append(event)
                outcome[item.slug] = "created"
                if item.status == Status.PUBLISHED:
                    self.published_new[item.slug] = item.row.where, item.row.labels.get("status", "status")
            else:
                changed = {k: v for k, v in item.values.items() if getattr(event, k) != v}
                for name, value in changed.items():
                    setattr(event, name, value)
                if changed:
                    event.updated_at = now
                    updated.append(event)
                    changed_fields.update(changed)
                outcome[item.slug] = "updated" if changed else "unchanged"
        if self.importer.problems:
            return  # the import fails and rolls back; do not write a batch with bad records
        insert_objects(Event, created)
        for blank in self.blank.values():
            blank.update(event.pk for event in created)
        if updated:
            Event.objects.bulk_update(updated, [*changed_fields, "updated_at"], batch_size=self.batch_size)
        events = {**existing, **{event.slug: event for event in created}}  # the insert sets primary keys
        claims = ClaimImport(self.importer)
        for item in batch:
            if item.corrections is not None:
                self.importer.corrections[(Event, events[item.slug].pk)] = item.corrections
            claims.want(item.row, "events", events[item.slug].pk)
        self.mark_updated(self.write_relations(batch, events), outcome, now)
        for slug, result in outcome.items():
            self.counts[result] += 1
            if result != "unchanged":
                self.importer.written.add((Event, events[slug].pk))
            if result == "unchanged" and self.unchanged is not None:
                self.unchanged.add(slug)

    def mark_updated(self, slugs, outcome, now):
        """Events whose relations changed were updated, even if their own fields were not."""
        unchanged = [slug for slug in slugs if outcome[slug] == "unchanged"]
        if unchanged:
            Event.objects.filter(slug__in=unchanged).update(updated_at=now)
            outcome.update(dict.fromkeys(unchanged, "updated"))
