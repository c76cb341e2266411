from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _

from .querysets import PublishableQuerySet
from .status import Status


class Publishable(models.Model):
    """What events and figures share: a status in the editorial workflow, and corrections readers see."""

    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)

    objects = PublishableQuerySet.as_manager()

    corrections = GenericRelation("Correction")

    class Meta:
        abstract = True

    @property
    def is_published(self):
        return self.status == Status.PUBLISHED
