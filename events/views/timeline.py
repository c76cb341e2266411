"""The home page: the published timeline, filtered by what the URL says."""

from itertools import groupby

from django.db.models import Count
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django_filters.views import FilterView

from ..bands import MAX_MARKS, timeline_band
from ..caching import page_shows, shaped
from ..filters import EventFilter
from ..maps import place_map
from ..selectors import all_mapped_places, mapped_places
from ..models import Event
from .pages import PAGE_SIZE, troop_chart

BAND_FIELDS = ("pk", "slug", "title", "start", "start_precision", "end", "end_precision", "approximate", "key_event")


class StrictFilterView(FilterView):
    """A django-filter list view whose invalid filter values answer 400, with the form's errors shown."""

    strict = True

    def places(self):
        """The places of the events the filters select, with their numbers of events."""
        if self.filterset.selects_all:
            return all_mapped_places()
        return mapped_places(self.object_list)

    def filters_invalid(self):
        # Without filters in the URL there is nothing to check: the form is then built only if the page shows it.
        return self.filterset.is_bound and not self.filterset.is_valid()

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, filters_invalid=self.filters_invalid())

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if self.filters_invalid():
            response.status_code = 400
        return response


class TimelineView(StrictFilterView):
    """The home page: published events grouped by year, filtered by what the URL says."""

    filterset_class = EventFilter
    template_name = "events/timeline.html"
    context_object_name = "events"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        return Event.objects.published().for_listing().chronological()

    def get_paginator(self, queryset, *args, **kwargs):
        """The pager's count is the sum of the year index: one pass over the matching events, not two."""
        paginator = super().get_paginator(queryset, *args, **kwargs)
        if self.filterset.selects_all:  # the same for every page of the whole timeline, in every order
            self.year_counts = shaped("timeline-years", lambda: self.count_by_year(queryset))
        else:
            self.year_counts = self.count_by_year(queryset)
        paginator.count = sum(n for _, n in self.year_counts)  # Paginator.count is a cached property
        return paginator

    def paginate_queryset(self, queryset, page_size):
        """The page's rows; those of the whole timeline's pages are kept until the shape changes, like its counts."""
        paginator, page, rows, is_paginated = super().paginate_queryset(queryset, page_size)
        if self.whole_timeline():
            order = "newest" if self.filterset.newest_first else "oldest"
            page.object_list = shaped(f"timeline-rows:{order}:page-{page.number}", lambda: list(rows))
        return paginator, page, page.object_list, is_paginated

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
        """
        The band above the list: every event if there are few enough, else counts per year and the key events.
        With the ids of the events whose titles label it.
        """
        rows = self.object_list.order_by("start", "slug").values(*BAND_FIELDS)
        if count <= MAX_MARKS:
            marks = list(rows[:MAX_MARKS])
            return timeline_band(year_index=year_index, marks=marks), [mark["pk"] for mark in marks]
        key = list(rows.filter(key_event=True)[:MAX_MARKS + 1])
        key = key if len(key) <= MAX_MARKS else None
        return timeline_band(year_index=year_index, key_marks=key), [mark["pk"] for mark in key or ()]

    def whole_timeline(self):
        """
        Whether this is a page of the whole timeline (no filter: an order and a page at most). Its band, year
        index and filters are then the same on every page, and kept, in markup, until the shape changes; its list
        until the shape changes or one of its events is edited.
        """
        return self.filterset.selects_all and set(self.request.GET) <= {"order", "page"}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page_shows(context["events"])
        year_index = self.year_index()
        filtered = not self.filterset.selects_all  # a page number or an order alone is the whole timeline
        context.update(
            filtered=filtered,
            years=[(year, list(group)) for year, group in groupby(context["events"], key=lambda e: e.start.year)],
            year_index=year_index,
        )
        if filtered:
            context["map"] = place_map(self.places())
        else:
            context.update(troop_chart())

        count = context["paginator"].count
        context["whole_timeline"] = self.whole_timeline()
        if not context["whole_timeline"]:  # the template includes the band, year index and filters itself
            context["band"], shown = self.band(year_index, count)
            page_shows(shown)
            return context

        def markup(template, **extra):
            return render_to_string(template, {**context, **extra}, self.request)

        def band():
            band, shown = self.band(year_index, count)
            return markup("events/_band.html", band=band), shown

        kept = f"{get_language()}:{self.request.GET.get('order', '')}"
        context.update(
            band_html=shaped(f"timeline-band:{kept}", band, shows=lambda value: value[1])[0],
            year_index_html=shaped(f"timeline-year-index:{kept}", lambda: markup("events/_year_index.html")),
            filters_html=shaped(f"timeline-filters:{kept}", lambda: markup("events/_filters.html")),
            # The page's list, each item as event_items keeps it: kept whole until one of its events is edited.
            years_html=shaped(f"timeline-years:{kept}:page-{context['page_obj'].number}",
                              lambda: markup("events/_years.html"), shows=lambda _: [row.pk for row in context["events"]]),
        )
        return context


class MapView(StrictFilterView):
    """/map/: the places of the published events, or of those the filters select, on a map of Kosovo."""

    filterset_class = EventFilter
    template_name = "events/map.html"

    def get_queryset(self):
        return Event.objects.published()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page_shows(())  # places and counts: no event's text
        context.update(filtered=not self.filterset.selects_all, map=place_map(self.places()))
        return context
