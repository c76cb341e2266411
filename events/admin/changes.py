"""Changes to published events, waiting for a reviewer: what would change, a preview, approve or reject."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _, ngettext

from kfor_site.admin import ReadOnlyAdminMixin

from ..models import Event, EventChange, LintOverride
from ..reviews import ChangeRefused, event_change_approve, event_change_reject
from ..services import PUBLISH_PERMISSION
from .forms import ReasonActionForm

DECISIONS = {"approve": event_change_approve, "reject": event_change_reject}


class MineFilter(admin.SimpleListFilter):
    """An editor's own changes: where they read what a reviewer decided, and why."""

    title = _("proposed by")
    parameter_name = "mine"

    def lookups(self, request, model_admin):
        return [("yes", _("me"))]

    def queryset(self, request, queryset):
        return queryset.filter(proposed_by=request.user) if self.value() == "yes" else queryset


# Changes are made on the event's page and decided here; none is edited or deleted, for the history.
@admin.register(EventChange)
class EventChangeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["event", "summary", "proposed_by", "proposed_at", "state", "decided_by", "reason"]
    list_filter = ["state", MineFilter]
    list_select_related = ["event", "proposed_by", "decided_by"]
    search_fields = ["event__title", "summary"]
    fields = ["event", "summary", "proposed_by", "proposed_at", "based_on", "differences", "preview", "state",
              "decided_by", "decided_at", "reason"]
    readonly_fields = fields
    actions = ["approve_selected", "reject_selected"]
    action_form = ReasonActionForm

    def has_publish_permission(self, request):
        return request.user.has_perm(PUBLISH_PERMISSION)

    @admin.display(description=_("what would change"))
    def differences(self, change):
        fields = change.proposal["fields"]
        rows = [(Event._meta.get_field(name.removesuffix("_id")).verbose_name, getattr(change.event, name), value)
                for name, value in fields.items()]
        count = lambda n: ngettext("%(n)d record", "%(n)d records", n) % {"n": n}  # noqa: E731
        rows += [(name.replace("_", " "), count(getattr(change.event, name).count()), count(len(value)))
                 for name, value in change.proposal["relations"].items()]
        return format_html('<table><tr><th>{}</th><th>{}</th><th>{}</th></tr>{}</table>', _("field"), _("published"),
                           _("proposed"), format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td></tr>", rows))

    @admin.display(description=_("preview"))
    def preview(self, change):
        url = f"{change.event.get_absolute_url()}?change={change.pk}"
        return format_html('<a href="{}">{}</a>', url, _("The event's page with this change"))

    def get_urls(self):
        decide = self.admin_site.admin_view(self.decide_view)
        return [path("<int:object_id>/decide/<slug:decision>/", decide, name="events_eventchange_decide"), *super().get_urls()]

    def decide_view(self, request, object_id, decision):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if decision not in DECISIONS or not self.has_publish_permission(request):
            raise PermissionDenied
        change = get_object_or_404(EventChange.objects.select_related("event"), pk=object_id)
        self.decide(request, [change], DECISIONS[decision])
        return HttpResponseRedirect(reverse("admin:events_eventchange_change", args=[change.pk]))

    def decide(self, request, changes, decision):
        """Approve or reject ``changes``; the form's reason is the rejection's, or the override of the lint's hold."""
        reason = request.POST.get("reason", "")
        for change in changes:
            try:
                if decision is event_change_reject:
                    decision(change=change, user=request.user, reason=reason)
                else:
                    decision(change=change, user=request.user, override=reason)
            except ChangeRefused as exc:
                self.message_user(request, str(exc), level=messages.ERROR)
            else:
                self.message_user(request, _("%(event)s: %(state)s.") % {
                    "event": change.event, "state": _("approved and published") if decision is event_change_approve
                    else _("rejected")})

    @admin.action(description=_("Approve the selected changes (they go live)"), permissions=["publish"])
    def approve_selected(self, request, queryset):
        self.decide(request, queryset.select_related("event"), event_change_approve)

    @admin.action(description=_("Reject the selected changes"), permissions=["publish"])
    def reject_selected(self, request, queryset):
        self.decide(request, queryset.select_related("event"), event_change_reject)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        change = self.get_object(request, unquote(object_id))
        extra_context = {**(extra_context or {}), "may_decide": (
            change is not None and change.state == EventChange.State.PENDING and self.has_publish_permission(request))}
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(LintOverride)
class LintOverrideAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Who published what the strict lint held back, when and why: written by the publishing rules, read here."""

    list_display = ["event", "overridden_by", "overridden_at", "reason"]
    list_select_related = ["event", "overridden_by"]
    search_fields = ["event__title", "reason"]
    fields = ["event", "findings", "reason", "overridden_by", "overridden_at"]
    readonly_fields = fields
