"""
Corrections, written last: each record an import gives "corrections" (or that
corrections.csv names) ends up with exactly those, and the others keep theirs.
"""

from django.contrib.contenttypes.models import ContentType

from sources.dates import parse_edtf
from sources.models import Source

from events.models import Actor, Correction, Event, Figure, Place

from .. import cleaning as c
from ..spec import CORRECTABLE
from .base import KindImport


class CorrectionImport(KindImport):
    def read(self, rows):
        """corrections.csv: the records it names get exactly the corrections it lists for them."""
        models = {"sources": Source, "actors": Actor, "places": Place, "events": Event, "figures": Figure}
        wanted = {}
        for row in rows:
            record = self.record_of(row, models, CORRECTABLE)
            if record is None:
                continue
            model, pk = record
            when = c.parse_iso_date(row.data.get("date", ""))
            text = self.get(row, "text", c.text, required=True)
            if when is None:
                self.errors.append(row.error("date", f"{row.data.get('date')!r} is not a date in the form YYYY-MM-DD"))
            elif text:
                wanted.setdefault((model, pk), []).append((when, text))
        self.importer.corrections.update(wanted)

    def record_of(self, row, models, key_fields):
        """
        The (model, pk) a row of corrections.csv or claims.csv names by its "kind" and "key" columns (a figure's
        key is "series|date|source" or "series|event|slug"); None, with the error recorded, when it names none.
        """
        kind, key = (row.data.get("kind") or "").strip(), (row.data.get("key") or "").strip()
        if kind not in models:
            self.errors.append(row.error("kind", f"{kind!r} is not one of {', '.join(models)}"))
            return None
        model = models[kind]
        lookup = self.figure_lookup(key) if kind == "figures" else {key_fields[kind]: key}
        pk = model.objects.filter(**lookup).values_list("pk", flat=True).first() if lookup else None
        if pk is None:
            self.errors.append(row.error("key", f"unknown {model._meta.verbose_name} {key!r}"))
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

    def write(self):
        by_model = {}
        for (model, pk), wanted in self.importer.corrections.items():
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
            self.importer.report.notes.append(f"corrections: set anew on {changed} record{'s' if changed != 1 else ''}")
