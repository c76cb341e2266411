"""
The content version's triggers: every write to a table whose rows public pages show raises the version that the
page cache is keyed on (events.caching). They are made after every migrate, from one list of public models, so
that a migration rebuilding a table on SQLite (which drops the table's triggers) never has to restore them.
"""

from importlib import import_module

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS, connections


def public_models():
    """The models whose rows public pages, feeds and downloads show, with the many-to-many tables between them."""
    from sources.models import Source

    from .models import Actor, Citation, Claim, Correction, Event, EventActor, EventType, Figure, LegalProvision, Place

    return [Event, Event.places.through, Event.legal_bases.through, EventActor, Citation, Claim, Figure, Actor, Place,
            EventType, LegalProvision, Correction, Source]


def public_tables():
    return [model._meta.db_table for model in public_models()]


def install_triggers(sender=None, using=DEFAULT_DB_ALIAS, **kwargs):
    """post_migrate: (re)make the triggers on every public table, for the columns each table has now."""
    connection = connections[using]
    if connection.vendor not in ("postgresql", "sqlite"):
        return
    triggers = import_module("events.migrations.0024_event_edits")
    with connection.schema_editor() as editor:
        triggers.create(editor, global_apps, public_tables())
