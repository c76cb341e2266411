"""
Reads shared by several places: the public pages, the editors' dashboard and
the admin's filters ask the same questions, answered here once.
"""

import operator
from functools import reduce

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce

from sources.models import Source

from .caching import versioned
from .models.querysets import subtree
from .models import (
    Actor, Citation, Claim, Correction, Event, EventActor, EventChange, EventType, Figure, LegalProvision, Place,
    Status,
)
from .translation import with_translations


def public_sources():
    """
    Sources readers may see: those that published content uses. A published event cites it, is planned or
    dated by it, or a claim of it names it; a published figure, or a claim of one, gives it; a published legal
    provision (each has its public page) is published in it. A source only drafts use stays hidden everywhere: its
    page, the bibliography, search, sitemaps and every download.
    """
    events, figures = Event.objects.published(), Figure.objects.published()
    uses = [
        Citation.objects.filter(source=OuterRef("pk"), event__in=events),
        events.filter(Q(plan_source=OuterRef("pk")) | Q(relative_to_source=OuterRef("pk"))),
        figures.filter(source=OuterRef("pk")),
        Claim.objects.filter(Q(event__in=events) | Q(figure__in=figures), source=OuterRef("pk")),
        LegalProvision.objects.published().filter(source=OuterRef("pk")),
    ]
    return _used(Source, uses)


def _used(model, uses):
    """The records of ``model`` that one of ``uses`` (subqueries on OuterRef("pk")) finds."""
    return model.objects.filter(reduce(operator.or_, (Exists(use) for use in uses)))


def _with_ancestors(model, records):
    """
    ``records`` (actors or places) and every record above them in their tree, as one subquery: a recursive one,
    since the trees have no fixed depth. UNION, not UNION ALL, stops at a record already found.
    """
    sql, params = records.order_by().values("pk").query.sql_with_params()
    table, pk, parent = (connection.ops.quote_name(name) for name in (
        model._meta.db_table, model._meta.pk.column, model._meta.get_field("parent").column))
    above = (f"WITH RECURSIVE above(id) AS ({sql} UNION SELECT node.{parent} FROM {table} node "
             f"JOIN above ON node.{pk} = above.id WHERE node.{parent} IS NOT NULL) SELECT id FROM above")
    return model.objects.filter(pk__in=RawSQL(above, params))


def public_actors():
    """
    Actors readers may see: those published content uses (a published event's actors and planners) and those
    above them, whose pages list their subtree's events. An actor only drafts use, or none, stays hidden: its page,
    sitemaps, the API, downloads, filters and search.
    """
    events = Event.objects.published()
    return _with_ancestors(Actor, _used(Actor, [EventActor.objects.filter(actor=OuterRef("pk"), event__in=events),
                                                events.filter(planned_by=OuterRef("pk"))]))


def public_places():
    """Places readers may see: those published events happened at, and those that hold them; as public_actors."""
    uses = [Event.places.through.objects.filter(place=OuterRef("pk"), event__in=Event.objects.published())]
    return _with_ancestors(Place, _used(Place, uses))


def public_event_types():
    """Event types readers may see: those of published events. A type only drafts have is in no filter or download."""
    return _used(EventType, [Event.objects.published().filter(event_type=OuterRef("pk"))])


def public_records(model):
    """
    The records of ``model`` readers see, each kind by the queryset its public pages read: published events, figures
    and legal provisions, and the actors, places, event types and sources published content uses.
    """
    readable = {Event: Event.objects.published, Figure: Figure.objects.published,
                LegalProvision: LegalProvision.objects.published, Actor: public_actors, Place: public_places,
                EventType: public_event_types, Source: public_sources}
    return readable[model]()


def public_corrections():
    """
    Corrections readers may see: published ones (an editor's wait for review) of public records: published events
    and figures, and the actors, places and sources published content uses.
    """
    hidden = {model: public_records(model) for model in (Event, Figure, Actor, Place, Source)}
    types = ContentType.objects.get_for_models(*hidden)
    corrections = Correction.objects.published()
    for model, public in hidden.items():
        corrections = corrections.exclude(Q(content_type=types[model]) & ~Q(object_id__in=public.values("pk")))
    return corrections


