"""
Inserts for large imports. On PostgreSQL new rows go in with COPY, which
costs a fraction of a multi-row INSERT to build, send and parse; new primary
keys are drawn from the table's sequence first, so callers know them as
bulk_create would tell them. Other databases use bulk_create. Triggers fire
either way (search vectors, the content version).
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import connection, models
from django.utils import timezone

BATCH_SIZE = 1000


def _is_auto_now(field):
    return getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)


def _columns(model, given):
    """The fields a COPY writes: those given, then every other concrete field with its default."""
    now = timezone.now()
    given_set, extra, defaults = set(given), [], []
    for field in model._meta.concrete_fields:
        if field.attname in given_set or field.primary_key or isinstance(field, SearchVectorField):
            continue  # the key comes from its sequence; search vectors from their trigger
        extra.append(field.attname)
        defaults.append(now if _is_auto_now(field) else field.get_default())
    return [*given, *extra], tuple(defaults)


def _copy(model, attnames, rows):
    fields = {f.attname: f for f in model._meta.concrete_fields}
    quote = connection.ops.quote_name
    columns = ", ".join(quote(fields[name].column) for name in attnames)
    # COPY would write a Python list as an array literal, which jsonb reads as an object: JSON is adapted as Django does.
    json = [(i, fields[name]) for i, name in enumerate(attnames) if isinstance(fields[name], models.JSONField)]
    with connection.cursor() as cursor, cursor.copy(f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN") as copy:
        for row in rows:
            if json:
                row = list(row)
                for i, field in json:
                    row[i] = field.get_db_prep_value(row[i], connection)
            copy.write_row(row)


def _next_keys(model, count):
    meta = model._meta
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                       [meta.db_table, meta.pk.column, count])
        return [value for (value,) in cursor.fetchall()]


def insert_objects(model, objs):
    """Insert unsaved instances (their auto_now fields set to now); sets their primary keys."""
    if not objs:
        return objs
    if connection.vendor != "postgresql":
        return model.objects.bulk_create(objs, batch_size=BATCH_SIZE)
    now = timezone.now()
    fields = [f for f in model._meta.concrete_fields if not isinstance(f, SearchVectorField)]
    for field in filter(_is_auto_now, fields):
        for obj in objs:
            setattr(obj, field.attname, now)
    for obj, key in zip(objs, _next_keys(model, len(objs))):
        obj.pk = key
        obj._state.adding, obj._state.db = False, connection.alias
    attnames = [f.attname for f in fields]
    _copy(model, attnames, ([getattr(obj, name) for name in attnames] for obj in objs))
    return objs


def insert_values(model, attnames, rows):
    """Insert rows given as tuples of values for ``attnames``; every other field takes its default (auto_now: now)."""
    if connection.vendor != "postgresql":
        model.objects.bulk_create((model(**dict(zip(attnames, row))) for row in rows), batch_size=BATCH_SIZE)
        return
    columns, defaults = _columns(model, attnames)
    _copy(model, columns, (row + defaults for row in rows))
