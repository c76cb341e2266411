"""
Actors and places: records first, then their parents, so that a parent may come later in the file.
Rows from other tools' files (ACLED) name actors and places: one the database already holds, by slug
or by name, is used as it is.
"""

from events.models import Actor, ActorKind, Place, PlaceKind
from sources.chains import chain_reaches

from ...translation import translations
from .. import cleaning as c
from ..bulk import BATCH_SIZE
from .base import KindImport, chunks, complete, lint


class TreeImport(KindImport):
    kind = model = None
    name_fields = ("name",)  # the names an existing record is matched by
    index = None  # (slug -> pk, lower-cased name -> pk), loaded when a row first asks for it

    def clean(self, row):
        """The record's own fields, by model field name; None where a value failed to convert."""
        return {
            "name": self.get(row, "name", c.text, required=True, max_length=200),
            **{name: self.get(row, name, c.text, max_length=200) for name in translations("name")},
            "translations_reviewed": self.get(row, "translations_reviewed", c.languages),
            "wikidata_id": self.get(row, "wikidata", c.text, max_length=20),
            "notes": self.get(row, "notes", c.text),
        }

    def run(self, rows):
        kind, model = self.kind, self.model
        seen, parents = {}, {}
        for chunk in chunks(rows):
            chunk, cleaned = self.use_existing(chunk), []
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
                self.problems.at(row, "parent", f"{parent_slug!r} would make {slug!r} its own ancestor")
                continue
            if obj.parent_id != (parent.pk if parent else None):
                obj.parent = parent
                moved.append(obj)
                outcome = "updated" if outcome == "unchanged" else outcome
            self.importer.counted(kind, obj, outcome)
        if moved and not self.problems:
            model.objects.bulk_update(moved, ["parent"], batch_size=BATCH_SIZE)

    def use_existing(self, chunk):
        """
        Rows that ask to match existing records (``Row.match_existing``) and find one refer to it: it is
        counted unchanged, and neither cleaned nor saved. Returns the rows left to import.
        """
        matches = {i: pk for i, row in enumerate(chunk) if row.match_existing and (pk := self.existing_pk(row))}
        if not matches:
            return chunk
        found = self.model.objects.in_bulk(set(matches.values()))
        for i, pk in matches.items():
            self.importer.objects[self.kind][chunk[i].data["slug"]] = found[pk]
            self.importer.report.counts[self.kind]["unchanged"] += 1
        return [row for i, row in enumerate(chunk) if i not in matches]

    def existing_pk(self, row):
        if self.index is None:
            by_slug, by_name = {}, {}
            for slug, pk, *names in self.model.objects.order_by("pk").values_list("slug", "pk", *self.name_fields):
                by_slug[slug] = pk
                for name in filter(None, names):
                    by_name.setdefault(name.lower(), pk)
            self.index = by_slug, by_name
        by_slug, by_name = self.index
        pk = by_slug.get(row.data.get("slug"))
        if pk is None and "name" in row.match_existing:
            pk = by_name.get(str(row.data.get("name") or "").strip().lower())
        return pk


class ActorImport(TreeImport):
    kind, model = "actors", Actor
    name_fields = ("name", "short_name")

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
            self.problems.at(row, "lat" if lat is None else "lon", "give both lat and lon, or neither")
        values.update(latitude=lat, longitude=lon)
        return values
