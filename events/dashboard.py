"""The editors' dashboard on the admin's front page: what needs attention, one click away."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sources.models import Source

from .models import Correction, Figure, LegalProvision, RecordChange, Status, Suggestion
from .selectors import (
    changes_in_review, events_in_review, rejected_changes, events_with_unresolved_claims, figures_with_unresolved_claims,
    one_origin_events, single_source_events, uncited_events, unused_sources,
)


def dashboard_items(user=None):
    """What needs attention; with ``user``, also their own changes a reviewer rejected (with the reason)."""
    events = reverse("admin:events_event_changelist")
    sources = reverse("admin:sources_source_changelist")
    changes = reverse("admin:events_eventchange_changelist")
    record_changes = reverse("admin:events_recordchange_changelist")
    suggestions = reverse("admin:events_suggestion_changelist")
    mine = ([(_("Your changes a reviewer rejected, with the reason"), rejected_changes(user).count(),
              f"{changes}?state__exact=rejected&mine=yes"),
             (_("Your changes to other records a reviewer rejected, with the reason"),
              rejected_changes(user, RecordChange).count(), f"{record_changes}?state__exact=rejected&mine=yes")]
            if user is not None else [])
    return mine + [
        (_("Drafts waiting for review"), events_in_review().count(), f"{events}?status__exact=review"),
        (_("Changes to published events waiting for review"), changes_in_review().count(), f"{changes}?state__exact=pending"),
        (_("Changes to published figures, provisions, actors, places, event types and sources waiting for review"),
         changes_in_review(RecordChange).count(), f"{record_changes}?state__exact=pending"),
        (_("Readers' suggestions waiting for review"), Suggestion.objects.filter(state=Suggestion.State.PENDING).count(),
         f"{suggestions}?state__exact=pending"),
        *[(label, model.objects.filter(status=Status.REVIEW).count(),
           f"{reverse(f'admin:events_{model._meta.model_name}_changelist')}?status__exact=review")
          for label, model in ((_("Figures waiting for review"), Figure), (_("Corrections waiting for review"), Correction),
                               (_("Legal provisions waiting for review"), LegalProvision))],
        (_("Events without citations"), uncited_events().count(), f"{events}?sourcing=none"),
        (_("Events resting on a single source"), single_source_events().count(), f"{events}?sourcing=single"),
        (_("Events whose sources all go back to one origin"), one_origin_events().count(), f"{events}?sourcing=one-origin"),
        (_("Events whose sources give different dates, none adopted"), events_with_unresolved_claims().count(),
         f"{events}?claims=unresolved"),
        (_("Figures whose sources give different numbers, none adopted"), figures_with_unresolved_claims().count(),
         f"{reverse('admin:events_figure_changelist')}?claims=unresolved"),
        (_("Sources cited by nothing"), unused_sources().count(), f"{sources}?use=unused"),
        (_("Sources with dead links"), Source.objects.dead_links().count(), f"{sources}?link=dead"),
    ]
