"""Writes on the bibliography that span records."""

from django.db import IntegrityError, transaction

from .models import Source

FILLABLE = ["authors", "publisher", "published", "published_precision", "url", "archive_url", "archived_on",
            "accessed_on", "notes"]


class MergeRefused(Exception):
    pass


@transaction.atomic
def source_merge(*, target: Source, duplicate: Source) -> int:
    """
    Merge ``duplicate`` into ``target``: everything that cites the duplicate
    (citations, figures, whatever refers to a source) now cites the target, the
    target keeps its values and takes the duplicate's where its own are empty,
    and the duplicate is deleted. Returns how many records were moved.
    """
    if target.pk == duplicate.pk:
        raise MergeRefused("A source cannot be merged into itself.")
    if target.derived_from_id == duplicate.pk:  # the kept source repeated the other: once they are one, it is an origin
        Source.objects.filter(pk=target.pk).update(derived_from=None, derivation="")
    moved = 0
    for relation in Source._meta.related_objects:  # generic: this app does not know who cites sources
        if relation.one_to_many or relation.one_to_one:
            manager = relation.related_model._base_manager
            try:
                with transaction.atomic():
                    moved += manager.filter(**{relation.field.name: duplicate}).update(**{relation.field.name: target})
            except IntegrityError:
                raise MergeRefused(
                    f"Both sources are used by the same {relation.related_model._meta.verbose_name}; "
                    "remove one of the two uses, then merge."
                ) from None
    for name in FILLABLE:
        if not getattr(target, name) and getattr(duplicate, name):
            setattr(target, name, getattr(duplicate, name))
    target.derived_from_id, target.derivation = Source.objects.filter(pk=target.pk).values_list(
        "derived_from_id", "derivation").get()
    target.origin_id = None  # may be the duplicate's; worked out anew below
    note = f"Merged with “{duplicate.title}” (key {duplicate.key})."
    target.notes = f"{target.notes}\n{note}".strip()
    duplicate.delete()  # first, so that the target may take over its URL
    target.full_clean()
    target.save()
    sources_refresh_origins()
    return moved


def sources_refresh_origins() -> int:
    """
    Set every source's origin: the end of its chain of derived_from (none for an origin). Run after any change
    to derivations; reads every source's link once. Returns how many sources changed.
    """
    links = dict(Source.objects.values_list("pk", "derived_from_id"))
    changed = []
    for source in Source.objects.only("pk", "origin_id"):
        node, seen = source.pk, set()
        while links.get(node) is not None and node not in seen:
            seen.add(node)
            node = links[node]
        origin = node if node != source.pk else None
        if source.origin_id != origin:
            source.origin_id = origin
            changed.append(source)
    Source.objects.bulk_update(changed, ["origin"], batch_size=1000)
    return len(changed)
