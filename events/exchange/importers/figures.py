"""Figures: a number in a series, keyed by series, date and source, or by series and the event it belongs to."""

from sources.models import Source

from events.models import Event, Figure, FigureSeries, Status

from .. import cleaning as c
from .base import KindImport
from .claims import ClaimImport

class FigureImport(KindImport):
    def run(self, rows):
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
            values.update(low=low, high=high, status=status, status_changed_at=self.importer.started)
            if event:
                lookup = {"series": series, "event": event}
                values.update(date=when.date, source=source)
            else:
                lookup = {"series": series, "date": when.date, "source": source, "event": None}
            obj, outcome = self.save(row, Figure, lookup, values, create_only=("status", "status_changed_at"))
            self.count("figures", key, obj, outcome)
            if obj is not None:
                self.want_corrections(row, Figure, obj.pk)
                ClaimImport(self.importer).want(row, "figures", obj.pk)
