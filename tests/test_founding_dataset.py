"""The founding_dataset fixture (tests/founding.py) leaves the database as an import of the founding dataset does."""

from collections import Counter

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.management import create_contenttypes
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from events.exchange.exporters import dataset_document, json_text
from events.exchange.importers import dataset_import
from tests.founding import stored_models, write_rows

pytestmark = pytest.mark.django_db


def what_is_stored():
    """Every table's number of rows, the rows of each content type, and everything the exchange format holds (not the
    keys, which PostgreSQL's sequences move on however often a transaction is rolled back). Not the tables of content
    types and permissions, which renumber_content_types remakes."""
    models = [model for model in stored_models() if model._meta.app_label not in ("auth", "contenttypes")]
    counts = {model._meta.label: model._base_manager.count() for model in models}
    typed = {(model._meta.label, field.name): Counter(model._base_manager.values_list(
                 f"{field.name}__app_label", f"{field.name}__model"))
             for model in models for field in model._meta.concrete_fields if field.related_model is ContentType}
    return counts, typed, json_text(dataset_document())


def renumber_content_types():
    """Content types made afresh under new ids, as emptying the database between tests does on PostgreSQL."""
    ContentType.objects.all().delete()
    ContentType.objects.clear_cache()
    for app_config in apps.get_app_configs():
        create_contenttypes(app_config, verbosity=0)


def test_the_rows_written_are_what_an_import_writes(founding_rows):
    try:
        with transaction.atomic():
            renumber_content_types()
            write_rows(founding_rows)
            written = what_is_stored()
            transaction.set_rollback(True)
    finally:
        ContentType.objects.clear_cache()  # it holds the ids just rolled back
    dataset_import(paths=[settings.FOUNDING_DATASET])
    imported = what_is_stored()
    assert written[0] == imported[0]
    assert written[1] == imported[1]
    assert written[2] == imported[2]
