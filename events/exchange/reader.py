"""
Reading exchange files into rows. Each file is opened once here (decoded,
and parsed if JSON, or its header read if CSV); then the first format in
``formats.FORMATS`` whose ``sniff()`` recognises it reads it, or the format
the caller names. A row keeps where it came from, so every error message can
name the file, the row (or JSON path) and the field.
"""

import codecs
import csv
import json
from dataclasses import dataclass
from pathlib import Path

from .formats import BY_NAME, FORMATS, kfor
from .rows import Document, Row, csv_data
from .spec import CSV_FILES

SUFFIXES = (".json", ".csv", ".tsv", ".txt")


def read_paths(paths, *, format=None, encoding=None):
    """
    Read files into one Document: our exchange format (JSON, CSV files, or a
    folder of them), TimelineJS (sheet CSV or JSON) and ACLED CSV exports.
    The format is recognised from each file's content unless ``format`` names it.
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
                _read_file(csv_path, document, format, encoding)
        elif path.suffix.lower() in SUFFIXES:
            _read_file(path, document, format, encoding)
        else:
            document.errors.append(f"{path}: unknown file type; give a .json file, .csv files or a folder of .csv files")
    return document


def _read_file(path, document, format, encoding):
    file = _open_json(path, document, encoding) if path.suffix.lower() == ".json" else _open_csv(path, document, encoding)
    if file is None:
        return
    reader = BY_NAME[format] if format else next((f for f in FORMATS if f.sniff(file)), kfor)
    reader.read(file)


@dataclass
class ExchangeFile:
    """One file as the formats see it: parsed whole if JSON; if CSV, its header, the rest read on demand."""

    path: Path
    document: Document
    encoding: str
    data: object = None  # JSON
    header: list | None = None  # CSV: the first row, stripped
    first: list | None = None  # CSV: the first row as read, for the delimiter hint

    @property
    def is_json(self):
        return self.header is None

    def error(self, message):
        self.document.errors.append(f"{self.path}: {message}")

    def header_error(self, message):
        self.document.errors.append(f"{self.path}, row 1: {message}")

    def records(self):
        """The whole CSV file as lists of cells (TimelineJS sheets and ACLED exports are read at once); None on error."""
        records = []
        with open(self.path, encoding=self.encoding, newline="") as handle:
            reader = csv.reader(handle)
            try:
                for record in reader:
                    records.append(record)
            except csv.Error as exc:
                self.document.errors.append(f"{self.path.name}, row {len(records) + 1}: malformed CSV ({exc})")
                return None
        return records

    def stream(self, kind):
        """Rows of one of our CSV files, read one at a time while the import runs."""
        with open(self.path, encoding=self.encoding, newline="") as handle:
            reader = csv.reader(handle)
            try:
                next(reader)
                for where, data in csv_data(reader, self.header, self.path.name, self.document):
                    yield Row(kind, data, where, from_csv=True)
            except csv.Error as exc:
                self.document.errors.append(f"{self.path.name}, row {reader.line_num}: malformed CSV ({exc})")

    def delimiter_hint(self):
        if self.first and len(self.first) == 1 and any(sep in self.first[0] for sep in ";\t|"):
            return " The file seems to use another delimiter: separate columns with commas."
        return ""


def _open_json(path, document, encoding=None):
    text = _read_text(path, document, encoding)
    if text is None:
        return None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        document.errors.append(f"{path}: line {exc.lineno}, column {exc.colno}: malformed JSON ({exc.msg})")
        return None
    return ExchangeFile(path, document, encoding or "utf-8-sig", data=data)


def _open_csv(path, document, encoding=None):
    encoding = _check_encoding(path, document, encoding)
    if encoding is None:
        return None
    with open(path, encoding=encoding, newline="") as handle:
        try:
            first = next(csv.reader(handle))
        except csv.Error as exc:
            document.errors.append(f"{path.name}, row 1: malformed CSV ({exc})")
            return None
    header = [cell.strip().lstrip("\ufeff") for cell in first]
    return ExchangeFile(path, document, encoding, header=header, first=first)


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
