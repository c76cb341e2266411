from django.apps import AppConfig
from django.db.models.signals import post_migrate


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Timeline"

    def ready(self):
        from reversion.signals import post_revision_commit

        from .content_version import install_triggers
        from .history import note_reviewer_revision

        post_migrate.connect(install_triggers, sender=self, dispatch_uid="kfor-content-version-triggers")
        post_revision_commit.connect(note_reviewer_revision, dispatch_uid="kfor-reviewer-revisions")
