"""
The public history of events, actors, places and sources, read from django-reversion's versions.

A public version is one readers were shown. An event's version is public when the event was published in it and a
reviewer saved it (published it, approved a change to it, or an import did, which has no user), as a reviewer then
(events.models.ReviewerRevision), whatever their role later: drafts, changes in
review and editors' proposals never are. Actors, places and sources have no status: a version of one is written only
by a save that went live (an editor's change to one readers see waits for review, events.proposals, and is versioned
once approved; one no reader sees yet, which published content does not use, is saved at once), so each of their
versions is public once the record is (selectors.public_records). Public versions are numbered 1..n in the order they
were made, so a later version never renumbers an earlier one; a version that changed nothing readers see keeps its
number, and says so.
"""

import difflib
import json

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.db.models import Q
from reversion.models import Version

from .services import PUBLISH_PERMISSION

# What readers never see: the workflow's bookkeeping, the search index and the link checker's results.
HIDDEN_FIELDS = {"id", "status", "status_changed_at", "status_changed_by", "created_by", "updated_by", "created_at",
                 "updated_at", "published_at", "revised_at", "search_vector", "translations_reviewed", "origin",
                 "link_checked_at", "link_status", "link_error", "link_final_url"}


def note_reviewer_revision(sender, revision, versions, **kwargs):
    """django-reversion's post_revision_commit: note a revision saved by a user who may publish, as they may now."""
    from .models import ReviewerRevision

    if revision.user is not None and revision.user.has_perm(PUBLISH_PERMISSION):
        ReviewerRevision.objects.create(revision=revision)


def has_workflow(model):
    return any(field.name == "status" for field in model._meta.concrete_fields)


class PublicVersion:
    """A numbered public version: its number, date, edit summary and the record's fields as they were."""

    def __init__(self, number, version, fields):
        self.number, self.version, self.fields = number, version, fields
        self.date, self.summary = version.revision.date_created, version.revision.get_comment()
        self.changed = None  # labels of the public fields it changed from the version before; None for the first

    def record(self):
        """The record as it was, unsaved, with its many-to-many keys in ``m2m_data``."""
        deserialized = next(serializers.deserialize(self.version.format, self.version.serialized_data,
                                                    ignorenonexistent=True))
        record = deserialized.object
        record.m2m_data, record._state.adding = deserialized.m2m_data, False
        return record


def public_versions(model, pk):
    """The public versions of record ``pk`` of ``model``, numbered from 1, oldest first, in one query."""
    versions = Version.objects.get_for_object_reference(model, pk).select_related("revision").order_by("pk")
    if has_workflow(model):
        # A prefilter in the database; the status is checked exactly below (a title could hold these words).
        versions = versions.filter(serialized_data__contains='"status": "published"').filter(
            Q(revision__user__isnull=True) | Q(revision__by_reviewer__isnull=False))
    public, previous = [], None
    for version in versions:
        fields = json.loads(version.serialized_data)[0]["fields"] if version.format == "json" else version.field_dict
        if has_workflow(model) and fields.get("status") != "published":
            continue
        item = PublicVersion(len(public) + 1, version, fields)
        item.changed = changed_fields(model, previous.fields, fields) if previous else None
        public.append(item)
        previous = item
    return public


def public_fields(model):
    return [f for f in [*model._meta.concrete_fields, *model._meta.many_to_many]
            if f.name not in HIDDEN_FIELDS and f.editable]


def changed_fields(model, before, after):
    return [field.verbose_name for field in public_fields(model) if before.get(field.name) != after.get(field.name)]


def _names(model, values_by_field):
    """The words readers know for the keys a version stores (an event type's name, not its id): one query a relation."""
    names = {}
    for field, keys in values_by_field.items():
        keys = {k for k in keys if k is not None}
        if keys:
            names[field.name] = {pk: str(obj) for pk, obj in field.related_model._base_manager.in_bulk(keys).items()}
    return names


def _shown(field, value, names):
    """A stored value as readers read it."""
    if value in (None, "", []):
        return ""
    if field.is_relation:
        keys = value if isinstance(value, list) else [value]
        return "; ".join(names.get(field.name, {}).get(key, str(key)) for key in keys)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)


def diff(model, old, new):
    """
    What changed between two public versions, field by field, readers' fields only: each as its label and a list of
    (operation, text) pieces, word by word (difflib), where operation is "same", "removed" or "added". The template
    escapes the text.
    """
    fields = [f for f in public_fields(model) if old.fields.get(f.name) != new.fields.get(f.name)]
    related = {f: [*_keys(old.fields.get(f.name)), *_keys(new.fields.get(f.name))] for f in fields if f.is_relation}
    names = _names(model, related)
    changes = []
    for field in fields:
        before, after = _shown(field, old.fields.get(field.name), names), _shown(field, new.fields.get(field.name), names)
        if before != after:
            changes.append({"label": field.verbose_name, "pieces": word_diff(before, after)})
    return changes


