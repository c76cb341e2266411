from django import forms
from django.shortcuts import render

from sources.search import highlight, search

from ..models import Actor, Event, Place
from ..selectors import public_sources

LIMIT = 20
MAX_QUERY = 200


class SearchForm(forms.Form):
    q = forms.CharField(required=False)  # refuses NUL characters, which no database column can hold

    def clean_q(self):
        return self.cleaned_data["q"][:MAX_QUERY]


def search_view(request):
    """One results page across events, actors, places and sources."""
    form = SearchForm(request.GET)
    if not form.is_valid():
        context = {"q": "", "searched": False, "errors": form.errors["q"]}
        return render(request, "events/search.html", context, status=400)
    text = form.cleaned_data["q"]
    context = {"q": text, "searched": bool(text)}
    if text:
        events = list(
            Event.objects.published().search(text, headline_field="summary")
            .select_related("event_type")[:LIMIT]
        )
        for event in events:
            event.snippet = highlight(event.headline, text)
        sources = list(public_sources().search(text)[:LIMIT])
        for source in sources:
            source.snippet = highlight(source.headline, text)
        context.update(
            events=events,
            actors=list(search(Actor.objects.all(), text, fields=["name", "name_sq", "name_sr", "short_name", "aliases", "description"], full_text=False)[:LIMIT]),
            places=list(search(Place.objects.all(), text, fields=["name", "name_sq", "name_sr"], full_text=False)[:LIMIT]),
            sources=sources,
        )
        context["total"] = sum(len(context[k]) for k in ("events", "actors", "places", "sources"))
    return render(request, "events/search.html", context)
