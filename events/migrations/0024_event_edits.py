"""
Edits to one event's text no longer change every page. The content version still rises on every write, but a
second number, the shape, rises only on writes that may change pages other than the edited event's own: any
insert or delete, any write to another public table, and any update of an event that touches more than its text
(status, dates, type, slug, key flag, plan...). An update that changes only TEXT_COLUMNS is logged in
events_eventedit instead, with the version it raised, so that the page cache can drop just the pages that show
that event (events.caching).

``create(schema_editor)`` makes every content-version trigger as this migration defines them; a later migration
that rebuilds a table on SQLite (which drops its triggers) calls it again.
"""

from importlib import import_module

from django.db import migrations, models

TABLES = [
    *import_module("events.migrations.0008_content_version_triggers").TABLES,
    *import_module("events.migrations.0019_legal_provisions_content_version").TABLES,
    *import_module("events.migrations.0021_claims_content_version").TABLES,
]
# The columns of events_event that only the event's own text depends on. Any other column may move the event
# between lists, pages or years, or change what other pages say of it: a change to it is a change of shape.
TEXT_COLUMNS = ["title", "title_sq", "title_sr", "summary", "summary_sq", "summary_sr", "body", "notes", "display_date",
                "plan_locator", "relative_phrase", "updated_at", "updated_by_id", "revised_at", "search_vector"]
# A statement that edits more events than this (a bulk update, a re-import) counts as a change of shape.
MAX_LOGGED_EDITS = 100

UPSERT = "INSERT INTO events_contentversion (id, version, shape) VALUES (1, 1, {shape}) ON CONFLICT (id) DO UPDATE SET "
BUMP = UPSERT.format(shape=1) + "version = events_contentversion.version + 1, shape = events_contentversion.version + 1"
EDIT = UPSERT.format(shape=0) + "version = events_contentversion.version + 1"
PRUNE = "DELETE FROM events_eventedit WHERE version <= (SELECT shape FROM events_contentversion WHERE id = 1)"

POSTGRESQL_EVENT_UPDATED = f"""
CREATE OR REPLACE FUNCTION kfor_event_updated() RETURNS trigger AS $$
DECLARE
    edited bigint;
    text_columns text[] := ARRAY[{", ".join(f"'{c}'" for c in TEXT_COLUMNS)}];
BEGIN
    IF NOT EXISTS (SELECT 1 FROM new_rows) THEN
        RETURN NULL;
    END IF;
    IF (SELECT count(*) FROM new_rows) > {MAX_LOGGED_EDITS} OR EXISTS (
        SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
        WHERE to_jsonb(o) - text_columns IS DISTINCT FROM to_jsonb(n) - text_columns
    ) THEN
        {BUMP};
    ELSE
        {EDIT} RETURNING version INTO edited;
        {PRUNE};
        INSERT INTO events_eventedit (version, event_id) SELECT edited, id FROM new_rows;
    END IF;
    RETURN NULL;
END $$ LANGUAGE plpgsql
"""


def shape_changed_sqlite(apps):
    """SQLite's WHEN clause: some column of events_event other than TEXT_COLUMNS differs."""
    columns = [field.column for field in apps.get_model("events", "Event")._meta.concrete_fields]
    return " OR ".join(f'OLD."{c}" IS NOT NEW."{c}"' for c in columns if c not in TEXT_COLUMNS)


