"""The relations of imported events: actors, places, legal bases and citations, compared and replaced a batch at a time."""

from collections import defaultdict

from django.utils import timezone

from events.models import Citation, Event, EventActor

from .. import cleaning as c
from ..bulk import insert_values


CITATION_FIELDS = ("source", "locator", "quote", "note")
CITATION_COLUMNS = ("source_id", "locator", "quote", "note")
# Each relation: its model, the columns compared with the import, and how its rows are ordered
# (by their "order" column, written from the import's order, or by value).
CITATIONS = ("citations", Citation, CITATION_COLUMNS, ("order", "id"))
RELATIONS = [
    ("actors", EventActor, ("actor_id", "role"), ("order", "id")),
    ("places", Event.places.through, ("place_id",), ("place_id",)),
    ("legal_bases", Event.legal_bases.through, ("legalprovision_id",), ("legalprovision_id",)),
    CITATIONS,
]


class EventRelations:
    """Part of EventImport: needs its ``importer``, ``blank``, ``seen``, ``counts``, ``unchanged`` and ``citations()``."""

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
                self.importer.problems.at(row, "event", f"unknown event {slug!r}: citations.csv may only cite events in the same import")
                continue
            values = {}
            for name in CITATION_FIELDS:
                values[name] = self.importer.get(row, name, c.text)
            cited = self.citations(row, [values], prefix="")
            if cited:
                wanted[slug].extend(cited)
        if self.importer.problems:
            return
        slugs, now = list(self.seen), timezone.now()
        for start in range(0, len(slugs), self.batch_size):
            chunk = dict(Event.objects.filter(slug__in=slugs[start:start + self.batch_size]).values_list("pk", "slug"))
            touched = self.replace(CITATIONS, {pk: wanted.pop(slug, []) for pk, slug in chunk.items()}, chunk)
            newly = [slug for slug in touched if slug in self.unchanged]
            if newly:
                Event.objects.filter(slug__in=newly).update(updated_at=now)
                self.counts["unchanged"] -= len(newly)
                self.counts["updated"] += len(newly)
