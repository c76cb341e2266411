from django import forms
from django.shortcuts import render

from sources.search import highlight, like_search

from ..models import Actor, Event, Place
from ..selectors import public_records, public_sources
from ..translation import with_translations

LIMIT = 20
MAX_QUERY = 200


class SearchForm(forms.Form):
    q = forms.CharField(required=False)  # refuses NUL characters, which no database column can hold

    def clean_q(self):
        return self.cleaned_data["q"][:MAX_QUERY]


# What the results show of each kind of record. Actors and places are few, and have no full-text index.
EVENT_FIELDS = ("pk", "slug", *with_translations("title"), "start", "start_precision", "end", "end_precision",
                "approximate", "display_date")
SOURCE_FIELDS = ("pk", "key", "title", "publisher")
NAME_FIELDS = {
    Actor: (*with_translations("name"), "short_name", "aliases", "description"),
    Place: tuple(with_translations("name")),
}


def matching_records(model, text):
    """Actors or places (``model``) readers may see whose names match ``text``, best first."""
    return list(like_search(public_records(model).only("pk", "slug", *NAME_FIELDS[model]), text,
                            fields=NAME_FIELDS[model])[:LIMIT])


def search_view(request):
    """One results page across events, actors, places and sources."""
    form = SearchForm(request.GET)
    if not form.is_valid():
        context = {"q": "", "searched": False, "errors": form.errors["q"]}
        return render(request, "events/search.html", context, status=400)
    text = form.cleaned_data["q"]
    context = {"q": text, "searched": bool(text)}
    if text:
        events = list(Event.objects.published().search(text, headline_field="summary").only(*EVENT_FIELDS)[:LIMIT])
        for event in events:
            event.snippet = highlight(event.headline, text)
        sources = list(public_sources().search(text).only(*SOURCE_FIELDS)[:LIMIT])
        for source in sources:
            source.snippet = highlight(source.headline, text)
        context.update(events=events, actors=matching_records(Actor, text), places=matching_records(Place, text),
                       sources=sources)
        context["total"] = sum(len(context[k]) for k in ("events", "actors", "places", "sources"))
    return render(request, "events/search.html", context)
