"""An event's actors and citations, edited on the event's page: a published event keeps a citation it may stand on."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ..models import Citation, EventActor, Status
from ..services import event_publishable


class EventActorInline(admin.TabularInline):
    model = EventActor
    autocomplete_fields = ["actor"]
    fields = ["actor", "role", "order"]
    extra = 1


class CitationFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        kept = [f for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.cleaned_data.get("source")]
        if self.instance.status != Status.PUBLISHED:
            return
        if not kept:
            raise ValidationError(_("A published event must cite at least one source: add a citation below, "
                                    "or save it as a draft or for review."))
        independent = len({f.cleaned_data["source"].origin_key for f in kept})
        for problem in event_publishable(self.instance, citations=len(kept), independent=independent):
            raise ValidationError(_("This event cannot be published as it is: %(problem)s") % {"problem": problem})


class CitationInline(admin.StackedInline):
    model = Citation
    formset = CitationFormSet
    autocomplete_fields = ["source"]
    fields = [("source", "locator", "order"), "quote", "note"]
    extra = 1
