from django.urls import path

from .endpoints import api
from .views import docs

urlpatterns = [
    path("api/", docs, name="api-docs"),
    path("api/v1/", api.urls),
]
