from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "KFOR Timeline editors"
admin.site.site_title = "KFOR Timeline"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("sources/", include("sources.urls")),
    path("", include("events.urls")),
]
