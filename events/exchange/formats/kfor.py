"""Our own exchange format, kfor-timeline/1: one JSON document, or one CSV file per kind (see spec.py)."""

from ..rows import Row, type_name
from ..spec import CSV_READ_COLUMNS, CSV_FILES, FIELDS, FORMAT, KINDS, METADATA

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
    data, problems, rows = file.data, file.problems, []
    if not isinstance(data, dict):
        file.error(f'the top level must be an object with "format": "{FORMAT}"')
        return rows
    if data.get("format") != FORMAT:
        problems.add(file.path, f"expected \"{FORMAT}\", found {data.get('format')!r}", "format")
        return rows
    unknown = sorted(set(data) - {"format", *METADATA, *KINDS})
    if unknown:
        file.error(f"unknown top-level key(s) {', '.join(unknown)}; "
                   f"expected format, {', '.join(METADATA)}, {', '.join(KINDS)}")
    if not isinstance(data.get("license", ""), str):
        problems.add(file.path, f"expected the licence's URL as text, found {type_name(data['license'])}", "license")
    for kind in KINDS:
        items = data.get(kind, [])
        if not isinstance(items, list):
            problems.add(file.path, f"expected a list, found {type_name(items)}", kind)
            continue
        for index, item in enumerate(items):
            where = f"{file.path.name}: {kind}[{index}]"
            if not isinstance(item, dict):
                problems.add(where, f"expected an object, found {type_name(item)}")
                continue
            unknown = sorted(set(item) - set(FIELDS[kind]))
            if unknown:
                problems.add(where, f"unknown field(s) {', '.join(unknown)}; expected {', '.join(FIELDS[kind])}")
            rows.append(Row(kind, item, where))
    return rows


def _read_csv(file):
    kind, header = _kind(file), file.header
    if kind is None:
        file.error(
            f"cannot tell what the file holds: name it one of {', '.join(CSV_FILES.values())}, "
            f"or give a TimelineJS sheet or an ACLED export.{file.delimiter_hint()}"
        )
        return []
    expected = CSV_READ_COLUMNS[kind]
    unknown = [column for column in header if column not in expected]
    if unknown:
        file.header_error(f"unknown column(s) {', '.join(map(repr, unknown))}; "
                          f"expected {', '.join(expected)}.{file.delimiter_hint()}")
        return []
    duplicated = sorted({column for column in header if header.count(column) > 1})
    if duplicated:
        file.header_error(f"column(s) {', '.join(duplicated)} appear more than once")
        return []
    if expected[0] not in header:
        file.header_error(f"the column '{expected[0]}' is required")
        return []
    return file.stream(kind)
