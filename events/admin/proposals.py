"""An editor's save of a record readers see waits for review: the admin's side of events.proposals."""

from django.contrib import messages
from django.contrib.admin.templatetags.admin_urls import admin_urlname
from django.contrib.admin.utils import unquote
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from ..models import Correction
from ..proposals import is_public, publish_permission, record_change_propose


class ProposingMixin:
    """
    A save by a user without the publish permission of a record readers see (proposals.is_public) is kept as a
    proposed change instead of written: the live record stays as it is until a reviewer approves the change.
    Reviewers' saves go live at once; so do editors' saves of what no reader sees yet (new records, drafts).
    Only a reviewer reverts a public record to an earlier version.
    """

    def has_publish_permission(self, request):
        return request.user.has_perm(publish_permission(self.model))

    def proposes(self, request, obj):
        """Whether ``request``'s save of ``obj`` is kept for review; decided once a request. A revert or a recovery is not."""
        if not hasattr(request, "proposing"):
            request.proposing = (obj is not None and getattr(request, "restoring", None) is None
                                 and not self.has_publish_permission(request) and is_public(obj))
        return request.proposing

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id)) if request.method == "GET" else None
        if obj is not None and self.proposes(request, obj):
            self.message_user(request, _("Readers see this %(kind)s: your changes will wait for a reviewer's approval, "
                                         "and readers see it as it is until then.") % {"kind": self.opts.verbose_name},
                              level=messages.INFO)
        return super().change_view(request, object_id, form_url, extra_context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if request.method == "POST" and obj is not None and not self.has_publish_permission(request) and is_public(obj):
            self.message_user(request, _("Only a reviewer reverts a %(kind)s readers see. Make your change on its page "
                                         "instead: it will wait for review.") % {"kind": self.opts.verbose_name},
                              level=messages.ERROR)
            return HttpResponseRedirect(reverse(admin_urlname(self.opts, "change"), args=[obj.pk]))
        return super().revision_view(request, object_id, version_id, extra_context)

    def save_model(self, request, obj, form, change):
        if change and self.proposes(request, obj):
            return  # save_related keeps the change for review; the record is not written
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        if change and self.proposes(request, form.instance):
            request.proposed_change = self.propose(request, form, formsets)
            return
        super().save_related(request, form, formsets, change)

    def propose(self, request, form, formsets):
        """Keep the form's change for review. Corrections wait for review on their own: they are saved as an editor's."""
        for formset in formsets:
            if formset.model is Correction:
                self.save_formset(request, form, formset, change=True)
        return record_change_propose(record=form.instance, form=form, formsets=formsets, user=request.user,
                                     summary=form.cleaned_data.get("edit_summary", ""))

    def construct_change_message(self, request, form, formsets, add=False):
        if getattr(request, "proposing", False) and getattr(request, "proposed_change", None) is not None:
            return _("Proposed a change for review.")
        return super().construct_change_message(request, form, formsets, add)

    def response_change(self, request, obj):
        change = getattr(request, "proposed_change", None)
        if change is None:
            return super().response_change(request, obj)
        self.message_user(request, _("Your change to “%(record)s” waits for a reviewer's approval; readers see it as "
                                     "it is until then.") % {"record": obj}, level=messages.SUCCESS)
        return HttpResponseRedirect(reverse(admin_urlname(change._meta, "change"), args=[change.pk]))
