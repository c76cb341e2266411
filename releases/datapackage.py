"""
The release's ``datapackage.json``: a Frictionless Data Package (tabular, spec v1) describing every CSV file of the
exchange format, field by field, with the data's licence and its sources.
"""

from events.exchange.spec import CSV_COLUMNS, CSV_FILES, LICENSE

# Columns whose values are not text. Dates written as EDTF (start, end, published...) stay strings: EDTF
# has uncertain and partial dates that a Table Schema date cannot hold.
FIELD_TYPES = {
    "key_event": "boolean", "adopted": "boolean",
    "lat": "number", "lon": "number",
    "best": "integer", "low": "integer", "high": "integer", "order": "integer", "value": "integer",
    "archived": "date", "accessed": "date",
}
# Per table, where one column name means a date in one table and EDTF in another.
TABLE_FIELD_TYPES = {"corrections": {"date": "date"}}
DESCRIPTIONS = {
    "start": "EDTF date (ISO 8601 with uncertain, approximate and partial dates)",
    "end": "EDTF date", "published": "EDTF date", "planned_on": "EDTF date", "planned_for": "EDTF date",
    "date": "EDTF date", "aliases": "A list, separated by ';'", "authors": "A list, separated by ';'",
    "places": "Place slugs, separated by ';'", "legal_bases": "Legal provision slugs, separated by ';'",
    "actors": "actor:role pairs, separated by ';'",
}
PRIMARY_KEYS = {"event_types": "slug", "sources": "key", "actors": "slug", "places": "slug",
                "legal_bases": "slug", "events": "slug"}


def table_schema(kind):
    fields = []
    for name in CSV_COLUMNS[kind]:
        field_type = TABLE_FIELD_TYPES.get(kind, {}).get(name) or FIELD_TYPES.get(name, "string")
        field = {"name": name, "type": field_type}
        if field_type == "string" and name in DESCRIPTIONS:
            field["description"] = DESCRIPTIONS[name]
        fields.append(field)
    schema = {"fields": fields, "missingValues": [""]}
    if kind in PRIMARY_KEYS:
        schema["primaryKey"] = PRIMARY_KEYS[kind]
    return schema


def datapackage(*, number, date, csv_folder, json_name, site_url=""):
    """The descriptor, as a dict: one tabular resource per CSV file under ``csv_folder``, and the JSON document."""
    resources = [
        {"name": kind.replace("_", "-"), "path": f"{csv_folder}/{file_name}", "profile": "tabular-data-resource",
         "format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "schema": table_schema(kind)}
        for kind, file_name in CSV_FILES.items()
    ]
    resources.append({"name": "kfor-timeline-json", "path": json_name, "profile": "data-resource", "format": "json",
                      "mediatype": "application/json", "encoding": "utf-8",
                      "description": "The same records in one JSON document (the kfor-timeline/1 exchange format)."})
    source = {"title": "KFOR Timeline, from the published sources listed in sources.csv"}
    if site_url:
        source["path"] = site_url
    return {
        "profile": "tabular-data-package",
        "name": "kfor-timeline",
        "title": "KFOR Timeline",
        "description": "A public, fully sourced history of the NATO-led Kosovo Force (KFOR): events, actors, places, "
                       "sources, legal bases and troop figures. Published records only.",
        "version": f"{number}.0.0",
        "created": date.isoformat(),
        "licenses": [{"name": "CC-BY-4.0", "path": LICENSE,
                      "title": "Creative Commons Attribution 4.0 International"}],
        "sources": [source],
        "resources": resources,
    }
