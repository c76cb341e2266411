from django.db import migrations

# Every table public pages draw on. A write to any of them raises the content version.
TABLES = [
    "events_event", "events_event_places", "events_eventactor", "events_citation", "events_figure", "events_actor",
    "events_place", "events_eventtype", "events_correction", "sources_source",
]
# An upsert, so that the row comes back even after a test run empties every table.
BUMP = ("INSERT INTO events_contentversion (id, version) VALUES (1, 1) "
        "ON CONFLICT (id) DO UPDATE SET version = events_contentversion.version + 1")


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    execute = schema_editor.execute
    execute("INSERT INTO events_contentversion (id, version) VALUES (1, 1)")
    if vendor == "postgresql":
        execute(f"CREATE FUNCTION kfor_bump_content_version() RETURNS trigger AS $$ BEGIN {BUMP}; RETURN NULL; END $$ "
                "LANGUAGE plpgsql")
        for table in TABLES:  # once per statement: a bulk import raises it a few times, not once per row
            execute(f"CREATE TRIGGER {table}_content_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
                    "FOR EACH STATEMENT EXECUTE FUNCTION kfor_bump_content_version()")
    elif vendor == "sqlite":
        for table in TABLES:  # SQLite has row triggers only
            for action in ("INSERT", "UPDATE", "DELETE"):
                execute(f"CREATE TRIGGER {table}_content_version_{action.lower()} AFTER {action} ON {table} "
                        f"FOR EACH ROW BEGIN {BUMP}; END")
    else:
        raise NotImplementedError(f"content version triggers for {vendor}")


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in TABLES:
        if vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_content_version ON {table}")
        else:
            for action in ("insert", "update", "delete"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_content_version_{action}")
    if vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS kfor_bump_content_version()")


class Migration(migrations.Migration):
    dependencies = [("events", "0007_content_version"), ("sources", "0004_link_health")]

    operations = [migrations.RunPython(create, drop)]
