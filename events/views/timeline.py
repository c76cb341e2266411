"""The home page and the map: the published timeline, filtered by what the URL says."""

from collections import Counter
from functools import cached_property

from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django_filters.views import FilterView

from ..bands import MAX_MARKS, mark_rows, timeline_band
from ..caching import versioned
from ..filters import EventFilter
from ..maps import place_map
from ..models import Event
from ..selectors import all_mapped_places, mapped_places
from .pages import PAGE_SIZE


class StrictFilterView(FilterView):
    """A django-filter list view whose invalid filter values answer 400, with the form's errors shown."""

    strict = True

    def filters_invalid(self):
        return self.filterset.is_bound and not self.filterset.is_valid()

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, filters_invalid=self.filters_invalid())

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if self.filters_invalid():
            response.status_code = 400
        return response


class EventFilterView(StrictFilterView):
    """The published events the timeline's filters select: the FilterSet's queryset, as the downloads use it."""

    filterset_class = EventFilter

    def get_queryset(self):
        return Event.objects.published().chronological()

    @property
    def filtered(self):
        return not self.filterset.selects_all

    def linked_query(self):
        """The filters' parameters only, in the filters' order, each value once and none empty: what links carry."""
        query = QueryDict(mutable=True)
        for name in self.filterset.filters:
            values = list(dict.fromkeys(value for value in self.request.GET.getlist(name) if value))
            if values:
                query.setlist(name, values)
        return query

    def places(self):
        """The mapped places of the events the filters select, with their numbers of events."""
        return list(mapped_places(self.object_list)) if self.filtered else all_mapped_places()


class TimelineView(EventFilterView):
    """The home page: published events grouped by year, filtered by what the URL says."""

    template_name = "events/timeline.html"
    context_object_name = "events"
    paginate_by = PAGE_SIZE

    @cached_property
    def matches(self):
        """
        A filtered timeline's events as (id, start, key event) rows, in the list's order: one query of the FilterSet's
        queryset, which counts, pages, counts by year and marks the band: a query for each would run the filters'
        joins three times, over the filtered timeline's floor in make bench.
        """
        return list(self.object_list.values_list("pk", "start", "key_event"))

    def year_counts(self):
        """Each year with events and their number, in the list's order."""
        if self.filtered:
            return list(Counter(start.year for _, start, _ in self.matches).items())

        def count():
            rows = self.object_list.order_by().annotate(year=ExtractYear("start")).values("year")
            return list(rows.annotate(n=Count("pk")).order_by("year").values_list("year", "n"))

        counts = versioned("year-counts", count)
        return counts[::-1] if self.filterset.newest_first else counts

    def year_index(self):
        """Each year with its number of events, the page of the list it starts on and that page's link."""
        index, seen, query = [], 0, self.linked_query()
        for year, n in self.year_counts():
            query["page"] = seen // PAGE_SIZE + 1
            index.append({"year": year, "count": n, "page": query["page"], "href": "?" + query.urlencode()})
            seen += n
        return index

    def band(self, year_index, count):
        """The band: every event if there are few enough, else counts per year and the key events."""
        chronological = sorted(year_index, key=lambda entry: entry["year"])
        events = Event.objects.order_by("start", "slug")
        if self.filtered:
            shown = [pk for pk, _, key in self.matches if count <= MAX_MARKS or key][:MAX_MARKS + 1]
            events = events.filter(pk__in=shown)
        else:
            events = self.object_list.order_by("start", "slug")
        query = self.linked_query()
        if count <= MAX_MARKS:
            return timeline_band(year_index=chronological, marks=mark_rows(events), query=query)
        key = mark_rows(events.filter(key_event=True)[:MAX_MARKS + 1])
        return timeline_band(year_index=chronological, key_marks=key if len(key) <= MAX_MARKS else None, query=query)

    def chips(self):
        """Each filter given a value, as words and a link to the same timeline without it (and at its first page)."""
        chips, query, form = [], self.linked_query(), self.filterset.form
        for name, values in query.lists():
            if name == "order":
                continue
            field = form.fields[name]
            choices = dict(getattr(field, "choices", ()))
            for value in values:
                rest = query.copy()
                rest.setlist(name, [other for other in values if other != value])
                shown = "" if name == "key" else str(choices.get(value, value))
                chips.append({"label": field.label, "value": shown, "href": "?" + rest.urlencode()})
        return chips

    def get_context_data(self, **kwargs):
        filtered = self.filtered and not self.filters_invalid()
        kwargs["object_list"] = self.matches if filtered else self.object_list.with_listing_data()
        context = super().get_context_data(**kwargs)
        context.update(filtered=self.filtered, query=self.linked_query().urlencode(),
                       total=versioned("published-count", Event.objects.published().count))
        if context["filters_invalid"]:
            return context
        context["chips"] = self.chips()
        if filtered:  # the page's rows, as events
            pks = [pk for pk, _, _ in context["page_obj"].object_list]
            found = Event.objects.with_listing_data().in_bulk(pks)
            context["events"] = context["page_obj"].object_list = [found[pk] for pk in pks if pk in found]
        events = context["events"]
        context["years"] = [(year, [e for e in events if e.start.year == year])
                            for year in dict.fromkeys(e.start.year for e in events)]
        year_index = context["year_index"] = self.year_index()
        if filtered:
            context["band"] = self.band(year_index, context["paginator"].count)
            return context
        # The whole timeline's band and filters are the same on every page of it: kept until the content changes.
        name = f"{get_language()}:{self.request.GET.get('order', '')}"
        context["band_html"] = versioned(f"timeline-band:{name}", lambda: render_to_string(
            "events/_band.html", {"band": self.band(year_index, context["paginator"].count)}))
        return context

    def get_paginator(self, queryset, per_page, **kwargs):
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        if not self.filtered:
            paginator.count = versioned("published-count", self.object_list.count)  # a cached_property, set
        return paginator


class MapView(EventFilterView):
    """/map/: the places of the published events, or of those the filters select, on a map of Kosovo."""

    template_name = "events/map.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.linked_query()
        context.update(filtered=self.filtered, map=place_map(self.places()), query=query.urlencode())
        query.pop("place", None)  # each place's count opens the timeline at that place, with the other filters
        context["place_query"] = query.urlencode()
        if not context["filters_invalid"] and self.request.GET.get("mapped") != "yes":
            query = self.linked_query()
            query["mapped"] = "no"
            unmapped = self.filterset.filter_mapped(self.object_list, "mapped", "no")
            context.update(unmapped=unmapped.count(), unmapped_query=query.urlencode())
        return context
