"""
Readers' suggestions, decided by a reviewer. A decision publishes nothing: where a page was wrong, the correction it
drafts takes its status from the publishing rules (services.status_on_save) and goes through review like any other.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Correction, Status, Suggestion
from .services import status_on_save, status_record


@transaction.atomic
def suggestion_decide(*, suggestion: Suggestion, state: str, user, note: str = "", draft_correction: bool = False) -> None:
    """
    A reviewer accepts or declines a reader's suggestion, with a note; who decided and when is recorded. Accepting
    publishes nothing: with ``draft_correction`` it drafts a correction of the event (the note, else the reader's
    text), which an editor finishes and a reviewer publishes like any other.
    """
    if not user.has_perm("events.change_suggestion"):
        raise PermissionDenied(_("Only a reviewer decides readers' suggestions."))
    if suggestion.state != Suggestion.State.PENDING or state == Suggestion.State.PENDING:
        raise PermissionDenied(_("This suggestion has been decided already."))
    if draft_correction and state == Suggestion.State.ACCEPTED:
        correction = Correction(record=suggestion.event, text=note or suggestion.text)
        status_record(record=correction, user=user,
                      status=status_on_save(user=user, current=None, proposed=Status.DRAFT))
        correction.full_clean()
        correction.save()
        suggestion.correction = correction
    suggestion.state, suggestion.note = state, note or suggestion.note
    suggestion.decided_by, suggestion.decided_at = user, timezone.now()
    suggestion.save()
