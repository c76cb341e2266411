"""
The timeline band on the home page: the years covered as a full-width strip, drawn on the server as SVG, which
static/js/band.js redraws to zoom and pan. An exact day is a point; a period of days is a bar; a month, a year or an
approximate date is a soft span over the time it may stand for. Key events stand taller and are labelled; points
too close to tell apart are drawn as one cluster with their number, which links to the timeline of their period.
When there are too many events to draw one by one, the band shows the number of events in each year, with the key
events. The same rows go to the page as JSON (``json_script``) for the script.
"""

import datetime
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.urls import reverse

from sources.dates import Precision, date_range_label, period_end

from .band_svg import bars_svg, labels_svg, lanes_svg, points_svg, short_title
from .translation import TRANSLATED_LANGUAGES, localised

MAX_MARKS = 300  # beyond this, events are drawn as counts per year
WIDTH, LEFT, RIGHT = 1000, 8, 8
HEIGHT, AXIS_Y = 124, 100  # the script draws with the same vertical layout, in pixels
LANES = 3  # lanes for periods too wide to be a point
WIDE, GAP, CLUSTER_MIN, POINT_MAX = 14, 3, 16, 8  # wider than WIDE is a period; points closer than GAP cluster
# How far either side of its date an approximate date may lie: half its precision's period, at least ten days.
APPROXIMATE_MARGIN = {Precision.DAY: 10, Precision.MONTH: 15, Precision.YEAR: 182}


def mark_rows(events):
    """What the band draws of each of ``events`` (a queryset), in its order: its first and last possible day, kind,
    link, title (in the reader's language, else in English) and dates as readers see them."""
    titles = ("title", *(f"title_{code}" for code in TRANSLATED_LANGUAGES))
    fields = ("slug", *titles, "start", "start_precision", "end", "end_precision", "approximate", "key_event")
    url = reverse("events:detail", kwargs={"slug": "slug-placeholder"})
    rows = []
    for row in events.values(*fields):
        title, _ = localised(SimpleNamespace(**row), "title")
        label = date_range_label(row["start"], row["start_precision"], row["end"], row["end_precision"])
        end, end_precision = row["end"] or row["start"], row["end_precision"] or row["start_precision"]
        first, last = row["start"], period_end(end, end_precision)
        precise = row["start_precision"] == Precision.DAY and (row["end_precision"] or Precision.DAY) == Precision.DAY
        if row["approximate"]:
            margin = datetime.timedelta(days=APPROXIMATE_MARGIN[row["start_precision"]])
            first, last = first - margin, last + margin
        rows.append({
            "slug": row["slug"], "url": url.replace("slug-placeholder", row["slug"]), "title": title,
            "date": f"{'c. ' if row['approximate'] else ''}{label}", "first": first, "last": last,
            "kind": "point" if precise and not row["end"] and not row["approximate"] else
                    "range" if precise and not row["approximate"] else "soft",
            "key": row["key_event"],
        })
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


@dataclass
class Shape:
    """An event, or a cluster of events, where the band draws it."""

    x: float
    width: float
    rows: list = field(default_factory=list)
    lane: int | None = None
    label_row: int | None = None
    label_x: float = 0

    @property
    def row(self):
        return self.rows[0]


def layout(rows, x):
    """
    Where each row goes at the scale ``x`` (a day to its position): periods wider than WIDE in lanes, the rest on
    the points track, where points closer than GAP to each other cluster (key events never do). The script does the
    same at each zoom. Returns (periods, points, clusters); a cluster has two rows or more.
    """
    periods, points, clusters, lanes_end = [], [], [], [float("-inf")] * LANES
    for row in sorted(rows, key=lambda row: row["first"]):
        left = x(row["first"])
        shape = Shape(left, max(x(row["last"] + datetime.timedelta(days=1)) - left, 3), [row])
        if row["kind"] == "point" and shape.width > POINT_MAX:  # a day, however close: a mark of its own
            shape.x, shape.width = left + (shape.width - POINT_MAX) / 2, POINT_MAX
            left = shape.x
        if shape.width > WIDE:
            shape.lane = next((i for i, edge in enumerate(lanes_end) if edge < left), LANES - 1)
            lanes_end[shape.lane] = left + shape.width + 1
            periods.append(shape)
        elif row["key"]:
            points.append(shape)
        elif clusters and left <= clusters[-1].x + drawn_width(clusters[-1]) + GAP:
            last = clusters[-1]
            last.width = max(last.width, left + shape.width - last.x)
            last.rows.append(row)
        else:
            clusters.append(shape)
    points += [shape for shape in clusters if len(shape.rows) == 1]
    clusters = [shape for shape in clusters if len(shape.rows) > 1]
    for shape in clusters:
        shape.width = max(shape.width, CLUSTER_MIN)
    return periods, sorted(points, key=lambda shape: shape.x), clusters


