from django.contrib import admin, messages
from django.db.models import Count
from django.utils.translation import gettext_lazy as _, ngettext

from .models import Actor, Citation, Event, EventActor, EventType, Figure, Place
from .querysets import Status
from .services import events_set_status


class EventActorInline(admin.TabularInline):
    model = EventActor
    autocomplete_fields = ["actor"]
    extra = 1


class CitationInline(admin.StackedInline):
    model = Citation
    autocomplete_fields = ["source"]
    fields = [("source", "locator", "order"), "quote", "note"]
    extra = 1


def _status_action(status, label):
    def action(modeladmin, request, queryset):
        changed, refused = events_set_status(events=list(queryset), status=status, user=request.user)
        modeladmin.message_user(
            request, ngettext("%(n)d event moved to %(s)s.", "%(n)d events moved to %(s)s.", changed) % {"n": changed, "s": label}
        )
        for event in refused:
            modeladmin.message_user(
                request, _("“%(title)s” was not published: it cites no source. Add a citation first.") % {"title": event.title},
                level=messages.ERROR,
            )

    action.__name__ = f"make_{status}"
    return admin.action(description=_("Move selected events to: %(label)s") % {"label": label})(action)


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "start", "start_precision", "event_type", "status", "key_event", "citation_count", "updated_at"]
    list_filter = ["status", "key_event", "event_type", "start_precision", "approximate"]
    list_select_related = ["event_type"]
    search_fields = ["title", "slug", "summary", "body"]
    date_hierarchy = "start"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["places", "event_type"]
    readonly_fields = ["created_at", "created_by", "updated_at", "updated_by"]
    inlines = [EventActorInline, CitationInline]
    actions = [
        _status_action(Status.REVIEW, _("in review")),
        _status_action(Status.PUBLISHED, _("published")),
        _status_action(Status.UNPUBLISHED, _("unpublished")),
    ]
    fieldsets = [
        (None, {"fields": ["title", "slug", "event_type", "summary", "body", "places", "key_event", "status"]}),
        (_("Dates"), {"fields": [("start", "start_precision"), ("end", "end_precision"), "approximate", "display_date"]}),
        (_("Editorial"), {"fields": ["notes", ("created_at", "created_by"), ("updated_at", "updated_by")]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(num_citations=Count("citations", distinct=True))

    @admin.display(description=_("citations"), ordering="num_citations")
    def citation_count(self, obj):
        return obj.num_citations

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Actor)
class ActorAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "parent", "wikidata_id"]
    list_filter = ["kind"]
    list_select_related = ["parent"]
    search_fields = ["name", "short_name", "aliases", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "name_sq", "name_sr", "kind", "parent", "latitude", "longitude"]
    list_filter = ["kind"]
    list_select_related = ["parent"]
    search_fields = ["name", "name_sq", "name_sr", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]


@admin.register(EventType)
class EventTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "event_count"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(num_events=Count("events"))

    @admin.display(description=_("events"), ordering="num_events")
    def event_count(self, obj):
        return obj.num_events


@admin.register(Citation)
class CitationAdmin(admin.ModelAdmin):
    list_display = ["event", "source", "locator", "order"]
    list_select_related = ["event", "source"]
    search_fields = ["event__title", "source__title", "locator", "quote"]
    autocomplete_fields = ["event", "source"]


@admin.register(EventActor)
class EventActorAdmin(admin.ModelAdmin):
    list_display = ["event", "actor", "role"]
    list_filter = ["role"]
    list_select_related = ["event", "actor"]
    search_fields = ["event__title", "actor__name", "actor__short_name"]
    autocomplete_fields = ["event", "actor"]


@admin.register(Figure)
class FigureAdmin(admin.ModelAdmin):
    list_display = ["series", "date", "date_precision", "best", "low", "high", "source", "status"]
    list_filter = ["series", "status"]
    list_select_related = ["source"]
    search_fields = ["note", "source__title"]
    date_hierarchy = "date"
    autocomplete_fields = ["source"]
