"""
Writes that span records: the editorial workflow. The publishing rules live
here and only here: who may move a record into or out of the public statuses,
what a status change records, and what an event needs before readers see it.
Every path that saves a status goes through status_on_save and status_record:
the admin's forms, actions, revert and recover for events, figures,
corrections and legal provisions, the review of changes, and imports.
"""

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from sources.dates import shift_date

from .lint import lint_record, misnomers
from .models import Correction, Event, LintOverride, Status
from .versions import records_keep_versions

PUBLISH_PERMISSION = "events.publish_event"


def may_change_status(user, *, current: str, new: str, permission: str = PUBLISH_PERMISSION) -> bool:
    """
    Editors draft and send for review; only a user with the publish permission moves a
    record into or out of the public statuses. ``user`` None is the site itself (an import).
    """
    if current == new or user is None:
        return True
    if current in Status.live() or new in Status.live():
        return user.has_perm(permission)
    return True


def status_on_save(*, user, current: str | None, proposed: str, permission: str = PUBLISH_PERMISSION,
                   restored: bool = False) -> str:
    """
    The status a record ends with when ``user`` saves it: the one rule every path follows.
    ``current`` is its status before the save (None for a new or a deleted record), ``proposed`` what
    the form, the action or the restored version asks for; ``restored`` for a revert or a recovery.

    A recovered record comes back as a draft, whoever restores it; so does an editor's revert, whatever
    the version was. A reviewer's save takes the status asked for. An editor's save never makes anything
    public: what would be published, or was, waits for review; what is withdrawn stays withdrawn.
    """
    may_publish = user is None or user.has_perm(permission)
    if restored and (current is None or not may_publish):
        return Status.DRAFT
    if may_publish:
        return proposed
    if current == Status.UNPUBLISHED:
        return current
    if Status.PUBLISHED in (current, proposed):
        return Status.REVIEW
    return current or Status.DRAFT if proposed == Status.UNPUBLISHED else proposed


def correction_save(*, correction, user, restoring: dict | None = None) -> None:
    """
    Save a correction written in the admin: a reviewer's is published at once; an editor's, new or changed,
    waits for review and readers see it once a reviewer approves it. ``restoring`` ({"current": status before,
    None once deleted}) for a revert or a recovery: a recovered correction comes back as a draft, as other records do.
    """
    if restoring is not None:
        current, proposed = restoring["current"], correction.status
    else:
        current, proposed = (Correction.objects.filter(pk=correction.pk).values_list("status", flat=True).first()
                             if correction.pk else None), Status.PUBLISHED
    status = status_on_save(user=user, current=current, proposed=proposed, restored=restoring is not None)
    correction.status = status
    if status != current or restoring is not None:
        status_record(record=correction, status=status, user=user)
    correction.save()


@transaction.atomic
def records_set_status(*, records, status: str, user, permission: str = PUBLISH_PERMISSION) -> int:
    """
    Move ``records`` (a queryset of corrections or legal provisions: records with no checks of their own before
    publishing) to ``status`` as ``user`` may, by status_on_save, in one version each. Returns how many moved.
    """
    now, moved = timezone.now(), []
    for record in records:
        new = status_on_save(user=user, current=record.status, proposed=status, permission=permission)
        if new != record.status:
            status_record(record=record, status=new, user=user, now=now)
            record.updated_at = now
            moved.append(record)
    records.model.objects.bulk_update(moved, ["status", "status_changed_at", "status_changed_by", "updated_at"])
    records_keep_versions(records=moved, user=user, comment=_("Moved to %(status)s.") % {"status": Status(status).label})
    return len(moved)


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


def status_record(*, record, status: str, user=None, now=None) -> None:
    """
    Record on ``record`` (an event, figure or correction, in memory: the caller saves) that ``user``
    moved it to ``status`` now, and when an event was first published. Callers decide ``status`` with
    status_on_save and, when publishing an event, check event_publishable first.
    """
    now = now or timezone.now()
    record.status = status
    record.status_changed_at, record.status_changed_by = now, user
    if status == Status.PUBLISHED and getattr(record, "published_at", False) is None:
        record.published_at = now


@transaction.atomic
def events_set_status(*, events, status: str, user=None, override: str = "") -> tuple[int, list[tuple[Event, str]]]:
    """
    Move the given events to ``status``. An event the user may not move, or that may not be
    published, is refused with the reason; ``override``: a reviewer's reason to publish despite
    the lint (event_lint_hold). Returns (number moved, [(event, reason)]).
    """
    events = Event.objects.filter(pk__in=[e.pk for e in events]).prefetch_related("lint_overrides").annotate(
        num_citations=Count("citations"),
        num_independent=Count(Coalesce("citations__source__origin", "citations__source"), distinct=True),
    )
    now, moved, refused = timezone.now(), [], []
    names = misnomers() if status == Status.PUBLISHED else None
    for event in events.exclude(status=status).order_by("start", "slug"):
        if not may_change_status(user, current=event.status, new=status):
            refused.append((event, _("only a reviewer may change the status of a published or unpublished event.")))
            continue
        problems = (event_publishable(event, citations=event.num_citations, independent=event.num_independent)
                    if status == Status.PUBLISHED else [])
        if status == Status.PUBLISHED and not problems:
            problems = [p for p in [event_lint_hold(event=event, user=user, reason=override, names=names)] if p]
        if problems:
            refused.append((event, problems[0]))
            continue
        status_record(record=event, status=status, user=user, now=now)
        event.updated_at = event.revised_at = now
        event.updated_by = user
        moved.append(event)
    fields = ["status", "status_changed_at", "status_changed_by", "published_at", "updated_at", "revised_at", "updated_by"]
    Event.objects.bulk_update(moved, fields)
    records_keep_versions(records=moved, user=user, comment=_("Moved to %(status)s.") % {"status": Status(status).label})
    return len(moved), refused


def event_lint_findings(event: Event, *, values: dict | None = None, names=None) -> list:
    """
    The strict lint findings on ``event``'s text (``values``: the text about to be saved, by field) that no
    reviewer has overridden for it yet. ``names``: the misnomers, compiled once for a batch.
    """
    overridden = {(f["field"], f["message"]) for override in (event.lint_overrides.all() if event.pk else ())
                  for f in override.findings}
    return [w for w in lint_record("events", vars(event) if values is None else values, names or misnomers())
            if w.strict and (w.field, w.message) not in overridden]


def event_lint_hold(*, event: Event, user, reason: str = "", findings=None, names=None) -> str:
    """
    What holds back publishing ``event``: its strict lint findings, unless a reviewer overrides them with
    ``reason``, which is then recorded (who, when, why, which findings). Empty when nothing does.
    """
    findings = event_lint_findings(event, names=names) if findings is None else findings
    if not findings:
        return ""
    if not reason.strip() or user is None:
        return _("the lint found %(findings)s. A reviewer may publish it anyway, giving the reason.") % {
            "findings": "; ".join(f"{w.field}: {w.message}" for w in findings)}
    LintOverride.objects.create(event=event, overridden_by=user, reason=reason.strip(),
                                findings=[{"field": w.field, "message": w.message} for w in findings])
    return ""


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