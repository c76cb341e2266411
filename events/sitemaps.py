from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Event, LegalProvision
from .selectors import public_actors, public_places, public_sources


class LanguagesSitemap(Sitemap):
    """Every page in each language of the site, with its alternates (hreflang) and English as the default."""

    i18n = True
    alternates = True
    x_default = True


class EventSitemap(LanguagesSitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Event.objects.published().only("slug", "updated_at").order_by("start", "slug")

    def lastmod(self, event):
        return event.updated_at


class _ReferenceSitemap(LanguagesSitemap):
    changefreq = "monthly"
    priority = 0.5

    def lastmod(self, obj):
        return obj.updated_at


class ActorSitemap(_ReferenceSitemap):
    def items(self):
        return public_actors().only("slug", "updated_at").order_by("slug")


class PlaceSitemap(_ReferenceSitemap):
    def items(self):
        return public_places().only("slug", "updated_at").order_by("slug")


class ProvisionSitemap(_ReferenceSitemap):
    def items(self):
        return LegalProvision.objects.published().only("slug", "updated_at").order_by("slug")


class SourceSitemap(_ReferenceSitemap):
    priority = 0.4

    def items(self):
        return public_sources().only("key", "updated_at").order_by("key")


class PageSitemap(LanguagesSitemap):
    priority = 1.0
    changefreq = "weekly"

    def items(self):
        return ["events:timeline", "events:sources", "events:figures", "events:map", "events:about"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "pages": PageSitemap, "events": EventSitemap, "actors": ActorSitemap, "places": PlaceSitemap,
    "legal": ProvisionSitemap, "sources": SourceSitemap,
}
