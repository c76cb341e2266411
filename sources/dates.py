"""
Dates with a precision, and the subset of EDTF (Library of Congress Extended
Date/Time Format, level 0 plus the approximate qualifier) that our exchange
format uses: ``1999-06-10``, ``2004-03``, ``2012``, and ``2021-10~``.

A date of month precision is stored as the first day of its month, a date of
year precision as 1 January; the database enforces that (see
``precision_constraint``), so a stored date and its precision never disagree.
"""

import calendar
import datetime
import functools
import re
from dataclasses import dataclass

from django.db import models
from django.utils.translation import get_language, gettext_lazy as _


class Precision(models.TextChoices):
    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")


# Month names in the reader's language. Listed here rather than taken from Django so that our own catalogues
# carry them: Django's Serbian catalogue is in Cyrillic script, ours in Latin (and ours come first).
MONTHS = [
    _("January"), _("February"), _("March"), _("April"), _("May"), _("June"),
    _("July"), _("August"), _("September"), _("October"), _("November"), _("December"),
]


def month_name(number):
    """A month's name in the active language: looked up once per language, for lists of hundreds of dates."""
    return _month_names(get_language())[number - 1]


@functools.lru_cache(maxsize=16)
def _month_names(language):
    return [str(name) for name in MONTHS]

_EDTF = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?(?P<qualifier>[~?%])?$")


@dataclass(frozen=True)
class PreciseDate:
    date: datetime.date
    precision: str
    approximate: bool = False

    def edtf(self):
        return to_edtf(self.date, self.precision, self.approximate)


class DateError(ValueError):
    """A date that cannot be read; ``code`` says why (format, uncertain, approximate, year, real, order), for forms
    that word the reason in the reader's language."""

    def __init__(self, message, code):
        super().__init__(message)
        self.code = code


def parse_edtf(value, *, allow_approximate=True):
    """Parse an EDTF string into a PreciseDate; raise DateError (a ValueError) with a readable reason."""
    if not isinstance(value, str):
        raise DateError(f"expected an EDTF date string such as 1999-06-10, got {value!r}", "format")
    text = value.strip()
    match = _EDTF.match(text)
    if not match:
        raise DateError(
            f"{value!r} is not an EDTF date; use YYYY-MM-DD, YYYY-MM or YYYY, "
            "with ~ at the end for an approximate date", "format"
        )
    qualifier = match["qualifier"]
    if qualifier in ("?", "%"):
        raise DateError(f"{value!r}: uncertain dates ('?', '%') are not supported; use '~' for approximate", "uncertain")
    if qualifier and not allow_approximate:
        raise DateError(f"{value!r}: an approximate date ('~') is not allowed here", "approximate")
    year = int(match["year"])
    month = int(match["month"] or 1)
    day = int(match["day"] or 1)
    if year < 1:
        raise DateError(f"{value!r}: year 0000 does not exist", "year")
    try:
        date = datetime.date(year, month, day)
    except ValueError as exc:
        raise DateError(f"{value!r} is not a real date ({exc})", "real") from None
    if match["day"]:
        precision = Precision.DAY
    elif match["month"]:
        precision = Precision.MONTH
    else:
        precision = Precision.YEAR
    return PreciseDate(date, precision, qualifier == "~")


# The two ends of a period: EDTF's interval (/), or the .. editors also type.
_PERIOD_SEPARATOR = re.compile(r"\s*(?:/|\.\.)\s*")


@dataclass(frozen=True)
class Period:
    start: PreciseDate
    end: PreciseDate | None = None

    def edtf(self):
        return self.start.edtf() + (f"/{self.end.edtf()}" if self.end else "")


def parse_period(value):
    """
    A date or a period as an editor types it: ``2023``, ``2023-05``, ``2023-05-29``, approximate with ``~`` before
    or after (``~1999``, ``1999~``), or two dates joined by ``/`` or ``..`` (``1999-06/1999-09``). Only the start
    may be approximate: the events' flag is the start's. Raises DateError as parse_edtf does, and for an end
    before the start.
    """
    if not isinstance(value, str):
        raise DateError(f"expected a date such as 1999-06-10, got {value!r}", "format")
    parts = _PERIOD_SEPARATOR.split(value.strip())
    if len(parts) > 2:
        raise DateError(f"{value!r}: give one date, or two joined by '/'", "format")
    start, *rest = [parse_edtf(part[1:] + "~" if part.startswith("~") else part) for part in parts]
    end = rest[0] if rest else None
    if end is not None and end.approximate:
        raise DateError(f"{value!r}: only the start of a period may be approximate", "approximate")
    if end is not None and end.date < start.date:
        raise DateError(f"{value!r}: the end is before the start", "order")
    return Period(start, end)


def to_edtf(date, precision, approximate=False):
    if date is None:
        return None
    if precision == Precision.YEAR:
        text = f"{date.year:04d}"
    elif precision == Precision.MONTH:
        text = f"{date.year:04d}-{date.month:02d}"
    else:
        text = date.isoformat()
    return text + ("~" if approximate else "")


