from importlib import import_module

from django.db import migrations

# sources 0005 adds NOT NULL columns to sources_source: on SQLite the table is rebuilt and loses its triggers.
restore = import_module("events.migrations.0014_restore_content_version_triggers").restore


class Migration(migrations.Migration):
    dependencies = [("events", "0016_seed_misnomers"), ("sources", "0005_derivation")]

    operations = [migrations.RunPython(restore, migrations.RunPython.noop)]