def _keys(value):
    return value if isinstance(value, list) else [value]


def word_diff(before, after):
    old, new = before.split(" "), after.split(" ")
    pieces = []
    for operation, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if operation == "equal":
            pieces.append(("same", " ".join(old[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(("removed", " ".join(old[i1:i2])))
        if j2 > j1:
            pieces.append(("added", " ".join(new[j1:j2])))
    return pieces


def _cache(record, name, objects):
    """Show ``objects`` as the record's ``name`` relation, as a prefetch would, without a query."""
    queryset = getattr(record, name).none()
    queryset._result_cache, queryset._prefetch_done = list(objects), True
    record.__dict__.setdefault("_prefetched_objects_cache", {})[name] = queryset


def version_relations(record, version, current, labels=None):
    """
    Give ``record`` (from PublicVersion.record) its related lists as the version holds them: the rows its revision
    kept of each relation django-reversion follows, and its many-to-many as stored; where the revision holds none of a
    relation, ``current`` (name: queryset) gives today's. Returns the labels of the relations shown as they are now.
    A fixed number of queries: one for the revision's rows, one a kind of record they name, one a current relation.
    ``labels`` names a relation for readers where its model's plural does not.
    """
    from reversion.revisions import _get_options

    model, now_shown = type(record), []
    _load_references([record], owners=())
    for name, keys in record.m2m_data.items():
        field = model._meta.get_field(name)
        _cache(record, name, field.related_model.objects.filter(pk__in=keys))
    follows = {name: model._meta.get_field(name) for name in _get_options(model).follow}
    kept = Version.objects.filter(revision_id=version.revision_id, content_type__in=[
        ContentType.objects.get_for_model(f.related_model) for f in follows.values()])
    rows = {}
    for item in kept:
        row = next(serializers.deserialize(item.format, item.serialized_data, ignorenonexistent=True)).object
        rows.setdefault(type(row), []).append(row)
    for name, field in follows.items():
        mine = [row for row in rows.get(field.related_model, []) if _belongs(row, record, field)]
        if not mine:
            if name in current:
                _cache(record, name, current[name])
                now_shown.append((labels or {}).get(name, field.related_model._meta.verbose_name_plural))
            continue
        if hasattr(field.related_model, "status"):
            mine = [row for row in mine if row.status == "published"]
        mine = _load_references(mine)
        _cache(record, name, sorted(mine, key=lambda row: (getattr(row, "order", 0), row.pk)))
    for name, queryset in current.items():
        if name not in follows:
            _cache(record, name, queryset)
            now_shown.append((labels or {}).get(name, model._meta.get_field(name).related_model._meta.verbose_name_plural))
    return now_shown


def _belongs(row, record, field):
    if isinstance(field, GenericRelation):
        return (str(row.object_id) == str(record.pk)
                and row.content_type_id == ContentType.objects.get_for_model(type(record)).pk)
    return getattr(row, field.field.attname) == record.pk


def _load_references(rows, *, owners=("event", "figure")):
    """
    Set the records ``rows`` name (a citation's source, a role's actor, an event's type), one query a kind, and return
    the rows whose references still exist: a row naming a record deleted since is left out, and on the record itself
    (``owners`` empty) such a reference reads as empty, so an old version never fails to show.
    """
    by_field, skipped, missing = {}, (get_user_model(), ContentType), set()
    for row in rows:
        for field in type(row)._meta.concrete_fields:
            # Not the row's owner (the event or figure it belongs to), nor who wrote it.
            if field.many_to_one and field.related_model not in skipped and field.name not in owners:
                by_field.setdefault(field, set()).add(getattr(row, field.attname))
    for field, keys in by_field.items():
        keys = {k for k in keys if k is not None}
        if not keys:
            continue
        queryset = field.related_model._base_manager.all()
        if field.related_model._meta.label == "sources.Source":
            queryset = queryset.select_related("derived_from")
        found = queryset.in_bulk(keys)
        for row in rows:
            value = getattr(row, field.attname)
            if value in found:
                setattr(row, field.name, found[value])
            elif value is not None and owners:
                missing.add(id(row))
            elif value is not None:
                setattr(row, field.name, None)
    return [row for row in rows if id(row) not in missing]
