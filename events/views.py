import json
from itertools import groupby

from django.db.models import Count, Q
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.generic import DetailView, ListView, TemplateView
from django_filters.views import FilterView

from .charts import line_chart
from .filters import EventFilter
from .models import Actor, Event, Figure, FigureSeries, Place, public_corrections

PAGE_SIZE = 50


def json_ld(data):
    """JSON for a <script> element: '<', '>' and '&' escaped so text cannot close the element."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return mark_safe(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def troop_chart():
    figures = list(Figure.objects.published().filter(series=FigureSeries.KFOR_TROOPS).select_related("source").order_by("date"))
    return {"chart": line_chart(figures), "figures": figures}


class StrictFilterView(FilterView):
    """A django-filter list view whose invalid filter values answer 400, with the form's errors shown."""

    strict = True

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if self.filterset.is_bound and not self.filterset.is_valid():
            response.status_code = 400
        return response


class TimelineView(StrictFilterView):
    """The home page: published events grouped by year, filtered by what the URL says."""

    filterset_class = EventFilter
    template_name = "events/timeline.html"
    context_object_name = "events"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        return Event.objects.published().with_listing_data().chronological()

    def get_paginator(self, queryset, *args, **kwargs):
        """The pager's count is the sum of the year index: one pass over the matching events, not two."""
        paginator = super().get_paginator(queryset, *args, **kwargs)
        self.year_counts = self.count_by_year(queryset)
        paginator.count = sum(n for _, n in self.year_counts)  # Paginator.count is a cached property
        return paginator

    @staticmethod
    def count_by_year(queryset):
        # Each matching event is one row: the actor and place filters select through subqueries
        # (EventQuerySet.involving and at), not joins, so a plain count counts events.
        rows = queryset.order_by().values("start__year").annotate(n=Count("pk")).order_by("start__year")
        return [(row["start__year"], row["n"]) for row in rows]

    def year_index(self):
        """Each year with its number of events and the page it starts on."""
        index, seen = [], 0
        for year, n in self.year_counts[:: -1 if self.filterset.newest_first else 1]:
            index.append({"year": year, "count": n, "page": seen // PAGE_SIZE + 1})
            seen += n
        return index

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            filtered=self.filterset.is_bound,
            years=[(year, list(group)) for year, group in groupby(context["events"], key=lambda e: e.start.year)],
            year_index=self.year_index(),
        )
        if not self.filterset.is_bound:
            context.update(troop_chart())
        return context


class EventDetailView(DetailView):
    template_name = "events/event_detail.html"
    context_object_name = "event"

    def get_queryset(self):
        # Editors preview drafts on the public page; everyone else sees published events only.
        preview = self.request.user.has_perm("events.view_event")
        return (Event.objects.all() if preview else Event.objects.published()).with_detail_data()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = self.object
        context["preview"] = not event.is_published
        citations = list(event.citations.all())
        bibliography, numbers = [], {}
        for citation in citations:  # one entry per source, numbered in order of first citation
            if citation.source_id not in numbers:
                bibliography.append(citation.source)
                numbers[citation.source_id] = len(bibliography)
            citation.number = numbers[citation.source_id]
        published = Event.objects.published()
        # The bound on start alone lets the database walk the (status, start) index from this event outwards.
        earlier = Q(start__lte=event.start) & (Q(start__lt=event.start) | Q(slug__lt=event.slug))
        later = Q(start__gte=event.start) & (Q(start__gt=event.start) | Q(slug__gt=event.slug))
        url = self.request.build_absolute_uri(event.get_absolute_url())
        context.update(
            citations=citations,
            bibliography=bibliography,
            previous=published.filter(earlier).only("slug", "title").order_by("-start", "-slug").first(),
            next=published.filter(later).only("slug", "title").order_by("start", "slug").first(),
            canonical_url=url,
            json_ld=json_ld(self.schema_org(event, bibliography, url)),
        )
        return context

    def schema_org(self, event, bibliography, url):
        data = {
            "@context": "https://schema.org", "@type": "Event", "name": event.title, "description": event.summary,
            "url": url, "startDate": event.start_edtf.rstrip("~"), "eventStatus": "https://schema.org/EventScheduled",
            "location": [{"@type": "Place", "name": p.name} for p in event.places.all()],
            "citation": [
                {"@type": "CreativeWork", "name": s.title, **({"url": s.url} if s.url else {}),
                 **({"publisher": s.publisher} if s.publisher else {})}
                for s in bibliography
            ],
            "dateModified": event.updated_at.isoformat(),
        }
        if event.end:
            data["endDate"] = event.end_edtf
        return data


class _EventsOfMixin:
    """Actor and place pages list the published events of the record and of everything below it, a page at a time."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        ids = self.model.objects.descendant_ids(self.object)
        events = self.events_of(Event.objects.published(), ids).with_listing_data().chronological()
        paginator = Paginator(events, PAGE_SIZE)
        try:
            page = paginator.page(self.request.GET.get("page") or 1)
        except (EmptyPage, PageNotAnInteger):
            raise Http404("No such page of events.") from None
        context.update(events=page.object_list, page_obj=page, paginator=paginator)
        return context


class ActorDetailView(_EventsOfMixin, DetailView):
    model = Actor
    template_name = "events/actor_detail.html"
    context_object_name = "actor"
    queryset = Actor.objects.select_related("parent").prefetch_related("children", "corrections")

    def events_of(self, events, ids):
        return events.involving(ids)


class PlaceDetailView(_EventsOfMixin, DetailView):
    model = Place
    template_name = "events/place_detail.html"
    context_object_name = "place"
    queryset = Place.objects.select_related("parent").prefetch_related("children", "corrections")

    def events_of(self, events, ids):
        return events.at(ids)


class CorrectionListView(ListView):
    """Every correction to a published record, newest first, with a link to the record."""

    template_name = "events/corrections.html"
    context_object_name = "corrections"
    paginate_by = 100

    def get_queryset(self):
        return public_corrections().select_related("content_type").prefetch_related("record").order_by("-corrected_on", "-id")


class FiguresView(TemplateView):
    template_name = "events/figures.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **troop_chart()}


def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