def public_citations():
    """Citations that readers may see: those of published events."""
    return Citation.objects.filter(event__in=Event.objects.published())


def public_claims():
    """Claims readers may see: those of published events and figures."""
    return Claim.objects.filter(Q(event__in=Event.objects.published()) | Q(figure__in=Figure.objects.published()))


def unused_sources(sources=None):
    """Sources that no citation and no figure refers to, whatever their status."""
    sources = Source.objects.all() if sources is None else sources
    cited = Exists(Citation.objects.filter(source=OuterRef("pk")))
    charted = Exists(Figure.objects.filter(source=OuterRef("pk")))
    return sources.filter(~cited & ~charted)


def uncited_events(events=None):
    """Events that cite no source."""
    events = Event.objects.all() if events is None else events
    return events.filter(~Exists(Citation.objects.filter(event=OuterRef("pk"))))


def single_source_events(events=None):
    """Events whose citations all name one source."""
    events = Event.objects.all() if events is None else events
    return events.alias(num_sources=Count("citations__source", distinct=True)).filter(num_sources=1)


def one_origin_events(events=None):
    """Events whose citations all go back to one origin: however many sources they cite, they rest on one."""
    events = Event.objects.all() if events is None else events
    origins = Count(Coalesce("citations__source__origin", "citations__source"), distinct=True)
    return events.alias(num_origins=origins).filter(num_origins=1)


def _unresolved(queryset, subject, value):
    adopted = Exists(Claim.objects.filter(**{subject: OuterRef("pk")}, adopted=True))
    return queryset.alias(num_values=Count(f"claims__{value}", distinct=True)).filter(num_values__gte=2).filter(~adopted)


def events_with_unresolved_claims(events=None):
    """Events whose sources give different dates, none of them adopted yet."""
    return _unresolved(Event.objects.all() if events is None else events, "event", "date")


def figures_with_unresolved_claims(figures=None):
    """Figures whose sources give different numbers, none of them adopted yet."""
    return _unresolved(Figure.objects.all() if figures is None else figures, "figure", "number")


def events_in_review(events=None):
    events = Event.objects.all() if events is None else events
    return events.filter(status=Status.REVIEW)


def changes_in_review(model=EventChange):
    """Changes to published events (``model`` RecordChange: to other published records) that wait for a reviewer."""
    return model.objects.filter(state=model.State.PENDING)


def rejected_changes(user, model=EventChange):
    """``user``'s changes to published events (or, with RecordChange, to other records) that a reviewer rejected."""
    return model.objects.filter(state=model.State.REJECTED, proposed_by=user)


def mapped_places(events):
    """The places with coordinates that ``events`` happened at, each with ``num_events``: how many of them."""
    return (Place.objects.filter(latitude__isnull=False, events__in=events.values("pk")).annotate(num_events=Count("events"))
            .only("pk", "slug", *with_translations("name"), "kind", "latitude", "longitude").order_by("name"))


def all_mapped_places():
    """``mapped_places`` of every published event, kept until the content changes."""
    return versioned("mapped-places", lambda: list(mapped_places(Event.objects.published())))


def subtree_ids(model, pk):
    """
    The ids of the actor or place ``pk`` (``model``: Actor or Place) and of everything below it, from the tree
    kept until the content changes.
    """
    return subtree(versioned(f"tree:{model._meta.label_lower}", model.objects.children_map), pk)


def published_event_counts(model):
    """
    For each actor or place (``model``), the number of published events of it and of everything below it,
    kept until the content changes: a record's page then costs the same however many events it has.
    """

    def compute():
        relation = (Event.actors.through if model is Actor else Event.places.through).objects.filter(
            event__status=Status.PUBLISHED)
        node = "actor" if model is Actor else "place"
        counts = dict(relation.values_list(node).annotate(n=Count("event", distinct=True)).values_list(node, "n"))
        children = model.objects.children_map()
        for pk in children.keys() - {None}:  # an event of two bodies within one counts once for it: a distinct count per subtree
            counts[pk] = relation.filter(**{f"{node}__in": subtree(children, pk)}).values("event").distinct().count()
        return counts

    return versioned(f"event-counts:{model._meta.label_lower}", compute)
