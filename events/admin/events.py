"""The event admin: writing, sourcing, the workflow's actions, review of changes to published events, recovery as drafts."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _, ngettext

from sources.editorial import EditorialAdmin

from ..lint import duplicate_citations
from ..translation import translations
from ..models import Event, Status
from ..reviews import event_change_propose, lint_comment
from ..services import event_lint_hold, events_resolve_relative_dates, events_set_status
from .base import CorrectionInline, EventClaimInline, LintMixin, PublishingMixin, ReviewedCorrectionsMixin
from .filters import CitationCountFilter, EventClaimsFilter
from .forms import EventAdminForm, ReasonActionForm
from .inlines import CitationInline, EventActorInline
from .proposals import ProposingMixin


def _status_action(status, label, permissions=("change",)):
    def action(modeladmin, request, queryset):
        changed, refused = events_set_status(events=list(queryset), status=status, user=request.user,
                                             override=request.POST.get("reason", ""))
        modeladmin.message_user(
            request, ngettext("%(n)d event moved to %(s)s.", "%(n)d events moved to %(s)s.", changed) % {"n": changed, "s": label}
        )
        for event, reason in refused:
            modeladmin.message_user(request, _("“%(title)s” was not moved: %(reason)s") % {"title": event.title, "reason": reason},
                                    level=messages.ERROR)

    action.__name__ = f"make_{status}"
    return admin.action(description=_("Move selected events to: %(label)s") % {"label": label},
                        permissions=permissions)(action)


@admin.register(Event)
class EventAdmin(ProposingMixin, PublishingMixin, ReviewedCorrectionsMixin, LintMixin, EditorialAdmin):
    publish_permission = "events.publish_event"
    lint_kind = "events"
    list_display = ["title", "start", "start_precision", "event_type", "status", "key_event", "citation_count", "updated_at"]
    list_filter = ["status", CitationCountFilter, EventClaimsFilter, "key_event", "event_type", "start_precision", "approximate"]
    list_select_related = ["event_type"]
    search_fields = ["title", "slug", "summary", "body"]
    date_hierarchy = "start"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["places", "event_type", "legal_bases", "planned_by", "plan_source", "relative_to",
                           "relative_to_source"]
    readonly_fields = ["created_at", "created_by", "updated_at", "updated_by", "status_changed_at", "status_changed_by",
                       "revised_at"]
    inlines = [EventActorInline, CitationInline, EventClaimInline, CorrectionInline]
    actions = [
        _status_action(Status.REVIEW, _("in review")),
        _status_action(Status.PUBLISHED, _("published"), permissions=["publish"]),
        _status_action(Status.UNPUBLISHED, _("unpublished"), permissions=["publish"]),
    ]
    form, action_form = EventAdminForm, ReasonActionForm
    # What editors write first comes first, the citations straight after (change_form.html); the rest folds away.
    change_form_template = "admin/events/event/change_form.html"
    object_history_template = "admin/events/event/object_history.html"
    fieldsets = [
        (None, {"fields": ["title", "dates", "summary", "event_type", "status"]}),
        (_("Text, places and legal bases"), {"fields": ["body", "slug", "places", "legal_bases", "key_event", "wikidata_id",
                                                        "display_date"], "classes": ["collapse"]}),
        (_("Translations"), {"fields": [tuple(translations("title")), tuple(translations("summary"))],
                             "classes": ["collapse"]}),
        (_("Date relative to an event or a source"), {
            "fields": [("relative_to", "relative_to_source"), ("relative_offset", "relative_phrase")], "classes": ["collapse"],
            "description": _("“Five months later”: the start is worked out from the anchor, and follows it if it moves."),
        }),
        (_("Plan and outcome"), {
            "fields": [("planned_on", "planned_on_precision"), "planned_by", ("plan_source", "plan_locator"),
                       ("planned_for", "planned_for_precision"), "outcome"],
            "classes": ["collapse"],
            "description": _("For an event that was decided or planned first: the dates above are the outcome's."),
        }),
        (_("Editorial"), {"fields": ["notes", ("created_at", "created_by"), ("updated_at", "updated_by"),
                                     ("status_changed_at", "status_changed_by"), "revised_at"], "classes": ["collapse"]}),
        (_("Your change"), {"fields": ["edit_summary", "last_seen", "lint_override"]}),
    ]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (form,), {"user": request.user})

    def get_fieldsets(self, request, obj=None):
        if self.has_publish_permission(request):
            return self.fieldsets
        return [(name, {**options, "fields": [f for f in options["fields"] if f != "lint_override"]})
                for name, options in self.fieldsets]

    def render_change_form(self, request, context, *args, **kwargs):
        inlines = context.get("inline_admin_formsets", [])
        context["top_inlines"] = [i for i in inlines if isinstance(i.opts, CitationInline)]
        context["other_inlines"] = [i for i in inlines if not isinstance(i.opts, CitationInline)]
        return super().render_change_form(request, context, *args, **kwargs)

    def history_view(self, request, object_id, extra_context=None):
        """The history shows, beside the versions, the changes proposed and decided, and the lint overrides."""
        event = self.get_object(request, unquote(object_id))
        if event is not None:
            extra_context = {**(extra_context or {}),
                             "proposed_changes": event.proposed_changes.select_related("proposed_by", "decided_by"),
                             "lint_overrides": event.lint_overrides.select_related("overridden_by")}
        return super().history_view(request, object_id, extra_context)

    def get_queryset(self, request):
        # An aggregate drops Meta.ordering; the autocomplete pages through this queryset.
        return super().get_queryset(request).annotate(num_citations=Count("citations", distinct=True)).order_by("start", "slug")

    @admin.display(description=_("citations"), ordering="num_citations")
    def citation_count(self, obj):
        return obj.num_citations

    def save_model(self, request, obj, form, change):
        # A revert or a recovery is judged by the status the event had before it (PublishingMixin.save_model).
        if change and self.proposes(request, obj):
            return  # an editor's change to a published event waits for review (ProposingMixin)
        if not change:
            obj.created_by = request.user
        obj.updated_by, obj.revised_at = request.user, timezone.now()
        super().save_model(request, obj, form, change)
        if findings := getattr(form, "lint_findings", None):  # published despite the lint: the reason is kept
            event_lint_hold(event=obj, user=request.user, reason=form.cleaned_data["lint_override"], findings=findings)
            request.lint_note = lint_comment("", findings, form.cleaned_data["lint_override"])
        events_resolve_relative_dates()  # events dated relative to this one follow it

    def summary_comment(self, request, message):
        note = getattr(request, "lint_note", "")
        super().summary_comment(request, f"{message} {note.strip()}" if note else message)

    def propose(self, request, form, formsets):
        """An event's change keeps its places, actors, citations, claims and corrections with it (reviews.py)."""
        return event_change_propose(event=form.instance, form=form, formsets=formsets, user=request.user,
                                    summary=form.cleaned_data.get("edit_summary", ""))

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if getattr(request, "proposed_change", None) is None:
            for warning in duplicate_citations({citation.source for citation in form.instance.citations.all()}):
                self.message_user(request, f"Check the citations: {warning.message}.", level=messages.WARNING)

    def response_change(self, request, obj):
        if getattr(request, "proposed_change", None) is None and getattr(request, "restoring", None) == {"current": None}:
            # Recovered: PublishingMixin.recover_view.
            self.message_user(request, _("“%(title)s” was recovered as a draft: send it for review to publish it "
                                         "again.") % {"title": obj.title}, level=messages.WARNING)
        return super().response_change(request, obj)
