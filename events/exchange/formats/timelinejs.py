"""
TimelineJS in and out. TimelineJS keeps a timeline as a Google Sheet (exported
as CSV) or as JSON; neither has citations, so imported events arrive as drafts
for an editor to source, and exported slides list their sources in the text.
"""

import re

import nh3
from django.utils.html import escape, format_html, format_html_join, strip_tags
from django.utils.text import Truncator, slugify

from sources.formatting import format_entry

from .. import cleaning as c
from ..rows import Row, csv_data

HEADER_18 = [
    "Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time", "Display Date", "Headline", "Text",
    "Media", "Media Credit", "Media Caption", "Media Thumbnail", "Type", "Group", "Background",
]
HEADER_19 = [*HEADER_18[:15], "Alt Text", *HEADER_18[15:]]
LEGACY = {"Start Date", "End Date", "Tag"}
KNOWN_COLUMNS = set(HEADER_19) | LEGACY
CSV_LABELS = {"slug": "Headline", "title": "Headline", "summary": "Text", "body": "Text", "start": "Year", "end": "End Year",
              "display_date": "Display Date", "type": "Group"}
JSON_LABELS = {"slug": "unique_id", "title": "text.headline", "summary": "text.text", "body": "text.text", "start": "start_date",
               "end": "end_date", "display_date": "display_date", "type": "group"}
DEFAULT_TYPE = ("imported", "Imported")


NAME = "timelinejs"


def _looks_like_json(data):
    return isinstance(data, dict) and "format" not in data and isinstance(data.get("events"), list)


def sniff(file):
    if file.is_json:
        return _looks_like_json(file.data)
    return "Headline" in file.header and ("Year" in file.header or "Start Date" in file.header)


def read(file):
    if not file.is_json:
        records = file.records()
        return _read_csv(file, records) if records else []
    if not _looks_like_json(file.data):
        file.error('not a TimelineJS timeline: expected an object with an "events" list')
        return []
    return _read_json(file)


class _Slides:
    """Turns slides into exchange rows, collecting skipped title and era slides and the groups seen."""

    def __init__(self, file):
        self.file, self.problems, self.name = file, file.problems, file.path.name
        self.rows, self.types, self.skipped = [], {}, []

    def date(self, where, column, parts):
        """Date parts as a PreciseDate, or None (the problem reported, with the column)."""
        try:
            return c.date_parts(*parts)
        except c.Invalid as exc:
            self.problems.add(where, str(exc), column)
            return None

    def add(self, where, labels, *, headline, text, start, end, display_date, group, unique_id, media):
        headline_text = strip_tags(headline or "").strip()
        body = nh3.clean(text or "", tags={"p", "br", "em", "strong", "b", "i", "a", "ul", "ol", "li", "blockquote", "cite"},
                         attributes={"a": {"href"}}, url_schemes={"http", "https", "mailto"}, link_rel="noopener nofollow")
        plain = re.sub(r"\s+", " ", strip_tags(body)).strip()
        type_slug, type_name = (slugify(group)[:80], group.strip()) if group and slugify(group) else DEFAULT_TYPE
        self.types.setdefault(type_slug, type_name)
        slug = slugify(unique_id)[:120] if unique_id else f"tl-{slugify(headline_text)[:60]}-{start.edtf().replace('-', '')}"
        notes = ""
        if media and media.get("url"):
            credit = strip_tags(media.get("credit") or "").strip()
            notes = f"Imported from TimelineJS. Media: {media['url']}" + (f" (credit: {credit})" if credit else "")
        data = {
            "slug": slug.strip("-"), "title": headline_text, "summary": Truncator(plain or headline_text).chars(300),
            "body": body, "start": start, "end": end, "display_date": strip_tags(display_date or "").strip(),
            "type": type_slug, "key_event": False, "status": "draft", "notes": notes,
        }
        self.rows.append(Row("events", data, where, labels=labels))

    def finish(self):
        if self.skipped:
            eras = self.skipped.count("era")
            parts = (["the title slide"] if "title" in self.skipped else []) + ([f"{eras} era{'s' if eras != 1 else ''}"] if eras else [])
            self.file.notes.append(f"{self.name}: skipped {' and '.join(parts)} (KFOR Timeline keeps events only)")
        types = [Row("event_types", {"slug": slug, "name": name, "description": ""}, f"{self.name}: group {name!r}")
                 for slug, name in self.types.items()]
        return types + self.rows


