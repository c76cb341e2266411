from django.db import migrations

from events.roles import sync_roles

# The founding article's slips, so that the lint knows them from the start; editors add more in the admin.
SEED = [
    ("National Atlantic Treaty Organization", "North Atlantic Treaty Organization", "The founding article, throughout."),
    ("European Union's Rule and Law mission", "European Union Rule of Law Mission in Kosovo (EULEX)",
     "The founding article, on December 2008."),
    ("Rule and Law mission", "Rule of Law Mission", "A variant of the EULEX slip."),
    ("United Nations Mission In Kosovo", "United Nations Interim Administration Mission in Kosovo (UNMIK)",
     "The founding article, on December 2008."),
]


def seed(apps, schema_editor):
    sync_roles(apps)  # editors keep the list
    Misnomer = apps.get_model("events", "Misnomer")
    for wrong, right, note in SEED:
        Misnomer.objects.get_or_create(wrong=wrong, defaults={"right": right, "note": note})


def unseed(apps, schema_editor):
    apps.get_model("events", "Misnomer").objects.filter(wrong__in=[wrong for wrong, _, _ in SEED]).delete()


class Migration(migrations.Migration):
    dependencies = [("events", "0015_misnomers")]

    operations = [migrations.RunPython(seed, unseed)]
