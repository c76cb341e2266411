"""
What every editorial admin page shares: an edit summary kept in the history
(django-reversion), a compare view between versions (django-reversion-compare),
and a refusal to overwrite a change another editor saved in the meantime.
"""

from django import forms
from django.contrib.admin.utils import quote
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from reversion.models import Version
from reversion.revisions import _get_options, set_comment
from reversion_compare.admin import CompareVersionAdmin


class EditorialForm(forms.ModelForm):
    edit_summary = forms.CharField(
        label=_("Edit summary"), max_length=200, required=False,
        help_text=_("What you changed and why, in a few words. Kept in the record's history. Required when you change a record."),
    )
    # When this form was loaded: the record's last change as the editor saw it.
    last_seen = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and getattr(self.instance, "updated_at", None):
            self.fields["last_seen"].initial = self.instance.updated_at.isoformat()

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            self.check_conflict(cleaned.get("last_seen"))
            if not (cleaned.get("edit_summary") or "").strip():
                self.add_error("edit_summary", _("Say in a few words what you changed and why."))
        return cleaned

    def check_conflict(self, last_seen):
        """Refuse to save over a change another editor made after this form was loaded."""
        model = type(self.instance)
        current = model._base_manager.filter(pk=self.instance.pk).values_list("updated_at", flat=True).first()
        if current is None or not last_seen or current.isoformat() == last_seen:
            return
        latest = Version.objects.get_for_object(self.instance).select_related("revision__user").first()
        who = (latest.revision.user.get_username() if latest and latest.revision.user else _("another editor"))
        history = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_history", args=[quote(self.instance.pk)])
        raise ValidationError(format_html(
            "{} changed this {} at {} while you were editing it, so your changes were not saved. "
            '<a href="{}">See their change in the history</a>, then reload this page and make your changes again.',
            who, model._meta.verbose_name, timezone.localtime(current).strftime("%H:%M:%S on %d %B %Y"), history,
        ), code="conflict")


class EditorialAdmin(CompareVersionAdmin):
    """A content admin: history with edit summaries, comparison, revert and recovery, and conflict checks."""

    form = EditorialForm
    history_latest_first = True

    def summary_comment(self, request, message):
        summary = (request.POST.get("edit_summary") or "").strip()
        set_comment(f"{summary} ({message})" if summary and message else summary or message)

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        self.summary_comment(request, entry.get_change_message())
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        self.summary_comment(request, entry.get_change_message())
        return entry

    def _reversion_revisionform_view(self, request, version, *args, **kwargs):
        # django-reversion restores the version's whole revision, and an import keeps every record it wrote in one:
        # recovering one actor from it would restore every event of the import, published ones too. A revert or a
        # recovery restores the one record and its own rows (record_revert).
        version.revision.revert = lambda delete=False: record_revert(version)
        return super()._reversion_revisionform_view(request, version, *args, **kwargs)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        names = {name for _title, options in fieldsets for name in _flatten(options["fields"])}
        if "edit_summary" not in names:  # explicit fieldsets leave the form's own fields out
            fieldsets = [*fieldsets, (_("Your change"), {"fields": ["edit_summary", "last_seen"]})]
        return fieldsets


def _flatten(fields):
    for field in fields:
        yield from (field if isinstance(field, (list, tuple)) else [field])


def record_revert(version):
    """
    Restore ``version``'s record, and the rows of it that its registration follows (an actor's corrections, an
    event's citations) as the version's revision keeps them, deleting the rows of it added since: what
    Revision.revert(delete=True) does for a whole revision, for one record. No other record of the revision changes.
    """
    model = version._model
    relations = {ContentType.objects.get_for_model(relation.related_model).pk: (name, relation)
                 for name in _get_options(model).follow for relation in [model._meta.get_field(name)]}
    rows = [row for row in version.revision.version_set.filter(content_type__in=list(relations)).exclude(pk=version.pk)
            if _belongs(row, relations[row.content_type_id][1], model, version.object_id)]
    record = model._base_manager.filter(pk=version.object_id).first()
    if record is not None:
        kept = {(row.content_type_id, str(row.object_id)) for row in rows}
        for kind, (name, _relation) in relations.items():
            for row in getattr(record, name).all():
                if (kind, str(row.pk)) not in kept:
                    row.delete()
    for kept_version in (version, *rows):
        kept_version.revert()


def _belongs(row, relation, model, pk):
    """Whether version ``row`` is of a row that ``relation`` of record ``pk`` of ``model`` holds."""
    fields = row.field_dict
    if isinstance(relation, GenericRelation):
        return (str(fields[relation.object_id_field_name]) == str(pk)
                and fields[f"{relation.content_type_field_name}_id"] == ContentType.objects.get_for_model(model).pk)
    return str(fields[relation.field.attname]) == str(pk)
