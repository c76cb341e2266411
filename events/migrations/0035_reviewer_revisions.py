import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import Q


def note_revisions_by_todays_reviewers(apps, schema_editor):
    """Revisions saved before this was recorded: those whose user may publish today, the best knowledge there is."""
    Revision = apps.get_model("reversion", "Revision")
    ReviewerRevision = apps.get_model("events", "ReviewerRevision")
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    given = Q(user_permissions__codename="publish_event", user_permissions__content_type__app_label="events")
    grouped = Q(groups__permissions__codename="publish_event", groups__permissions__content_type__app_label="events")
    reviewers = User.objects.filter(given | grouped | Q(is_superuser=True)).values("pk")
    revisions = Revision.objects.filter(user__in=reviewers).values_list("pk", flat=True)
    ReviewerRevision.objects.bulk_create([ReviewerRevision(revision_id=pk) for pk in revisions], ignore_conflicts=True)


class Migration(migrations.Migration):

    dependencies = [
        ("events", "0034_record_changes"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ReviewerRevision",
            fields=[
                ("revision", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True,
                                                  related_name="by_reviewer", serialize=False, to="reversion.revision")),
            ],
            options={"verbose_name": "revision by a reviewer"},
        ),
        migrations.RunPython(note_revisions_by_todays_reviewers, migrations.RunPython.noop),
    ]
