"""A record read from a file, and everything read from one import's files."""

import csv
from dataclasses import dataclass, field

from .exchange import KINDS

# A cell or field longer than this is refused rather than stored (also guards memory).
MAX_FIELD_CHARS = 100_000
csv.field_size_limit(MAX_FIELD_CHARS + 1)


@dataclass
class Row:
    kind: str
    data: dict
    where: str  # "kfor.json: events[3]" or "events.csv, row 4"
    from_csv: bool = False
    labels: dict = field(default_factory=dict)  # exchange field -> the column the file calls it

    def error(self, field_name, message):
        return f"{self.where}, field '{self.labels.get(field_name, field_name)}': {message}"


@dataclass
class Document:
    rows: dict = field(default_factory=lambda: {kind: [] for kind in KINDS})
    errors: list = field(default_factory=list)
    notes: list = field(default_factory=list)  # what was read but deliberately not imported


def type_name(value):
    return {dict: "an object", list: "a list", str: "text", bool: "true/false", type(None): "null",
            int: "a number", float: "a number"}.get(type(value), type(value).__name__)
