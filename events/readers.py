"""
Reading exchange files into rows. A row keeps where it came from, so every
error message can name the file, the row (or JSON path) and the field.
"""

import codecs
import csv
import json
from pathlib import Path

from . import acled, timelinejs
from .exchange import CSV_COLUMNS, CSV_FILES, FIELDS, FORMAT, KINDS
from .rows import Document, Row, csv_data, type_name

FORMATS = ("kfor", "timelinejs", "acled")


def read_paths(paths, *, format=None, encoding=None):
    """
    Read files into one Document: our exchange format (JSON, CSV files, or a
    folder of them), TimelineJS (sheet CSV or JSON) and ACLED CSV exports.
    The format is recognised from each file's content unless ``format`` says it.
    """
    document = Document()
    for path in map(Path, paths):
        if not path.exists():
            document.errors.append(f"{path}: no such file or folder")
        elif path.is_dir():
            files = [path / name for name in CSV_FILES.values() if (path / name).exists()]
            if not files:
                document.errors.append(f"{path}: no exchange files found; expected {', '.join(CSV_FILES.values())}")
            for csv_path in files:
                _read_csv(csv_path, document, format, encoding)
        elif path.suffix.lower() == ".json":
            _read_json(path, document, format, encoding)
        elif path.suffix.lower() in (".csv", ".tsv", ".txt"):
            _read_csv(path, document, format, encoding)
        else:
            document.errors.append(f"{path}: unknown file type; give a .json file, .csv files or a folder of .csv files")
    return document


def _check_encoding(path, document, encoding=None):
    """
    Decode the file once, a megabyte at a time, to refuse an empty file or a
    wrong encoding before a CSV file streams. Returns the encoding to read it with.
    """
    encoding = encoding or "utf-8-sig"
    try:
        decoder = codecs.getincrementaldecoder(encoding)()
    except LookupError:
        document.errors.append(f"{path}: cannot be read as {encoding} (unknown encoding)")
        return None
    position, content = 0, False
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(1 << 20):
                content = content or bool(chunk.strip())
                decoder.decode(chunk)
                position += len(chunk)
            decoder.decode(b"", final=True)
    except OSError as exc:
        document.errors.append(f"{path}: cannot be read ({exc.strerror or exc})")
        return None
    except UnicodeDecodeError as exc:
        return _undecodable(path, document, encoding, exc, position, lambda: _reads_as(path, "cp1252"))
    if not content:
        document.errors.append(f"{path}: the file is empty")
        return None
    return encoding


def _undecodable(path, document, encoding, exc, position, reads_as_cp1252):
    """Report a file that is not in its encoding; for UTF-8, say whether Windows-1252 would read it."""
    if encoding != "utf-8-sig":
        document.errors.append(f"{path}: cannot be read as {encoding} ({exc})")
        return None
    hint = " It reads as Windows-1252: save it as UTF-8, or import it with --encoding cp1252." if reads_as_cp1252() else ""
    document.errors.append(f"{path}: not UTF-8 text (invalid byte at position {position + exc.start}).{hint}")
    return None


def _reads_as(path, encoding):
    try:
        with open(path, encoding=encoding) as handle:
            while handle.read(1 << 20):
                pass
        return True
    except UnicodeDecodeError:
        return False


def _read_text(path, document, encoding=None):
    """A whole file as text (JSON is parsed whole), read and decoded once."""
    encoding = encoding or "utf-8-sig"
    try:
        raw = path.read_bytes()
        codecs.lookup(encoding)
    except OSError as exc:
        document.errors.append(f"{path}: cannot be read ({exc.strerror or exc})")
        return None
    except LookupError:
        document.errors.append(f"{path}: cannot be read as {encoding} (unknown encoding)")
        return None
    if not raw.strip():
        document.errors.append(f"{path}: the file is empty")
        return None
    try:
        return raw.decode(encoding).lstrip("\ufeff")
    except UnicodeDecodeError as exc:
        return _undecodable(path, document, encoding, exc, 0, lambda: _decodes(raw, "cp1252"))


