from django.db import migrations

from events.roles import sync_roles


def update_roles(apps, schema_editor):
    sync_roles(apps)  # everyone reads changes waiting for review


class Migration(migrations.Migration):
    dependencies = [("events", "0009_changes_for_review_and_tree_nodes")]

    operations = [migrations.RunPython(update_roles, migrations.RunPython.noop)]
