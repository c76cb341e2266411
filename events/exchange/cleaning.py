"""
Field converters for exchange rows, and for the values other tools' files
write (TimelineJS date parts, ACLED dates and codes): every conversion of a
value read from a file happens here, once. JSON values must have the right
type; CSV cells are text and are parsed; a value a format has already
converted (a PreciseDate, a Decimal, a number) is taken as it is. Each
converter raises Invalid with a reason that the problems collector prefixes
with the row's file, position and field.
"""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from sources.dates import Precision, PreciseDate, parse_edtf

from .spec import LIST_SEPARATOR
from .rows import MAX_FIELD_CHARS, type_name

SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")
TRUE, FALSE = {"true", "yes", "1", "y"}, {"false", "no", "0", "n", ""}


class Invalid(Exception):
    pass


def raw(row, name):
    value = row.data.get(name)
    if row.from_csv and isinstance(value, str) and value[:1] == "'" and value[1:2] in ("=", "+", "-", "@", "\t", "\r"):
        value = value[1:]  # undo the export's guard against spreadsheet formulas
    if isinstance(value, str) and len(value) > MAX_FIELD_CHARS:
        raise Invalid(f"is {len(value):,} characters long; the limit is {MAX_FIELD_CHARS:,}")
    return value


def text(row, name, *, required=False, max_length=None):
    value = raw(row, name)
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise Invalid(f"expected text, found {type_name(value)}")
    value = value.strip()
    if required and not value:
        raise Invalid("is required")
    if max_length and len(value) > max_length:
        raise Invalid(f"is {len(value)} characters long; the limit is {max_length}")
    return value


def slug(row, name, *, required=True):
    value = text(row, name, required=required, max_length=120)
    if value and not SLUG.match(value):
        raise Invalid(f"{value!r} is not a slug: use letters, digits, hyphens and underscores")
    return value


def choice(row, name, choices, *, default=None):
    value = text(row, name) or default
    allowed = [c for c, _label in choices]
    if value not in allowed:
        raise Invalid(f"{value!r} is not one of {', '.join(allowed)}" if value else f"is required; one of {', '.join(allowed)}")
    return value


def boolean(row, name):
    value = raw(row, name)
    if value is None:
        return False
    if row.from_csv and isinstance(value, str):
        if value.strip().lower() in TRUE:
            return True
        if value.strip().lower() in FALSE:
            return False
        raise Invalid(f"{value!r} is not true or false")
    if not isinstance(value, bool):
        raise Invalid(f"expected true or false, found {type_name(value)}")
    return value


def integer(row, name, *, required=False, minimum=None):
    value = raw(row, name)
    if row.from_csv and isinstance(value, str):
        value = value.strip().replace(",", "") or None
        if value is not None:
            if not re.fullmatch(r"-?\d+", value):
                raise Invalid(f"{value!r} is not a whole number")
            value = int(value)
    if value is None:
        if required:
            raise Invalid("is required")
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise Invalid(f"expected a whole number, found {type_name(value)}")
    if minimum is not None and value < minimum:
        raise Invalid(f"{value} is below the minimum of {minimum}")
    return value


def decimal(row, name, *, low, high):
    value = raw(row, name)
    if value is None or (row.from_csv and isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, Decimal):  # converted by a format already
        number = value
    elif isinstance(value, bool) or not isinstance(value, (int, float, str)) or (isinstance(value, str) and not row.from_csv):
        raise Invalid(f"expected a number, found {type_name(value)}")
    else:
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation:
            raise Invalid(f"{value!r} is not a number") from None
    if not number.is_finite() or not low <= number <= high:
        raise Invalid(f"{value} is outside {low} to {high}")
    return number.quantize(Decimal("0.000001"))


def edtf(row, name, *, required=False, allow_approximate=True):
    if isinstance(row.data.get(name), PreciseDate):  # converted by a format already
        return row.data[name]
    value = text(row, name, required=required)
    if not value:
        return None
    try:
        return parse_edtf(value, allow_approximate=allow_approximate)
    except ValueError as exc:
        raise Invalid(str(exc)) from None


def parse_iso_date(value):
    """A YYYY-MM-DD string as a date, or None."""
    value = (value or "").strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def iso_date(row, name):
    value = text(row, name)
    if not value:
        return None
    parsed = parse_iso_date(value)
    if parsed is None:
        raise Invalid(f"{value!r} is not a date in the form YYYY-MM-DD")
    return parsed


def url(row, name):
    value = text(row, name, max_length=1000)
    if value:
        try:
            URLValidator(schemes=["http", "https"])(value)
        except ValidationError:
            raise Invalid(f"{value!r} is not an http(s) URL") from None
    return value


def string_list(row, name):
    value = raw(row, name)
    if value is None:
        return []
    if row.from_csv and isinstance(value, str):
        return [item.strip() for item in value.split(LIST_SEPARATOR) if item.strip()]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise Invalid(f"expected a list of text, found {type_name(value)}")
    return [item.strip() for item in value if item.strip()]


