from django.urls import path

from . import feeds, search_views, source_views, views
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
    path("search/", public_page(search_views.search_view), name="search"),
    path("feed/", public_page(feeds.EventFeed()), name="feed"),
]
