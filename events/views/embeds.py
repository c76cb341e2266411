"""
Embeds: a filtered timeline or one event, compact, for another site's iframe, and the oEmbed endpoint that hands out
the iframe code. These pages alone may be framed by any site; every other page refuses to be (settings:
X_FRAME_OPTIONS and the CSP's frame-ancestors).
"""

from csp.decorators import csp_replace
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.urls import reverse
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.generic import DetailView

from ..embedding import SIZES, NotOurs, embed_target, iframe_html
from ..models import Event
from .timeline import EventFilterView

EMBED_SIZE = 25  # events shown in a timeline embed; the full timeline has the rest


def framable(view):
    """Any site may frame this page: no X-Frame-Options, and the CSP's frame-ancestors is * here only."""
    return xframe_options_exempt(csp_replace({"frame-ancestors": ["*"]})(view))


class EmbedTimelineView(EventFilterView):
    """/embed/: the timeline's first events as the filters (the home page's) select them, linking to the full site."""

    template_name = "events/embed/timeline.html"
    context_object_name = "events"
    paginate_by = EMBED_SIZE

    def get_context_data(self, **kwargs):
        if not self.filters_invalid():
            kwargs["object_list"] = self.object_list.with_listing_data()
        context = super().get_context_data(**kwargs)
        query = self.linked_query().urlencode()
        context.update(query=query, filtered=self.filtered,
                       full_url=reverse("events:timeline") + (f"?{query}" if query else ""))
        return context

    def paginate_queryset(self, queryset, page_size):
        # The first page only: an embed links to the full timeline for the rest, whatever ?page= says.
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.page(1)
        return paginator, page, page.object_list, paginator.num_pages > 1


class EmbedEventView(DetailView):
    """/embed/events/<slug>/: one published event's date, title, summary, type and places, linking to its page."""

    template_name = "events/embed/event.html"
    context_object_name = "event"

    def get_queryset(self):
        return Event.objects.published().with_listing_data()


def _positive(value, name):
    if value in (None, ""):
        return None
    if not value.isdigit() or int(value) == 0:
        raise ValueError(f"{name} must be a positive whole number of pixels")
    return int(value)


def _text_error(message, status):
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


def oembed(request):
    """
    oEmbed (https://oembed.com/), JSON only: a "rich" answer whose html is the iframe of the page ``url`` names,
    within maxwidth and maxheight. 404 for a URL not ours, 501 for another format, 400 for a bad request.
    """
    fmt = request.GET.get("format", "json")
    if fmt != "json":
        return _text_error("Only format=json is supported.", 501)
    url = request.GET.get("url", "").strip()
    if not url:
        return HttpResponseBadRequest("Give the page to embed as ?url=.", content_type="text/plain; charset=utf-8")
    try:
        maxwidth = _positive(request.GET.get("maxwidth"), "maxwidth")
        maxheight = _positive(request.GET.get("maxheight"), "maxheight")
        kind, path, title = embed_target(url, request.get_host())
    except ValueError as problem:
        return HttpResponseBadRequest(f"Invalid request: {problem}.", content_type="text/plain; charset=utf-8")
    except NotOurs:
        return _text_error("Not a timeline or event page of this site.", 404)
    width, height = iframe_size(kind, maxwidth, maxheight)
    site = request.build_absolute_uri("/")
    return JsonResponse({
        "version": "1.0", "type": "rich", "provider_name": "KFOR Timeline", "provider_url": site, "title": title,
        "html": iframe_html(src=request.build_absolute_uri(path), title=title, kind=kind, width=width, height=height),
        "width": width, "height": height, "cache_age": 3600,
    }, json_dumps_params={"ensure_ascii": False})


def iframe_size(kind, maxwidth, maxheight):
    width, height = SIZES[kind]
    return min(width, maxwidth or width), min(height, maxheight or height)

