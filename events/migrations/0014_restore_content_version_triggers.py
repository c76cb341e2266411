from importlib import import_module

from django.db import migrations

# On SQLite, adding a NOT NULL column rebuilds the table (0012 did so for events and actors), and a rebuilt table
# loses its triggers. The content version's triggers are made again wherever they are missing.
triggers = import_module("events.migrations.0008_content_version_triggers")


def restore(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return  # PostgreSQL keeps a table's triggers when a column is added
    for table in triggers.TABLES:
        for action in ("INSERT", "UPDATE", "DELETE"):
            schema_editor.execute(f"CREATE TRIGGER IF NOT EXISTS {table}_content_version_{action.lower()} AFTER {action} "
                                  f"ON {table} FOR EACH ROW BEGIN {triggers.BUMP}; END")


class Migration(migrations.Migration):
    dependencies = [("events", "0013_search_translations")]

    operations = [migrations.RunPython(restore, migrations.RunPython.noop)]
