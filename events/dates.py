"""How an event's dates read: "10 June 1999", "2–3 December 2008", "September – October 2021", "c. October 2021"."""

from sources.dates import MONTHS, Precision, format_date


def date_range_label(start, start_precision, end=None, end_precision=""):
    if end is None or (end == start and end_precision == start_precision):
        return format_date(start, start_precision)
    day, month = Precision.DAY, Precision.MONTH
    same_year = start.year == end.year
    if same_year and start_precision == end_precision == day:
        if start.month == end.month:
            return f"{start.day}–{end.day} {MONTHS[end.month - 1]} {end.year}"
        return f"{start.day} {MONTHS[start.month - 1]} – {format_date(end, day)}"
    if same_year and start_precision == end_precision == month:
        return f"{MONTHS[start.month - 1]} – {MONTHS[end.month - 1]} {end.year}"
    return f"{format_date(start, start_precision)} – {format_date(end, end_precision)}"


def event_date_label(event):
    if event.display_date:
        return event.display_date
    label = date_range_label(event.start, event.start_precision, event.end, event.end_precision)
    return f"c. {label}" if event.approximate else label
