"""
ACLED (Armed Conflict Location & Event Data) CSV exports in. Each ACLED event
becomes a draft event for review, keyed by ``event_id_cnty`` so that a later
export of the same data updates rather than duplicates. Actors, places and
sources already in the database are referred to, never overwritten.
"""

import datetime
import re

from django.utils.text import slugify

from events.models import Actor, Place

from ..rows import Row, csv_data

COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]
# ACLED's actor categories (inter1, inter2), by code and by name.
INTER = {
    "1": "State forces", "2": "Rebel groups", "3": "Political militias", "4": "Identity militias",
    "5": "Rioters", "6": "Protesters", "7": "Civilians", "8": "External/Other forces",
}
COMMUNITY_CODES = {"5", "6", "7"}
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
        return file.error("ACLED exports are CSV files, not JSON")
    records = file.records()
    return _read_csv(file.path, records, file.document) if records else None


def _value(row, column):
    value = (row.get(column) or "").strip()
    return "" if value.upper() == "NA" else value


def _date(text):
    for pattern in ("%d %B %Y", "%Y-%m-%d", "%d-%B-%Y", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _inter(value):
    value = value.strip()
    if re.fullmatch(r"\d+(\.0)?", value):
        value = value.split(".")[0]
        return value if value in INTER or value == "0" else None  # 0: no actor on this side
    return next((code for code, name in INTER.items() if name.lower() == value.lower()), None) if value else "0"


class _Reader:
    def __init__(self, path, document):
        self.path, self.document = path, document
        self.actors, self.places, self.sources, self.types = {}, {}, {}, {}
        self.existing_actors = {
            key: slug for slug, name, short in Actor.objects.values_list("slug", "name", "short_name")
            for key in (slug, name.lower(), short.lower()) if key
        }
        self.existing_places = {
            key: slug for slug, name in Place.objects.values_list("slug", "name") for key in (slug, name.lower())
        }

    def error(self, where, column, message):
        self.document.errors.append(f"{where}, field '{column}': {message}")

    def actor(self, name, code, where):
        existing = self.existing_actors.get(slugify(name)) or self.existing_actors.get(name.lower())
        if existing:
            return existing
        slug = slugify(name)[:80] or "actor"
        if slug not in self.actors:
            kind = "community" if code in COMMUNITY_CODES else "force"
            description = f"ACLED category: {INTER[code]}." if code in INTER else ""
            self.actors[slug] = Row("actors", {"slug": slug, "name": name[:200], "short_name": "", "kind": kind,
                                               "aliases": [], "description": description, "parent": None,
                                               "wikidata": "", "notes": ""}, where)
        return slug

    def place(self, name, kind, suffix, parent, where, lat=None, lon=None):
        slug = f"{slugify(name)}{suffix}"[:80]
        existing = self.existing_places.get(slug) or (self.existing_places.get(name.lower()) if not suffix else None)
        if existing:
            return existing
        if slug not in self.places:
            self.places[slug] = Row("places", {"slug": slug, "name": name[:200], "name_sq": "", "name_sr": "",
                                               "kind": kind, "lat": lat, "lon": lon, "parent": parent,
                                               "wikidata": "", "geonames": "", "notes": "From ACLED."}, where,
                                    labels=LABELS)
        return slug

    def source(self, name, where):
        key = f"acled-source-{slugify(name)}"[:80]
        self.sources.setdefault(key, Row("sources", {
            "key": key, "kind": "news", "title": name[:500], "authors": [], "publisher": name[:255], "published": None,
            "url": "", "archive_url": "", "archived": None, "accessed": None, "language": "en",
            "notes": "A source named by ACLED; ACLED gives no link.",
        }, where))
        return key

    def row(self, where, row):
        event_id = _value(row, "event_id_cnty")
        if not event_id:
            return self.error(where, "event_id_cnty", "is required")
        when = _date(_value(row, "event_date"))
        if when is None:
            return self.error(where, "event_date", f"{_value(row, 'event_date')!r} is not a date such as 28 December 2022 or 2022-12-28")
        precision = _value(row, "time_precision") or "1"
        if precision not in ("1", "2", "3"):
            return self.error(where, "time_precision", f"{precision!r} is not 1 (day), 2 (week) or 3 (month)")
        start = {"1": when.isoformat(), "2": f"{when.isoformat()}~", "3": f"{when:%Y-%m}~"}[precision]
        codes = {}
        for column in ("inter1", "inter2"):
            codes[column] = _inter(_value(row, column))
            if codes[column] is None:
                return self.error(where, column, f"{_value(row, column)!r} is not an ACLED actor category (1 to 8, or its name)")
        lat, lon = _value(row, "latitude"), _value(row, "longitude")
        try:
            lat, lon = (float(lat), float(lon)) if lat and lon else (None, None)
        except ValueError:
            return self.error(where, "latitude", f"{lat!r}, {lon!r} are not coordinates")
        fatalities = _value(row, "fatalities") or "0"
        if not fatalities.isdigit():
            return self.error(where, "fatalities", f"{fatalities!r} is not a whole number of 0 or more")

        event_type = _value(row, "event_type") or "Other"
        type_slug = f"acled-{slugify(event_type)}"[:80]
        self.types.setdefault(type_slug, Row("event_types", {"slug": type_slug, "name": f"{event_type} (ACLED)"[:100],
                                                             "description": "An ACLED event type."}, where))
        actors = []
        role2 = "target" if event_type in TARGETED else "opponent"
        for main, assoc, code, role in (("actor1", "assoc_actor_1", "inter1", "participant"), ("actor2", "assoc_actor_2", "inter2", role2)):
            names = [_value(row, main)] + [n.strip() for n in _value(row, assoc).split(";")]
            for name in filter(None, names):
                slug = self.actor(name, codes[code], where)
                if not any(a["actor"] == slug and a["role"] == role for a in actors):
                    actors.append({"actor": slug, "role": role})
        parent, places = None, []
        for column, kind, suffix in (("country", "country", ""), ("admin1", "region", "-region"),
                                     ("admin2", "municipality", "-municipality"), ("admin3", "municipality", "-admin3")):
            if _value(row, column):
                parent = self.place(_value(row, column), kind, suffix, parent, where)
        if _value(row, "location"):
            places.append(self.place(_value(row, "location"), "settlement", "", parent, where, lat, lon))
        elif parent:
            places.append(parent)
        citations = [{"source": DATASET_KEY, "locator": f"event {event_id}", "quote": "",
                      "note": f"Source scale: {_value(row, 'source_scale')}" if _value(row, "source_scale") else ""}]
        for name in filter(None, (n.strip() for n in _value(row, "source").split(";"))):
            citations.append({"source": self.source(name, where), "locator": "", "quote": "", "note": "As reported to ACLED."})
        sub_type = _value(row, "sub_event_type") or event_type
        location = _value(row, "location") or _value(row, "admin1") or _value(row, "country")
        title = f"{sub_type} in {location}" if location else sub_type
        details = [("disorder type", "disorder_type"), ("interaction", "interaction"), ("civilian targeting", "civilian_targeting"),
                   ("geo-precision", "geo_precision"), ("tags", "tags"), ("timestamp", "timestamp")]
        notes = f"Imported from ACLED event {event_id}. " + "; ".join(
            f"{label}: {_value(row, column)}" for label, column in details if _value(row, column)
        )
        slug = f"acled-{slugify(event_id)}"[:120]
        self.document.rows["events"].append(Row("events", {
            "slug": slug, "title": title[:255], "summary": _value(row, "notes") or title, "body": "", "start": start,
            "end": None, "display_date": "", "type": type_slug, "key_event": False, "status": "draft",
            "actors": actors, "places": places, "citations": citations, "notes": notes,
        }, where, labels=LABELS))
        if int(fatalities) > 0:
            self.document.rows["figures"].append(Row("figures", {
                "series": "fatalities", "date": start, "best": int(fatalities), "low": None, "high": None,
                "source": DATASET_KEY, "locator": f"event {event_id}", "note": "", "status": "draft", "event": slug,
            }, where, labels=LABELS))


def _read_csv(path, records, document):
    header = [cell.strip() for cell in records[0]]
    missing = [c for c in COLUMNS if c not in header]
    extra = [c for c in header if c not in COLUMNS]
    if missing or extra:
        parts = []
        if missing:
            parts.append(f"missing column(s) {', '.join(missing)}")
        if extra:
            parts.append(f"unknown column(s) {', '.join(map(repr, extra))}")
        document.errors.append(f"{path}, row 1: not an ACLED export: {'; '.join(parts)}")
        return
    reader = _Reader(path, document)
    for where, row in csv_data(records[1:], header, path.name, document):
        reader.row(where, row)
    document.rows["sources"].append(Row("sources", DATASET, f"{path.name}: the ACLED dataset"))
    for rows, kind in ((reader.types, "event_types"), (reader.sources, "sources"), (reader.actors, "actors"),
                       (reader.places, "places")):
        document.rows[kind].extend(rows.values())
