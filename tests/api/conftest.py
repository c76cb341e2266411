import jsonschema
import pytest


@pytest.fixture
def openapi(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


@pytest.fixture
def conforms(openapi):
    """conforms(response, "/api/v1/events/{slug}/"): the response's JSON matches the OpenAPI document's schema for
    that operation and status, or the test fails with what differs."""

    def check(response, path):
        operation = openapi["paths"][path]["get"]
        schema = operation["responses"][str(response.status_code)]["content"]["application/json"]["schema"]
        jsonschema.Draft202012Validator({**schema, "components": openapi["components"]}).validate(response.json())
        return response.json()

    return check
