"""
The band's SVG, written here rather than in a template loop: with hundreds of marks the loop's tags cost tens of
milliseconds a page, this about one. Every text is escaped; the rest is numbers.
"""

from html import escape

from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

# The rows, from the top (static/js/band.js draws the same): two of labels, key events, points and clusters, periods.
LABEL_Y = (11, 24)
KEY_Y, KEY_HEIGHT, POINT_Y, POINT_HEIGHT, CLUSTER_Y, CLUSTER_HEIGHT = 28, 14, 46, 12, 44, 16
LANE_TOP, LANE_STEP, LANE_HEIGHT = 66, 10, 8


def short_title(title, limit=32):
    return title if len(title) <= limit else title[:limit - 1].rstrip() + "…"


def _safe(parts):
    return mark_safe("\n    ".join(parts))  # noqa: S308  (built from escaped text and numbers only)


def classes(row):
    return f"mark {row['kind']}" + (" key" if row["key"] else "")


def _label(shape):
    if shape.label_row is None:
        return ""
    return (f'<text class="key-label" x="{shape.label_x}" y="{LABEL_Y[shape.label_row]}">'
            f"{escape(short_title(shape.row['title']))}</text>")


def _event(shape, y, height):
    row = shape.row
    label = escape(f"{row['title']}, {row['date']}")
    return (f'<a href="{escape(row["url"])}" aria-label="{label}">'
            f'<rect class="{classes(row)}" x="{round(shape.x, 2)}" y="{y}" width="{round(shape.width, 2)}" '
            f'height="{height}"><title>{label}</title></rect>{_label(shape)}</a>')


def lanes_svg(periods):
    """Periods, each in its lane below the points."""
    return _safe(_event(shape, LANE_TOP + shape.lane * LANE_STEP, LANE_HEIGHT) for shape in periods)


def points_svg(points, clusters, query):
    """Clusters, each a link to the list of its period with the filters kept, then points and key events."""
    parts = []
    for shape in clusters:
        first, last = shape.rows[0]["first"], max(row["last"] for row in shape.rows)
        link = query.copy()
        link["from"], link["to"] = first.isoformat(), last.isoformat()
        label = escape(ngettext("%(counter)s event, %(first)s to %(last)s: show it in the list",
                                "%(counter)s events, %(first)s to %(last)s: show them in the list", len(shape.rows))
                       % {"counter": len(shape.rows), "first": shape.rows[0]["date"], "last": shape.rows[-1]["date"]})
        middle = round(shape.x + shape.width / 2, 2)
        parts.append(f'<a href="?{escape(link.urlencode())}" aria-label="{label}">'
                     f'<rect class="cluster" x="{round(shape.x, 2)}" y="{CLUSTER_Y}" width="{round(shape.width, 2)}" '
                     f'height="{CLUSTER_HEIGHT}" rx="4"><title>{label}</title></rect>'
                     f'<text class="cluster-count" x="{middle}" y="{CLUSTER_Y + 12}">{len(shape.rows)}</text></a>')
    for shape in points:
        key = shape.row["key"]
        parts.append(_event(shape, KEY_Y if key else POINT_Y, KEY_HEIGHT if key else POINT_HEIGHT))
    return _safe(parts)


def bars_svg(years, aggregated, axis_y):
    """Each year's bar (when the band counts events) or, for a year without events, its shaded gap."""
    parts = []
    for year in years:
        if year.count and aggregated:
            parts.append(f'<rect class="count-bar" x="{year.x}" y="{year.bar_y}" width="{year.width}" '
                         f'height="{year.bar_height}"/>')
        elif not year.count:
            title = escape(gettext("No events in %(number)s") % {"number": year.year})
            parts.append(f'<rect class="gap" x="{year.x}" y="{KEY_Y}" width="{year.width}" '
                         f'height="{axis_y - KEY_Y}"><title>{title}</title></rect>')
    return _safe(parts)


def labels_svg(years, every, y):
    """The labels of the first, the last and every ``every`` year, each a link to its page of the list."""
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
    return _safe(parts)
