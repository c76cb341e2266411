"""
Writes that span records: the editorial workflow. The publishing rules live
here and only here: who may move an event into or out of the public statuses,
what a status change records, and what an event needs before readers see it.
The admin's form and actions, the importer and the review of changes call them.
"""

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from sources.dates import shift_date

from .models import Event, Status

PUBLISH_PERMISSION = "events.publish_event"


def may_change_status(user, *, current: str, new: str) -> bool:
    """
    Editors draft and send for review; only a user with the publish permission moves an
    event into or out of the public statuses. ``user`` None is the site itself (an import).
    """
    if current == new or user is None:
        return True
    if current in Status.live() or new in Status.live():
        return user.has_perm(PUBLISH_PERMISSION)
    return True


def event_publishable(event: Event, *, citations: int | None = None, independent: int | None = None) -> list[str]:
    """
    What stops ``event`` from being published, in words an editor can act on; empty when
    nothing does. ``citations`` is how many citations it will have and ``independent`` how
    many independent sources they come to (a form about to be saved, a batch counted at
    once); otherwise both are counted in the database.
    """
    if citations is None:
        citations = event.citations.count() if event.pk else 0
    if citations == 0:
        return [_("it cites no source. Add a citation first.")]
    needed = settings.KFOR_KEY_EVENT_INDEPENDENT_SOURCES
    if event.key_event and needed > 1:
        if independent is None:
            independent = independent_sources(event.citations.all()) if event.pk else 0
        if independent < needed:
            return [_("it is a key event and rests on %(n)d independent source(s); the sourcing policy asks for "
                      "%(needed)d. Cite a source that does not repeat the others.") % {"n": independent, "needed": needed}]
    return []


def independent_sources(citations) -> int:
    """How many independent sources ``citations`` rest on: sources that repeat another count with it, as one."""
    return len({citation.source.origin_key for citation in citations})


def event_status_change(*, event: Event, status: str, user=None, now=None) -> None:
    """
    Record on ``event`` (in memory: the caller saves) that ``user`` moved it to ``status``
    now, and when it was first published. Callers check may_change_status and, when
    publishing, event_publishable first.
    """
    now = now or timezone.now()
    event.status = status
    event.status_changed_at, event.status_changed_by = now, user
    if status == Status.PUBLISHED and event.published_at is None:
        event.published_at = now


@transaction.atomic
def events_set_status(*, events, status: str, user=None) -> tuple[int, list[tuple[Event, str]]]:
    """
    Move the given events to ``status``. An event the user may not move, or that may not be
    published, is refused with the reason. Returns (number moved, [(event, reason)]).
    """
    events = Event.objects.filter(pk__in=[e.pk for e in events]).annotate(
        num_citations=Count("citations"),
        num_independent=Count(Coalesce("citations__source__origin", "citations__source"), distinct=True),
    )
    now, moved, refused = timezone.now(), [], []
    for event in events.exclude(status=status).order_by("start", "slug"):
        if not may_change_status(user, current=event.status, new=status):
            refused.append((event, _("only a reviewer may change the status of a published or unpublished event.")))
            continue
        problems = (event_publishable(event, citations=event.num_citations, independent=event.num_independent)
                    if status == Status.PUBLISHED else [])
        if problems:
            refused.append((event, problems[0]))
            continue
        event_status_change(event=event, status=status, user=user, now=now)
        event.updated_at = event.revised_at = now
        event.updated_by = user
        moved.append(event)
    fields = ["status", "status_changed_at", "status_changed_by", "published_at", "updated_at", "revised_at", "updated_by"]
    Event.objects.bulk_update(moved, fields)
    return len(moved), refused


def events_resolve_relative_dates() -> int:
    """
    Work out anew the start of every event dated relative to another event or to a source's date, anchors
    before the events that hang on them, and save those that moved. Run after an edit or an import that may
    have moved an anchor. Returns how many moved.
    """
    anchored = list(Event.objects.exclude(relative_offset="").select_related("relative_to_source")
                    .only("pk", "start", "start_precision", "relative_to_id", "relative_to_source", "relative_offset"))
    starts = dict((pk, (start, precision)) for pk, start, precision in Event.objects.filter(
        pk__in={e.relative_to_id for e in anchored if e.relative_to_id}).values_list("pk", "start", "start_precision"))
    moved = {}
    for _pass in range(len(anchored) + 1):  # a chain of n anchors settles in n passes
        changed = False
        for event in anchored:
            if event.relative_to_id:
                if event.relative_to_id not in starts:
                    continue
                date, precision = starts[event.relative_to_id]
            else:
                date, precision = event.relative_to_source.published, event.relative_to_source.published_precision
                if date is None:
                    continue
            start = shift_date(date, precision, event.relative_offset)
            if (event.start, event.start_precision) != start:
                event.start, event.start_precision = start
                moved[event.pk], changed = event, True
            if event.pk in starts:
                starts[event.pk] = start
        if not changed:
            break
    Event.objects.bulk_update(list(moved.values()), ["start", "start_precision"], batch_size=1000)
    return len(moved)