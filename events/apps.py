from django.apps import AppConfig
from django.db.models.signals import post_migrate


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Timeline"

    def ready(self):
        from .content_version import install_triggers

        post_migrate.connect(install_triggers, sender=self, dispatch_uid="kfor-content-version-triggers")
