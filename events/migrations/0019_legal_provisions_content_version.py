from importlib import import_module

from django.db import migrations

# Provision pages and the events under them are public: a write to either table raises the content version.
triggers = import_module("events.migrations.0008_content_version_triggers")
TABLES = ["events_legalprovision", "events_event_legal_bases"]


def create_triggers(schema_editor, tables):
    """The content version's triggers on tables added after 0008 (also used by later migrations)."""
    for table in tables:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"CREATE TRIGGER {table}_content_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
                                  f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION kfor_bump_content_version()")
        else:
            for action in ("INSERT", "UPDATE", "DELETE"):
                schema_editor.execute(f"CREATE TRIGGER IF NOT EXISTS {table}_content_version_{action.lower()} AFTER "
                                      f"{action} ON {table} FOR EACH ROW BEGIN {triggers.BUMP}; END")


def drop_triggers(schema_editor, tables):
    for table in tables:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_content_version ON {table}")
        else:
            for action in ("insert", "update", "delete"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_content_version_{action}")


class Migration(migrations.Migration):
    dependencies = [("events", "0018_legal_provisions")]

    operations = [migrations.RunPython(lambda apps, editor: create_triggers(editor, TABLES),
                                       lambda apps, editor: drop_triggers(editor, TABLES))]
