from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    """Where an event or a figure stands in the editorial workflow. Only published records are public."""

    DRAFT = "draft", _("draft")
    REVIEW = "review", _("in review")
    PUBLISHED = "published", _("published")
    UNPUBLISHED = "unpublished", _("unpublished")

    @classmethod
    def live(cls):
        """The statuses an editor without the publish permission may not leave or enter."""
        return (cls.PUBLISHED, cls.UNPUBLISHED)
