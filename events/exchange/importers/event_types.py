"""Event types: a slug and a name."""

from events.models import EventType

from .. import cleaning as c
from .base import KindImport, complete


class EventTypeImport(KindImport):
    def run(self, rows):
        seen = {}
        for row in rows:
            slug = self.get(row, "slug", c.slug)
            values = {"name": self.get(row, "name", c.text, required=True, max_length=100),
                      "description": self.get(row, "description", c.text)}
            if slug and self.unique(row, "slug", seen, slug) and complete(values):
                obj, outcome = self.save(row, EventType, {"slug": slug}, values)
                self.count("event_types", slug, obj, outcome)
