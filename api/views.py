"""The API's docs page: the endpoints and their parameters, read from the OpenAPI document; no script, no asset
from elsewhere."""

from django.shortcuts import render
from django.urls import reverse

from .endpoints import api


def docs(request):
    schema = api.get_openapi_schema(path_prefix=reverse("api:api-root"))
    operations = [
        {"method": method.upper(), "path": path, "summary": op.get("summary", ""),
         "description": op.get("description", ""), "parameters": op.get("parameters", [])}
        for path, methods in schema["paths"].items() for method, op in methods.items()
    ]
    return render(request, "api/docs.html", {
        "info": schema["info"], "operations": operations, "openapi_url": reverse("api:openapi-json"),
    })
