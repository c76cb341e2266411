"""
Field converters for exchange rows. JSON values must have the right type;
CSV cells are text and are parsed. Each converter raises Invalid with a reason
that the importer prefixes with the row's file, position and field.
"""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from sources.dates import parse_edtf

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
    if isinstance(value, bool) or not isinstance(value, (int, float, str)) or (isinstance(value, str) and not row.from_csv):
        raise Invalid(f"expected a number, found {type_name(value)}")
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise Invalid(f"{value!r} is not a number") from None
    if not number.is_finite() or not low <= number <= high:
        raise Invalid(f"{value} is outside {low} to {high}")
    return number.quantize(Decimal("0.000001"))


def edtf(row, name, *, required=False, allow_approximate=True):
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
