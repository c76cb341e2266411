"""
ACLED (Armed Conflict Location & Event Data) CSV exports in. Each ACLED event
becomes a draft event for review, keyed by ``event_id_cnty`` so that a later
export of the same data updates rather than duplicates. The actors, places and
sources an export names come as rows that the importers match with existing
ones (actors and places also by name) and never overwrite.
"""

from django.utils.text import slugify

from .. import cleaning as c
from ..cleaning import ACLED_CATEGORIES
from ..rows import Row, csv_data
from ...translation import translations

COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]
COMMUNITY_CODES = {5, 6, 7}  # rioters, protesters, civilians
TARGETED = {"Violence against civilians", "Explosions/Remote violence"}
DATASET_KEY = "acled"
DATASET = {
    "key": DATASET_KEY, "kind": "dataset", "title": "Armed Conflict Location & Event Data (ACLED)",
    "authors": ["ACLED"], "publisher": "ACLED", "published": None, "url": "https://acleddata.com/",
    "archive_url": "", "archived": None, "accessed": None, "language": "en",
    "notes": "Events imported from ACLED exports cite the dataset with the ACLED event ID as locator.",
}
LABELS = {"slug": "event_id_cnty", "title": "sub_event_type", "summary": "notes", "start": "event_date",
          "type": "event_type", "lat": "latitude", "lon": "longitude", "best": "fatalities"}


NAME = "acled"


def sniff(file):
    return not file.is_json and "event_id_cnty" in file.header and "event_date" in file.header


def read(file):
    if file.is_json:
        file.error("ACLED exports are CSV files, not JSON")
        return []
    records = file.records()
    return _read_csv(file, records) if records else []


def _record(where, data):
    """An ACLED row as a Row of its own columns; NA is ACLED's word for an empty cell."""
    return Row("acled", {k: "" if v.strip().upper() == "NA" else v for k, v in data.items()}, where, from_csv=True)


def _interaction_label(codes):
    """An interaction in words, the same whichever way the file wrote it (15, Rioters-State forces)."""
    names = [ACLED_CATEGORIES[code] for code in codes]
    return f"{names[0]} only" if len(names) == 1 else "-".join(names)


def _names(value):
    return [name.strip() for name in value.split(";") if name.strip()]


