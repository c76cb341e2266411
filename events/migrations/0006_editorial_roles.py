from django.db import migrations

from events.roles import sync_roles


def create_roles(apps, schema_editor):
    sync_roles(apps)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Editor", "Reviewer", "Administrator"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0005_workflow_and_corrections"),
        ("sources", "0004_link_health"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("axes", "0010_accessattemptexpiration"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
