"""
Bibliographies for citation managers and wikis: BibTeX, RIS, CSL-JSON and
Wikipedia's {{cite web}}; APA and Chicago for a web page. Each function takes sources and returns text or data.
A source may carry ``version``, the number of the version of a page it cites (not a field: set on an unsaved one).
"""

import re

import bibtexparser
import rispy
from bibtexparser.model import Entry, Field
from rispy.writer import RisWriter

from .models import SourceKind

BIBTEX_TYPES = {SourceKind.NEWS: "article", SourceKind.BOOK: "book", SourceKind.REPORT: "techreport"}
RIS_TYPES = {
    SourceKind.NEWS: "NEWS", SourceKind.STATEMENT: "PRESS", SourceKind.UN_DOCUMENT: "GOVDOC",
    SourceKind.AGREEMENT: "LEGAL", SourceKind.REPORT: "RPRT", SourceKind.BOOK: "BOOK",
    SourceKind.WEB_PAGE: "ELEC", SourceKind.DATASET: "DATA",
}
CSL_TYPES = {
    SourceKind.NEWS: "article-newspaper", SourceKind.STATEMENT: "document", SourceKind.UN_DOCUMENT: "document",
    SourceKind.AGREEMENT: "treaty", SourceKind.REPORT: "report", SourceKind.BOOK: "book",
    SourceKind.WEB_PAGE: "webpage", SourceKind.DATASET: "dataset",
}
_LATEX = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
          "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def _latex(text):
    return re.sub(r"[\\{}&%$#_~^]", lambda m: _LATEX[m.group()], text)


def _date_parts(date, precision):
    if date is None:
        return None
    return [date.year] + ([date.month] if precision in ("month", "day") else []) + ([date.day] if precision == "day" else [])


def _is_person(name):
    return bool(re.fullmatch(r"[^,]+,\s*[^,]+", name))


def bibtex(sources):
    library = bibtexparser.Library()
    for source in sources:
        entry_type = BIBTEX_TYPES.get(source.kind, "misc")
        fields = [Field("title", "{" + _latex(source.title) + "}")]
        if source.author_list:
            names = [_latex(n) if _is_person(n) else "{" + _latex(n) + "}" for n in source.author_list]
            fields.append(Field("author", " and ".join(names)))
        if source.publisher:
            field = {"article": "journal", "techreport": "institution"}.get(entry_type, "publisher")
            fields.append(Field(field, _latex(source.publisher)))
        parts = _date_parts(source.published, source.published_precision)
        if parts:
            fields.append(Field("year", str(parts[0])))
            if len(parts) > 1:
                fields.append(Field("month", str(parts[1])))
            fields.append(Field("date", source.published_edtf))
        if source.url:
            fields.append(Field("url", source.url))
        if source.accessed_on:
            fields.append(Field("urldate", source.accessed_on.isoformat()))
        if source.archive_url:
            fields.append(Field("note", "Archived at \\url{" + source.archive_url + "}"))
        if getattr(source, "version", None):
            fields.append(Field("version", str(source.version)))
        fields.append(Field("langid", source.language))
        library.add(Entry(entry_type, source.key, fields))
    return bibtexparser.write_string(library)


class _RisWriter(RisWriter):
    def set_header(self, count):
        return ""  # no "1." numbering lines: Zotero and EndNote expect each record to start with TY


def ris(sources):
    records = []
    for source in sources:
        record = {"type_of_reference": RIS_TYPES.get(source.kind, "GEN"), "id": source.key, "title": source.title}
        if source.author_list:
            record["authors"] = source.author_list
        if source.publisher:
            record["publisher"] = source.publisher
        parts = _date_parts(source.published, source.published_precision)
        if parts:
            record["year"] = str(parts[0])
            record["date"] = "/".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts)) + "/"
        if source.url:
            record["urls"] = [source.url]
        if source.accessed_on:
            record["access_date"] = source.accessed_on.strftime("%Y/%m/%d")
        if source.archive_url:
            record["notes"] = [f"Archived copy: {source.archive_url}"]
        if getattr(source, "version", None):
            record["edition"] = f"Version {source.version}"
        record["language"] = source.language
        records.append(record)
    return rispy.dumps(records, implementation=_RisWriter) if records else ""


def csl_json(sources):
    items = []
    for source in sources:
        item = {"id": source.key, "type": CSL_TYPES.get(source.kind, "document"), "title": source.title,
                "language": source.language}
        if source.author_list:
            item["author"] = [
                dict(zip(("family", "given"), (p.strip() for p in name.split(",", 1)))) if _is_person(name) else {"literal": name}
                for name in source.author_list
            ]
        if source.publisher:
            item["container-title" if source.kind == SourceKind.NEWS else "publisher"] = source.publisher
        parts = _date_parts(source.published, source.published_precision)
        if parts:
            item["issued"] = {"date-parts": [parts]}
        if source.url:
            item["URL"] = source.url
        if source.accessed_on:
            item["accessed"] = {"date-parts": [_date_parts(source.accessed_on, "day")]}
        if source.archive_url:
            item["archive_location"] = source.archive_url
        if getattr(source, "version", None):
            item["version"] = str(source.version)
        if source.notes:
            item["note"] = source.notes
        items.append(item)
    return items


def _wiki(value):
    return str(value).replace("|", "&#124;").replace("{{", "&#123;&#123;").replace("}}", "&#125;&#125;").replace("\n", " ")


def cite_web(source):
    """Wikipedia's {{cite web}} template for one source."""
    params = [("url", source.url), ("title", source.title)]
    people = [n for n in source.author_list if _is_person(n)]
    if people:
        for i, name in enumerate(people, start=1):
            last, first = (p.strip() for p in name.split(",", 1))
            params += [(f"last{i}", last), (f"first{i}", first)]
    elif source.author_list:
        params.append(("author", "; ".join(source.author_list)))
    params += [("website" if source.kind == SourceKind.NEWS else "publisher", source.publisher)]
    if source.published:
        params.append(("date", source.published_edtf))
    if source.accessed_on:
        params.append(("access-date", source.accessed_on.isoformat()))
    if source.archive_url:
        params.append(("archive-url", source.archive_url))
        if source.archived_on:
            params.append(("archive-date", source.archived_on.isoformat()))
    if source.language and source.language != "en":
        params.append(("language", source.language))
    return "{{cite web " + " ".join(f"|{name}={_wiki(value)}" for name, value in params if value) + "}}"


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def _authors(source):
    return ", ".join(source.author_list) or source.publisher


def apa(source):
    """APA (7th edition) for a web page, as plain text: author (the site), date, title, version, URL."""
    day = source.published
    date = f"{day.year}, {MONTHS[day.month - 1]} {day.day}" if day else "n.d."
    version = f" (Version {source.version})" if getattr(source, "version", None) else ""
    site = f" {source.publisher}." if source.publisher and source.publisher != _authors(source) else ""
    return f"{_authors(source)}. ({date}). {source.title}{version}.{site} {source.url}".strip()


def chicago(source):
    """Chicago (17th edition, bibliography) for a web page, as plain text."""
    day = source.published
    parts = [f"{_authors(source)}.", f"“{source.title.rstrip('.')}.”"]
    if getattr(source, "version", None):
        parts.append(f"Version {source.version}.")
    if source.publisher and source.publisher != _authors(source):
        parts.append(f"{source.publisher}.")
    if day:
        parts.append(f"Last modified {MONTHS[day.month - 1]} {day.day}, {day.year}.")
    if source.url:
        parts.append(f"{source.url}.")
    return " ".join(parts)
