"""
Changes to published events wait for a reviewer. An editor without the publish
permission who saves a published event makes an EventChange instead: what the
form would have saved. The live version stays public; staff preview the change
on the event's page; a reviewer approves it (it is applied, in one revision of
the history) or rejects it with a reason, which the editor reads (it is kept, marked
rejected). What all proposed changes share, records other than events included, is in proposals.py.
"""

import reversion
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Citation, Claim, Correction, Event, EventActor, EventChange, Status
from .proposals import (
    ChangeRefused, approval_comment, change_reject, check_pending, decide, proposal_of, rows_of, set_fields,
)
from .services import (
    event_lint_findings, event_lint_hold, event_publishable, events_resolve_relative_dates, status_on_save, status_record,
)

__all__ = ["ChangeRefused", "event_change_approve", "event_change_preview", "event_change_propose", "event_change_reject"]

# What a proposal keeps of each inline it changes: the relation's name on Event, and the values kept per row.
RELATIONS = {
    Citation: ("citations", ["source", "locator", "quote", "note", "order"]),
    EventActor: ("event_actors", ["actor", "role", "order"]),
    Correction: ("corrections", ["corrected_on", "text", "order"]),
    Claim: ("claims", ["date", "date_precision", "source", "locator", "adopted", "reason", "order"]),
}
MANY_TO_MANY = {field.name for field in Event._meta.many_to_many}  # places, legal bases: kept as lists of keys


def event_change_propose(*, event: Event, form, formsets, user, summary: str) -> EventChange:
    """Keep what an editor's admin form would save to a published event as a change for review."""
    return EventChange.objects.create(
        event=event, proposal=proposal_of(model=Event, form=form, formsets=formsets, relations=RELATIONS),
        summary=summary, based_on=event.updated_at, proposed_by=user,
    )


def _rows(relation, rows):
    model = next(m for m, (name, _kept) in RELATIONS.items() if name == relation)
    return rows_of(model, rows)


def _cache(event, name, model, records):
    """Show ``records`` as the event's ``name`` (as a prefetch would) without writing them."""
    queryset = model.objects.none()
    queryset._result_cache, queryset._prefetch_done = list(records), True
    event._prefetched_objects_cache = {**getattr(event, "_prefetched_objects_cache", {}), name: queryset}


def event_change_preview(*, change: EventChange, event: Event) -> Event:
    """``event`` as the change would make it, in memory only: for staff to read before a reviewer decides."""
    set_fields(event, change.proposal["fields"])
    for relation, rows in change.proposal["relations"].items():
        if relation in MANY_TO_MANY:
            model = Event._meta.get_field(relation).related_model
            _cache(event, relation, model, model.objects.filter(pk__in=rows))
            continue
        records = _rows(relation, rows)
        for record in records:
            if relation == "corrections":
                record.record = event
            else:
                record.event = event
        _cache(event, relation, type(records[0]) if records else Citation, sorted(records, key=lambda r: r.order))
    return event


@transaction.atomic
def event_change_approve(*, change: EventChange, user, override: str = "") -> Event:
    """
    Apply a pending change to its event, in one revision of the history; refuse one made on an older version,
    and one whose text the strict lint holds back unless ``override`` gives the reviewer's reason.
    """
    change = EventChange.objects.select_for_update().get(pk=change.pk)
    event = Event.objects.select_for_update().get(pk=change.event_id)
    check_pending(change)
    if event.updated_at > change.based_on:
        raise ChangeRefused(_("“%(title)s” was changed after this change was proposed: reject it, and ask for it "
                              "to be made again on the current version.") % {"title": event.title})
    relations = change.proposal["relations"]
    if "citations" in relations:
        problems = event_publishable(event, citations=len(relations["citations"]))
        if problems and event.is_published:
            raise ChangeRefused(_("“%(title)s” is published and %(problem)s") % {"title": event.title, "problem": problems[0]})
    if event.is_published:
        findings = event_lint_findings(event, values={**vars(event), **change.proposal["fields"]})
        if problem := event_lint_hold(event=event, user=user, reason=override, findings=findings):
            raise ChangeRefused(_("“%(title)s” is published and %(problem)s") % {"title": event.title, "problem": problem})
    with reversion.create_revision():
        set_fields(event, change.proposal["fields"])
        event.full_clean(validate_unique=False)
        event.updated_by, event.revised_at = user, timezone.now()
        event.save()
        for relation, rows in relations.items():
            if relation in MANY_TO_MANY:
                getattr(event, relation).set(rows)
            else:
                getattr(event, relation).all().delete()
                for record in _rows(relation, rows):
                    if relation == "corrections":  # approved with the change, by the reviewer
                        status = status_on_save(user=user, current=None, proposed=Status.PUBLISHED)
                        status_record(record=record, status=status, user=user)
                    getattr(event, relation).add(record, bulk=False)
        reversion.set_user(user)
        reversion.set_comment(lint_comment(approval_comment(change), findings if event.is_published else [], override))
    events_resolve_relative_dates()
    decide(change, EventChange.State.APPROVED, user)
    return event


def event_change_reject(*, change: EventChange, user, reason: str = "") -> None:
    """Reject a pending change, saying why: the editor who proposed it reads the reason."""
    change_reject(change=change, user=user, reason=reason)


def lint_comment(comment: str, findings, override: str) -> str:
    """A version's comment, with the reviewer's reason when they published despite the lint."""
    if not findings:
        return comment
    return f"{comment} " + _("Published despite the lint (%(findings)s): %(reason)s") % {
        "findings": "; ".join(w.message for w in findings), "reason": override.strip()}
