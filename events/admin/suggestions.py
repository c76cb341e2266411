"""Readers' suggestions, waiting for a reviewer: read by editors, accepted or declined (with a note) by reviewers."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ..models import Suggestion
from ..suggestions import suggestion_decide

# The change form's decision buttons: (state, whether a draft correction is made).
DECISIONS = {"_accept": (Suggestion.State.ACCEPTED, False), "_accept_draft": (Suggestion.State.ACCEPTED, True),
             "_decline": (Suggestion.State.DECLINED, False)}


@admin.register(Suggestion)
class SuggestionAdmin(admin.ModelAdmin):
    list_display = ["received_at", "event", "excerpt", "state", "decided_by"]
    list_filter = ["state"]
    list_select_related = ["event", "decided_by"]
    search_fields = ["text", "event__title"]
    date_hierarchy = "received_at"
    fields = ["event", "text", "source_link", "email", "received_at", "state", "note", "decided_by", "decided_at",
              "correction"]
    actions = ["accept_selected", "decline_selected"]

    # Suggestions come from readers only; a reviewer's decision goes through suggestion_decide, never the form.
    def has_add_permission(self, request):
        return False

    def get_readonly_fields(self, request, obj=None):
        decided = obj is not None and obj.state != Suggestion.State.PENDING
        return [f for f in self.fields if f != "note" or decided]

    @admin.display(description=_("what is wrong"))
    def excerpt(self, suggestion):
        return suggestion.text[:100]

    @admin.display(description=_("source"))
    def source_link(self, suggestion):
        # A link the reader typed: shown to be read, never followed with our referrer.
        if not suggestion.source_url:
            return "-"
        return format_html('<a href="{}" rel="noopener noreferrer nofollow">{}</a>', suggestion.source_url,
                           suggestion.source_url)

    def save_model(self, request, obj, form, change):
        decision = next((DECISIONS[name] for name in DECISIONS if name in request.POST), None)
        if decision is None:
            obj.save(update_fields=["note"])
            return
        state, draft = decision
        try:
            suggestion_decide(suggestion=obj, state=state, user=request.user, note=obj.note, draft_correction=draft)
        except PermissionDenied as exc:
            self.message_user(request, str(exc), level=messages.ERROR)

    def decide(self, request, queryset, state):
        decided = 0
        for suggestion in queryset.filter(state=Suggestion.State.PENDING).select_related("event"):
            suggestion_decide(suggestion=suggestion, state=state, user=request.user)
            decided += 1
        self.message_user(request, _("%(n)d suggestion(s) decided.") % {"n": decided})

    @admin.action(description=_("Accept the selected suggestions (nothing is published)"), permissions=["change"])
    def accept_selected(self, request, queryset):
        self.decide(request, queryset, Suggestion.State.ACCEPTED)

    @admin.action(description=_("Decline the selected suggestions"), permissions=["change"])
    def decline_selected(self, request, queryset):
        self.decide(request, queryset, Suggestion.State.DECLINED)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        suggestion = self.get_object(request, unquote(object_id))
        extra_context = {**(extra_context or {}), "may_decide": (
            suggestion is not None and suggestion.state == Suggestion.State.PENDING
            and self.has_change_permission(request, suggestion))}
        return super().change_view(request, object_id, form_url, extra_context)
