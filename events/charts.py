"""
Server-rendered SVG charts: no JavaScript, readable by screen readers (a
title, a description, and the data table the templates put beneath).
"""

import datetime
from dataclasses import dataclass

from django.utils.formats import number_format

from sources.dates import format_date


@dataclass
class Point:
    x: float
    y: float
    figure: object
    label: str
    value: str  # the number as the reader's language writes it
    labelled: bool = True  # its number is written beside it (not where it would overlap the last one written)
    low_y: float | None = None  # where sources differ: the range they give
    high_y: float | None = None


@dataclass
class Segment:
    path: str
    gap: bool  # the points are far apart: nothing is known in between, and the line says so


@dataclass
class Tick:
    position: float
    label: str


def _number(value):
    return number_format(value, force_grouping=True)


def _nice_ceiling(value):
    step = 10 ** max(len(str(int(value))) - 1, 0)
    return ((int(value) // step) + 1) * step


# Points further apart than this are joined by a dotted line: a straight solid line would suggest a
# steady change that no source describes.
GAP_DAYS = 2 * 365
LABEL_WIDTH = 44  # SVG units a point's number takes: closer points are written in their tooltip and the table only


def line_chart(figures, *, width=640, height=320, margin=(28, 24, 52, 78)):
    """
    Geometry for a line chart of figures over time; ``margin`` is (top, right, bottom, left).
    Consecutive points within two years are joined by a solid line, points further apart by a
    dotted one. The sources are listed once each, in order of first use.
    """
    figures = sorted(figures, key=lambda f: f.date)
    top, right, bottom, left = margin
    plot_w, plot_h = width - left - right, height - top - bottom
    if not figures:
        return None
    first, last = figures[0].date.toordinal(), figures[-1].date.toordinal()
    span = max(last - first, 1)
    y_max = _nice_ceiling(max(f.high or f.best for f in figures))

    def x(date):
        return round(left + (date.toordinal() - first) / span * plot_w, 1)

    def y(value):
        return round(top + plot_h - value / y_max * plot_h, 1)

    points = [
        Point(x(f.date), y(f.best), f, f"{format_date(f.date, f.date_precision)}: {_number(f.best)}", _number(f.best))
        for f in figures
    ]
    last_labelled = None
    for point in points:
        figure = point.figure
        point.labelled = last_labelled is None or point.x - last_labelled >= LABEL_WIDTH
        last_labelled = point.x if point.labelled else last_labelled
        if figure.low is not None or figure.high is not None:
            point.low_y, point.high_y = y(figure.low or figure.best), y(figure.high or figure.best)
    years = range(figures[0].date.year, figures[-1].date.year + 1)
    every = max(1, len(years) // 8)
    x_ticks = [Tick(x(datetime.date(year, 1, 1)), str(year)) for year in years if year % every == 0]
    x_ticks = [t for t in x_ticks if left <= t.position <= width - right]
    y_ticks = [Tick(y(y_max * i / 5), _number(int(y_max * i / 5))) for i in range(6)]
    segments = [
        Segment(f"M{a.x},{a.y} L{b.x},{b.y}", (b.figure.date - a.figure.date).days > GAP_DAYS)
        for a, b in zip(points, points[1:])
    ]
    sources = list({f.source_id: f.source for f in figures}.values())
    return {
        "width": width, "height": height, "left": left, "right": width - right, "top": top,
        "bottom": height - bottom, "middle": top + plot_h / 2, "center": left + plot_w / 2, "points": points,
        "x_ticks": x_ticks, "y_ticks": y_ticks, "segments": segments, "has_gaps": any(s.gap for s in segments),
        "sources": sources,
    }
