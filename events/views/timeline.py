"""The home page: the published timeline, filtered by what the URL says."""

from itertools import groupby

from django.db.models import Count
from django_filters.views import FilterView

from ..bands import MAX_MARKS, timeline_band
from ..filters import EventFilter
from ..maps import place_map
from ..selectors import mapped_places
from ..models import Event
from .pages import PAGE_SIZE, troop_chart

BAND_FIELDS = ("slug", "title", "start", "start_precision", "end", "end_precision", "approximate", "key_event")


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

    def band(self, year_index, count):
        """The band above the list: every event if there are few enough, else counts per year and the key events."""
        rows = self.object_list.order_by("start", "slug").values(*BAND_FIELDS)
        if count <= MAX_MARKS:
            return timeline_band(year_index=year_index, marks=list(rows[:MAX_MARKS]))
        key = list(rows.filter(key_event=True)[:MAX_MARKS + 1])
        return timeline_band(year_index=year_index, key_marks=key if len(key) <= MAX_MARKS else None)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year_index = self.year_index()
        context.update(
            filtered=self.filterset.is_bound,
            years=[(year, list(group)) for year, group in groupby(context["events"], key=lambda e: e.start.year)],
            year_index=year_index,
            band=self.band(year_index, context["paginator"].count),
        )
        if self.filterset.is_bound:
            context["map"] = place_map(mapped_places(self.object_list))
        if not self.filterset.is_bound:
            context.update(troop_chart())
        return context


class MapView(StrictFilterView):
    """/map/: the places of the published events, or of those the filters select, on a map of Kosovo."""

    filterset_class = EventFilter
    template_name = "events/map.html"

    def get_queryset(self):
        return Event.objects.published()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(filtered=self.filterset.is_bound, map=place_map(mapped_places(self.object_list)))
        return context
