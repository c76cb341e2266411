from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("", views.TimelineView.as_view(), name="timeline"),
    path("events/<slug:slug>/", views.EventDetailView.as_view(), name="detail"),
    path("actors/<slug:slug>/", views.ActorDetailView.as_view(), name="actor"),
    path("places/<slug:slug>/", views.PlaceDetailView.as_view(), name="place"),
]
