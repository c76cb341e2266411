"""
Corrections, written last: each record an import gives "corrections" (or that
corrections.csv names) ends up with exactly those, and the others keep theirs.
A correction's status is the file's, published where it gives none.
"""

from django.contrib.contenttypes.models import ContentType

from sources.models import Source

from events.models import Actor, Correction, Event, Figure, Place
from events.services import status_on_save

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
            status = self.importer.status_of(row, "status", (row.data.get("status") or "").strip())
            if when is None:
                self.problems.at(row, "date", f"{row.data.get('date')!r} is not a date in the form YYYY-MM-DD")
            elif text:
                wanted.setdefault((model, pk), []).append(
                    (when, text, self.importer.erratum_of(row, "erratum_of", row.data), status))
        self.importer.corrections.update(wanted)

    def write(self):
        by_model = {}
        for (model, pk), wanted in self.importer.corrections.items():
            by_model.setdefault(model, {})[pk] = wanted
        changed = 0
        for model, wanted in by_model.items():
            content_type = ContentType.objects.get_for_model(model)
            current = {}
            for pk, *correction in (Correction.objects.filter(content_type=content_type, object_id__in=list(wanted))
                                    .order_by("object_id", "order", "id")
                                    .values_list("object_id", "corrected_on", "text", "erratum_of")):
                current.setdefault(pk, []).append(tuple(correction))
            # Compared without their status: a record whose corrections read as the file's keeps them, and the status
            # an editor or a reviewer gave them. Those written anew take the file's (status_on_save with no user:
            # the site's own import).
            stale = [pk for pk, items in wanted.items() if current.get(pk, []) != [item[:3] for item in items]]
            Correction.objects.filter(content_type=content_type, object_id__in=stale).delete()
            created = Correction.objects.bulk_create(
                Correction(content_type=content_type, object_id=pk, corrected_on=when, text=text, erratum_of_id=erratum,
                           order=i, status=status_on_save(user=None, current=None, proposed=status),
                           status_changed_at=self.importer.started)
                for pk in stale for i, (when, text, erratum, status) in enumerate(wanted[pk])
            )
            # Each keeps a version of the run, as does its record (whose version lists its corrections).
            self.importer.written.update((model, pk) for pk in stale)
            self.importer.written.update((Correction, correction.pk) for correction in created)
            changed += len(stale)
        if changed:
            self.importer.report.notes.append(f"corrections: set anew on {changed} record{'s' if changed != 1 else ''}")
