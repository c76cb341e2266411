"""The pages of actors and places: the record, and the published events of it and of everything below it."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language
from django.views.generic import DetailView

from ..caching import versioned
from ..linked_data import absolute_urls, json_ld, node_page
from ..maps import place_map
from ..models import Actor, Correction, Event, Place
from ..selectors import all_mapped_places, public_records, published_event_counts, subtree_ids
from ..translation import localised, with_translations
from .history import live_citing

PAGE_SIZE = 50


def page_of(paginator, request):
    """The page of ``paginator`` that the request's ?page= names; 404 for a page that is not there."""
    try:
        return paginator.page(request.GET.get("page") or 1)
    except (EmptyPage, PageNotAnInteger):
        raise Http404("No such page of events.") from None


def events_page(request, events, count=None):
    """A page of ``events`` (oldest first, as lists show them) for a record's page; ``count`` if known."""
    paginator = Paginator(events.with_listing_data().chronological(), PAGE_SIZE)
    if count is not None:
        paginator.count = count  # a cached_property: the count kept with the content spares a COUNT query
    page = page_of(paginator, request)
    return {"events": page.object_list, "page_obj": page, "paginator": paginator}


class TreeNodeDetailView(DetailView):
    """
    An actor's or a place's page: the record, and the published events of it and of
    everything below it (KFOR's under NATO), a page at a time. ``events_of`` names the
    EventQuerySet method that selects them. The record and the number of events are kept until
    the content changes. Only the actors and places published content uses have a page (selectors.public_records),
    and a page lists only such parts.
    """

    events_of = None
    head_fields = ("pk", "slug", *with_translations("name"))  # what the page's head shows (Actor: and description)

    def get_object(self, queryset=None):
        """The actor or place the URL names, with the fields of the page's head; 404 if readers may not see it."""
        fields = self.head_fields + (("description",) if self.model is Actor else ())
        try:
            return public_records(self.model).only(*fields).get(slug=self.kwargs["slug"])
        except self.model.DoesNotExist:
            raise Http404(f"No {self.model._meta.verbose_name} is found at this address.") from None

    def record(self):
        """The record's part of the page (its names, facts, corrections and notes) in markup, and whether it has children."""
        node = self.model.objects.select_related("parent").prefetch_related(
            Prefetch("children", queryset=public_records(self.model)),
            Prefetch("corrections", queryset=Correction.objects.published())).get(pk=self.object.pk)
        context = {self.get_context_object_name(node): node}
        if self.model is Place:
            context["map"] = place_map(all_mapped_places(), highlight=node, clusters_at=reverse("events:map"))
        name = self.model._meta.model_name
        return {"html": render_to_string(f"events/_{name}_record.html", context), "has_children": bool(node.children.all()),
                "schema": node_page(node)}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        name, pk = self.model._meta.model_name, self.object.pk
        context["record"] = versioned(f"{name}-record:{pk}:{get_language()}", self.record)
        context["json_ld"] = json_ld(absolute_urls(context["record"]["schema"], self.request.build_absolute_uri))
        count = published_event_counts(self.model).get(pk, 0)
        events = getattr(Event.objects.published(), self.events_of)(subtree_ids(self.model, pk))
        citing = live_citing(self.request, name, self.object, localised(self.object, "name")[0])
        return {**context, **citing, **events_page(self.request, events, count=count)}


