"""Actors and places: records first, then their parents, so that a parent may come later in the file."""

from events.models import Actor, ActorKind, Place, PlaceKind
from sources.chains import chain_reaches

from .. import cleaning as c
from ..bulk import BATCH_SIZE
from .base import KindImport, chunks, complete, lint


class TreeImport(KindImport):
    kind = model = None

    def clean(self, row):
        """The record's own fields, by model field name; None where a value failed to convert."""
        return {
            "name": self.get(row, "name", c.text, required=True, max_length=200),
            "name_sq": self.get(row, "name_sq", c.text, max_length=200),
            "name_sr": self.get(row, "name_sr", c.text, max_length=200),
            "translations_reviewed": self.get(row, "translations_reviewed", c.languages),
            "wikidata_id": self.get(row, "wikidata", c.text, max_length=20),
            "notes": self.get(row, "notes", c.text),
        }

    def run(self, rows):
        kind, model = self.kind, self.model
        seen, parents = {}, {}
        for chunk in chunks(rows):
            cleaned = []
            for row in chunk:
                slug = self.get(row, "slug", c.slug)
                values = self.clean(row)
                if slug and self.unique(row, "slug", seen, slug) and complete(values, nullable=("latitude", "longitude")):
                    cleaned.append((row, slug, values))
                    lint(self.importer, row, kind, values)
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
            obj, outcome = self.importer.objects[kind].get(slug), self.importer.pending.pop((kind, slug), None)
            if obj is None:
                continue
            parent = self.resolve(row, "parent", kind, model, parent_slug) if parent_slug else None
            if parent_slug and parent is None:
                continue
            if chain_reaches(parent, obj, "parent"):  # obj may be unsaved while other rows failed
                self.errors.append(row.error("parent", f"{parent_slug!r} would make {slug!r} its own ancestor"))
                continue
            if obj.parent_id != (parent.pk if parent else None):
                obj.parent = parent
                moved.append(obj)
                outcome = "updated" if outcome == "unchanged" else outcome
            self.importer.report.counts[kind][outcome] += 1
        if moved and not self.errors:
            model.objects.bulk_update(moved, ["parent"], batch_size=BATCH_SIZE)


class ActorImport(TreeImport):
    kind, model = "actors", Actor

    def clean(self, row):
        return {
            **super().clean(row),
            "short_name": self.get(row, "short_name", c.text, max_length=50),
            "kind": self.get(row, "kind", c.choice, ActorKind.choices),
            "aliases": "\n".join(self.get(row, "aliases", c.string_list) or []),
            "description": self.get(row, "description", c.text),
        }


class PlaceImport(TreeImport):
    kind, model = "places", Place

    def clean(self, row):
        values = {
            **super().clean(row),
            "kind": self.get(row, "kind", c.choice, PlaceKind.choices),
            "geonames_id": self.get(row, "geonames", c.text, max_length=20),
        }
        lat = self.get(row, "lat", c.decimal, low=-90, high=90)
        lon = self.get(row, "lon", c.decimal, low=-180, high=180)
        if (lat is None) != (lon is None):
            self.errors.append(row.error("lat" if lat is None else "lon", "give both lat and lon, or neither"))
        values.update(latitude=lat, longitude=lon)
        return values
