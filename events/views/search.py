from django import forms
from django.shortcuts import render

from sources.search import CompiledSearch, highlight, search_rows, searchable_rows

from ..caching import shaped_held
from ..models import Actor, Event, Place
from ..selectors import public_sources

LIMIT = 20
MAX_QUERY = 200


class SearchForm(forms.Form):
    q = forms.CharField(required=False)  # refuses NUL characters, which no database column can hold

    def clean_q(self):
        return self.cleaned_data["q"][:MAX_QUERY]


# What the results show of each kind of record; actors and places are few and searched in a list kept in memory.
EVENT_FIELDS = ("pk", "slug", "title", "title_sq", "title_sr", "start", "start_precision", "end", "end_precision",
                "approximate", "display_date")
SOURCE_FIELDS = ("pk", "key", "title", "publisher")
KEPT_RECORDS = {
    Actor: ("name", "name_sq", "name_sr", "short_name", "aliases", "description"),
    Place: ("name", "name_sq", "name_sr"),
}


def matching_records(model, text):
    """Actors or places (``model``) whose names match ``text``, best first, as search ranks them without a full-text index."""
    fields = KEPT_RECORDS[model]
    rows = shaped_held(f"search-rows:{model._meta.label_lower}", lambda: searchable_rows(
        model.objects.order_by("pk").values("pk", "slug", *fields), fields=fields))
    return [model(**row) for row in search_rows(rows, text)[:LIMIT]]


# The searches, compiled once (CompiledSearch): what the results show of events and of sources.
EVENT_SEARCH = CompiledSearch(
    lambda text: Event.objects.published().search(text, headline_field="summary").only(*EVENT_FIELDS)[:LIMIT])
SOURCE_SEARCH = CompiledSearch(lambda text: public_sources().search(text).only(*SOURCE_FIELDS)[:LIMIT])


def search_view(request):
    """One results page across events, actors, places and sources."""
    form = SearchForm(request.GET)
    if not form.is_valid():
        context = {"q": "", "searched": False, "errors": form.errors["q"]}
        return render(request, "events/search.html", context, status=400)
    text = form.cleaned_data["q"]
    context = {"q": text, "searched": bool(text)}
    if text:
        events = EVENT_SEARCH(text)
        for event in events:
            event.snippet = highlight(event.headline, text)
        sources = SOURCE_SEARCH(text)
        for source in sources:
            source.snippet = highlight(source.headline, text)
        context.update(events=events, actors=matching_records(Actor, text), places=matching_records(Place, text),
                       sources=sources)
        context["total"] = sum(len(context[k]) for k in ("events", "actors", "places", "sources"))
    return render(request, "events/search.html", context)
