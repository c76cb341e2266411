"""
One content version: the shape and the log of edits to events' text go. The triggers are dropped here, before the
version's table is rebuilt (SQLite checks every trigger when a table is renamed); events.content_version makes
them anew after the migration (post_migrate).
"""

from django.db import migrations

TABLES = ["events_event", "events_event_places", "events_event_legal_bases", "events_eventactor", "events_citation",
          "events_claim", "events_figure", "events_actor", "events_place", "events_eventtype",
          "events_legalprovision", "events_correction", "sources_source"]


def drop(apps, schema_editor):
    execute = schema_editor.execute
    for table in TABLES:
        if schema_editor.connection.vendor == "postgresql":
            execute(f"DROP TRIGGER IF EXISTS {table}_content_version ON {table}")
        else:
            for action in ("insert", "update", "delete", "edit"):
                execute(f"DROP TRIGGER IF EXISTS {table}_content_version_{action}")
    if schema_editor.connection.vendor == "postgresql":
        execute("DROP TRIGGER IF EXISTS events_event_content_version_update ON events_event")
        execute("DROP FUNCTION IF EXISTS kfor_event_updated()")


class Migration(migrations.Migration):
    dependencies = [("events", "0026_injured_series")]

    operations = [
        migrations.RunPython(drop, migrations.RunPython.noop),
        migrations.RemoveField(model_name="contentversion", name="shape"),
        migrations.DeleteModel(name="EventEdit"),
    ]