class EdtfOf:
    """A read-only attribute: a record's date field, with its precision (and approximate flag), as EDTF."""

    def __init__(self, date_field, precision_field, approximate_field=None):
        self.fields = date_field, precision_field, approximate_field

    def __get__(self, record, owner=None):
        if record is None:
            return self
        date, precision, approximate = self.fields
        return to_edtf(getattr(record, date), getattr(record, precision), bool(approximate and getattr(record, approximate)))


def format_date(date, precision):
    """Human form for one date: "10 June 1999", "March 2004", "2012"."""
    if date is None:
        return ""
    if precision == Precision.YEAR:
        return str(date.year)
    if precision == Precision.MONTH:
        return f"{month_name(date.month)} {date.year}"
    return f"{date.day} {month_name(date.month)} {date.year}"


def period_end(date, precision):
    """The last day of the day, month or year a date of that precision stands for."""
    if precision == Precision.YEAR:
        return datetime.date(date.year, 12, 31)
    if precision == Precision.MONTH:
        return date.replace(day=calendar.monthrange(date.year, date.month)[1])
    return date


def shift_date(date, precision, offset):
    """
    ``date`` moved by an ISO 8601 offset of days, months or years (``P3D``, ``-P5M``): the date and its precision
    (no finer than the offset's unit, nor than the date's own).
    """
    match = re.fullmatch(r"(-?)P(\d+)([DMY])", offset)
    if not match:
        raise ValueError(f"{offset!r} is not an offset such as P3D, P5M or -P1Y")
    amount = int(match[2]) * (-1 if match[1] else 1)
    unit = match[3]
    if unit == "D":
        return date + datetime.timedelta(days=amount), Precision.DAY if precision == Precision.DAY else precision
    months = amount if unit == "M" else amount * 12
    index = date.year * 12 + date.month - 1 + months
    year, month = divmod(index, 12)
    shifted = date.replace(year=year, month=month + 1, day=1)
    if precision == Precision.DAY:
        shifted = shifted.replace(day=min(date.day, calendar.monthrange(year, month + 1)[1]))
    finest = {"M": Precision.MONTH, "Y": Precision.YEAR}[unit]
    if precision == Precision.DAY and unit != "D":
        return shifted.replace(day=1) if finest == Precision.MONTH else shifted.replace(month=1, day=1), finest
    if precision == Precision.MONTH and unit == "Y":
        return shifted.replace(month=1, day=1), Precision.YEAR
    return shifted, precision


def date_range_label(start, start_precision, end=None, end_precision=""):
    """A period as readers see it: "2–3 December 2008", "September – October 2021", "1999 – June 2004"."""
    if end is None or (end == start and end_precision == start_precision):
        return format_date(start, start_precision)
    day, month = Precision.DAY, Precision.MONTH
    same_year = start.year == end.year
    if same_year and start_precision == end_precision == day:
        if start.month == end.month:
            return f"{start.day}–{end.day} {month_name(end.month)} {end.year}"
        return f"{start.day} {month_name(start.month)} – {format_date(end, day)}"
    if same_year and start_precision == end_precision == month:
        return f"{month_name(start.month)} – {month_name(end.month)} {end.year}"
    return f"{format_date(start, start_precision)} – {format_date(end, end_precision)}"


class _CalendarPart(models.Transform):
    """
    Day or month of a date as plain SQL on each backend. Django's own __day and
    __month lookups call a Python function on SQLite, which would then be baked
    into the schema and break the database for any other SQLite client.
    """

    output_field = models.IntegerField()
    part = None  # "day" or "month"

    def as_sql(self, compiler, connection):
        sql, params = compiler.compile(self.lhs)
        return f"EXTRACT({self.part.upper()} FROM {sql})", params

    def as_sqlite(self, compiler, connection):
        # SQLite stores dates as 'YYYY-MM-DD' text.
        sql, params = compiler.compile(self.lhs)
        start = 9 if self.part == "day" else 6
        return f"CAST(substr({sql}, {start}, 2) AS INTEGER)", params


@models.DateField.register_lookup
class CalendarDay(_CalendarPart):
    lookup_name = "calendar_day"
    part = "day"


@models.DateField.register_lookup
class CalendarMonth(_CalendarPart):
    lookup_name = "calendar_month"
    part = "month"


def precision_constraint(date_field, precision_field, name):
    """A CheckConstraint: a month-precision date is the 1st, a year-precision date is 1 January."""
    return models.CheckConstraint(
        condition=(
            models.Q(**{f"{date_field}__isnull": True})
            | models.Q(**{precision_field: Precision.DAY})
            | models.Q(**{precision_field: Precision.MONTH, f"{date_field}__calendar_day": 1})
            | models.Q(**{precision_field: Precision.YEAR, f"{date_field}__calendar_day": 1, f"{date_field}__calendar_month": 1})
        ),
        name=name,
        violation_error_message=_("The date does not match its precision: use the 1st of the month or 1 January."),
    )
