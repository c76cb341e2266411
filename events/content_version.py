"""
The content version's triggers: every write to a table whose rows public pages show raises the version that the
page cache is keyed on (events.caching). They are made after every migrate, from one list of public models, so
that a migration rebuilding a table on SQLite (which drops the table's triggers) never has to restore them.
"""

from django.db import DEFAULT_DB_ALIAS, connections

# An upsert, so that the row comes back even after a test run empties every table.
BUMP = ("INSERT INTO events_contentversion (id, version) VALUES (1, 1) "
        "ON CONFLICT (id) DO UPDATE SET version = events_contentversion.version + 1")
# Triggers and functions earlier versions of the schema made, dropped before the current ones are made.
OLD_POSTGRESQL = ["DROP TRIGGER IF EXISTS events_event_content_version_update ON events_event",
                  "DROP FUNCTION IF EXISTS kfor_event_updated()"]
SQLITE_ACTIONS = ("insert", "update", "delete", "edit")


def public_models():
    """The models whose rows public pages, feeds and downloads show, with the many-to-many tables between them."""
    from releases.models import Release
    from sources.models import Source

    from .models import Actor, Citation, Claim, Correction, Event, EventActor, EventType, Figure, LegalProvision, Place

    return [Event, Event.places.through, Event.legal_bases.through, EventActor, Citation, Claim, Figure, Actor, Place,
            EventType, LegalProvision, Correction, Source, Release]


def public_tables():
    return [model._meta.db_table for model in public_models()]


def drop_triggers(connection, tables):
    with connection.cursor() as cursor:
        for table in tables:
            if connection.vendor == "postgresql":
                cursor.execute(f"DROP TRIGGER IF EXISTS {table}_content_version ON {table}")
            else:
                for action in SQLITE_ACTIONS:
                    cursor.execute(f"DROP TRIGGER IF EXISTS {table}_content_version_{action}")


def install_triggers(sender=None, using=DEFAULT_DB_ALIAS, **kwargs):
    """post_migrate: (re)make the triggers on every public table. PostgreSQL's fire once per statement."""
    connection = connections[using]
    if connection.vendor not in ("postgresql", "sqlite"):
        return
    tables = public_tables()
    drop_triggers(connection, tables)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for statement in OLD_POSTGRESQL:
                cursor.execute(statement)
            cursor.execute(f"CREATE OR REPLACE FUNCTION kfor_bump_content_version() RETURNS trigger AS $$ BEGIN {BUMP}; "
                           "RETURN NULL; END $$ LANGUAGE plpgsql")
            for table in tables:
                cursor.execute(f"CREATE TRIGGER {table}_content_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
                               f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION kfor_bump_content_version()")
            return
        for table in tables:  # SQLite has row triggers only
            for action in ("INSERT", "UPDATE", "DELETE"):
                cursor.execute(f"CREATE TRIGGER {table}_content_version_{action.lower()} AFTER {action} ON {table} "
                               f"FOR EACH ROW BEGIN {BUMP}; END")
