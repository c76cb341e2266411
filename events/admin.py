from collections import Counter

from django import forms
from django.contrib import admin, messages
from django.contrib.contenttypes.admin import GenericTabularInline
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _, ngettext

from sources.admin import SourceAdmin
from sources.editorial import EditorialAdmin, EditorialForm
from sources.models import Source

from .admin_filters import CitationCountFilter, SourceUseFilter
from .models import Actor, Citation, Correction, Event, EventActor, EventType, Figure, Place
from .querysets import Status
from .services import events_set_status

EDITOR_STATUSES = [Status.DRAFT, Status.REVIEW]


class CorrectionInline(GenericTabularInline):
    model = Correction
    fields = ["corrected_on", "text", "order"]
    extra = 0


class EventActorInline(admin.TabularInline):
    model = EventActor
    autocomplete_fields = ["actor"]
    fields = ["actor", "role", "order"]
    extra = 1


class CitationFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        kept = [f for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.cleaned_data.get("source")]
        if self.instance.status == Status.PUBLISHED and not kept:
            raise ValidationError(_("A published event must cite at least one source: add a citation below, "
                                    "or save it as a draft or for review."))


class CitationInline(admin.StackedInline):
    model = Citation
    formset = CitationFormSet
    autocomplete_fields = ["source"]
    fields = [("source", "locator", "order"), "quote", "note"]
    extra = 1


def _status_action(status, label, permissions=("change",)):
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
    return admin.action(description=_("Move selected events to: %(label)s") % {"label": label},
                        permissions=permissions)(action)


class PublishingMixin:
    """Only users with the model's publish permission publish or unpublish; editors draft and send for review."""

    publish_permission = None

    def has_publish_permission(self, request):
        return request.user.has_perm(self.publish_permission)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        locked = obj is not None and obj.status in (Status.PUBLISHED, Status.UNPUBLISHED)
        if locked and not self.has_publish_permission(request):
            fields.append("status")
        return fields

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "status" and not self.has_publish_permission(request):
            kwargs["choices"] = [(value, label) for value, label in Status.choices if value in EDITOR_STATUSES]
        return super().formfield_for_choice_field(db_field, request, **kwargs)


@admin.register(Event)
class EventAdmin(PublishingMixin, EditorialAdmin):
    publish_permission = "events.publish_event"
    list_display = ["title", "start", "start_precision", "event_type", "status", "key_event", "citation_count", "updated_at"]
    list_filter = ["status", CitationCountFilter, "key_event", "event_type", "start_precision", "approximate"]
    list_select_related = ["event_type"]
    search_fields = ["title", "slug", "summary", "body"]
    date_hierarchy = "start"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["places", "event_type"]
    readonly_fields = ["created_at", "created_by", "updated_at", "updated_by", "status_changed_at", "status_changed_by"]
    inlines = [EventActorInline, CitationInline, CorrectionInline]
    actions = [
        _status_action(Status.REVIEW, _("in review")),
        _status_action(Status.PUBLISHED, _("published"), permissions=["publish"]),
        _status_action(Status.UNPUBLISHED, _("unpublished"), permissions=["publish"]),
    ]
    fieldsets = [
        (None, {"fields": ["title", "slug", "event_type", "summary", "body", "places", "key_event", "status"]}),
        (_("Dates"), {"fields": [("start", "start_precision"), ("end", "end_precision"), "approximate", "display_date"]}),
        (_("Editorial"), {"fields": ["notes", ("created_at", "created_by"), ("updated_at", "updated_by"),
                                     ("status_changed_at", "status_changed_by")]}),
        (_("Your change"), {"fields": ["edit_summary", "last_seen"]}),
    ]

    def get_queryset(self, request):
        # An aggregate drops Meta.ordering; the autocomplete pages through this queryset.
        return super().get_queryset(request).annotate(num_citations=Count("citations", distinct=True)).order_by("start", "slug")

    @admin.display(description=_("citations"), ordering="num_citations")
    def citation_count(self, obj):
        return obj.num_citations

    def save_model(self, request, obj, form, change):
        now = timezone.now()
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        if not change or "status" in form.changed_data:
            obj.status_changed_at, obj.status_changed_by = now, request.user
            if obj.status == Status.PUBLISHED and obj.published_at is None:
                obj.published_at = now
        super().save_model(request, obj, form, change)


