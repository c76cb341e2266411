"""What several admins share: the corrections inline, who may publish, and the admin of actors and places."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.admin import GenericTabularInline

from django.utils.translation import gettext_lazy as _

from sources.editorial import EditorialAdmin

from ..lint import lint_record, misnomers
from ..models import Claim, Correction, Status
from ..services import PUBLISH_PERMISSION, correction_save, status_on_save, status_record
from .proposals import ProposingMixin

EDITOR_STATUSES = [Status.DRAFT, Status.REVIEW]


class CorrectionInline(GenericTabularInline):
    """A record's corrections; an editor's wait for review (ReviewedCorrectionsMixin saves them)."""

    model = Correction
    fields = ["corrected_on", "text", "order", "status"]
    readonly_fields = ["status"]
    extra = 0


class ReviewedCorrectionsMixin:
    """The admins with a corrections inline: each correction saved takes the status status_on_save gives it."""

    def save_formset(self, request, form, formset, change):
        if formset.model is not Correction:
            return super().save_formset(request, form, formset, change)
        for correction in formset.save(commit=False):
            correction_save(correction=correction, user=request.user)
        for correction in formset.deleted_objects:
            correction.delete()
        formset.save_m2m()


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


class RestoringMixin:
    """
    django-reversion writes the version to the database before the form is shown and saved: the status the
    record had before is kept on the request, for status_on_save to judge the version's against it.
    """

    def revision_view(self, request, object_id, version_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        request.restoring = {"current": obj.status if obj is not None else None}
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        request.restoring = {"current": None}  # deleted: it comes back as a draft
        return super().recover_view(request, version_id, extra_context)


class PublishingMixin(RestoringMixin):
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

    def save_model(self, request, obj, form, change):
        """Save ``obj`` with the status status_on_save gives it, recording who changed it and when."""
        restoring = getattr(request, "restoring", None)
        if restoring is not None:
            current = restoring["current"]
        elif change:
            current = type(obj)._base_manager.filter(pk=obj.pk).values_list("status", flat=True).first()
        else:
            current = None
        status = status_on_save(user=request.user, current=current, proposed=obj.status,
                                permission=self.publish_permission, restored=restoring is not None)
        obj.status = status
        if status != current or restoring is not None:  # a restored version brings back its own, stale, record
            status_record(record=obj, status=status, user=request.user)
        super().save_model(request, obj, form, change)


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


class TreeNodeAdmin(ProposingMixin, ReviewedCorrectionsMixin, LintMixin, EditorialAdmin):
    """Actors and places: found by name and slug, with their parent and corrections. An editor's change waits for review."""

    list_select_related = ["parent"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    inlines = [CorrectionInline]
