"""
Versions kept in bulk: for writes that bypass save() (an import's bulk inserts and updates), each record and what
its django-reversion registration follows gets a version, in one revision, so nothing is lost once deleted.
"""

import json

import reversion
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, router
from django.utils import timezone
from reversion.models import Revision, Version


def follows(model):
    """
    The relations django-reversion follows from a version of ``model`` (the admin's inlines), as prefetches that
    also read the records each related row names: a version's text (an actor's role, a citation) names them.
    """
    from reversion.revisions import _get_options

    fields = {f.name: f for f in model._meta.get_fields()}
    prefetches = []
    for name in _get_options(model).follow:
        if name in fields:
            related = fields[name].related_model
            named = [f.name for f in related._meta.concrete_fields if f.many_to_one]
            prefetches.append(models.Prefetch(name, queryset=related._base_manager.select_related(*named)))
    # And the record's own many-to-many fields (places, legal bases), which its serialized version lists.
    return prefetches + [field.name for field in model._meta.many_to_many]


def records_keep_versions(*, records, user=None, comment: str = "", batch_size: int = 100) -> None:
    """
    Keep a version of each of ``records`` (and what its registration follows) in one revision of the history:
    for writes that bypass save(), such as bulk updates and bulk inserts, so nothing is lost once deleted.
    ``records`` may be instances or (model, pk) pairs. Versions are written a batch at a time, each batch's
    revision then merged into the first, so a large import holds one batch of versions in memory, not all.
    """
    keys = [(type(r), r.pk) if isinstance(r, models.Model) else r for r in records]
    by_model = {}
    for model, pk in keys:
        if reversion.is_registered(model):
            by_model.setdefault(model, []).append(pk)
    if reversion.is_active():  # within a revision already (an admin view): the versions join it
        for model, pks in by_model.items():
            for record in model._base_manager.filter(pk__in=pks):
                reversion.add_to_revision(record)
        return
    revision, seen = None, set()
    for model, pks in by_model.items():
        for start in range(0, len(pks), batch_size):
            batch = model._base_manager.filter(pk__in=pks[start:start + batch_size]).prefetch_related(*follows(model))
            versions = versions_of(batch, seen)
            if versions and revision is None:
                revision = Revision.objects.create(user=user, comment=comment, date_created=timezone.now())
            Version.objects.bulk_create([*versions_with(versions, revision)], batch_size=batch_size)


def versions_of(records, seen):
    """
    Unsaved versions of ``records`` and of what their registrations follow, as django-reversion would write them,
    serialized a model at a time: one serializer run per model and batch, not one per record (a large import's
    versions took a minute for 10,000 events written one by one). ``seen``: (content type, id) already versioned.
    """
    from reversion.revisions import _follow_relations, _get_options

    found, stack = {}, list(records)
    while stack:
        record = stack.pop()
        key = (ContentType.objects.get_for_model(type(record)).pk, str(record.pk))
        if key not in seen:
            seen.add(key)
            found.setdefault(type(record), []).append(record)
            stack.extend(_follow_relations(record))
    versions = []
    for model, objects in found.items():
        options, content_type = _get_options(model), ContentType.objects.get_for_model(model)
        natural = options.use_natural_foreign_keys
        data = serializers.serialize("python", objects, fields=options.fields, use_natural_foreign_keys=natural)
        for obj, item in zip(objects, data):
            text = (json.dumps([item], cls=DjangoJSONEncoder) if options.format == "json" else serializers.serialize(
                options.format, (obj,), fields=options.fields, use_natural_foreign_keys=natural))
            versions.append(Version(content_type=content_type, object_id=str(obj.pk), db=router.db_for_write(model),
                                    format=options.format, serialized_data=text, object_repr=str(obj)))
    return versions


def versions_with(versions, revision):
    for version in versions:
        version.revision = revision
        yield version
