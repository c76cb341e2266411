"""What several admins share: the corrections inline, who may publish, and the admin of actors and places."""

from django.contrib import admin, messages
from django.contrib.contenttypes.admin import GenericTabularInline

from django.utils.translation import gettext_lazy as _

from sources.editorial import EditorialAdmin

from ..lint import lint_record, misnomers
from ..models import Claim, Correction, Status
from ..services import PUBLISH_PERMISSION

EDITOR_STATUSES = [Status.DRAFT, Status.REVIEW]


class CorrectionInline(GenericTabularInline):
    model = Correction
    fields = ["corrected_on", "text", "order"]
    extra = 0


class ClaimInline(admin.TabularInline):
    """Sources that give the value differently, each with its own; one is adopted, with the reason."""

    model = Claim
    autocomplete_fields = ["source"]
    extra = 0
    verbose_name_plural = _("claims: the value as each source gives it, where they differ")


class EventClaimInline(ClaimInline):
    fields = ["date", "date_precision", "source", "locator", "adopted", "reason", "order"]
    fk_name = "event"


class FigureClaimInline(ClaimInline):
    fields = ["number", "source", "locator", "adopted", "reason", "order"]
    fk_name = "figure"


class PublishingMixin:
    """Only users with the model's publish permission publish or unpublish; editors draft and send for review."""

    publish_permission = None

    def has_publish_permission(self, request):
        return request.user.has_perm(self.publish_permission)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.status in Status.live() and not self.has_publish_permission(request):
            fields.append("status")
        return fields

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "status" and not self.has_publish_permission(request):
            kwargs["choices"] = [(value, label) for value, label in Status.choices if value in EDITOR_STATUSES]
        return super().formfield_for_choice_field(db_field, request, **kwargs)


class ReviewedPartMixin:
    """
    Records that are part of an event (its citations, its actors' roles) edited on their own
    admin pages: for a published event, only a reviewer changes them there; an editor
    proposes the change on the event's page, where it waits for review.
    """

    def event_is_live_for(self, request, event):
        return event is not None and event.is_published and not request.user.has_perm(PUBLISH_PERMISSION)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not (obj and self.event_is_live_for(request, obj.event))

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and self.event_is_live_for(request, obj.event))


class LintMixin:
    """
    After a save, the content lint's warnings on the text just written, each naming its field. They never
    stop the save: an editor may mean what the lint doubts (a quotation, a name in another language).
    """

    lint_kind = None

    def save_form(self, request, form, change):
        obj = super().save_form(request, form, change)  # every valid save passes here, a change for review too
        for warning in lint_record(self.lint_kind, form.cleaned_data, misnomers()):
            label = form.fields[warning.field].label if warning.field in form.fields else warning.field
            self.message_user(request, f"Check the text of “{label}”: {warning.message}.", level=messages.WARNING)
        return obj


class TreeNodeAdmin(LintMixin, EditorialAdmin):
    """Actors and places: found by name and slug, with their parent and corrections."""

    list_select_related = ["parent"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    inlines = [CorrectionInline]
