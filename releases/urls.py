from django.urls import path

from events.caching import public_page

from . import views

app_name = "releases"

urlpatterns = [
    path("data/", public_page(views.ReleaseListView.as_view()), name="list"),
    path("data/kfor-timeline-release-<int:number>.zip", views.release_download, name="download"),
]
