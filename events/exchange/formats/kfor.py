"""Our own exchange format, kfor-timeline/1: one JSON document, or one CSV file per kind (see spec.py)."""

from ..rows import Row, type_name
from ..spec import CSV_COLUMNS, CSV_FILES, FIELDS, FORMAT, KINDS

NAME = "kfor"


def _kind(file):
    return next((kind for kind, name in CSV_FILES.items() if name == file.path.name.lower()), None)


def sniff(file):
    if file.is_json:
        return isinstance(file.data, dict) and "format" in file.data
    return _kind(file) is not None


def read(file):
    return _read_json(file) if file.is_json else _read_csv(file)


def _read_json(file):
    data, document = file.data, file.document
    if not isinstance(data, dict):
        return file.error(f'the top level must be an object with "format": "{FORMAT}"')
    if data.get("format") != FORMAT:
        return file.error(f"field 'format': expected \"{FORMAT}\", found {data.get('format')!r}")
    unknown = sorted(set(data) - {"format", "license", *KINDS})
    if unknown:
        file.error(f"unknown top-level key(s) {', '.join(unknown)}; expected format, license, {', '.join(KINDS)}")
    if not isinstance(data.get("license", ""), str):
        file.error(f"field 'license': expected the licence's URL as text, found {type_name(data['license'])}")
    for kind in KINDS:
        items = data.get(kind, [])
        if not isinstance(items, list):
            file.error(f"field '{kind}': expected a list, found {type_name(items)}")
            continue
        for index, item in enumerate(items):
            where = f"{file.path.name}: {kind}[{index}]"
            if not isinstance(item, dict):
                document.errors.append(f"{where}: expected an object, found {type_name(item)}")
                continue
            unknown = sorted(set(item) - set(FIELDS[kind]))
            if unknown:
                document.errors.append(f"{where}: unknown field(s) {', '.join(unknown)}; expected {', '.join(FIELDS[kind])}")
            document.rows[kind].append(Row(kind, item, where))


def _read_csv(file):
    kind, header = _kind(file), file.header
    if kind is None:
        return file.error(
            f"cannot tell what the file holds: name it one of {', '.join(CSV_FILES.values())}, "
            f"or give a TimelineJS sheet or an ACLED export.{file.delimiter_hint()}"
        )
    expected = CSV_COLUMNS[kind]
    unknown = [column for column in header if column not in expected]
    if unknown:
        return file.header_error(f"unknown column(s) {', '.join(map(repr, unknown))}; "
                                 f"expected {', '.join(expected)}.{file.delimiter_hint()}")
    duplicated = sorted({column for column in header if header.count(column) > 1})
    if duplicated:
        return file.header_error(f"column(s) {', '.join(duplicated)} appear more than once")
    if expected[0] not in header:
        return file.header_error(f"the column '{expected[0]}' is required")
    file.document.parts(kind).append(file.stream(kind))
