from importlib import import_module

from django.db import migrations

# 0022 adds NOT NULL columns to events_event: on SQLite the table is rebuilt and loses its triggers.
restore = import_module("events.migrations.0014_restore_content_version_triggers").restore


class Migration(migrations.Migration):
    dependencies = [("events", "0022_plans_and_relative_dates")]

    operations = [migrations.RunPython(restore, migrations.RunPython.noop)]
