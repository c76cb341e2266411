"""
Withdrawn events: those readers could once see and no longer can. The record's history (django-reversion), the
admin's log and the event's own dates say what is needed:

- an event deleted after it was published: reversion keeps its last version; it counts if that version had been
  published (published_at set), and is dated by the admin's log of its deletion, or, deleted some other way, by that
  version's revision, the last change recorded before deletion;
- an event once published (published_at set) whose status is now another: dated by status_changed_at.
"""

import json

from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from reversion.models import Version

from events.models import Event, Status


def withdrawn_events():
    """[{"kind": "event", "slug", "withdrawn", "reason"}] in four queries, whatever the number of events."""
    records = [
        {"kind": "event", "slug": slug, "withdrawn": changed or published, "reason": "unpublished"}
        for slug, changed, published in Event.objects.exclude(status=Status.PUBLISHED).filter(published_at__isnull=False)
        .values_list("slug", "status_changed_at", "published_at")
    ]
    deleted = list(Version.objects.get_deleted(Event).select_related("revision"))
    logged = dict(LogEntry.objects.filter(  # the last deletion logged of each id, in the admin's log
        content_type=ContentType.objects.get_for_model(Event), action_flag=DELETION,
        object_id__in=[version.object_id for version in deleted]).order_by("action_time").values_list("object_id", "action_time"))
    for version in deleted:
        fields = _fields(version)
        if fields.get("published_at") and fields.get("slug"):
            withdrawn = logged.get(version.object_id, version.revision.date_created)
            records.append({"kind": "event", "slug": fields["slug"], "withdrawn": withdrawn, "reason": "deleted"})
    # A slug deleted and then used again by a published event is public again: it is not withdrawn.
    live = set(Event.objects.published().filter(slug__in=[r["slug"] for r in records]).values_list("slug", flat=True))
    latest = {}
    for record in records:
        if record["slug"] not in live and (record["slug"] not in latest or record["withdrawn"] > latest[record["slug"]]["withdrawn"]):
            latest[record["slug"]] = record
    return list(latest.values())


def _fields(version):
    """The serialised fields of a version, read without loading the model (its fields may since have changed)."""
    try:
        return json.loads(version.serialized_data)[0]["fields"]
    except (ValueError, LookupError, TypeError):
        return {}