def _decodes(raw, encoding):
    try:
        raw.decode(encoding)
        return True
    except UnicodeDecodeError:
        return False


def _read_json(path, document, format=None, encoding=None):
    text = _read_text(path, document, encoding)
    if text is None:
        return
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        document.errors.append(f"{path}: line {exc.lineno}, column {exc.colno}: malformed JSON ({exc.msg})")
        return
    if format == "timelinejs" or (format is None and timelinejs.looks_like_json(data)):
        if not timelinejs.looks_like_json(data):
            document.errors.append(f'{path}: not a TimelineJS timeline: expected an object with an "events" list')
            return
        return timelinejs.read_json(path, data, document)
    if format == "acled":
        document.errors.append(f"{path}: ACLED exports are CSV files, not JSON")
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


def _read_csv(path, document, format=None, encoding=None):
    encoding = _check_encoding(path, document, encoding)
    if encoding is None:
        return
    with open(path, encoding=encoding, newline="") as handle:
        reader = csv.reader(handle)
        try:
            first = next(reader)
        except csv.Error as exc:
            document.errors.append(f"{path.name}, row 1: malformed CSV ({exc})")
            return
    header = [cell.strip().lstrip("\ufeff") for cell in first]
    kind = next((k for k, name in CSV_FILES.items() if name == path.name.lower()), None)
    if format == "acled" or (format is None and kind is None and acled.looks_like_csv(header)):
        records = _records(path, encoding, document)
        return acled.read_csv(path, records, document) if records else None
    if format == "timelinejs" or (format is None and kind is None and timelinejs.looks_like_csv(header)):
        records = _records(path, encoding, document)
        return timelinejs.read_csv(path, records, document) if records else None
    if kind is None:
        document.errors.append(
            f"{path}: cannot tell what the file holds: name it one of {', '.join(CSV_FILES.values())}, "
            f"or give a TimelineJS sheet or an ACLED export.{_delimiter_hint(first)}"
        )
        return
    expected = CSV_COLUMNS[kind]
    unknown = [column for column in header if column not in expected]
    if unknown:
        document.errors.append(
            f"{path}, row 1: unknown column(s) {', '.join(map(repr, unknown))}; "
            f"expected {', '.join(expected)}.{_delimiter_hint(first)}"
        )
        return
    duplicated = sorted({column for column in header if header.count(column) > 1})
    if duplicated:
        document.errors.append(f"{path}, row 1: column(s) {', '.join(duplicated)} appear more than once")
        return
    if expected[0] not in header:
        document.errors.append(f"{path}, row 1: the column '{expected[0]}' is required")
        return
    stream = _stream(path, encoding, header, kind, document)
    {"citations": document.citations, "corrections": document.corrections}.get(kind, document.rows.get(kind)).append(stream)


def _records(path, encoding, document):
    """A whole CSV file as lists of cells (TimelineJS sheets and ACLED exports are read at once)."""
    records = []
    with open(path, encoding=encoding, newline="") as handle:
        reader = csv.reader(handle)
        try:
            for record in reader:
                records.append(record)
        except csv.Error as exc:
            document.errors.append(f"{path.name}, row {len(records) + 1}: malformed CSV ({exc})")
            return None
    return records


def _stream(path, encoding, header, kind, document):
    """Rows of one of our CSV files, read one at a time while the import runs."""
    with open(path, encoding=encoding, newline="") as handle:
        reader = csv.reader(handle)
        try:
            next(reader)
            for where, data in csv_data(reader, header, path.name, document):
                yield Row(kind, data, where, from_csv=True)
        except csv.Error as exc:
            document.errors.append(f"{path.name}, row {reader.line_num}: malformed CSV ({exc})")


def _delimiter_hint(first):
    if len(first) == 1 and any(sep in first[0] for sep in ";\t|"):
        return " The file seems to use another delimiter: separate columns with commas."
    return ""
