from django.urls import path

from .caching import public_page
from .models import Actor, Place
from .views import bibliography, downloads, embeds, feeds, history, nodes, pages, records, search, suggestions, timeline

app_name = "events"

urlpatterns = [
    path("", public_page(timeline.TimelineView.as_view()), name="timeline"),
    path("events/<slug:slug>/", public_page(records.EventDetailView.as_view()), name="detail"),
    path("events/<slug:slug>/suggest/", suggestions.suggest, name="suggest"),
    path("events/<slug:slug>/suggest/thanks/", public_page(suggestions.thanks), name="suggest-thanks"),
    path("actors/<slug:slug>/", public_page(nodes.TreeNodeDetailView.as_view(model=Actor, events_of="involving")),
         name="actor"),
    path("actors/<slug:slug>/feed/", public_page(feeds.ActorEventFeed()), name="actor-feed"),
    path("places/<slug:slug>/", public_page(nodes.TreeNodeDetailView.as_view(model=Place, events_of="at")), name="place"),
    path("sources/", public_page(bibliography.SourceListView.as_view()), name="sources"),
    path("sources/<slug:key>/", public_page(bibliography.SourceDetailView.as_view()), name="source"),
    path("figures/", public_page(pages.FiguresView.as_view()), name="figures"),
    path("corrections/", public_page(pages.CorrectionListView.as_view()), name="corrections"),
    path("search/", public_page(search.search_view), name="search"),
    path("feed/", public_page(feeds.EventFeed()), name="feed"),
    path("story/", public_page(downloads.story), name="story"),
    path("story/timeline.json", public_page(downloads.timelinejs_json), name="story-json"),
    path("download/kfor-timeline.<str:fmt>", public_page(downloads.dataset_download), name="download"),
    path("sources/export.<str:fmt>", public_page(downloads.bibliography_download), name="sources-export"),
    path("sources/<slug:key>/cite.<str:fmt>", public_page(downloads.source_citation), name="source-export"),
    path("events/<slug:slug>/cite.<str:fmt>", public_page(downloads.event_citations), name="event-export"),
    path("events/<slug:slug>/cite-page.<str:fmt>", public_page(downloads.event_page_citation), name="event-cite-page"),
    path("legal/", public_page(pages.ProvisionListView.as_view()), name="provisions"),
    path("legal/<slug:slug>/", public_page(pages.ProvisionDetailView.as_view()), name="provision"),
    path("map/", public_page(timeline.MapView.as_view()), name="map"),
    path("about/", public_page(pages.AboutView.as_view()), name="about"),
    *history.routes(),
    path("embed/", public_page(embeds.framable(embeds.EmbedTimelineView.as_view())), name="embed"),
    path("embed/events/<slug:slug>/", public_page(embeds.framable(embeds.EmbedEventView.as_view())), name="embed-event"),
]
