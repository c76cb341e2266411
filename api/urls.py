from django.urls import path

from .endpoints import api
from .http import preflight
from .views import docs

api_patterns, *api_names = api.urls
for pattern in api_patterns:  # ninja answers OPTIONS with 405 before any of its decorators run
    pattern.callback = preflight(pattern.callback)

urlpatterns = [
    path("api/", docs, name="api-docs"),
    path("api/v1/", (api_patterns, *api_names)),
]
