"""
Legal provisions: an instrument, or one of its paragraphs, articles or points, with the source it is published in.
A new provision takes the file's status, published where it gives none (the site's own import, as for corrections);
a provision that exists keeps the status an editor or a reviewer gave it.
"""

from events.models import LegalProvision
from events.services import status_on_save
from sources.models import Source

from .. import cleaning as c
from .base import KindImport, complete, lint


class LegalProvisionImport(KindImport):
    def run(self, rows):
        seen = {}
        for row in rows:
            status = self.importer.status_of(row, "status", self.get(row, "status", c.text))
            created = {"status": status_on_save(user=None, current=None, proposed=status),
                       "status_changed_at": self.importer.started}
            slug = self.get(row, "slug", c.slug)
            source_key = self.get(row, "source", c.slug, required=False)
            source = self.resolve(row, "source", "sources", Source, source_key, key_field="key") if source_key else None
            values = {
                "instrument": self.get(row, "instrument", c.text, required=True, max_length=200),
                "provision": self.get(row, "provision", c.text, max_length=100),
                "summary": self.get(row, "summary", c.text, required=True),
                "text": self.get(row, "text", c.text),
                "order": self.get(row, "order", c.integer, minimum=0) or 0,
            }
            if (not slug or not self.unique(row, "slug", seen, slug) or not complete(values) or (source_key and not source)
                    or status is None):
                continue
            lint(self.importer, row, "legal_bases", values)
            obj, outcome = self.save(row, LegalProvision, {"slug": slug}, {**values, "source": source, **created},
                                     create_only=tuple(created))
            self.count("legal_bases", slug, obj, outcome)
