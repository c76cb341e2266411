"""
The founding dataset for the tests that read it, at a fraction of an import's cost. Each test process imports
data/kfor-timeline.json once, in a transaction rolled back at once, and keeps every row the import wrote; a test
that asks for the dataset gets those rows written afresh into its own database, so it may change them as it likes.
tests/test_founding_dataset.py checks that the rows written are what an import writes. Tests of the import itself
still import.
"""

from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection, transaction

from events.exchange.importers import dataset_import
from events.models import ContentVersion


@dataclass(frozen=True)
class Rows:
    """Each model's rows as tuples of its columns' values; content types by natural key, as their ids may change."""

    tables: dict  # model: (attnames, [row, ...])
    content_types: dict  # id: (app_label, model)


def stored_models():
    """Every model with a table of its own, many-to-many tables too; not the content version, which triggers keep."""
    return [model for model in apps.get_models(include_auto_created=True)
            if model._meta.managed and not model._meta.proxy and model is not ContentVersion]


def _content_types():
    rows = ContentType.objects.values_list("pk", "app_label", "model")
    return {pk: (app_label, model) for pk, app_label, model in rows}


def imported_rows():
    """Import the founding dataset into a database that holds none of it, read back what it wrote, and roll back."""
    with transaction.atomic():
        before = {model: model._base_manager.count() for model in stored_models()}
        dataset_import(paths=[settings.FOUNDING_DATASET])
        tables = {}
        for model, count in before.items():
            if model._base_manager.count() == count:
                continue
            if count:
                raise RuntimeError(f"{model._meta.label} had rows before the founding dataset was imported: "
                                   "its rows could not be told apart from the import's")
            names = [field.attname for field in model._meta.concrete_fields]
            tables[model] = (names, list(model._base_manager.order_by("pk").values_list(*names)))
        rows = Rows(tables, _content_types())
        transaction.set_rollback(True)
    return rows


def write_rows(rows):
    """
    Write ``rows`` into tables that hold none of them, keys and all; then PostgreSQL's sequences follow the keys.
    Times set on saving (auto_now) are the time of writing, as an import's are the time of the import.
    """
    content_types = {key: pk for pk, key in _content_types().items()}
    with transaction.atomic():
        for model, (names, values) in rows.tables.items():
            typed = [i for i, field in enumerate(model._meta.concrete_fields) if field.related_model is ContentType]
            objs = []
            for row in values:
                if typed:
                    row = list(row)
                    for i in typed:
                        row[i] = content_types[rows.content_types[row[i]]]
                objs.append(model(**dict(zip(names, row))))
            model._base_manager.bulk_create(objs)
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), list(rows.tables)):
                cursor.execute(sql)