def drawn_width(shape):
    """A cluster is drawn at least CLUSTER_MIN wide, to hold its number."""
    return max(shape.width, CLUSTER_MIN) if len(shape.rows) > 1 else shape.width


def place_labels(shapes, rows=2, char_width=6.6, first=LEFT, last=WIDTH - RIGHT):
    """Label key events, left to right, in the first of ``rows`` rows with room; those left without room keep their
    title for pointers and screen readers only."""
    ends = [first - 1] * rows
    for shape in sorted(shapes, key=lambda shape: shape.x):
        if not shape.row["key"]:
            continue
        width = len(short_title(shape.row["title"])) * char_width
        left = max(first, min(shape.x, last - width))  # kept inside the band
        free = next((i for i, end in enumerate(ends) if end < left), None)
        if free is not None:
            shape.label_row, shape.label_x = free, round(left, 2)
            ends[free] = left + width + 6


def timeline_band(*, year_index, marks=None, key_marks=None, query=""):
    """
    Geometry for the band. ``year_index``: [{"year", "count", "page", "href"}] of the events shown; ``marks``: their
    rows (mark_rows), or None when there are too many, in which case ``key_marks`` are the key events' rows (or None
    when they are too many as well). ``query``: the filters, which a cluster's link keeps.
    """
    if not year_index:
        return None
    counts = {entry["year"]: entry for entry in year_index}
    first, last = min(counts), max(counts)
    start, end = datetime.date(first, 1, 1).toordinal(), datetime.date(last, 12, 31).toordinal() + 1
    scale = (WIDTH - LEFT - RIGHT) / (end - start)

    def x(date):
        return round(LEFT + (date.toordinal() - start) * scale, 2)

    years = []
    for year in range(first, last + 1):
        entry = counts.get(year, {"count": 0, "page": None})
        left, right = x(datetime.date(year, 1, 1)), x(datetime.date(year + 1, 1, 1))
        years.append(YearMark(year, left, round(right - left, 2), entry["count"], entry["page"], entry.get("href", "")))
    drawn = marks if marks is not None else key_marks or []
    periods, points, clusters = layout(drawn, x)
    place_labels(periods + points)
    aggregated = marks is None
    if aggregated:
        most = max(y.count for y in years) or 1
        for year in years:
            year.bar_height = round(year.count / most * (AXIS_Y - 40), 2)
            year.bar_y = round(AXIS_Y - year.bar_height, 2)
    label_every = 1 if last - first <= 12 else 2 if last - first <= 30 else 5
    return {
        "bars_svg": bars_svg(years, aggregated, AXIS_Y), "lanes_svg": lanes_svg(periods),
        "points_svg": points_svg(points, clusters, query),
        "labels_svg": labels_svg(years, label_every, AXIS_Y + 16),
        "width": WIDTH, "height": HEIGHT, "axis_y": AXIS_Y,
        "aggregated": aggregated, "key_only": aggregated and key_marks is not None,
        "gaps": [y.year for y in years if y.count == 0],
        "data": band_data(drawn, years, first, last, aggregated),
    }


def band_data(rows, years, first, last, aggregated):
    """What static/js/band.js redraws the band from, for ``json_script``: plain strings and numbers."""
    return {
        "first": f"{first}-01-01", "last": f"{last}-12-31",
        "events": [{"slug": row["slug"], "url": row["url"], "title": row["title"], "date": row["date"],
                    "first": row["first"].isoformat(), "last": row["last"].isoformat(), "kind": row["kind"],
                    "key": row["key"]} for row in rows],
        "years": [[year.year, year.count] for year in years], "counts": aggregated,
    }
