"""
Claims, written last: a record whose row gives "claims" (or that claims.csv names)
ends up with exactly those; the others keep theirs. An event's claims are dates,
a figure's numbers; at most one of a record's claims is adopted.
"""

from sources.models import Source

from events.models import Claim, Event, Figure

from .. import cleaning as c
from ..spec import CLAIM_FIELDS
from .base import KindImport

MODELS = {"events": Event, "figures": Figure}


class ClaimImport(KindImport):
    def parse(self, row, kind, items, prefix="claims"):
        """A record's claims as dicts ready for Claim(); None where any is wrong (the errors are recorded)."""
        parsed, ok = [], True
        for index, item in enumerate(items):
            where = f"{prefix}[{index}]." if prefix else ""
            if not isinstance(item, dict):
                self.problems.at(row, f"{prefix}[{index}]", f"expected an object, found {c.type_name(item)}")
                ok = False
                continue
            unknown = sorted(set(item) - set(CLAIM_FIELDS[kind]))
            if unknown:
                self.problems.at(row, f"{prefix}[{index}]", f"unknown field(s) {', '.join(unknown)}")
            labels = {name: f"{where}{row.labels.get(name, name)}" for name in CLAIM_FIELDS[kind]}
            claim = type(row)(row.kind, item, row.where, from_csv=row.from_csv, labels=labels)
            values = {"locator": self.get(claim, "locator", c.text, max_length=100), "order": index,
                      "reason": self.get(claim, "reason", c.text), "adopted": self.get(claim, "adopted", c.boolean)}
            key = self.get(claim, "source", c.slug)
            values["source"] = self.resolve(claim, "source", "sources", Source, key, key_field="key") if key else None
            if kind == "events":
                when = self.get(claim, "date", c.edtf, required=True)
                values.update(date=when.date if when else None, date_precision=when.precision if when else None)
            else:
                values["number"] = self.get(claim, "value", c.integer, required=True, minimum=1)
            if None in values.values():
                ok = False
                continue
            parsed.append(values)
        if sum(1 for claim in parsed if claim["adopted"]) > 1:
            self.problems.at(row, prefix or "adopted", "only one claim of a record can be adopted")
            ok = False
        return parsed if ok else None

    def want(self, row, kind, pk):
        """The claims a row of our format gives its record, kept to be written at the end."""
        if "claims" not in row.data:
            return
        items = row.data["claims"]
        if not isinstance(items, list):
            self.problems.at(row, "claims", f"expected a list, found {c.type_name(items)}")
            return
        parsed = self.parse(row, kind, items)
        if parsed is not None:
            self.importer.claims[(MODELS[kind], pk)] = parsed

    def read(self, rows):
        """claims.csv: the records it names get exactly the claims it lists for them."""
        wanted = {}
        for row in rows:
            record = self.record_of(row, MODELS, {"events": "slug"})
            if record is None:
                continue
            kind = "events" if record[0] is Event else "figures"
            item = {name: row.data.get(name, "") for name in CLAIM_FIELDS[kind]}
            parsed = self.parse(row, kind, [item], prefix="")
            if parsed:
                parsed[0]["order"] = len(wanted.get(record, []))
                wanted.setdefault(record, []).extend(parsed)
        for (model, pk), claims in wanted.items():
            if sum(1 for claim in claims if claim["adopted"]) > 1:
                self.problems.add(f"claims.csv: {model._meta.verbose_name} {pk}", "only one claim can be adopted", "adopted")
        self.importer.claims.update(wanted)

    def write(self):
        changed = 0
        for (model, pk), wanted in self.importer.claims.items():
            subject = {"event_id" if model is Event else "figure_id": pk}
            fields = ("date", "date_precision", "number", "source_id", "locator", "adopted", "reason", "order")
            current = [tuple(row) for row in Claim.objects.filter(**subject).order_by("order", "id").values_list(*fields)]
            new = [Claim(**subject, **claim) for claim in wanted]
            if current != [tuple(getattr(claim, name) for name in fields) for claim in new]:
                Claim.objects.filter(**subject).delete()
                Claim.objects.bulk_create(new)
                # Each keeps a version of the run, as does its record (whose version lists its claims).
                self.importer.written.add((model, pk))
                self.importer.written.update((Claim, claim.pk) for claim in new)
                changed += 1
        if changed:
            self.importer.report.notes.append(f"claims: set anew on {changed} record{'s' if changed != 1 else ''}")
