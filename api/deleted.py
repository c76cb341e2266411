"""
Withdrawn events: those readers could once see and no longer can. There is no deletion log; the record's history
(django-reversion) and the event's own dates say what is needed:

- an event deleted after it was published: reversion keeps its last version; it counts if that version had been
  published (published_at set), and is dated by that version's revision, the last change recorded before deletion;
- an event once published (published_at set) whose status is now another: dated by status_changed_at.
"""

import json

from reversion.models import Version

from events.models import Event, Status


def withdrawn_events():
    """[{"kind": "event", "slug", "withdrawn", "reason"}] in two queries, whatever the number of events."""
    records = [
        {"kind": "event", "slug": slug, "withdrawn": changed or published, "reason": "unpublished"}
        for slug, changed, published in Event.objects.exclude(status=Status.PUBLISHED).filter(published_at__isnull=False)
        .values_list("slug", "status_changed_at", "published_at")
    ]
    for version in Version.objects.get_deleted(Event).select_related("revision"):
        fields = _fields(version)
        if fields.get("published_at") and fields.get("slug"):
            records.append({"kind": "event", "slug": fields["slug"], "withdrawn": version.revision.date_created,
                            "reason": "deleted"})
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
