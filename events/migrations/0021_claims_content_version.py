from importlib import import_module

from django.db import migrations

from events.roles import sync_roles

# Claims are shown on event pages and beside the chart: a write to them raises the content version.
helpers = import_module("events.migrations.0019_legal_provisions_content_version")
TABLES = ["events_claim"]


class Migration(migrations.Migration):
    dependencies = [("events", "0020_claims")]

    operations = [
        migrations.RunPython(lambda apps, editor: helpers.create_triggers(editor, TABLES),
                             lambda apps, editor: helpers.drop_triggers(editor, TABLES)),
        # Editors write claims and legal provisions too.
        migrations.RunPython(lambda apps, editor: sync_roles(apps), migrations.RunPython.noop),
    ]
