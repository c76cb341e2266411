"""The home page: the published timeline, filtered by what the URL says."""

from functools import cached_property
from itertools import groupby

from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django_filters.views import FilterView

from ..bands import MAX_MARKS, kept_band
from ..caching import has_filled_its_share, kept_drawing, page_shows, shaped
from ..filters import EventFilter
from ..maps import kept_place_map, place_map
from ..matches import Matches
from ..selectors import all_mapped_places
from ..models import Event
from .pages import PAGE_SIZE, troop_chart


def page_link(query):
    """
    A function of a page number giving what {% querystring page=number %} writes for the query ``query`` (a
    QueryDict): the query is encoded once, and only its page changes from one link to the next.
    """
    query = query.copy()
    query["page"] = 1  # where the page goes: in its place if the query has one, else at the end
    keys = list(query)
    at = sum(len(query.getlist(key)) for key in keys[: keys.index("page")])
    parts = query.urlencode().split("&")
    before, after = parts[:at], parts[at + 1:]
    return lambda page: "?" + "&".join([*before, f"page={page}", *after])


class StrictFilterView(FilterView):
    """A django-filter list view whose invalid filter values answer 400, with the form's errors shown."""

    strict = True

    def filters_invalid(self):
        # Without filters in the URL there is nothing to check: the form is then built only if the page shows it.
        return self.filterset.is_bound and not self.filterset.is_valid()

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, filters_invalid=self.filters_invalid())

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if self.filters_invalid():
            response.status_code = 400
        return response


class EventFilterView(StrictFilterView):
    """
    A page of the published events the timeline's filters select. Its object_list is their Matches
    (events.matches), which counts and pages them from sets kept for each filter value, not a queryset;
    the downloads and exports use the FilterSet's queryset, which selects the same events.
    """

    filterset_class = EventFilter

    def get_queryset(self):
        return Event.objects.published()

    def get(self, request, *args, **kwargs):
        self.filterset = self.get_filterset(self.get_filterset_class())
        self.object_list = self.filterset.matches()  # none when the filters are invalid
        return self.render_to_response(self.get_context_data(filter=self.filterset, object_list=self.object_list))

    def linked_query(self):
        """
        The query that the year index and the band link to, each link with its page: the filters' parameters only,
        in their order, each value once and none empty. A tracking tag or a typo in the URL is not carried along,
        and the same filters written another way draw the same links, so that what is drawn with them is kept once.
        """
        query = QueryDict(mutable=True)
        for name in self.filterset.filters:
            values = list(dict.fromkeys(value for value in self.request.GET.getlist(name) if value))
            if values:
                query.setlist(name, values)
        return query

    def places(self):
        """The places of the events the filters select, with their numbers of events."""
        return all_mapped_places() if self.filterset.selects_all else self.object_list.places()


class TimelineView(EventFilterView):
    """The home page: published events grouped by year, filtered by what the URL says."""

    template_name = "events/timeline.html"
    context_object_name = "events"
    paginate_by = PAGE_SIZE

    def year_index(self):
        """Each year with its number of events, the page it starts on and that page's link."""
        index, seen, link = [], 0, page_link(self.linked_query())
        for year, n in self.object_list.year_counts()[:: -1 if self.filterset.newest_first else 1]:
            page = seen // PAGE_SIZE + 1
            index.append({"year": year, "count": n, "page": page, "href": link(page)})
            seen += n
        return index

    def band(self, year_index, count):
        """
        The band above the list: every event if there are few enough, else counts per year and the key events.
        With the ids of the events whose titles label it.
        """
        marks = Matches(self.object_list.timeline, self.object_list.bits)  # oldest first, whatever the list's order
        if count <= MAX_MARKS:
            shown = marks.pks()
            return kept_band(year_index=year_index, marks=shown, keep=self.keeps_drawings), shown
        key = marks & marks.timeline.key
        shown = key.pks() if len(key) <= MAX_MARKS else None  # None: too many key events too, the band only counts
        return kept_band(year_index=year_index, key_marks=shown, keep=self.keeps_drawings), shown or []

    @cached_property
    def keeps_drawings(self):
        """
        Whether the parts this page draws are kept (caching.kept_drawing): not for words searched for, nor for a
        client that has added its share of pages to the cache this minute.
        """
        return not self.request.GET.get("q") and not has_filled_its_share(self.request)

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
            query=self.request.GET.urlencode(),  # for the links that keep the filters: encoded once
            years=[(year, list(group)) for year, group in groupby(context["events"], key=lambda e: e.start.year)],
            year_index=year_index,
        )
        if filtered:
            context["map"] = kept_place_map(self.object_list.digest(), self.places, keep=self.keeps_drawings)
        else:
            context.update(troop_chart())

        def markup(template, **extra):
            return render_to_string(template, {**context, **extra})  # these parts read nothing of the request

        # The list and the year index, kept under what they show (caching.kept_drawing): the page asked again, or
        # other filters that select the same events, draw neither; an edit to one of the listed events draws the list.
        keep, listed = self.keeps_drawings, [row.pk for row in context["events"]]
        years = [(entry["year"], entry["count"], entry["href"]) for entry in year_index]
        context.update(
            years_html=kept_drawing("timeline-years", (filtered, context["filters_invalid"]), events=listed, keep=keep,
                                    make=lambda: markup("events/_years.html")),
            year_index_html=kept_drawing("timeline-year-index", years, keep=keep,
                                         make=lambda: markup("events/_year_index.html")),
        )
        count = context["paginator"].count
        context["whole_timeline"] = self.whole_timeline()
        if not context["whole_timeline"]:  # the template includes the band and filters itself
            context["band"], shown = self.band(year_index, count)
            page_shows(shown)
            return context

        def band():
            band, shown = self.band(year_index, count)
            return markup("events/_band.html", band=band), shown

        kept = f"{get_language()}:{self.request.GET.get('order', '')}"
        context.update(
            band_html=shaped(f"timeline-band:{kept}", band, shows=lambda value: value[1])[0],
            filters_html=shaped(f"timeline-filters:{kept}", lambda: markup("events/_filters.html")),
        )
        return context


class MapView(EventFilterView):
    """/map/: the places of the published events, or of those the filters select, on a map of Kosovo."""

    template_name = "events/map.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page_shows(())  # places and counts: no event's text
        context.update(filtered=not self.filterset.selects_all, map=place_map(self.places()))
        if not context["filters_invalid"] and self.request.GET.get("mapped") != "yes":
            query = self.linked_query()
            query["mapped"] = "no"
            context.update(unmapped=len(self.object_list & self.filterset.selected("mapped", "no")),
                           unmapped_query=query.urlencode())
        return context
