"""The records events refer to: actors, places, event types, figures, corrections and sources."""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from sources.admin import SourceAdmin
from sources.editorial import EditorialAdmin
from sources.models import Source

from ..models import Actor, Correction, EventType, Figure, LegalProvision, Misnomer, Place
from ..translation import with_translations
from .base import CorrectionInline, FigureClaimInline, PublishingMixin, TreeNodeAdmin
from .filters import FigureClaimsFilter, SourceUseFilter


@admin.register(Actor)
class ActorAdmin(TreeNodeAdmin):
    lint_kind = "actors"
    list_display = ["name", "short_name", "kind", "parent", "wikidata_id"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "aliases", "slug"]


@admin.register(Place)
class PlaceAdmin(TreeNodeAdmin):
    lint_kind = "places"
    list_display = [*with_translations("name"), "kind", "parent", "latitude", "longitude"]
    list_filter = ["kind"]
    search_fields = [*with_translations("name"), "slug"]


@admin.register(EventType)
class EventTypeAdmin(EditorialAdmin):
    list_display = ["name", "slug", "event_count"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(num_events=Count("events")).order_by("name")

    @admin.display(description=_("events"), ordering="num_events")
    def event_count(self, obj):
        return obj.num_events


@admin.register(Figure)
class FigureAdmin(PublishingMixin, EditorialAdmin):
    publish_permission = "events.publish_figure"
    list_display = ["series", "date", "date_precision", "best", "low", "high", "source", "status"]
    list_filter = ["series", "status", FigureClaimsFilter]
    list_select_related = ["source"]
    search_fields = ["note", "source__title"]
    date_hierarchy = "date"
    autocomplete_fields = ["source", "event"]
    inlines = [FigureClaimInline, CorrectionInline]


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    list_display = ["corrected_on", "text", "content_type", "object_id"]
    list_filter = ["content_type"]
    list_select_related = ["content_type"]
    search_fields = ["text"]
    date_hierarchy = "corrected_on"


@admin.register(LegalProvision)
class LegalProvisionAdmin(EditorialAdmin):
    list_display = ["instrument", "provision", "order", "source"]
    list_filter = ["instrument"]
    list_select_related = ["source"]
    search_fields = ["instrument", "provision", "summary", "slug"]
    prepopulated_fields = {"slug": ["instrument", "provision"]}
    autocomplete_fields = ["source"]


@admin.register(Misnomer)
class MisnomerAdmin(EditorialAdmin):
    """The wrong names the content lint looks for (events/lint.py); editors add what they meet."""

    list_display = ["wrong", "right", "note"]
    search_fields = ["wrong", "right"]


# The bibliography's admin, with the corrections readers see on a source's page.
admin.site.unregister(Source)


@admin.register(Source)
class CorrectableSourceAdmin(SourceAdmin):
    list_filter = [*SourceAdmin.list_filter[:2], SourceUseFilter, *SourceAdmin.list_filter[2:]]
    inlines = [CorrectionInline]
