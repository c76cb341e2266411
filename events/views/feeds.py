from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from ..models import Actor, Event
from ..selectors import public_actors

FEED_SIZE = 50


class EventFeed(Feed):
    """Newly published and updated events, newest change first."""

    feed_type = Atom1Feed
    title = "KFOR Timeline: new and updated events"
    subtitle = "Events from the sourced history of the NATO-led Kosovo Force, as they are published or updated."

    def link(self):
        return reverse("events:timeline")

    def feed_url(self):
        return reverse("events:feed")

    def items(self):
        return Event.objects.published().select_related("event_type").order_by("-updated_at", "-pk")[:FEED_SIZE]

    def item_title(self, item):
        return f"{item.date_label}: {item.title}"

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at or item.created_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.event_type.name]


class ActorEventFeed(EventFeed):
    """The same feed for one actor and the bodies within it."""

    def get_object(self, request, slug):
        return get_object_or_404(public_actors(), slug=slug)

    def title(self, actor):
        return f"KFOR Timeline: events involving {actor.name}"

    def link(self, actor):
        return actor.get_absolute_url()

    def feed_url(self, actor):
        return reverse("events:actor-feed", kwargs={"slug": actor.slug})

    def items(self, actor):
        ids = Actor.objects.descendant_ids(actor)
        return (
            Event.objects.published().filter(pk__in=Event.objects.involving(ids).values("pk"))
            .select_related("event_type").order_by("-updated_at", "-pk")[:FEED_SIZE]
        )
