from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _

from .querysets import PublishableQuerySet
from .status import Status


class Reviewed(models.Model):
    """
    A status in the editorial workflow, and who moved the record to it and when. Only a reviewer makes a
    record public: events.services.status_on_save decides the status every save ends with.
    """

    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True, editable=False)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False,
        verbose_name=_("status changed by"),
    )

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_published(self):
        return self.status == Status.PUBLISHED


class Publishable(Reviewed):
    """What events and figures share: their own pages or rows, and corrections readers see."""

    corrections = GenericRelation("Correction")

    class Meta:
        abstract = True
