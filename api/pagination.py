"""
Cursor pages over a stable order. A cursor is the last record's values in that order, encoded (base64 of JSON):
opaque to clients, and a page costs one query however deep it is, unlike an offset.
"""

import base64
import binascii
import json
from urllib.parse import urlencode

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q

from .errors import BadParameter

PAGE_SIZE = 50
MAX_PAGE_SIZE = 100
CURSOR_HELP = "Not a cursor this API gave: follow the next link of a page."


def encode_cursor(values):
    return base64.urlsafe_b64encode(json.dumps(values, separators=(",", ":")).encode()).decode().rstrip("=")


def decode_cursor(cursor, model, order):
    """The values of ``order``'s fields that ``cursor`` carries, checked against the fields; BadParameter if not."""
    values = _decoded(cursor)
    if len(values) != len(order):
        raise BadParameter("cursor", CURSOR_HELP)
    try:
        return [model._meta.get_field(name).to_python(value) for name, value in zip(order, values)]
    except (DjangoValidationError, TypeError):
        raise BadParameter("cursor", CURSOR_HELP) from None


def _decoded(cursor):
    """The list of strings and numbers ``cursor`` encodes; BadParameter for anything else."""
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, UnicodeDecodeError, binascii.Error):
        values = None
    if not isinstance(values, list) or not all(isinstance(v, (str, int)) and not isinstance(v, bool) for v in values):
        raise BadParameter("cursor", CURSOR_HELP)
    return values


def after(order, values):
    """Records after ``values`` in ``order`` (ascending): (a > x) or (a = x and b > y), and so on."""
    condition = Q()
    for i, name in enumerate(order):
        condition |= Q(**{name: value for name, value in zip(order[:i], values[:i])}, **{f"{name}__gt": values[i]})
    return condition


def cursor_page(request, queryset, *, order, cursor=None, page_size=PAGE_SIZE, serialise):
    """
    One page of ``queryset`` in ``order`` (unique, ascending field names) after ``cursor``: {"next": absolute URL or
    None, "results": [serialise(record), ...]}. One query for the rows, plus the queryset's own prefetches.
    """
    if cursor:
        queryset = queryset.filter(after(order, decode_cursor(cursor, queryset.model, order)))
    rows = list(queryset.order_by(*order)[:page_size + 1])
    page, more = rows[:page_size], len(rows) > page_size
    following = next_url(request, [getattr(page[-1], name) for name in order]) if more else None
    return {"next": following, "results": [serialise(row) for row in page]}


def next_url(request, values):
    """This page's absolute URL, its other parameters kept, with the cursor after ``values``."""
    cursor = encode_cursor([v if isinstance(v, (str, int)) else v.isoformat() for v in values])
    query = [(k, v) for k in request.GET if k != "cursor" for v in request.GET.getlist(k)] + [("cursor", cursor)]
    return request.build_absolute_uri(f"{request.path}?{urlencode(query)}")


def list_page(request, items, *, key, cursor=None, page_size=PAGE_SIZE):
    """``cursor_page`` for records already in memory (dicts), in the order of ``key`` (a field's name)."""
    items = sorted(items, key=lambda item: item[key])
    if cursor:
        position = _decoded(cursor)
        if len(position) != 1 or not isinstance(position[0], str):
            raise BadParameter("cursor", CURSOR_HELP)
        items = [item for item in items if item[key] > position[0]]
    page, more = items[:page_size], len(items) > page_size
    return {"next": next_url(request, [page[-1][key]]) if more else None, "results": page}
