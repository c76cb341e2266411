"""Citations and actors' roles on their own admin pages: each is part of an event, and saving one changes the event."""

from collections import Counter

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sources.editorial import EditorialAdmin, EditorialForm

from ..models import Citation, Event, EventActor
from ..services import PUBLISH_PERMISSION, event_publishable
from .base import ReviewedPartMixin


class PartOfEventMixin(ReviewedPartMixin):
    """
    Saving or deleting a part marks its event changed (who and when), so an editor who has
    the event open is told of the change instead of saving over it.
    """

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.may_change_live_events = request.user.has_perm(PUBLISH_PERMISSION)
        return form

    def touch_events(self, request, event_ids):
        now = timezone.now()
        Event.objects.filter(pk__in=[pk for pk in event_ids if pk]).update(updated_at=now, revised_at=now,
                                                                          updated_by=request.user)

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
    """The published events that could not stay published once ``citations`` are gone."""
    leaving = Counter(citation.event_id for citation in citations)
    events = Event.objects.published().filter(pk__in=leaving).annotate(n=Count("citations"))
    return [event for event in events if event_publishable(event, citations=event.n - leaving[event.pk])]


class PartForm(EditorialForm):
    may_change_live_events = False  # set by PartOfEventMixin.get_form from the user's permissions

    def clean_event(self):
        event = self.cleaned_data["event"]
        if event.is_published and not self.may_change_live_events:
            raise ValidationError(_("“%(title)s” is published: make this change on the event's page, where it will "
                                    "wait for a reviewer's approval.") % {"title": event.title})
        return event


class CitationForm(PartForm):
    def clean_event(self):
        event = super().clean_event()
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
    form = PartForm
    list_display = ["event", "actor", "role"]
    list_filter = ["role"]
    list_select_related = ["event", "actor"]
    search_fields = ["event__title", "actor__name", "actor__short_name"]
    autocomplete_fields = ["event", "actor"]
