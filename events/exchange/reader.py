"""
Reading exchange files into rows. Each file is opened once here (decoded,
and parsed if JSON, or its header read if CSV); then the first format in
``formats.FORMATS`` whose ``sniff()`` recognises it reads it, or the format
the caller names, and the rows it returns are put in the Document. A row keeps
where it came from, so every problem can name the file, the row (or JSON path)
and the field.
"""

import codecs
import csv
import json
from dataclasses import dataclass, field
from pathlib import Path

from .formats import BY_NAME, FORMATS, kfor
from .rows import Document, Row, Stream, csv_data
from .spec import CSV_FILES

SUFFIXES = (".json", ".csv", ".tsv", ".txt")


def read_paths(paths, *, problems, format=None, encoding=None):
    """
    Read files into one Document: our exchange format (JSON, CSV files, or a
    folder of them), TimelineJS (sheet CSV or JSON) and ACLED CSV exports.
    The format is recognised from each file's content unless ``format`` names it.
    Problems go to ``problems``, also those found later while a CSV file streams.
    """
    document = Document()
    for path in map(Path, paths):
        if not path.exists():
            problems.add(path, "no such file or folder")
        elif path.is_dir():
            files = [path / name for name in CSV_FILES.values() if (path / name).exists()]
            if not files:
                problems.add(path, f"no exchange files found; expected {', '.join(CSV_FILES.values())}")
            for csv_path in files:
                _read_file(csv_path, document, problems, format, encoding)
        elif path.suffix.lower() in SUFFIXES:
            _read_file(path, document, problems, format, encoding)
        else:
            problems.add(path, "unknown file type; give a .json file, .csv files or a folder of .csv files")
    return document


def _read_file(path, document, problems, format, encoding):
    file = _open_json(path, problems, encoding) if path.suffix.lower() == ".json" else _open_csv(path, problems, encoding)
    if file is None:
        return
    reader = BY_NAME[format] if format else next((f for f in FORMATS if f.sniff(file)), kfor)
    rows = reader.read(file)
    if isinstance(rows, Stream):  # one of our CSV files: read while the import runs
        document.parts(rows.kind).append(rows)
    else:
        for row in rows:
            document.parts(row.kind).append(row)
    document.notes += file.notes


@dataclass
class ExchangeFile:
    """One file as the formats see it: parsed whole if JSON; if CSV, its header, the rest read on demand."""

    path: Path
    problems: list
    encoding: str
    data: object = None  # JSON
    header: list | None = None  # CSV: the first row, stripped
    first: list | None = None  # CSV: the first row as read, for the delimiter hint
    notes: list = field(default_factory=list)  # what the format read but deliberately leaves out

    @property
    def is_json(self):
        return self.header is None

    def error(self, message):
        self.problems.add(self.path, message)

    def header_error(self, message):
        self.problems.add(f"{self.path}, row 1", message)

    def records(self):
        """The whole CSV file as lists of cells (TimelineJS sheets and ACLED exports are read at once); None on error."""
        records = []
        with open(self.path, encoding=self.encoding, newline="") as handle:
            reader = csv.reader(handle)
            try:
                for record in reader:
                    records.append(record)
            except csv.Error as exc:
                self.problems.add(f"{self.path.name}, row {len(records) + 1}", f"malformed CSV ({exc})")
                return None
        return records

    def stream(self, kind):
        """Rows of one of our CSV files, read one at a time while the import runs."""
        return Stream(kind, self._stream(kind))

    def _stream(self, kind):
        with open(self.path, encoding=self.encoding, newline="") as handle:
            reader = csv.reader(handle)
            try:
                next(reader)
                for where, data in csv_data(reader, self.header, self.path.name, self.problems):
                    yield Row(kind, data, where, from_csv=True)
            except csv.Error as exc:
                self.problems.add(f"{self.path.name}, row {reader.line_num}", f"malformed CSV ({exc})")

    def delimiter_hint(self):
        if self.first and len(self.first) == 1 and any(sep in self.first[0] for sep in ";\t|"):
            return " The file seems to use another delimiter: separate columns with commas."
        return ""


def _open_json(path, problems, encoding=None):
    text = _read_text(path, problems, encoding)
    if text is None:
        return None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        problems.add(path, f"line {exc.lineno}, column {exc.colno}: malformed JSON ({exc.msg})")
        return None
    return ExchangeFile(path, problems, encoding or "utf-8-sig", data=data)


def _open_csv(path, problems, encoding=None):
    encoding = _check_encoding(path, problems, encoding)
    if encoding is None:
        return None
    with open(path, encoding=encoding, newline="") as handle:
        try:
            first = next(csv.reader(handle))
        except csv.Error as exc:
            problems.add(f"{path.name}, row 1", f"malformed CSV ({exc})")
            return None
    header = [cell.strip().lstrip("\ufeff") for cell in first]
    return ExchangeFile(path, problems, encoding, header=header, first=first)


def _check_encoding(path, problems, encoding=None):
    """
    Decode the file once, a megabyte at a time, to refuse an empty file or a
    wrong encoding before a CSV file streams. Returns the encoding to read it with.
    """
    encoding = encoding or "utf-8-sig"
    try:
        decoder = codecs.getincrementaldecoder(encoding)()
    except LookupError:
        problems.add(path, f"cannot be read as {encoding} (unknown encoding)")
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
        problems.add(path, f"cannot be read ({exc.strerror or exc})")
        return None
    except UnicodeDecodeError as exc:
        return _undecodable(path, problems, encoding, exc, position, lambda: _reads_as(path, "cp1252"))
    if not content:
        problems.add(path, "the file is empty")
        return None
    return encoding


def _undecodable(path, problems, encoding, exc, position, reads_as_cp1252):
    """Report a file that is not in its encoding; for UTF-8, say whether Windows-1252 would read it."""
    if encoding != "utf-8-sig":
        problems.add(path, f"cannot be read as {encoding} ({exc})")
        return None
    hint = " It reads as Windows-1252: save it as UTF-8, or import it with --encoding cp1252." if reads_as_cp1252() else ""
    problems.add(path, f"not UTF-8 text (invalid byte at position {position + exc.start}).{hint}")
    return None


def _reads_as(path, encoding):
    try:
        with open(path, encoding=encoding) as handle:
            while handle.read(1 << 20):
                pass
        return True
    except UnicodeDecodeError:
        return False


def _read_text(path, problems, encoding=None):
    """A whole file as text (JSON is parsed whole), read and decoded once."""
    encoding = encoding or "utf-8-sig"
    try:
        raw = path.read_bytes()
        codecs.lookup(encoding)
    except OSError as exc:
        problems.add(path, f"cannot be read ({exc.strerror or exc})")
        return None
    except LookupError:
        problems.add(path, f"cannot be read as {encoding} (unknown encoding)")
        return None
    if not raw.strip():
        problems.add(path, "the file is empty")
        return None
    try:
        return raw.decode(encoding).lstrip("\ufeff")
    except UnicodeDecodeError as exc:
        return _undecodable(path, problems, encoding, exc, 0, lambda: _decodes(raw, "cp1252"))


def _decodes(raw, encoding):
    try:
        raw.decode(encoding)
        return True
    except UnicodeDecodeError:
        return False
