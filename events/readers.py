"""
Reading exchange files into rows. A row keeps where it came from, so every
error message can name the file, the row (or JSON path) and the field.
"""

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from .exchange import CSV_COLUMNS, CSV_FILES, FIELDS, FORMAT, KINDS

# A cell or field longer than this is refused rather than stored (also guards memory).
MAX_FIELD_CHARS = 100_000
csv.field_size_limit(MAX_FIELD_CHARS + 1)


@dataclass
class Row:
    kind: str
    data: dict
    where: str  # "kfor.json: events[3]" or "events.csv, row 4"
    from_csv: bool = False

    def error(self, field_name, message):
        return f"{self.where}, field '{field_name}': {message}"


@dataclass
class Document:
    rows: dict = field(default_factory=lambda: {kind: [] for kind in KINDS})
    errors: list = field(default_factory=list)


def read_paths(paths):
    """Read JSON files, CSV files and folders of CSV files into one Document."""
    document = Document()
    citation_rows = []
    for path in map(Path, paths):
        if not path.exists():
            document.errors.append(f"{path}: no such file or folder")
        elif path.is_dir():
            files = [path / name for name in CSV_FILES.values() if (path / name).exists()]
            if not files:
                document.errors.append(f"{path}: no exchange files found; expected {', '.join(CSV_FILES.values())}")
            for csv_path in files:
                _read_csv(csv_path, document, citation_rows)
        elif path.suffix.lower() == ".json":
            _read_json(path, document)
        elif path.suffix.lower() == ".csv":
            _read_csv(path, document, citation_rows)
        else:
            document.errors.append(f"{path}: unknown file type; give a .json file, .csv files or a folder of .csv files")
    _attach_citations(document, citation_rows)
    return document


def _read_text(path, document):
    try:
        raw = path.read_bytes()
    except OSError as exc:
        document.errors.append(f"{path}: cannot be read ({exc.strerror or exc})")
        return None
    if not raw.strip():
        document.errors.append(f"{path}: the file is empty")
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        document.errors.append(f"{path}: not UTF-8 text (invalid byte at position {exc.start}); save it as UTF-8")
        return None


def _read_json(path, document):
    text = _read_text(path, document)
    if text is None:
        return
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        document.errors.append(f"{path}: line {exc.lineno}, column {exc.colno}: malformed JSON ({exc.msg})")
        return
    if not isinstance(data, dict):
        document.errors.append(f'{path}: the top level must be an object with "format": "{FORMAT}"')
        return
    if data.get("format") != FORMAT:
        document.errors.append(f"{path}: field 'format': expected \"{FORMAT}\", found {data.get('format')!r}")
        return
    unknown = sorted(set(data) - {"format", *KINDS})
    if unknown:
        document.errors.append(f"{path}: unknown top-level key(s) {', '.join(unknown)}; expected {', '.join(KINDS)}")
    for kind in KINDS:
        items = data.get(kind, [])
        if not isinstance(items, list):
            document.errors.append(f"{path}: field '{kind}': expected a list, found {type_name(items)}")
            continue
        for index, item in enumerate(items):
            where = f"{path.name}: {kind}[{index}]"
            if not isinstance(item, dict):
                document.errors.append(f"{where}: expected an object, found {type_name(item)}")
                continue
            unknown = sorted(set(item) - set(FIELDS[kind]))
            if unknown:
                document.errors.append(
                    f"{where}: unknown field(s) {', '.join(unknown)}; expected {', '.join(FIELDS[kind])}"
                )
            document.rows[kind].append(Row(kind, item, where))


def _read_csv(path, document, citation_rows):
    kind = next((k for k, name in CSV_FILES.items() if name == path.name.lower()), None)
    if kind is None:
        document.errors.append(f"{path}: cannot tell what the file holds; name it one of {', '.join(CSV_FILES.values())}")
        return
    text = _read_text(path, document)
    if text is None:
        return
    try:
        records = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        document.errors.append(f"{path}: malformed CSV ({exc})")
        return
    header = [cell.strip() for cell in records[0]]
    expected = CSV_COLUMNS[kind]
    unknown = [column for column in header if column not in expected]
    if unknown:
        hint = ""
        if len(header) == 1 and any(sep in records[0][0] for sep in ";\t|"):
            hint = " The file seems to use another delimiter: separate columns with commas."
        document.errors.append(
            f"{path}, row 1: unknown column(s) {', '.join(map(repr, unknown))}; expected {', '.join(expected)}.{hint}"
        )
        return
    duplicated = sorted({column for column in header if header.count(column) > 1})
    if duplicated:
        document.errors.append(f"{path}, row 1: column(s) {', '.join(duplicated)} appear more than once")
        return
    if expected[0] not in header:
        document.errors.append(f"{path}, row 1: the column '{expected[0]}' is required")
        return
    for number, cells in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        where = f"{path.name}, row {number}"
        if len(cells) != len(header):
            document.errors.append(f"{where}: expected {len(header)} cells, found {len(cells)}")
            continue
        row = Row(kind, dict(zip(header, cells)), where, from_csv=True)
        (citation_rows if kind == "citations" else document.rows[kind]).append(row)


def _attach_citations(document, citation_rows):
    """citations.csv rows join their event's row; an event from CSV without them keeps its citations."""
    events = {row.data.get("slug", "").strip(): row for row in document.rows["events"]}
    for row in citation_rows:
        slug = row.data.get("event", "").strip()
        if slug not in events:
            document.errors.append(row.error("event", f"unknown event {slug!r}: citations.csv may only cite events in the same import"))
            continue
        events[slug].data.setdefault("citations", []).append(row)
    if citation_rows:
        for row in document.rows["events"]:
            row.data.setdefault("citations", [])


def type_name(value):
    return {dict: "an object", list: "a list", str: "text", bool: "true/false", type(None): "null",
            int: "a number", float: "a number"}.get(type(value), type(value).__name__)
