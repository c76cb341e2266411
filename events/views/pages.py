"""The public pages of single records: an event, an actor, a place; the corrections, the troop chart, robots.txt."""

import datetime
import json

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.generic import DetailView, ListView, TemplateView

from sources.citations import cite_web
from sources.formatting import format_entry

from ..caching import page_shows, shaped
from ..charts import line_chart
from ..coverage import coverage
from ..maps import place_map
from ..models import Actor, Claim, Event, EventChange, Figure, FigureSeries, LegalProvision, Place
from ..models.querysets import load_event_page
from ..reviews import event_change_preview
from ..selectors import all_mapped_places, public_corrections, published_event_counts, subtree_ids
from ..services import independent_sources
from .downloads import event_page_source

PAGE_SIZE = 50


def json_ld(data):
    """JSON for a <script> element: '<', '>' and '&' escaped so text cannot close the element."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return mark_safe(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def troop_chart():
    """The troop strength chart and its figures, kept until the shape changes (one per language: it holds words)."""

    def compute():
        claims = Prefetch("claims", queryset=Claim.objects.select_related("source").order_by("order", "id"))
        figures = list(Figure.objects.published().filter(series=FigureSeries.KFOR_TROOPS).select_related("source")
                       .prefetch_related(claims).order_by("date"))
        return {"chart": line_chart(figures), "figures": figures}

    return shaped(f"troop-chart:{get_language()}", compute)


# What an event page reads of its event on every request: enough for its head, its "last updated" line and its
# citation. The rest of the page is its record (event_record), kept until the event or what it shows changes.
EVENT_PAGE_FIELDS = ("pk", "slug", "status", "title", "title_sq", "title_sr", "summary", "summary_sq", "summary_sr",
                     "created_at", "published_at", "revised_at")


def event_record(event):
    """
    The part of the page of ``event`` (loaded by for_event_page and load_event_page) that is the same for every
    reader: its dates, text, actors, places, citations, bibliography, corrections and notes, and the links to the
    events before and after it, in markup; the schema.org description without the page's address; and the ids of
    the events whose text it shows.
    """
    citations = list(event.citations.all())
    bibliography, numbers = [], {}
    for citation in citations:  # one entry per source, numbered in order of first citation
        if citation.source_id not in numbers:
            bibliography.append(citation.source)
            numbers[citation.source_id] = len(bibliography)
        citation.number = numbers[citation.source_id]
    published = Event.objects.published().only("slug", "title", "title_sq", "title_sr")
    # The bound on start alone lets the database walk the (status, start) index from this event outwards.
    earlier = Q(start__lte=event.start) & (Q(start__lt=event.start) | Q(slug__lt=event.slug))
    later = Q(start__gte=event.start) & (Q(start__gt=event.start) | Q(slug__gt=event.slug))
    previous = published.filter(earlier).order_by("-start", "-slug").first()
    following = published.filter(later).order_by("start", "slug").first()
    context = {"event": event, "citations": citations, "bibliography": bibliography,
               "independent": independent_sources(citations)}
    return {
        "html": render_to_string("events/_event_record.html", context),
        "neighbours_html": render_to_string("events/_event_neighbours.html", {"previous": previous, "next": following}),
        "schema": schema_org(event, bibliography),
        # Besides its own text, the page shows the titles of its neighbours and of the event its date counts from.
        "shows": [pk for pk in (event.pk, event.relative_to_id, getattr(previous, "pk", None),
                                getattr(following, "pk", None)) if pk is not None],
    }


def schema_org(event, bibliography):
    """The event described for search engines (schema.org), without its page's address, which the request gives."""
    data = {
        "@context": "https://schema.org", "@type": "Event", "name": event.title, "description": event.summary,
        "startDate": event.start_edtf.rstrip("~"), "eventStatus": "https://schema.org/EventScheduled",
        "location": [{"@type": "Place", "name": p.name} for p in event.places.all()],
        "citation": [
            {"@type": "CreativeWork", "name": s.title, **({"url": s.url} if s.url else {}),
             **({"publisher": s.publisher} if s.publisher else {})}
            for s in bibliography
        ],
        "dateModified": event.last_revised.isoformat(),
    }
    if event.end:
        data["endDate"] = event.end_edtf
    return data


def full_event(pk):
    """An event with everything its page shows (EventQuerySet.for_event_page, load_event_page)."""
    return load_event_page(Event.objects.for_event_page().get(pk=pk))


class EventDetailView(DetailView):
    """
    An event's page. For readers, its record (event_record) is kept until the content's shape changes or one of
    the events it shows is edited: a request then reads the event's head fields and nothing else. Editors, who may
    see drafts and changes waiting for review, get it made afresh.
    """

    template_name = "events/event_detail.html"
    context_object_name = "event"

    def get_queryset(self):
        # Editors preview drafts on the public page; everyone else sees published events only.
        preview = self.request.user.has_perm("events.view_event")
        return (Event.objects.all() if preview else Event.objects.published()).only(*EVENT_PAGE_FIELDS)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = self.object
        context["preview"] = not event.is_published
        context.update(self.pending_change(event))
        if context["preview"] or context.get("change_preview"):
            event = context["event"] = full_event(event.pk)
            if context.get("change_preview"):
                event_change_preview(change=context["change_preview"], event=event)
            record = event_record(event)
        else:
            page_shows([event.pk])
            record = shaped(f"event-record:{event.pk}:{get_language()}", lambda: event_record(full_event(event.pk)),
                            shows=lambda record: record["shows"])
        url = self.request.build_absolute_uri(event.get_absolute_url())
        page = event_page_source(event, url=url, accessed=datetime.date.today())
        context.update(
            record=record,
            page_citation=format_entry(page),
            page_cite_web=cite_web(page),
            canonical_url=url,
            json_ld=json_ld({**record["schema"], "url": url}),
        )
        return context

    def pending_change(self, event):
        """
        Staff see whether a change to this event waits for review, and with ?change=<id> the page as
        that change would make it (reviews.event_change_preview). Readers never do: the parameter is ignored.
        """
        if not self.request.user.has_perm("events.view_eventchange"):
            return {}
        pending = EventChange.objects.filter(event=event, state=EventChange.State.PENDING).select_related("proposed_by")
        wanted = self.request.GET.get("change", "")
        shown = next((c for c in pending if str(c.pk) == wanted), None)
        return {"pending_changes": pending, "change_preview": shown}


