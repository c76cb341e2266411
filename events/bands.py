"""
The timeline band on the home page: the years covered as a horizontal strip, each
event a mark at its date, drawn as server-rendered SVG. A range is a bar from its
start to its end; a month or a year is a span of that width; approximate dates are
drawn open, key events taller. When there are too many events to draw one by one,
the band shows the number of events in each year instead, with the key events.
"""

import datetime
from dataclasses import dataclass
from types import SimpleNamespace

from html import escape

from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

from sources.dates import date_range_label, period_end

from .translation import TRANSLATED_LANGUAGES, localised

MAX_MARKS = 300  # beyond this, events are drawn as counts per year
WIDTH, LEFT, RIGHT = 1000, 8, 8
LANE_HEIGHT, LANES, AXIS = 16, 6, 24


@dataclass
class Mark:
    x: float
    width: float
    y: float
    height: float
    slug: str
    label: str
    key: bool
    approximate: bool


def mark_rows(events):
    """What the band draws of each of ``events`` (a queryset), in its order: its dates, link and label (its title in
    the reader's language, and its dates)."""
    titles = ("title", *(f"title_{code}" for code in TRANSLATED_LANGUAGES))
    fields = ("slug", *titles, "start", "start_precision", "end", "end_precision", "approximate", "key_event")
    rows = []
    for row in events.values(*fields):
        title, _ = localised(SimpleNamespace(**row), "title")  # in the reader's language, or else in English
        label = date_range_label(row["start"], row["start_precision"], row["end"], row["end_precision"])
        row["label"] = f"{title}, {'c. ' if row['approximate'] else ''}{label}"
        rows.append(row)
    return rows


@dataclass
class YearMark:
    year: int
    x: float
    width: float
    count: int
    page: int | None
    href: str = ""
    bar_y: float = 0
    bar_height: float = 0


def timeline_band(*, year_index, marks=None, key_marks=None):
    """
    Geometry for the band. ``year_index``: [{"year", "count", "page", "href"}] of the events shown;
    ``marks``: their rows (mark_rows), or None when there are too many, in which
    case ``key_marks`` are the key events' rows (or None when they are too many as well).
    """
    if not year_index:
        return None
    counts = {entry["year"]: entry for entry in year_index}
    first, last = min(counts), max(counts)
    start, end = datetime.date(first, 1, 1).toordinal(), datetime.date(last, 12, 31).toordinal() + 1
    scale = (WIDTH - LEFT - RIGHT) / (end - start)

    def x(date):
        return round(LEFT + (date.toordinal() - start) * scale, 2)

    plot_height = LANES * LANE_HEIGHT
    years = []
    for year in range(first, last + 1):
        entry = counts.get(year, {"count": 0, "page": None})
        left, right = x(datetime.date(year, 1, 1)), x(datetime.date(year, 12, 31)) + scale
        years.append(YearMark(year, left, round(right - left, 2), entry["count"], entry["page"], entry.get("href", "")))
    drawn = marks if marks is not None else key_marks or []
    lanes_end = [float("-inf")] * LANES
    shapes = []
    for row in drawn:
        left = x(row["start"])
        last_day = period_end(row["end"] or row["start"], row["end_precision"] or row["start_precision"])
        width = max(x(last_day) + scale - left, 4)
        lane = next((i for i, edge in enumerate(lanes_end) if edge < left), LANES - 1)
        lanes_end[lane] = left + width + 1
        key = row["key_event"]
        shapes.append(Mark(
            left, round(width, 2), lane * LANE_HEIGHT + (0 if key else 3), LANE_HEIGHT - (2 if key else 6),
            row["slug"], row["label"], key, row["approximate"],
        ))
    aggregated = marks is None
    if aggregated:
        most = max(y.count for y in years) or 1
        for year in years:
            year.bar_height = round(year.count / most * (plot_height - 4), 2)
            year.bar_y = round(plot_height - year.bar_height, 2)
    label_every = 1 if last - first <= 12 else 2 if last - first <= 30 else 5
    return {
        "marks_svg": marks_svg(shapes), "bars_svg": bars_svg(years, aggregated, plot_height),
        "labels_svg": labels_svg(years, label_every, plot_height + AXIS - 4),
        "width": WIDTH, "height": plot_height + AXIS, "plot_height": plot_height,
        "aggregated": aggregated, "key_only": aggregated and key_marks is not None,
        "gaps": [y.year for y in years if y.count == 0],
    }


def marks_svg(marks):
    """
    The marks as SVG links, written here rather than in a template loop: with hundreds of marks the
    loop's tags cost tens of milliseconds a page, this about one. Every text is escaped.
    """
    url = reverse("events:detail", kwargs={"slug": "slug-placeholder"})
    parts = []
    for mark in marks:
        label = escape(mark.label)
        classes = "mark" + (" key" if mark.key else "") + (" approximate" if mark.approximate else "")
        parts.append(f'<a href="{escape(url.replace("slug-placeholder", mark.slug))}" aria-label="{label}">'
                     f'<rect class="{classes}" x="{mark.x}" y="{mark.y}" width="{mark.width}" height="{mark.height}">'
                     f"<title>{label}</title></rect></a>")
    return mark_safe("\n".join(parts))  # noqa: S308  (built from escaped text and numbers only)


def bars_svg(years, aggregated, plot_height):
    """Each year's bar (when the band counts events) or, for a year without events, its shaded gap. Escaped."""
    parts = []
    for year in years:
        if year.count and aggregated:
            parts.append(f'<rect class="count-bar" x="{year.x}" y="{year.bar_y}" width="{year.width}" '
                         f'height="{year.bar_height}"/>')
        elif not year.count:
            title = escape(gettext("No events in %(number)s") % {"number": year.year})
            parts.append(f'<rect class="gap" x="{year.x}" y="0" width="{year.width}" height="{plot_height}">'
                         f"<title>{title}</title></rect>")
    return mark_safe("\n    ".join(parts))  # noqa: S308  (built from escaped text and numbers only)


def labels_svg(years, every, y):
    """The labels of the first, the last and every ``every`` year, each a link to its page of the list. Escaped."""
    parts = []
    for n, year in enumerate(years):
        if not (n == 0 or n == len(years) - 1 or year.year % every == 0):
            continue
        text = f'<text class="year-label{"" if year.count else " gap"}" x="{year.x}" y="{y}">{year.year}</text>'
        if year.page:
            label = escape(ngettext("%(number)s: %(counter)s event, in the list below",
                                    "%(number)s: %(counter)s events, in the list below", year.count)
                           % {"number": year.year, "counter": year.count})
            text = f'<a href="{escape(year.href)}#y{year.year}" aria-label="{label}">{text}</a>'
        parts.append(text)
    return mark_safe("\n    ".join(parts))  # noqa: S308  (built from escaped text and numbers only)
