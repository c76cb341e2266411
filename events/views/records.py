"""An event's page: its record, its citation as a web page, and editors' previews of drafts and changes."""

import datetime

from django.db.models import Q
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.views.generic import DetailView

from sources.citations import cite_web
from sources.formatting import format_entry

from ..caching import versioned
from ..linked_data import absolute_urls, event_graph, json_ld
from ..models import Event, EventChange
from ..models.querysets import load_event_page
from ..reviews import event_change_preview
from ..services import independent_sources
from ..translation import localised, with_translations
from .downloads import event_page_source
from .history import live_citing


# What an event page reads of its event on every request: enough for its head, its "last updated" line and its
# citation. The rest of the page is its record (event_record), kept until the content changes.
EVENT_PAGE_FIELDS = ("pk", "slug", "status", *with_translations("title", "summary"),
                     "created_at", "published_at", "revised_at")


def event_record(event):
    """
    The part of the page of ``event`` (loaded by for_event_page and load_event_page) that is the same for every
    reader: its dates, text, actors, places, citations, bibliography, corrections and notes, and the links to the
    events before and after it, in markup; and its linked data (linked_data.event_graph), with the site's paths.
    """
    citations = list(event.citations.all())
    bibliography, numbers = [], {}
    for citation in citations:  # one entry per source, numbered in order of first citation
        if citation.source_id not in numbers:
            bibliography.append(citation.source)
            numbers[citation.source_id] = len(bibliography)
        citation.number = numbers[citation.source_id]
    published = Event.objects.published().only("slug", *with_translations("title"))
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
        "schema": event_graph(event, bibliography),
    }


def full_event(pk):
    """An event with everything its page shows (EventQuerySet.for_event_page, load_event_page)."""
    return load_event_page(Event.objects.for_event_page().get(pk=pk))


class EventDetailView(DetailView):
    """
    An event's page. For readers, its record (event_record) is kept until the content changes: a request then
    reads the event's head fields and nothing else. Editors, who may see drafts and changes waiting for review,
    get it made afresh.
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
            record = versioned(f"event-record:{event.pk}:{get_language()}", lambda: event_record(full_event(event.pk)))
        url = self.request.build_absolute_uri(event.get_absolute_url())
        public = not (context["preview"] or context.get("change_preview"))
        citing = live_citing(self.request, "event", event, localised(event, "title")[0]) if public else {}
        version = citing.get("page_version")
        page = event_page_source(event, url=citing["cite"]["url"] if public else url, accessed=datetime.date.today(),
                                 version=version)
        context.update(**citing,
            record=record,
            page_citation=format_entry(page),
            page_cite_web=cite_web(page),
            canonical_url=url,
            json_ld=json_ld(absolute_urls(record["schema"], self.request.build_absolute_uri)),
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


