from django.shortcuts import render

from sources.search import highlight, search

from .models import Actor, Event, Place, public_sources

LIMIT = 20


def search_view(request):
    """One results page across events, actors, places and sources."""
    text = request.GET.get("q", "").strip()[:200]
    context = {"q": text, "searched": bool(text)}
    if text:
        events = list(
            search(Event.objects.published(), text, fields=["title", "summary", "body", "notes"], headline_field="summary")
            .select_related("event_type")[:LIMIT]
        )
        for event in events:
            event.snippet = highlight(event.headline, text)
        sources = list(public_sources().search(text)[:LIMIT])
        for source in sources:
            source.snippet = highlight(source.headline, text)
        context.update(
            events=events,
            actors=list(search(Actor.objects.all(), text, fields=["name", "short_name", "aliases", "description"], full_text=False)[:LIMIT]),
            places=list(search(Place.objects.all(), text, fields=["name", "name_sq", "name_sr"], full_text=False)[:LIMIT]),
            sources=sources,
        )
        context["total"] = sum(len(context[k]) for k in ("events", "actors", "places", "sources"))
    return render(request, "events/search.html", context)
