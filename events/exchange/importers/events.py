"""
Events are imported a batch at a time: each batch of rows is cleaned, looked
up with one query, written with bulk inserts and updates, and its actors,
places and citations compared and replaced in a few queries. Memory and the
number of queries grow with the batch, not with the file.
"""

import re
from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone

from sources.models import Source

from django.db.models import Count

from events.models import (
    Actor, ActorRole, Citation, Event, EventActor, EventType, LegalProvision, Outcome, Place, Status,
)
from events.services import event_publishable, event_status_change, events_resolve_relative_dates
from sources.dates import period_end

from .. import cleaning as c
from ..bulk import BATCH_SIZE, insert_objects, insert_values
from .base import lint
from .claims import ClaimImport

Places = Event.places.through
CITATION_FIELDS = ("source", "locator", "quote", "note")
CITATION_COLUMNS = ("source_id", "locator", "quote", "note")
# Each relation: its model, the columns compared with the import, and how its rows are ordered
# (by their "order" column, written from the import's order, or by value).
CITATIONS = ("citations", Citation, CITATION_COLUMNS, ("order", "id"))
RELATIONS = [
    ("actors", EventActor, ("actor_id", "role"), ("order", "id")),
    ("places", Places, ("place_id",), ("place_id",)),
    ("legal_bases", Event.legal_bases.through, ("legalprovision_id",), ("legalprovision_id",)),
    CITATIONS,
]
# Read once: an enum's choices and values are built anew on every access.
STATUSES, ROLES, OUTCOMES = Status.choices, frozenset(ActorRole.values), [("", ""), *Outcome.choices]
OFFSET = re.compile(r"-?P[1-9]\d*[DMY]")


@dataclass
class Item:
    row: object
    slug: str
    values: dict
    status: str
    relations: dict
    corrections: list | None


