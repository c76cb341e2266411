"""Writes that span records: moving events through the editorial workflow."""

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from .models import Citation, Event
from .querysets import Status


@transaction.atomic
def events_set_status(*, events, status: str, user=None) -> tuple[int, list[Event]]:
    """
    Move the given events to ``status``. Publishing refuses events that cite no
    source: nothing unsourced reaches readers. Returns (number changed, refused events).
    """
    events = Event.objects.filter(pk__in=[e.pk for e in events])
    refused = []
    if status == Status.PUBLISHED:
        cited = Exists(Citation.objects.filter(event=OuterRef("pk")))
        refused = list(events.annotate(cited=cited).filter(cited=False))
        events = events.exclude(pk__in=[e.pk for e in refused])
    now = timezone.now()
    moving = events.exclude(status=status)
    if status == Status.PUBLISHED:
        moving.filter(published_at__isnull=True).update(published_at=now)
    changed = moving.update(status=status, updated_by=user, updated_at=now, status_changed_at=now, status_changed_by=user)
    return changed, refused
