from itertools import groupby

from django.views.generic import DetailView, ListView

from .models import Actor, Event, Figure, Place


class TimelineView(ListView):
    """The home page: published events, oldest first, grouped by year."""

    template_name = "events/timeline.html"
    context_object_name = "events"

    def get_queryset(self):
        return Event.objects.published().with_listing_data().chronological()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["years"] = [(year, list(group)) for year, group in groupby(context["events"], key=lambda e: e.start.year)]
        context["figures"] = Figure.objects.published().select_related("source").order_by("date")
        return context


class EventDetailView(DetailView):
    template_name = "events/event_detail.html"
    context_object_name = "event"

    def get_queryset(self):
        return Event.objects.published().with_detail_data()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        citations = list(self.object.citations.all())
        # One bibliography entry per source, numbered in order of first citation.
        bibliography, numbers = [], {}
        for citation in citations:
            if citation.source_id not in numbers:
                bibliography.append(citation.source)
                numbers[citation.source_id] = len(bibliography)
            citation.number = numbers[citation.source_id]
        context.update(citations=citations, bibliography=bibliography)
        return context


class _EventsOfMixin:
    """Actor and place pages list their published events."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["events"] = self.events_of(self.object).published().with_listing_data().chronological()
        return context


class ActorDetailView(_EventsOfMixin, DetailView):
    template_name = "events/actor_detail.html"
    context_object_name = "actor"
    queryset = Actor.objects.select_related("parent").prefetch_related("children")

    def events_of(self, actor):
        return Event.objects.filter(event_actors__actor__in=[actor, *actor.children.all()]).distinct()


class PlaceDetailView(_EventsOfMixin, DetailView):
    template_name = "events/place_detail.html"
    context_object_name = "place"
    queryset = Place.objects.select_related("parent").prefetch_related("children")

    def events_of(self, place):
        return Event.objects.filter(places__in=[place, *place.children.all()]).distinct()