def page_of(paginator, request):
    """The page of ``paginator`` that the request's ?page= names; 404 for a page that is not there."""
    try:
        return paginator.page(request.GET.get("page") or 1)
    except (EmptyPage, PageNotAnInteger):
        raise Http404("No such page of events.") from None


def events_page(request, events):
    """A page of ``events`` (oldest first, as lists show them) for a record's page."""
    paginator = Paginator(events.for_listing().chronological(), PAGE_SIZE)
    page = page_of(paginator, request)
    page_shows(page.object_list)
    return {"events": page.object_list, "page_obj": page, "paginator": paginator}


def kept_events_page(request, name, *, count, events):
    """
    A page of a record's ``count`` events, its rows kept under ``name`` until the content's shape changes: which
    events a record has, and their order, change only with it. ``events()`` makes their queryset, when a page's
    rows are not kept.
    """
    paginator = Paginator(range(count), PAGE_SIZE)  # the count alone says which pages there are
    page = page_of(paginator, request)
    first = page.start_index() - 1 if count else 0
    page.object_list = shaped(f"{name}:page-{page.number}", lambda: list(
        events().for_listing().chronological()[first:first + PAGE_SIZE]))
    page_shows(page.object_list)
    return {"events": page.object_list, "page_obj": page, "paginator": paginator}


class TreeNodeDetailView(DetailView):
    """
    An actor's or a place's page: the record, and the published events of it and of
    everything below it (KFOR's under NATO), a page at a time. ``events_of`` names the
    EventQuerySet method that selects them. Actors and places change the content's shape
    when edited, so everything on their page is kept until it changes: a request for one reads no table.
    """

    events_of = None
    head_fields = ("pk", "slug", "name", "name_sq", "name_sr")  # what the page's head shows (Actor: and description)

    def get_object(self, queryset=None):
        """The actor or place the URL names, with the fields of the page's head, from a list kept until the shape changes."""
        fields = self.head_fields + (("description",) if self.model is Actor else ())
        heads = shaped(f"heads:{self.model._meta.label_lower}",
                       lambda: {row["slug"]: row for row in self.model.objects.values(*fields)})
        row = heads.get(self.kwargs["slug"])
        if row is None:
            raise Http404(f"No {self.model._meta.verbose_name} is found at this address.")
        return self.model(**row)

    def record(self):
        """The record's part of the page (its names, facts, corrections and notes) in markup, and whether it has children."""
        node = self.model.objects.select_related("parent").prefetch_related("children", "corrections").get(pk=self.object.pk)
        context = {self.get_context_object_name(node): node}
        if self.model is Place:
            context["map"] = place_map(all_mapped_places(), highlight=node)
        name = self.model._meta.model_name
        return {"html": render_to_string(f"events/_{name}_record.html", context), "has_children": bool(node.children.all())}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        name, pk = self.model._meta.model_name, self.object.pk
        context["record"] = shaped(f"{name}-record:{pk}:{get_language()}", self.record)
        count = published_event_counts(self.model).get(pk, 0)
        events = lambda: getattr(Event.objects.published(), self.events_of)(subtree_ids(self.model, pk))  # noqa: E731
        return {**context, **kept_events_page(self.request, f"{name}-events:{pk}", count=count, events=events)}


class ProvisionListView(ListView):
    """The mandates and agreements events act under, provision by provision."""

    template_name = "events/provision_list.html"
    context_object_name = "provisions"

    def get_queryset(self):
        published = Event.objects.published()
        return LegalProvision.objects.select_related("source").annotate(
            num_events=Count("events", filter=Q(events__in=published)))


class ProvisionDetailView(DetailView):
    """A provision, and the published events that act under it, a page at a time."""

    template_name = "events/provision_detail.html"
    context_object_name = "provision"
    queryset = LegalProvision.objects.select_related("source")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        return {**context, **events_page(self.request, Event.objects.published().filter(legal_bases=self.object))}


class CorrectionListView(ListView):
    """
    Corrections to this site's published content, newest first; and apart from them, the errors we found in our
    sources, the founding article's first.
    """

    template_name = "events/corrections.html"
    context_object_name = "corrections"
    paginate_by = 100

    def get_queryset(self):
        return self.corrections().filter(erratum_of__isnull=True)

    def corrections(self):
        return public_corrections().select_related("content_type").prefetch_related("record").order_by("-corrected_on", "-id")

    def get_context_data(self, **kwargs):
        errata = list(self.corrections().filter(erratum_of__isnull=False).select_related("erratum_of"))
        founding = [c for c in errata if c.erratum_of.key == settings.FOUNDING_ARTICLE]
        others = [c for c in errata if c.erratum_of.key != settings.FOUNDING_ARTICLE]
        return {**super().get_context_data(**kwargs), "founding_errata": founding, "source_errata": others}


class AboutView(TemplateView):
    """What the site is, how it is sourced, reviewed and corrected, its licence and how to cite it."""

    template_name = "events/about.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "coverage": coverage(), "contact_email": settings.KFOR_CONTACT_EMAIL}


class FiguresView(TemplateView):
    template_name = "events/figures.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **troop_chart()}


def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