class _Reader:
    def __init__(self, file):
        self.problems = file.problems
        self.events, self.figures = [], []
        self.actors, self.places, self.sources, self.types = {}, {}, {}, {}

    def get(self, record, name, converter, *args, **kwargs):
        try:
            return converter(record, name, *args, **kwargs)
        except c.Invalid as exc:
            self.problems.at(record, name, str(exc))
            return None

    def actor(self, name, code, where):
        slug = slugify(name)[:80] or "actor"
        if slug not in self.actors:
            kind = "community" if code in COMMUNITY_CODES else "force"
            description = f"ACLED category: {ACLED_CATEGORIES[code]}." if code in ACLED_CATEGORIES else ""
            self.actors[slug] = Row("actors", {"slug": slug, "name": name[:200], "short_name": "", "kind": kind,
                                               "aliases": [], "description": description, "parent": None,
                                               "wikidata": "", "notes": ""}, where, match_existing=("slug", "name"))
        return slug

    def place(self, name, kind, suffix, parent, where, lat=None, lon=None):
        slug = f"{slugify(name)}{suffix}"[:80]
        if slug not in self.places:
            # A name alone may be matched for a country or a town; an admin area only by its suffixed slug.
            match = ("slug",) if suffix else ("slug", "name")
            self.places[slug] = Row("places", {"slug": slug, "name": name[:200], **dict.fromkeys(translations("name"), ""),
                                               "kind": kind, "lat": lat, "lon": lon, "parent": parent,
                                               "wikidata": "", "geonames": "", "notes": "From ACLED."}, where,
                                    labels=LABELS, match_existing=match)
        return slug

    def source(self, name, where):
        key = f"acled-source-{slugify(name)}"[:80]
        self.sources.setdefault(key, Row("sources", {
            "key": key, "kind": "news", "title": name[:500], "authors": [], "publisher": name[:255], "published": None,
            "url": "", "archive_url": "", "archived": None, "accessed": None, "language": "en",
            "notes": "A source named by ACLED; ACLED gives no link.",
        }, where))
        return key

    def convert(self, record):
        """The values of an ACLED row that need converting, or None (the problems reported)."""
        before = len(self.problems)
        values = {
            "event_id": self.get(record, "event_id_cnty", c.text, required=True),
            "day": self.get(record, "event_date", c.day_date),
            "precision": self.get(record, "time_precision", c.acled_precision),
            "inter1": self.get(record, "inter1", c.acled_category),
            "inter2": self.get(record, "inter2", c.acled_category),
            "interaction": self.get(record, "interaction", c.acled_interaction),
            "lat": self.get(record, "latitude", c.decimal, low=-90, high=90),
            "lon": self.get(record, "longitude", c.decimal, low=-180, high=180),
            "fatalities": self.get(record, "fatalities", c.integer, minimum=0) or 0,
        }
        categories = tuple(sorted(code for code in (values["inter1"], values["inter2"]) if code))
        if values["interaction"] not in (None, categories) and None not in (values["inter1"], values["inter2"]):
            self.problems.at(record, "interaction", f"{record.data['interaction'].strip()!r} does not match inter1 and "
                                                    f"inter2 ({_interaction_label(categories) if categories else 'none'})")
        if len(self.problems) > before:
            return None
        if values["lat"] is None or values["lon"] is None:
            values["lat"] = values["lon"] = None
        values["start"] = c.acled_start(values["day"], values["precision"])
        return values

    def row(self, record):
        values = self.convert(record)
        if values is None:
            return
        where, cell = record.where, record.data.get
        event_id, start = values["event_id"], values["start"]
        event_type = cell("event_type", "").strip() or "Other"
        type_slug = f"acled-{slugify(event_type)}"[:80]
        self.types.setdefault(type_slug, Row("event_types", {"slug": type_slug, "name": f"{event_type} (ACLED)"[:100],
                                                             "description": "An ACLED event type."}, where))
        actors = []
        role2 = "target" if event_type in TARGETED else "opponent"
        for main, assoc, code, role in (("actor1", "assoc_actor_1", "inter1", "participant"), ("actor2", "assoc_actor_2", "inter2", role2)):
            for name in _names(cell(main, "")) + _names(cell(assoc, "")):
                slug = self.actor(name, values[code], where)
                if not any(a["actor"] == slug and a["role"] == role for a in actors):
                    actors.append({"actor": slug, "role": role})
        parent, places = None, []
        for column, kind, suffix in (("country", "country", ""), ("admin1", "region", "-region"),
                                     ("admin2", "municipality", "-municipality"), ("admin3", "municipality", "-admin3")):
            if cell(column, "").strip():
                parent = self.place(cell(column).strip(), kind, suffix, parent, where)
        location = cell("location", "").strip()
        if location:
            places.append(self.place(location, "settlement", "", parent, where, values["lat"], values["lon"]))
        elif parent:
            places.append(parent)
        scale = cell("source_scale", "").strip()
        citations = [{"source": DATASET_KEY, "locator": f"event {event_id}", "quote": "",
                      "note": f"Source scale: {scale}" if scale else ""}]
        for name in _names(cell("source", "")):
            citations.append({"source": self.source(name, where), "locator": "", "quote": "", "note": "As reported to ACLED."})
        sub_type = cell("sub_event_type", "").strip() or event_type
        place_name = location or cell("admin1", "").strip() or cell("country", "").strip()
        title = f"{sub_type} in {place_name}" if place_name else sub_type
        details = {label: cell(column, "").strip() for label, column in (
            ("disorder type", "disorder_type"), ("interaction", "interaction"), ("civilian targeting", "civilian_targeting"),
            ("geo-precision", "geo_precision"), ("tags", "tags"), ("timestamp", "timestamp"))}
        if values["interaction"]:  # in words, so that old and current exports of an event agree
            details["interaction"] = _interaction_label(values["interaction"])
        notes = f"Imported from ACLED event {event_id}. " + "; ".join(f"{label}: {value}" for label, value in details.items() if value)
        slug = f"acled-{slugify(event_id)}"[:120]
        self.events.append(Row("events", {
            "slug": slug, "title": title[:255], "summary": cell("notes", "").strip() or title, "body": "", "start": start,
            "end": None, "display_date": "", "type": type_slug, "key_event": False, "status": "draft",
            "actors": actors, "places": places, "citations": citations, "notes": notes,
        }, where, labels=LABELS))
        if values["fatalities"] > 0:
            self.figures.append(Row("figures", {
                "series": "fatalities", "date": start, "best": values["fatalities"], "low": None, "high": None,
                "source": DATASET_KEY, "locator": f"event {event_id}", "note": "", "status": "draft", "event": slug,
            }, where, labels=LABELS))


def _read_csv(file, records):
    header = [cell.strip() for cell in records[0]]
    missing = [c for c in COLUMNS if c not in header]
    extra = [c for c in header if c not in COLUMNS]
    if missing or extra:
        parts = []
        if missing:
            parts.append(f"missing column(s) {', '.join(missing)}")
        if extra:
            parts.append(f"unknown column(s) {', '.join(map(repr, extra))}")
        file.header_error(f"not an ACLED export: {'; '.join(parts)}")
        return []
    reader = _Reader(file)
    for where, data in csv_data(records[1:], header, file.path.name, file.problems):
        reader.row(_record(where, data))
    dataset = Row("sources", DATASET, f"{file.path.name}: the ACLED dataset")
    return [*reader.types.values(), dataset, *reader.sources.values(), *reader.actors.values(),
            *reader.places.values(), *reader.events, *reader.figures]
