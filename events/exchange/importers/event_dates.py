"""The dates of an imported event beyond its own: a plan and its outcome, and the anchor of a relative date."""

import re

from events.models import Event, Outcome
from events.services import events_resolve_relative_dates
from sources.dates import period_end

from .. import cleaning as c

OUTCOMES = [("", ""), *Outcome.choices]
OFFSET = re.compile(r"-?P[1-9]\d*[DMY]")


FIELDS = ("planned_on", "planned_by", "plan_source", "plan_locator", "planned_for", "outcome", "relative_to",
          "relative_to_source", "relative_offset", "relative_phrase")
# An event with neither a plan nor an anchor.
NONE = {"planned_on": None, "planned_on_precision": "", "planned_by_id": None, "plan_source_id": None, "plan_locator": "",
        "planned_for": None, "planned_for_precision": "", "planned_for_end": None, "outcome": "",
        "relative_to_source_id": None, "relative_offset": "", "relative_phrase": ""}


class EventDates:
    """Part of EventImport: needs its ``importer``, ``ref()`` and ``anchors``."""

    def plan_and_anchor(self, row, slug):
        """
        A plan and its outcome, and the anchor of a date given relative to an event or a source (its slug
        is kept in ``anchors``: the event may come later in the file). None when a value is wrong.
        """
        data = row.data
        if not any(data.get(name) for name in FIELDS):  # most events: no plan, no anchor; kept cheap for large imports
            return {**NONE, "anchor": ""}
        get, problems = self.importer.get, self.importer.problems
        before = len(problems)
        planned_on = get(row, "planned_on", c.edtf, allow_approximate=False)
        planned_for = get(row, "planned_for", c.edtf, allow_approximate=False)
        by, cited = get(row, "planned_by", c.slug, required=False), get(row, "plan_source", c.slug, required=False)
        anchor_source = get(row, "relative_to_source", c.slug, required=False)
        anchor = get(row, "relative_to", c.slug, required=False)
        offset = get(row, "relative_offset", c.text, max_length=12)
        values = {
            "planned_on": planned_on.date if planned_on else None,
            "planned_on_precision": planned_on.precision if planned_on else "",
            "planned_by_id": self.ref(row, "planned_by", "actors", by) if by else None,
            "plan_source_id": self.ref(row, "plan_source", "sources", cited) if cited else None,
            "plan_locator": get(row, "plan_locator", c.text, max_length=100),
            "planned_for": planned_for.date if planned_for else None,
            "planned_for_precision": planned_for.precision if planned_for else "",
            "planned_for_end": period_end(planned_for.date, planned_for.precision) if planned_for else None,
            "outcome": get(row, "outcome", c.choice, OUTCOMES, default=""),
            "relative_to_source_id": self.ref(row, "relative_to_source", "sources", anchor_source) if anchor_source else None,
            "relative_offset": offset,
            "relative_phrase": get(row, "relative_phrase", c.text, max_length=100),
        }
        if offset and not OFFSET.fullmatch(offset):
            problems.at(row, "relative_offset", f"{offset!r} is not an offset such as P3D, P5M or -P1Y")
        if bool(offset) != bool(anchor or anchor_source) or (anchor and anchor_source):
            problems.at(row, "relative_offset", "give an offset with one anchor, relative_to (an event) or "
                                                 "relative_to_source, and neither without it")
        if anchor == slug and anchor:
            problems.at(row, "relative_to", "an event cannot be dated relative to itself")
        if len(problems) > before:
            return None
        values["anchor"] = anchor  # an event's slug, turned into its id in write()
        return values

    def anchor(self, batch):
        """
        Dates relative to another event: the anchor's id where it is already written; else (it comes later in
        the file) the event is written without its anchor for now and gets it in set_anchors().
        """
        slugs = {item.values["anchor"] for item in batch if item.values["anchor"]}
        ids = dict(Event.objects.filter(slug__in=slugs).values_list("slug", "pk")) if slugs else {}
        for item in batch:
            anchor = item.values.pop("anchor")
            item.values["relative_to_id"] = ids.get(anchor)
            if anchor and anchor not in ids:
                self.anchors[item.slug] = (item.row.where, item.row.labels.get("relative_to", "relative_to"), anchor,
                                           item.values["relative_offset"])
                item.values["relative_offset"] = ""

    def set_anchors(self):
        """Second pass: anchors that came later in the file; then every relative date is worked out anew."""
        if self.anchors:
            slugs = {anchor for *_where, anchor, _offset in self.anchors.values()} | set(self.anchors)
            ids = dict(Event.objects.filter(slug__in=slugs).values_list("slug", "pk"))
            changed = []
            for slug, (where, label, anchor, offset) in self.anchors.items():
                if anchor not in ids:
                    self.importer.problems.add(where, f"unknown event {anchor!r}: it is neither in this import nor in the "
                                                      "database", label)
                    continue
                changed.append(Event(pk=ids[slug], relative_to_id=ids[anchor], relative_offset=offset))
            if self.importer.problems:
                return
            Event.objects.bulk_update(changed, ["relative_to", "relative_offset"], batch_size=self.batch_size)
        events_resolve_relative_dates()
