"""Changes to published records, waiting for a reviewer: what would change, a preview of an event's, approve or reject."""

from django.contrib import admin, messages
from django.contrib.admin.templatetags.admin_urls import admin_urlname
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _, ngettext

from kfor_site.admin import ReadOnlyAdminMixin

from ..models import EventChange, LintOverride, RecordChange
from ..proposals import ChangeRefused, change_reject, record_change_approve
from ..reviews import event_change_approve
from ..services import PUBLISH_PERMISSION
from .forms import ReasonActionForm


class MineFilter(admin.SimpleListFilter):
    """An editor's own changes: where they read what a reviewer decided, and why."""

    title = _("proposed by")
    parameter_name = "mine"

    def lookups(self, request, model_admin):
        return [("yes", _("me"))]

    def queryset(self, request, queryset):
        return queryset.filter(proposed_by=request.user) if self.value() == "yes" else queryset


class ProposedChangeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """
    Changes proposed to published records, decided here by a reviewer; none is edited or deleted, for the history.
    ``approve`` applies a change (its keyword ``override``: the reason box, for a lint's hold), reject refuses it.
    """

    approve = reject = None  # each kind's rules: see the admins below
    list_filter = ["state", MineFilter]
    actions = ["approve_selected", "reject_selected"]
    action_form = ReasonActionForm
    change_form_template = "admin/events/change_decision_form.html"

    def has_publish_permission(self, request):
        return request.user.has_perm(PUBLISH_PERMISSION)

    @admin.display(description=_("what would change"))
    def differences(self, change):
        record, model = change.subject, type(change.subject)
        if record is None:  # deleted since
            return "—"
        by_attname = {field.attname: field for field in model._meta.concrete_fields}
        rows = [(field.verbose_name, _shown(field, getattr(record, name)), _shown(field, value))
                for name, value in change.proposal["fields"].items() for field in [by_attname[name]]]
        count = lambda n: ngettext("%(n)d record", "%(n)d records", n) % {"n": n}  # noqa: E731
        rows += [(name.replace("_", " "), count(getattr(record, name).count()), count(len(value)))
                 for name, value in change.proposal["relations"].items()]
        return format_html('<table><tr><th>{}</th><th>{}</th><th>{}</th></tr>{}</table>', _("field"), _("published"),
                           _("proposed"), format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td></tr>", rows))

    def get_urls(self):
        decide = self.admin_site.admin_view(self.decide_view)
        name = admin_urlname(self.opts, "decide").removeprefix("admin:")
        return [path("<int:object_id>/decide/<slug:decision>/", decide, name=name), *super().get_urls()]

    def decide_view(self, request, object_id, decision):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if decision not in ("approve", "reject") or not self.has_publish_permission(request):
            raise PermissionDenied
        change = get_object_or_404(self.get_queryset(request), pk=object_id)
        self.decide(request, [change], decision)
        return HttpResponseRedirect(reverse(admin_urlname(self.opts, "change"), args=[change.pk]))

    def decide(self, request, changes, decision):
        """Approve or reject ``changes``; the form's reason is the rejection's, or the override of the lint's hold."""
        reason = request.POST.get("reason", "")
        for change in changes:
            try:
                if decision == "reject":
                    self.reject(change=change, user=request.user, reason=reason)
                else:
                    self.approve(change=change, user=request.user, override=reason)
            except ChangeRefused as exc:
                self.message_user(request, str(exc), level=messages.ERROR)
            else:
                self.message_user(request, _("%(event)s: %(state)s.") % {
                    "event": change.subject, "state": _("approved and published") if decision == "approve"
                    else _("rejected")})

    @admin.action(description=_("Approve the selected changes (they go live)"), permissions=["publish"])
    def approve_selected(self, request, queryset):
        self.decide(request, queryset, "approve")

    @admin.action(description=_("Reject the selected changes"), permissions=["publish"])
    def reject_selected(self, request, queryset):
        self.decide(request, queryset, "reject")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        change = self.get_object(request, unquote(object_id))
        extra_context = {**(extra_context or {}), "may_decide": (
            change is not None and change.state == change.State.PENDING and self.has_publish_permission(request)),
            "decide_url": admin_urlname(self.opts, "decide")}
        return super().change_view(request, object_id, form_url, extra_context)


def _shown(field, value):
    """A field's value as a reviewer reads it: the record a key names, a choice's label."""
    if value in (None, ""):
        return "—"
    if field.many_to_one:
        return field.related_model._base_manager.filter(pk=value).first() or value
    return dict(field.flatchoices).get(value, value) if field.choices else value


@admin.register(EventChange)
class EventChangeAdmin(ProposedChangeAdmin):
    approve, reject = staticmethod(event_change_approve), staticmethod(change_reject)
    list_display = ["event", "summary", "proposed_by", "proposed_at", "state", "decided_by", "reason"]
    list_select_related = ["event", "proposed_by", "decided_by"]
    search_fields = ["event__title", "summary"]
    fields = ["event", "summary", "proposed_by", "proposed_at", "based_on", "differences", "preview", "state",
              "decided_by", "decided_at", "reason"]
    readonly_fields = fields

    @admin.display(description=_("preview"))
    def preview(self, change):
        url = f"{change.event.get_absolute_url()}?change={change.pk}"
        return format_html('<a href="{}">{}</a>', url, _("The event's page with this change"))

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("event")


@admin.register(RecordChange)
class RecordChangeAdmin(ProposedChangeAdmin):
    """
    Changes to published figures and legal provisions, and to the actors, places, event types and sources readers see.
    """

    approve, reject = staticmethod(record_change_approve), staticmethod(change_reject)
    list_display = ["record_link", "content_type", "summary", "proposed_by", "proposed_at", "state", "decided_by",
                    "reason"]
    list_filter = ["state", ("content_type", admin.RelatedOnlyFieldListFilter), MineFilter]
    list_select_related = ["content_type", "proposed_by", "decided_by"]
    search_fields = ["summary"]
    fields = ["record_link", "content_type", "summary", "proposed_by", "proposed_at", "based_on", "differences",
              "state", "decided_by", "decided_at", "reason"]
    readonly_fields = fields

    def get_queryset(self, request):
        # The records, one query a kind (GenericForeignKey's prefetch): the list costs the same for any number.
        return super().get_queryset(request).prefetch_related("record")

    @admin.display(description=_("record"))
    def record_link(self, change):
        record = change.record
        if record is None:
            return _("(deleted)")
        return format_html('<a href="{}">{}</a>', reverse(admin_urlname(record._meta, "change"), args=[record.pk]), record)


@admin.register(LintOverride)
class LintOverrideAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Who published what the strict lint held back, when and why: written by the publishing rules, read here."""

    list_display = ["event", "overridden_by", "overridden_at", "reason"]
    list_select_related = ["event", "overridden_by"]
    search_fields = ["event__title", "reason"]
    fields = ["event", "findings", "reason", "overridden_by", "overridden_at"]
    readonly_fields = fields
