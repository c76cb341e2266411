"""Sources: matched by key, or by their normalised URL when the same document comes under another key."""

from sources.chains import chain_reaches
from sources.duplicates import duplicate_pairs
from sources.links import normalise_url
from sources.models import Derivation, Source, SourceKind
from sources.services import sources_refresh_origins

from events.models import Event

from .. import cleaning as c
from .base import KindImport, chunks, complete

MAX_DUPLICATES_SHOWN = 20


class SourceImport(KindImport):
    def run(self, rows):
        seen_keys, seen_urls, derivations = {}, {}, {}
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
                    derivations[keys[row.where]] = (row, obj, outcome)
        self.derive(derivations)

    def derive(self, saved):
        """
        Second pass: what each source is derived from, which may come later in the file. A source that gives
        no "derived_from" is an origin. Then every source's origin is worked out anew.
        """
        if self.problems:
            return  # nothing was saved to derive
        changed = []
        for key, (row, obj, outcome) in saved.items():
            origin_key = self.get(row, "derived_from", c.slug, required=False)
            derivation = self.get(row, "derivation", c.choice, [("", ""), *Derivation.choices], default="")
            origin = self.resolve(row, "derived_from", "sources", Source, origin_key, key_field="key") if origin_key else None
            if (origin_key and origin is None) or derivation is None:
                continue
            if bool(origin) != bool(derivation):
                self.problems.at(row, "derivation", "give it with derived_from (paraphrase, translation, copy or "
                                                           "summary), and leave both out for an original source")
                continue
            if chain_reaches(origin, obj, "derived_from"):
                self.problems.at(row, "derived_from", f"{origin_key!r} would make {key!r} derive from itself")
                continue
            if (obj.derived_from_id, obj.derivation) != (origin.pk if origin else None, derivation):
                obj.derived_from, obj.derivation = origin, derivation
                changed.append(obj)
                self.importer.written.add((Source, obj.pk))
                if outcome == "unchanged":
                    self.importer.report.counts["sources"]["unchanged"] -= 1
                    self.importer.report.counts["sources"]["updated"] += 1
        if not self.problems:
            Source.objects.bulk_update(changed, ["derived_from", "derivation"], batch_size=1000)
            if changed:
                sources_refresh_origins()

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


def report_duplicate_sources(importer):
    """Imported sources that look like another source are named, for an editor to merge in the admin."""
    touched = {obj.pk for obj in importer.objects["sources"].values() if obj is not None}
    if not touched:
        return
    publishers = Source.objects.filter(pk__in=touched).values_list("publisher", flat=True)
    candidates = Source.objects.filter(publisher__in=set(publishers)).only("pk", "key", "title", "publisher", "url")
    pairs = [(a, b, reason) for a, b, reason in duplicate_pairs(candidates) if a.pk in touched or b.pk in touched]
    for a, b, reason in pairs[:MAX_DUPLICATES_SHOWN]:
        importer.report.notes.append(
            f"possible duplicate sources ({reason}): {a.key!r} and {b.key!r}; merge them in the admin if they are one document"
        )
    if len(pairs) > MAX_DUPLICATES_SHOWN:
        importer.report.notes.append(
            f"… and {len(pairs) - MAX_DUPLICATES_SHOWN} more possible duplicates: see the admin's duplicates filter")
    for a, b, reason in pairs:  # the content lint: one document cited twice by one event, under two keys
        both = Event.objects.filter(citations__source=a).filter(citations__source=b).values_list("slug", flat=True)
        for slug in both.distinct():
            importer.warnings.append(f"events/{slug}, field 'citations': sources {a.key!r} and {b.key!r} look like "
                                     f"one document ({reason}): cite it once")
