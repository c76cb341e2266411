"""A record read from a file, and everything read from one import's files."""

import csv
from dataclasses import dataclass, field

from .spec import KINDS

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
    # Another tool's record of an actor or place: one the database holds, found by these keys ("slug", "name"),
    # is used as it is and never overwritten (it may be an editor's).
    match_existing: tuple = ()


@dataclass
class Stream:
    """The rows of one of our CSV files, all of one kind, read while the import runs."""

    kind: str
    rows: object  # an iterator of Rows

    def __iter__(self):
        return iter(self.rows)


class Problems(list):
    """
    Every problem one import finds, worded one way: the file, the record (``row 4`` in CSV,
    ``events[3]`` in JSON) and the field. dataset_import makes one and passes it to the
    reader, the formats and the importers, so that a run has one list to check.
    """

    def add(self, where, message, field_name=None):
        self.append(f"{where}, field '{field_name}': {message}" if field_name else f"{where}: {message}")

    def at(self, row, field_name, message):
        """A problem with a field of ``row``, named as its file names it."""
        self.add(row.where, message, row.labels.get(field_name, field_name))


@dataclass
class Document:
    """
    What one import read. ``rows[kind]`` holds Rows and, for large CSV files,
    generators that read the file row by row while the import runs, so that a
    file is never held in memory whole. Problems found while streaming are
    reported then, and the import's transaction is rolled back.
    """

    rows: dict = field(default_factory=lambda: {kind: [] for kind in KINDS})
    citations: list = field(default_factory=list)  # citations.csv: Rows and generators, like rows
    corrections: list = field(default_factory=list)  # corrections.csv, likewise
    claims: list = field(default_factory=list)  # claims.csv, likewise
    notes: list = field(default_factory=list)  # what was read but deliberately not imported

    def parts(self, kind):
        """Where the rows of ``kind`` are kept: Rows, and generators that stream a CSV file."""
        files = {"citations": self.citations, "corrections": self.corrections, "claims": self.claims}
        return files[kind] if kind in files else self.rows[kind]

    def iter_rows(self, kind):
        for part in self.parts(kind):
            if isinstance(part, Row):
                yield part
            else:
                yield from part


def type_name(value):
    return {dict: "an object", list: "a list", str: "text", bool: "true/false", type(None): "null",
            int: "a number", float: "a number"}.get(type(value), type(value).__name__)


def csv_data(records, header, name, problems, *, start=2):
    """
    (where, {column: cell}) for each CSV record after the header: blank lines are
    skipped, and a record with the wrong number of cells is reported by its row.
    """
    for number, cells in enumerate(records, start=start):
        if not any(cell.strip() for cell in cells):
            continue
        where = f"{name}, row {number}"
        if len(cells) != len(header):
            problems.add(where, f"expected {len(header)} cells, found {len(cells)}")
            continue
        yield where, dict(zip(header, cells))