def create(schema_editor, apps, tables=None):
    """The triggers on ``tables`` (this migration's TABLES by default; events.content_version gives them all)."""
    tables = TABLES if tables is None else tables
    execute = schema_editor.execute
    if schema_editor.connection.vendor == "postgresql":
        execute(f"CREATE OR REPLACE FUNCTION kfor_bump_content_version() RETURNS trigger AS $$ BEGIN {BUMP}; "
                "RETURN NULL; END $$ LANGUAGE plpgsql")
        execute(POSTGRESQL_EVENT_UPDATED)
        for table in tables:
            execute(f"DROP TRIGGER IF EXISTS {table}_content_version ON {table}")
            actions = "INSERT OR DELETE OR TRUNCATE" if table == "events_event" else "INSERT OR UPDATE OR DELETE OR TRUNCATE"
            execute(f"CREATE TRIGGER {table}_content_version AFTER {actions} ON {table} "
                    "FOR EACH STATEMENT EXECUTE FUNCTION kfor_bump_content_version()")
        execute("DROP TRIGGER IF EXISTS events_event_content_version_update ON events_event")
        execute("CREATE TRIGGER events_event_content_version_update AFTER UPDATE ON events_event "
                "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows "
                "FOR EACH STATEMENT EXECUTE FUNCTION kfor_event_updated()")
        return
    shape_changed = shape_changed_sqlite(apps)
    for table in tables:
        for action in ("insert", "update", "delete", "edit"):
            execute(f"DROP TRIGGER IF EXISTS {table}_content_version_{action}")
        for action in ("INSERT", "UPDATE", "DELETE"):
            when = f" WHEN {shape_changed}" if (table, action) == ("events_event", "UPDATE") else ""
            execute(f"CREATE TRIGGER {table}_content_version_{action.lower()} AFTER {action} ON {table} "
                    f"FOR EACH ROW{when} BEGIN {BUMP}; END")
    execute(f"CREATE TRIGGER events_event_content_version_edit AFTER UPDATE ON events_event "
            f"FOR EACH ROW WHEN NOT ({shape_changed}) BEGIN {EDIT}; {PRUNE}; "
            "INSERT INTO events_eventedit (version, event_id) "
            "VALUES ((SELECT version FROM events_contentversion WHERE id = 1), NEW.id); END")


def drop(apps, schema_editor):
    """SQLite: no content-version trigger while events_contentversion is rebuilt (SQLite checks them on a rename)."""
    if schema_editor.connection.vendor == "sqlite":
        for table in TABLES:
            for action in ("insert", "update", "delete", "edit"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_content_version_{action}")


def forwards(apps, schema_editor):
    schema_editor.execute("UPDATE events_contentversion SET shape = version")
    create(schema_editor, apps)


def backwards(apps, schema_editor):
    """Back to 0008's triggers: every write raises the version alone."""
    old_bump = import_module("events.migrations.0008_content_version_triggers").BUMP
    execute = schema_editor.execute
    if schema_editor.connection.vendor == "postgresql":
        execute("DROP TRIGGER IF EXISTS events_event_content_version_update ON events_event")
        execute("DROP FUNCTION IF EXISTS kfor_event_updated()")
        execute(f"CREATE OR REPLACE FUNCTION kfor_bump_content_version() RETURNS trigger AS $$ BEGIN {old_bump}; "
                "RETURN NULL; END $$ LANGUAGE plpgsql")
        execute("DROP TRIGGER IF EXISTS events_event_content_version ON events_event")
        execute("CREATE TRIGGER events_event_content_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
                "ON events_event FOR EACH STATEMENT EXECUTE FUNCTION kfor_bump_content_version()")
        return
    for table in TABLES:
        for action in ("INSERT", "UPDATE", "DELETE"):
            execute(f"CREATE TRIGGER {table}_content_version_{action.lower()} AFTER {action} ON {table} "
                    f"FOR EACH ROW BEGIN {old_bump}; END")


class Migration(migrations.Migration):
    dependencies = [("events", "0023_restore_content_version_triggers")]

    operations = [
        migrations.RunPython(drop, backwards),
        migrations.CreateModel(
            name="EventEdit",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("version", models.BigIntegerField(db_index=True)),
                ("event_id", models.BigIntegerField()),
            ],
            options={"verbose_name": "event edit"},
        ),
        migrations.AddField(model_name="contentversion", name="shape", field=models.BigIntegerField(default=0)),
        migrations.RunPython(forwards, drop),
    ]
