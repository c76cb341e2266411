from django.db import models
from django.db.models import Prefetch

from sources.search import search

from .status import Status
from ..translation import with_translations

# The text an event search looks in (on SQLite; PostgreSQL's search vector holds the same, weighted).
EVENT_SEARCH_FIELDS = [*with_translations("title", "summary"), "body", "notes"]
# What a list of events shows of each: its link, date, title, summary and whether it is a key event.
LISTING_FIELDS = ["slug", *with_translations("title", "summary"), "start", "start_precision", "end", "end_precision",
                  "approximate", "display_date", "key_event", "event_type"]


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """What readers may see. Every public read starts here."""
        return self.filter(status=Status.PUBLISHED)


class EventQuerySet(PublishableQuerySet):
    def chronological(self, newest_first=False):
        return self.order_by("-start", "-slug") if newest_first else self.order_by("start", "slug")

    # A semi-join (id IN (subquery)) rather than a join: each event comes once without DISTINCT,
    # so counting the matches does not compare whole rows.
    def involving(self, actor_ids):
        roles = self.model.actors.through.objects
        return self.filter(pk__in=roles.filter(actor__in=actor_ids).values("event_id"))

    def at(self, place_ids):
        return self.filter(pk__in=self.model.places.through.objects.filter(place__in=place_ids).values("event_id"))

    def search(self, text, *, headline_field=None):
        return search(self, text, fields=EVENT_SEARCH_FIELDS, headline_field=headline_field)

    def in_year(self, year):
        return self.filter(start__year=year)

    def with_listing_data(self):
        """
        What a list of events shows (``LISTING_FIELDS``), its type and its places as ``listed_places``, in a fixed
        number of queries. Only those fields: a list page builds fifty events, and every other field costs each of them.
        """
        from .entities import Place

        places = Place.objects.only(*with_translations("name"), "slug")
        return (self.select_related("event_type").only(*LISTING_FIELDS, "event_type__name", "event_type__slug")
                .prefetch_related(Prefetch("places", places, to_attr="listed_places")))

    def detail_lookups(self):
        """The prefetches of what an event page shows, by relation."""
        roles = self.model.actors.through.objects.select_related("actor")
        citations = self.model.citations.rel.related_model.objects.select_related("source__derived_from")
        claims = self.model.claims.rel.related_model.objects.select_related("source")
        corrections = self.model._meta.get_field("corrections").related_model
        provisions = self.model._meta.get_field("legal_bases").related_model
        return {
            "places": "places",
            # An event names a provision once a reviewer has published it.
            "legal_bases": models.Prefetch("legal_bases", queryset=provisions.objects.published()),
            # Readers see a correction once a reviewer has published it.
            "corrections": models.Prefetch("corrections", queryset=corrections.objects.published()),
            "event_actors": models.Prefetch("event_actors", queryset=roles.order_by("order", "id")),
            "citations": models.Prefetch("citations", queryset=citations.order_by("order", "id")),
            "claims": models.Prefetch("claims", queryset=claims.order_by("order", "id")),
            "figures": models.Prefetch("figures", queryset=self.model.figures.rel.related_model.objects.published()
                                       .select_related("source").prefetch_related(
                                           models.Prefetch("claims", queryset=claims.order_by("order", "id")))),
        }

    def with_detail_data(self):
        """Everything an event page shows, for any number of events, in a fixed number of queries."""
        # The relations most events leave empty are prefetched, not joined: an empty one costs no query, and each
        # join more slows PostgreSQL's planning of the event's query more than the query itself takes.
        return self.select_related("event_type").defer("search_vector").prefetch_related(
            "planned_by", "plan_source", "relative_to", "relative_to_source", *self.detail_lookups().values())

    def for_event_page(self):
        """
        One event, for its page: with_detail_data's fields, and whether it has any of the relations most
        events lack (has_<name>), asked in the event's own query; load_event_page then loads only those it has.
        """
        from django.contrib.contenttypes.models import ContentType

        related = {name: self.model._meta.get_field(name).related_model for name in OPTIONAL_RELATIONS}
        corrections = related["corrections"].objects.filter(
            content_type=ContentType.objects.get_for_model(self.model), object_id=models.OuterRef("pk")).published()
        return self.select_related("event_type").defer("search_vector").annotate(
            has_claims=models.Exists(related["claims"].objects.filter(event=models.OuterRef("pk"))),
            has_legal_bases=models.Exists(self.model.legal_bases.through.objects.filter(
                event=models.OuterRef("pk"), legalprovision__in=related["legal_bases"].objects.published())),
            has_corrections=models.Exists(corrections),
            has_figures=models.Exists(related["figures"].objects.published().filter(event=models.OuterRef("pk"))),
        )


# Relations an event page shows that most events leave empty (EventQuerySet.for_event_page).
OPTIONAL_RELATIONS = ("claims", "legal_bases", "corrections", "figures")


def load_event_page(event):
    """
    Prefetch what the page of ``event`` (from for_event_page) shows: its places, actors and citations, and those
    of OPTIONAL_RELATIONS it has; the others are set empty without a query. Its planner, plan source and anchors
    are left to load when read: most events have none, and one that is empty costs nothing.
    """
    lookups = type(event).objects.detail_lookups()
    cache = event.__dict__.setdefault("_prefetched_objects_cache", {})
    for name in OPTIONAL_RELATIONS:
        if not getattr(event, f"has_{name}"):
            cache[name] = getattr(event, name).none()
            del lookups[name]
    models.prefetch_related_objects([event], *lookups.values())
    return event


class TreeQuerySet(models.QuerySet):
    """Actors and places form trees (KFOR within NATO; Jarinje within northern Kosovo)."""

    def children_map(self):
        """Each record's id under its parent's id (None for the roots): the whole tree, in one query."""
        children = {}
        for pk, parent_id in self.values_list("pk", "parent_id"):
            children.setdefault(parent_id, []).append(pk)
        return children

    def descendant_ids(self, root):
        """The ids of ``root`` and everything below it, at any depth, in one query."""
        return subtree(self.children_map(), root.pk)


def subtree(children, root_id):
    """The ids of ``root_id`` and everything below it in ``children`` (TreeQuerySet.children_map)."""
    ids, stack = set(), [root_id]
    while stack:
        pk = stack.pop()
        if pk not in ids:
            ids.add(pk)
            stack.extend(children.get(pk, []))
    return ids