class EventImport:
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

    def run(self, rows):
        batch = []
        for row in self.importer.progress("events")(rows):
            item = self.clean(row)
            if item is not None:
                batch.append(item)
            if len(batch) >= BATCH_SIZE:
                self.write(batch)
                batch = []
        if batch:
            self.write(batch)
        if self.importer.document.citations and not self.importer.errors:
            self.replace_citations(self.importer.document.iter_rows("citations"), self.importer.progress("citations"))
        if not self.importer.errors:
            self.set_anchors()
        if not self.importer.errors:
            self.check_publishable()

    def check_publishable(self):
        """An event this import creates as published must pass the rules any publication passes (services.py)."""
        slugs = list(self.published_new)
        for start in range(0, len(slugs), BATCH_SIZE):
            events = Event.objects.filter(slug__in=slugs[start:start + BATCH_SIZE]).annotate(n=Count("citations"))
            for event in events.only("pk", "slug", "key_event"):
                for problem in event_publishable(event, citations=event.n):
                    where, label = self.published_new[event.slug]
                    self.importer.errors.append(
                        f"{where}, field '{label}': cannot be published: {problem} Or import the event as a draft.")

    # -- cleaning ----------------------------------------------------------------

    def ref(self, row, name, kind, key):
        pk = self.ids[kind].get(key)
        if pk is None:
            noun = {"event_types": "event type", "actors": "actor", "places": "place", "sources": "source",
                    "legal_bases": "legal provision"}[kind]
            self.importer.errors.append(row.error(name, f"unknown {noun} {key!r}: it is neither in this import nor in the database"))
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
            "title_sq": get(row, "title_sq", c.text, max_length=255),
            "title_sr": get(row, "title_sr", c.text, max_length=255),
            "summary_sq": get(row, "summary_sq", c.text),
            "summary_sr": get(row, "summary_sr", c.text),
            "body": get(row, "body", c.text),
            "display_date": get(row, "display_date", c.text, max_length=100),
            "event_type_id": self.ref(row, "type", "event_types", type_slug) if type_slug else None,
            "key_event": get(row, "key_event", c.boolean),
            "notes": get(row, "notes", c.text),
        }
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
            self.importer.errors.append(row.error("end", f"{end.date.isoformat()} is before the start {start.date.isoformat()}"))
            return None
        values.update(
            start=start.date, start_precision=start.precision, end=end.date if end else None,
            end_precision=end.precision if end else "", approximate=start.approximate or bool(end and end.approximate),
        )
        return Item(row, slug, values, status, relations, self.importer.parse_corrections(row))

    def plan_and_anchor(self, row, slug):
        """
        A plan and its outcome, and the anchor of a date given relative to an event or a source (its slug
        is kept in ``anchors``: the event may come later in the file). None when a value is wrong.
        """
        get, errors = self.importer.get, self.importer.errors
        before = len(errors)
        planned_on = get(row, "planned_on", c.edtf, allow_approximate=False)
        planned_for = get(row, "planned_for", c.edtf, allow_approximate=False)
        by, cited = get(row, "planned_by", c.slug, required=False), get(row, "plan_source", c.slug, required=False)
        anchor_source = get(row, "relative_to_source", c.slug, required=False)
        anchor = get(row, "relative_to", c.slug, required=False)
        offset = get(row, "relative_offset", c.text, max_length=12)
        values = {
            "planned_on": planned_on.date if planned_on else None,
            "planned_on_precision": planned_on.precision if planned_on else "",
            "planned_by_id": self.ref(row, "planned_by", "actors", by) if by else None,
            "plan_source_id": self.ref(row, "plan_source", "sources", cited) if cited else None,
            "plan_locator": get(row, "plan_locator", c.text, max_length=100),
            "planned_for": planned_for.date if planned_for else None,
            "planned_for_precision": planned_for.precision if planned_for else "",
            "planned_for_end": period_end(planned_for.date, planned_for.precision) if planned_for else None,
            "outcome": get(row, "outcome", c.choice, OUTCOMES, default=""),
            "relative_to_source_id": self.ref(row, "relative_to_source", "sources", anchor_source) if anchor_source else None,
            "relative_offset": offset,
            "relative_phrase": get(row, "relative_phrase", c.text, max_length=100),
        }
        if offset and not OFFSET.fullmatch(offset):
            errors.append(row.error("relative_offset", f"{offset!r} is not an offset such as P3D, P5M or -P1Y"))
        if bool(offset) != bool(anchor or anchor_source) or (anchor and anchor_source):
            errors.append(row.error("relative_offset", "give an offset with one anchor, relative_to (an event) or "
                                                        "relative_to_source, and neither without it"))
        if anchor == slug and anchor:
            errors.append(row.error("relative_to", "an event cannot be dated relative to itself"))
        if len(errors) > before:
            return None
        values["anchor"] = anchor  # an event's slug, turned into its id in write()
        return values

    def anchor(self, batch):
        """
        Dates relative to another event: the anchor's id where it is already written; else (it comes later in
        the file) the event is written without its anchor for now and gets it in set_anchors().
        """
        slugs = {item.values["anchor"] for item in batch if item.values["anchor"]}
        ids = dict(Event.objects.filter(slug__in=slugs).values_list("slug", "pk")) if slugs else {}
        for item in batch:
            anchor = item.values.pop("anchor")
            item.values["relative_to_id"] = ids.get(anchor)
            if anchor and anchor not in ids:
                self.anchors[item.slug] = (item.row.where, item.row.labels.get("relative_to", "relative_to"), anchor,
                                           item.values["relative_offset"])
                item.values["relative_offset"] = ""

    def set_anchors(self):
        """Second pass: anchors that came later in the file; then every relative date is worked out anew."""
        if self.anchors:
            slugs = {anchor for *_where, anchor, _offset in self.anchors.values()} | set(self.anchors)
            ids = dict(Event.objects.filter(slug__in=slugs).values_list("slug", "pk"))
            changed = []
            for slug, (where, label, anchor, offset) in self.anchors.items():
                if anchor not in ids:
                    self.importer.errors.append(f"{where}, field '{label}': unknown event {anchor!r}: it is neither in "
                                                "this import nor in the database")
                    continue
                changed.append(Event(pk=ids[slug], relative_to_id=ids[anchor], relative_offset=offset))
            if self.importer.errors:
                return
            Event.objects.bulk_update(changed, ["relative_to", "relative_offset"], batch_size=BATCH_SIZE)
        events_resolve_relative_dates()

    def relations(self, row):
        """Actors, places and citations as tuples of ids; a key the row leaves out leaves that relation alone."""
        relations, ok = {}, True
        if "actors" in row.data:
            relations["actors"] = []
            for index, item in enumerate(self.importer.items(row, "actors", ("actor", "role"))):
                actor = self.ref(row, f"actors[{index}].actor", "actors", item.get("actor", ""))
                role = item.get("role") or ActorRole.PARTICIPANT
                if role not in ROLES:
                    self.importer.errors.append(
                        row.error(f"actors[{index}].role", f"{role!r} is not one of {', '.join(ActorRole.values)}"))
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
                self.importer.errors.append(row.error(field, "is required"))
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
                event_status_change(event=event, status=item.status, now=now)
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
        if self.importer.errors:
            return  # the import fails and rolls back; do not write a batch with bad records
        insert_objects(Event, created)
        for blank in self.blank.values():
            blank.update(event.pk for event in created)
        if updated:
            Event.objects.bulk_update(updated, [*changed_fields, "updated_at"], batch_size=BATCH_SIZE)
        events = {**existing, **{event.slug: event for event in created}}  # the insert sets primary keys
        claims = ClaimImport(self.importer)
        for item in batch:
            if item.corrections is not None:
                self.importer.corrections[(Event, events[item.slug].pk)] = item.corrections
            claims.want(item.row, "events", events[item.slug].pk)
        self.mark_updated(self.write_relations(batch, events), outcome, now)
        for slug, result in outcome.items():
            self.counts[result] += 1
            if result == "unchanged" and self.unchanged is not None:
                self.unchanged.add(slug)

    def mark_updated(self, slugs, outcome, now):
        """Events whose relations changed were updated, even if their own fields were not."""
        unchanged = [slug for slug in slugs if outcome[slug] == "unchanged"]
        if unchanged:
            Event.objects.filter(slug__in=unchanged).update(updated_at=now)
            outcome.update(dict.fromkeys(unchanged, "updated"))

    def write_relations(self, batch, events):
        """Compare each relation with what the database holds and replace the ones that differ; returns changed slugs."""
        touched = set()
        for relation in RELATIONS:
            name = relation[0]
            wanted = {events[item.slug].pk: item.relations[name] for item in batch if name in item.relations}
            if wanted:
                touched |= self.replace(relation, wanted, {events[i.slug].pk: i.slug for i in batch})
        return touched

    def replace(self, relation, wanted, slugs):
        name, model, columns, ordering = relation
        blank = self.blank[name]
        stored = [pk for pk in wanted if pk not in blank]
        current = defaultdict(list)
        if stored:
            rows = model.objects.filter(event_id__in=stored).order_by("event_id", *ordering).values_list("event_id", *columns)
            for event_id, *values in rows:
                current[event_id].append(values[0] if len(columns) == 1 else tuple(values))
        changed = [pk for pk, values in wanted.items() if current[pk] != list(values)]
        replaced = [pk for pk in changed if pk not in blank]
        if replaced:
            model.objects.filter(event_id__in=replaced).delete()
        blank.difference_update(wanted)
        if changed:
            ordered, single = ordering[0] == "order", len(columns) == 1
            written = ("event_id", *(("order",) if ordered else ()), *columns)
            insert_values(model, written, [
                (pk, *((index,) if ordered else ()), *((value,) if single else value))
                for pk in changed for index, value in enumerate(wanted[pk])
            ])
        return {slugs[pk] for pk in changed}

    def replace_citations(self, rows, progress):
        """citations.csv: every event of this import gets exactly the citations the file lists for it."""
        wanted = defaultdict(list)
        for row in progress(rows):
            slug = row.data.get("event", "").strip()
            if slug not in self.seen:
                self.importer.errors.append(
                    row.error("event", f"unknown event {slug!r}: citations.csv may only cite events in the same import"))
                continue
            values = {}
            for name in CITATION_FIELDS:
                values[name] = self.importer.get(row, name, c.text)
            cited = self.citations(row, [values], prefix="")
            if cited:
                wanted[slug].extend(cited)
        if self.importer.errors:
            return
        slugs, now = list(self.seen), timezone.now()
        for start in range(0, len(slugs), BATCH_SIZE):
            chunk = dict(Event.objects.filter(slug__in=slugs[start:start + BATCH_SIZE]).values_list("pk", "slug"))
            touched = self.replace(CITATIONS, {pk: wanted.pop(slug, []) for pk, slug in chunk.items()}, chunk)
            newly = [slug for slug in touched if slug in self.unchanged]
            if newly:
                Event.objects.filter(slug__in=newly).update(updated_at=now)
                self.counts["unchanged"] -= len(newly)
                self.counts["updated"] += len(newly)
