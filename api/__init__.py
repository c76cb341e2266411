"""
The read API at /api/v1/: published events, actors, places, public sources and published figures as JSON, in the
exchange format's words, with the timeline's filters, cursor pages, ETags, CORS and a per-client rate limit.
docs/api.md documents it; the OpenAPI document is at /api/v1/openapi.json.
"""
