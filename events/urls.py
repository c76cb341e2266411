from django.urls import path

from . import downloads, feeds, search_views, source_views, views
from .caching import public_page

app_name = "events"

urlpatterns = [
    path("", public_page(views.TimelineView.as_view()), name="timeline"),
    path("events/<slug:slug>/", public_page(views.EventDetailView.as_view()), name="detail"),
    path("actors/<slug:slug>/", public_page(views.ActorDetailView.as_view()), name="actor"),
    path("actors/<slug:slug>/feed/", public_page(feeds.ActorEventFeed()), name="actor-feed"),
    path("places/<slug:slug>/", public_page(views.PlaceDetailView.as_view()), name="place"),
    path("sources/", public_page(source_views.SourceListView.as_view()), name="sources"),
    path("sources/<slug:key>/", public_page(source_views.SourceDetailView.as_view()), name="source"),
    path("figures/", public_page(views.FiguresView.as_view()), name="figures"),
    path("corrections/", public_page(views.CorrectionListView.as_view()), name="corrections"),
    path("search/", public_page(search_views.search_view), name="search"),
    path("feed/", public_page(feeds.EventFeed()), name="feed"),
    path("story/", public_page(downloads.story), name="story"),
    path("story/timeline.json", public_page(downloads.timelinejs_json), name="story-json"),
    path("download/kfor-timeline.<str:fmt>", public_page(downloads.dataset_download), name="download"),
    path("sources/export.<str:fmt>", public_page(downloads.bibliography_download), name="sources-export"),
    path("sources/<slug:key>/cite.<str:fmt>", public_page(downloads.source_citation), name="source-export"),
    path("events/<slug:slug>/cite.<str:fmt>", public_page(downloads.event_citations), name="event-export"),
]