def _read_csv(file, records):
    header = [cell.strip() for cell in records[0]]
    unknown = [column for column in header if column and column not in KNOWN_COLUMNS]
    if unknown:
        file.header_error(f"unknown TimelineJS column(s) {', '.join(map(repr, unknown))}")
        return []
    if "Headline" not in header:
        file.header_error("the column 'Headline' is required")
        return []
    slides = _Slides(file)
    for where, row in csv_data(records[1:], header, file.path.name, file.problems):
        kind = row.get("Type", "").strip().lower()
        if kind in ("title", "era"):
            slides.skipped.append(kind)
            continue
        if "Start Date" in row:
            start_parts, end_parts = c.legacy_date_parts(row["Start Date"]), c.legacy_date_parts(row.get("End Date", ""))
            year_column, end_column = "Start Date", "End Date"
        else:
            start_parts = row.get("Year", ""), row.get("Month", ""), row.get("Day", "")
            end_parts = row.get("End Year", ""), row.get("End Month", ""), row.get("End Day", "")
            year_column, end_column = "Year", "End Year"
        if not str(start_parts[0]).strip():
            slides.problems.add(where, "is required: every slide but the title and eras needs a year", year_column)
            continue
        start = slides.date(where, year_column, start_parts)
        end = slides.date(where, end_column, end_parts)
        if start is None:
            continue
        slides.add(
            where, {**CSV_LABELS, "start": year_column, "end": end_column},
            headline=row["Headline"], text=row.get("Text", ""), start=start, end=end,
            display_date=row.get("Display Date", ""), group=row.get("Group") or row.get("Tag", ""),
            unique_id=None, media={"url": row.get("Media", ""), "credit": row.get("Media Credit", "")},
        )
    return slides.finish()


def _read_json(file):
    data, slides = file.data, _Slides(file)
    if data.get("title"):
        slides.skipped.append("title")
    slides.skipped += ["era"] * len(data.get("eras") or [])
    for index, slide in enumerate(data["events"]):
        where = f"{file.path.name}: events[{index}]"
        if not isinstance(slide, dict):
            slides.problems.add(where, "expected an object")
            continue
        start_date, end_date = slide.get("start_date") or {}, slide.get("end_date") or {}
        text = slide.get("text") or {}
        if not isinstance(start_date, dict) or not str(start_date.get("year", "")).strip():
            slides.problems.add(where, "is required", "start_date.year")
            continue
        start = slides.date(where, "start_date", (start_date.get("year"), start_date.get("month"), start_date.get("day")))
        end = None
        if isinstance(end_date, dict) and str(end_date.get("year", "")).strip():
            end = slides.date(where, "end_date", (end_date.get("year"), end_date.get("month"), end_date.get("day")))
        if start is None:
            continue
        slides.add(
            where, JSON_LABELS, headline=text.get("headline", ""), text=text.get("text", ""), start=start, end=end,
            display_date=slide.get("display_date") or "", group=slide.get("group") or "",
            unique_id=slide.get("unique_id"), media=slide.get("media") if isinstance(slide.get("media"), dict) else None,
        )
    return slides.finish()


# -- export ------------------------------------------------------------------------


def _date_parts(date, precision):
    parts = {"year": str(date.year)}
    if precision in ("month", "day"):
        parts["month"] = str(date.month)
    if precision == "day":
        parts["day"] = str(date.day)
    return parts


def timeline_document(events, *, title="KFOR Timeline", base_url=""):
    """A TimelineJS JSON timeline: a title slide, then one slide per event with its sources listed."""
    slides = []
    for event in events:
        sources = []
        for citation in event.citations.all():
            if citation.source not in sources:
                sources.append(citation.source)
        text = format_html("<p>{}</p>", event.summary)
        if sources:
            text += format_html(
                "<p>Sources:</p><ol>{}</ol>", format_html_join("", "<li>{}</li>", ((format_entry(s),) for s in sources))
            )
        text += format_html('<p><a href="{}{}">Read more on KFOR Timeline</a></p>', base_url, event.get_absolute_url())
        slide = {
            "unique_id": event.slug,
            "start_date": _date_parts(event.start, event.start_precision),
            "display_date": event.date_label,
            "text": {"headline": escape(event.title), "text": str(text)},
            "group": event.event_type.name,
        }
        if event.end:
            slide["end_date"] = _date_parts(event.end, event.end_precision)
        slides.append(slide)
    return {
        "title": {
            "unique_id": "kfor-timeline-title",
            "text": {
                "headline": escape(title),
                "text": "<p>The NATO-led Kosovo Force, from 1999 to today. Every event rests on cited sources.</p>",
            },
        },
        "events": slides,
    }
