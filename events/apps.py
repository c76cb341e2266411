from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Timeline"

    def ready(self):
        from .caching import forget_after_commit
        from .content_version import install_triggers

        post_migrate.connect(install_triggers, sender=self, dispatch_uid="kfor-content-version-triggers")

        for name, signal in (("save", post_save), ("delete", post_delete), ("m2m", m2m_changed)):
            signal.connect(forget_after_commit, dispatch_uid=f"kfor-content-version-{name}")