@admin.register(Actor)
class ActorAdmin(EditorialAdmin):
    list_display = ["name", "short_name", "kind", "parent", "wikidata_id"]
    list_filter = ["kind"]
    list_select_related = ["parent"]
    search_fields = ["name", "short_name", "aliases", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    inlines = [CorrectionInline]


@admin.register(Place)
class PlaceAdmin(EditorialAdmin):
    list_display = ["name", "name_sq", "name_sr", "kind", "parent", "latitude", "longitude"]
    list_filter = ["kind"]
    list_select_related = ["parent"]
    search_fields = ["name", "name_sq", "name_sr", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    inlines = [CorrectionInline]


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


class PartOfEventMixin:
    """
    Citations and actor roles edited on their own admin pages are part of their event: saving or
    deleting one marks the event changed (who and when), so an editor who has the event open is
    told of the change instead of saving over it.
    """

    def touch_events(self, request, event_ids):
        Event.objects.filter(pk__in=[pk for pk in event_ids if pk]).update(updated_at=timezone.now(), updated_by=request.user)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        self.touch_events(request, {obj.event_id, form.initial.get("event") if change else None})

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        self.touch_events(request, {obj.event_id})

    def delete_queryset(self, request, queryset):
        event_ids = set(queryset.values_list("event_id", flat=True))
        super().delete_queryset(request, queryset)
        self.touch_events(request, event_ids)


def published_events_left_unsourced(citations):
    """The published events that would cite nothing once ``citations`` are gone."""
    leaving = Counter(citation.event_id for citation in citations)
    events = Event.objects.published().filter(pk__in=leaving).annotate(n=Count("citations"))
    return [event for event in events if event.n <= leaving[event.pk]]


class CitationForm(EditorialForm):
    def clean_event(self):
        event = self.cleaned_data["event"]
        citation = self.instance
        if citation.pk and citation.event_id != event.pk and published_events_left_unsourced([citation]):
            raise ValidationError(_("This is the only citation of a published event: add another citation to that event "
                                    "first, or move the event back to a draft."))
        return event


@admin.register(Citation)
class CitationAdmin(PartOfEventMixin, EditorialAdmin):
    form = CitationForm
    list_display = ["event", "source", "locator", "order"]
    list_select_related = ["event", "source"]
    search_fields = ["event__title", "source__title", "locator", "quote"]
    autocomplete_fields = ["event", "source"]

    def get_deleted_objects(self, objs, request):
        """A published event keeps at least one citation: the deletion is refused, and the page says which event."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        unsourced = published_events_left_unsourced(list(objs))
        protected = list(protected) + [
            _("“%(title)s” is published and would cite no source") % {"title": event.title} for event in unsourced
        ]
        return deleted, counts, perms_needed, protected


@admin.register(EventActor)
class EventActorAdmin(PartOfEventMixin, EditorialAdmin):
    list_display = ["event", "actor", "role"]
    list_filter = ["role"]
    list_select_related = ["event", "actor"]
    search_fields = ["event__title", "actor__name", "actor__short_name"]
    autocomplete_fields = ["event", "actor"]


@admin.register(Figure)
class FigureAdmin(PublishingMixin, EditorialAdmin):
    publish_permission = "events.publish_figure"
    list_display = ["series", "date", "date_precision", "best", "low", "high", "source", "status"]
    list_filter = ["series", "status"]
    list_select_related = ["source"]
    search_fields = ["note", "source__title"]
    date_hierarchy = "date"
    autocomplete_fields = ["source", "event"]
    inlines = [CorrectionInline]


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    list_display = ["corrected_on", "text", "content_type", "object_id"]
    list_filter = ["content_type"]
    list_select_related = ["content_type"]
    search_fields = ["text"]
    date_hierarchy = "corrected_on"


# The bibliography's admin, with the corrections readers see on a source's page.
admin.site.unregister(Source)


@admin.register(Source)
class CorrectableSourceAdmin(SourceAdmin):
    list_filter = [*SourceAdmin.list_filter[:2], SourceUseFilter, *SourceAdmin.list_filter[2:]]
    inlines = [CorrectionInline]
