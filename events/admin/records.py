"""The records events refer to: actors, places, event types, figures, corrections and sources."""

from django.contrib import admin, messages
from django.db.models import Count
from django.utils.translation import gettext_lazy as _, ngettext

from sources.admin import SourceAdmin
from sources.editorial import EditorialAdmin
from sources.models import Source

from ..models import Actor, Correction, EventType, Figure, LegalProvision, Misnomer, Place, Status
from ..selectors import public_records
from ..services import PUBLISH_PERMISSION, correction_save, records_set_status
from ..translation import with_translations
from .base import CorrectionInline, FigureClaimInline, PublishingMixin, RestoringMixin, ReviewedCorrectionsMixin, TreeNodeAdmin
from .proposals import ProposingMixin
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
class EventTypeAdmin(ProposingMixin, EditorialAdmin):
    """Event types: readers read their names, so an editor's change to one published events have waits for review."""

    list_display = ["name", "slug", "event_count"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(num_events=Count("events")).order_by("name")

    @admin.display(description=_("events"), ordering="num_events")
    def event_count(self, obj):
        return obj.num_events


@admin.register(Figure)
class FigureAdmin(ProposingMixin, PublishingMixin, ReviewedCorrectionsMixin, EditorialAdmin):
    """Sourced numbers. An editor's change to a published one, its claims included, waits for review beside it."""

    publish_permission = "events.publish_figure"
    list_display = ["series", "date", "date_precision", "best", "low", "high", "source", "status"]
    list_filter = ["series", "status", FigureClaimsFilter]
    list_select_related = ["source"]
    search_fields = ["note", "source__title"]
    date_hierarchy = "date"
    autocomplete_fields = ["source", "event"]
    inlines = [FigureClaimInline, CorrectionInline]


@admin.register(Correction)
class CorrectionAdmin(RestoringMixin, EditorialAdmin):
    """
    Corrections on their own pages: an editor's wait for review; a reviewer's save or action publishes them.
    A recovered correction comes back as a draft; an editor's revert too.
    """

    list_display = ["corrected_on", "text", "content_type", "object_id", "status"]
    list_filter = ["status", "content_type"]
    list_select_related = ["content_type"]
    search_fields = ["text"]
    date_hierarchy = "corrected_on"
    readonly_fields = ["status", "status_changed_at", "status_changed_by"]
    actions = ["publish_selected"]

    def has_publish_permission(self, request):
        return request.user.has_perm(PUBLISH_PERMISSION)

    def has_delete_permission(self, request, obj=None):
        # Taking a correction off the site is a reviewer's decision, as publishing it is.
        return super().has_delete_permission(request, obj) and not (
            obj is not None and obj.is_published and not self.has_publish_permission(request))

    def save_model(self, request, obj, form, change):
        correction_save(correction=obj, user=request.user, restoring=getattr(request, "restoring", None))

    @admin.action(description=_("Publish the selected corrections"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        moved = records_set_status(records=queryset, status=Status.PUBLISHED, user=request.user)
        self.message_user(request, _("%(n)d correction(s) published.") % {"n": moved})


@admin.register(LegalProvision)
class LegalProvisionAdmin(ProposingMixin, PublishingMixin, EditorialAdmin):
    """
    Mandates, agreements and their provisions. Readers, and event pages, see one once a reviewer publishes it;
    an editor's change to a published one waits for review beside it, as a figure's does.
    """

    publish_permission = PUBLISH_PERMISSION
    list_display = ["instrument", "provision", "order", "source", "status"]
    list_filter = ["status", "instrument"]
    list_select_related = ["source"]
    search_fields = ["instrument", "provision", "summary", "slug"]
    prepopulated_fields = {"slug": ["instrument", "provision"]}
    autocomplete_fields = ["source"]
    readonly_fields = ["status_changed_at", "status_changed_by"]
    actions = ["publish_selected", "unpublish_selected"]

    def set_status(self, request, queryset, status):
        moved = records_set_status(records=queryset, status=status, user=request.user)
        self.message_user(request, ngettext("%(n)d legal provision moved to %(s)s.", "%(n)d legal provisions moved to "
                                            "%(s)s.", moved) % {"n": moved, "s": Status(status).label})

    @admin.action(description=_("Publish the selected legal provisions"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        self.set_status(request, queryset, Status.PUBLISHED)

    @admin.action(description=_("Unpublish the selected legal provisions"), permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        self.set_status(request, queryset, Status.UNPUBLISHED)


@admin.register(Misnomer)
class MisnomerAdmin(EditorialAdmin):
    """The wrong names the content lint looks for (events/lint.py); editors add what they meet."""

    list_display = ["wrong", "right", "note"]
    search_fields = ["wrong", "right"]


# The bibliography's admin, with the corrections readers see on a source's page, and review of an editor's change
# to a source published content uses (the sources app knows nothing of what cites it).
admin.site.unregister(Source)


@admin.register(Source)
class CorrectableSourceAdmin(ProposingMixin, ReviewedCorrectionsMixin, SourceAdmin):
    list_filter = [*SourceAdmin.list_filter[:2], SourceUseFilter, *SourceAdmin.list_filter[2:]]
    inlines = [CorrectionInline]

    @admin.action(description=SourceAdmin.merge_sources.short_description)
    def merge_sources(self, request, queryset):
        # A merge rewrites what cites the sources at once: for sources readers see, a reviewer's decision.
        public = public_records(Source).filter(pk__in=queryset.values("pk"))
        if not self.has_publish_permission(request) and public.exists():
            self.message_user(request, _("Only a reviewer merges sources that published content uses."),
                              level=messages.ERROR)
            return
        super().merge_sources(request, queryset)
