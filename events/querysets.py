from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("draft")
    REVIEW = "review", _("in review")
    PUBLISHED = "published", _("published")
    UNPUBLISHED = "unpublished", _("unpublished")


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """What readers may see. Every public read starts here."""
        return self.filter(status=Status.PUBLISHED)


class EventQuerySet(PublishableQuerySet):
    def chronological(self):
        return self.order_by("start", "end", "slug")

    def in_year(self, year):
        return self.filter(start__year=year)

    def with_listing_data(self):
        """What a list of events shows: its type and places, in a fixed number of queries."""
        return self.select_related("event_type").prefetch_related("places")

    def with_detail_data(self):
        """Everything an event page shows, in a fixed number of queries."""
        from .models import Citation, EventActor

        return self.select_related("event_type", "created_by", "updated_by").prefetch_related(
            "places",
            models.Prefetch("event_actors", queryset=EventActor.objects.select_related("actor").order_by("order", "id")),
            models.Prefetch("citations", queryset=Citation.objects.select_related("source").order_by("order", "id")),
        )