def languages(row, name):
    """A list of the translated languages' codes, such as ["sq", "sr"]: the translations a native speaker checked."""
    from events.translation import TRANSLATED_LANGUAGES

    codes = string_list(row, name)
    unknown = [code for code in codes if code not in TRANSLATED_LANGUAGES]
    if unknown:
        raise Invalid(f"{unknown[0]!r} is not a translated language: use {', '.join(TRANSLATED_LANGUAGES)}")
    return sorted(set(codes))


def date_parts(year, month, day):
    """
    A date given as parts (TimelineJS: strings or numbers; month and day may be empty) as a PreciseDate
    of year, month or day precision; None without a year.
    """
    parts = [str(p).strip() if p is not None else "" for p in (year, month, day)]
    if not parts[0]:
        return None
    if not all(re.fullmatch(r"-?\d+", p) for p in parts if p):
        raise Invalid(f"{'-'.join(p for p in parts if p)!r} is not a date of whole numbers")
    y, m, d = (int(p) if p else None for p in parts)
    if not 1 <= y <= 9999:
        raise Invalid(f"year {y} cannot be stored: KFOR Timeline keeps years 1 to 9999")
    if d and not m:
        raise Invalid("a day needs a month")
    try:
        when = datetime.date(y, m or 1, d or 1)
    except ValueError:
        raise Invalid(f"{'-'.join(p for p in parts if p)!r} is not a real date") from None
    return PreciseDate(when, Precision.DAY if d else Precision.MONTH if m else Precision.YEAR)


def legacy_date_parts(value):
    """Old TimelineJS sheets' Start Date / End Date: 1999-06-10, 1999,6,10, 6/10/1999 or 1999, as (year, month, day)."""
    value = (value or "").strip()
    if match := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", value):
        return match[3], match[1], match[2]
    parts = re.split(r"[-,]", value) if value else []
    return (parts + ["", "", ""])[:3]


DAY_FORMATS = ("%d %B %Y", "%Y-%m-%d", "%d-%B-%Y", "%d/%m/%Y")


def day_date(row, name):
    """A day as ACLED writes it: 28 December 2022, 2022-12-28, 28-December-2022 or 28/12/2022."""
    value = text(row, name)
    for pattern in DAY_FORMATS:
        try:
            return datetime.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise Invalid(f"{value!r} is not a date such as 28 December 2022 or 2022-12-28")


# ACLED's time_precision: the date is the day (1), a day of the week meant (2), or in the month meant (3).
ACLED_PRECISIONS = {"1": (Precision.DAY, False), "2": (Precision.DAY, True), "3": (Precision.MONTH, True)}


def acled_precision(row, name):
    """ACLED's time_precision as (precision, approximate); 1 when the cell is empty."""
    value = text(row, name) or "1"
    if value not in ACLED_PRECISIONS:
        raise Invalid(f"{value!r} is not 1 (day), 2 (week) or 3 (month)")
    return ACLED_PRECISIONS[value]


def acled_start(day, precision):
    """An ACLED event's date: its day, or the month of the day, as ACLED's precision says."""
    unit, approximate = precision
    return PreciseDate(day if unit == Precision.DAY else day.replace(day=1), unit, approximate)


# ACLED's actor categories (inter1, inter2) by code; 0 is "no actor on this side". Current exports write the
# name ("Political militia"), older ones the code; the codebook's headings are plural ("Political Militias").
ACLED_CATEGORIES = {
    1: "State forces", 2: "Rebel groups", 3: "Political militias", 4: "Identity militias",
    5: "Rioters", 6: "Protesters", 7: "Civilians", 8: "External/Other forces",
}
_CATEGORY_NAMES = {name.lower().removesuffix("s"): code for code, name in ACLED_CATEGORIES.items()}


def _category(value):
    """A category's code from its code or its name, singular or plural, in any case; None if it is neither."""
    if value.isdigit() and len(value) == 1 and int(value) in ACLED_CATEGORIES:
        return int(value)
    return _CATEGORY_NAMES.get(" ".join(value.split()).lower().removesuffix("s"))


def acled_category(row, name):
    """An ACLED actor category as its code; 0 for none (an empty cell, or 0)."""
    value = text(row, name).removesuffix(".0")
    if value in ("", "0"):
        return 0
    code = _category(value)
    if code is None:
        raise Invalid(f"{value!r} is not an ACLED actor category: a code from 1 to 8, or a name such as "
                      "State forces or Political militia")
    return code


def acled_interaction(row, name):
    """
    ACLED's interaction as the sorted codes of its categories ((1, 5) for State forces-Rioters, (6,) for
    Protesters only); None when the cell is empty. Older exports write two digits (15, 60), current ones
    two names joined by "-", in either order, or a name and "only".
    """
    value = text(row, name).removesuffix(".0")
    if not value:
        return None
    if value.isdigit() and len(value) == 2:
        parts = [value[0]] + ([value[1]] if value[1] != "0" else [])
    elif value.lower().endswith(" only"):
        parts = [value[:-len(" only")]]
    else:
        parts = value.split("-")
    codes = [_category(part.strip()) for part in parts]
    if len(parts) > 2 or None in codes:
        raise Invalid(f"{value!r} is not an ACLED interaction: two categories joined by '-' (State forces-Rioters), "
                      "a category and 'only' (Protesters only), or a code such as 15 or 60")
    return tuple(sorted(codes))
