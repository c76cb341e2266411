"""
The public history of a page: its numbered versions, each at a permanent address, any two compared, and each cited
(events/history.py says which versions are public). Events, actors, places and sources share these views.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import get_language, gettext as _

from sources import citations
from sources.models import Source

from ..caching import public_page, versioned
from ..history import public_versions, version_relations, diff
from ..maps import place_map
from ..models import Actor, Citation, Claim, Correction, Event, Figure, Place
from ..selectors import all_mapped_places, public_actors, public_places, public_sources
from ..translation import localised
from .downloads import _bibliography, page_source

# Each kind of page: its model, the URL's prefix and key, and the records readers may see.
KINDS = {
    "event": (Event, "events", "slug", lambda: Event.objects.published()),
    "actor": (Actor, "actors", "slug", public_actors),
    "place": (Place, "places", "slug", public_places),
    "source": (Source, "sources", "key", public_sources),
}


def page_url(kind, key, number=None):
    """The page's address, or with ``number`` the permanent address of that version."""
    if number is None:
        return reverse(f"events:{'detail' if kind == 'event' else kind}", args=[key])
    return reverse(f"events:{kind}-version", args=[key, number])


def _record(kind, key):
    _model, _prefix, field, readable = KINDS[kind]
    return get_object_or_404(readable().only("pk", field), **{field: key})


def current_version(kind, record):
    """The number and date of the latest public version of ``record``, kept until the content changes; None if none."""
    def latest():
        versions = public_versions(KINDS[kind][0], record.pk)
        return {"number": versions[-1].number, "date": versions[-1].date} if versions else None
    found = versioned(f"{kind}-latest-version:{record.pk}", latest)
    key = getattr(record, KINDS[kind][2])
    return found and {**found, "url": page_url(kind, key, found["number"]),
                      "history_url": reverse(f"events:{kind}-history", args=[key])}


def citation_meta(request, *, title, url, date, language=None, authors=("KFOR Timeline",), publisher="KFOR Timeline"):
    """
    The Highwire Press tags reference managers (Zotero) read: citation_title, citation_date and the rest.
    ``language`` None: the page's own (the template's language_tag).
    """
    return {"title": title, "authors": [a for a in authors if a], "date": date, "publisher": publisher,
            "url": request.build_absolute_uri(url), "language": language}


def page_citations(request, kind, record, version):
    """What "Cite this" offers for ``version`` (a PublicVersion) of the page of ``record``: APA, Chicago, the URL."""
    url = request.build_absolute_uri(page_url(kind, getattr(record, KINDS[kind][2]), version.number))
    source = page_source(record, title=_title(kind, record), url=url, revised=version.date, version=version.number)
    return {"url": url, "apa": citations.apa(source), "chicago": citations.chicago(source)}


def live_citing(request, kind, record, title):
    """What a live page says of its version ("version n, last changed ..."), its "Cite this" and its citation tags."""
    latest = current_version(kind, record)
    url = request.build_absolute_uri(latest["url"] if latest else record.get_absolute_url())
    revised = latest["date"] if latest else None
    source = page_source(record, title=title, url=url, revised=revised, version=latest and latest["number"])
    return {"page_version": latest, "cite": {"url": url, "apa": citations.apa(source), "chicago": citations.chicago(source)},
            "citation_meta": citation_meta(request, title=title, url=url, date=revised and revised.date())}


def history(request, kind, key):
    """The numbered public versions of a page; with ?from=&to=, what changed between two of them."""
    record = _record(kind, key)
    versions = public_versions(KINDS[kind][0], record.pk)
    context = {"kind": kind, "key": key, "versions": versions[::-1], "page_url": page_url(kind, key),
               "version_route": f"events:{kind}-version", "title": _title(kind, versions[-1].record()) if versions else key}
    if "from" in request.GET or "to" in request.GET:
        numbers = [request.GET.get("from", ""), request.GET.get("to", "")]
        if not all(n.isascii() and n.isdigit() and 1 <= int(n) <= len(versions) for n in numbers):
            context["error"] = _("Choose two versions between 1 and %(n)d to compare.") % {"n": len(versions)}
            return render(request, "events/history.html", context, status=400)
        old, new = (versions[int(n) - 1] for n in numbers)
        context.update(old=old, new=new, changes=diff(KINDS[kind][0], old, new))
    return render(request, "events/history.html", context)


def _current(kind, pk):
    """The relations a version does not hold, read as they are now (a published event must cite; figures are apart)."""
    if kind == "event":
        return {"figures": Figure.objects.published().filter(event_id=pk).select_related("source").prefetch_related(
                    Prefetch("claims", queryset=Claim.objects.select_related("source").order_by("order", "id"))),
                "citations": Citation.objects.filter(event_id=pk).select_related("source__derived_from")
                .order_by("order", "id")}
    if kind == "source":
        return {}
    return {"children": KINDS[kind][3]().filter(parent_id=pk)}


def _record_html(kind, record, version):
    """The record's part of the page as the version has it, and the relations shown as they are now."""
    from .records import event_record

    labels = {"children": _("what it includes"), "figures": _("Numbers"), "citations": _("Citations")}
    now_shown = [str(label) for label in version_relations(record, version.version, _current(kind, record.pk), labels)]
    if kind == "event":
        return event_record(record)["html"], now_shown
    context = {kind: record, "corrections": Correction.objects.published().filter(
        content_type=ContentType.objects.get_for_model(Source), object_id=record.pk) if kind == "source" else None}
    if kind == "place":
        context["map"] = place_map(all_mapped_places(), highlight=record)
    if kind == "source":
        context["cite_web"] = citations.cite_web(record)
        now_shown.append(_("Corrections"))
    return render_to_string(f"events/_{kind}_record.html", context), now_shown


def _version(kind, key, number):
    """The record's public versions, version ``number`` of them, and the record as it has it; 404 if none."""
    record = _record(kind, key)
    versions = public_versions(KINDS[kind][0], record.pk)
    if not 1 <= number <= len(versions):
        raise Http404(_("This page has no version %(number)d.") % {"number": number})
    return record, versions, versions[number - 1], versions[number - 1].record()


def version(request, kind, key, number):
    """The page as it was at version ``number``, from the version's own data, in the reader's language."""
    record, versions, shown, old = _version(kind, key, number)
    html, now_shown = versioned(f"{kind}-version:{record.pk}:{number}:{get_language()}",
                                lambda: _record_html(kind, old, shown))
    cite = page_citations(request, kind, old, shown)
    meta = _meta(request, kind, old, shown, cite["url"])
    return render(request, "events/version_detail.html", {
        "kind": kind, "key": key, "record": old, "title": _title(kind, old), "shown": shown, "latest": versions[-1],
        "html": html, "now_shown": now_shown, "cite": cite, "citation_meta": meta, "page_url": page_url(kind, key),
        "history_url": reverse(f"events:{kind}-history", args=[key]), "canonical_url": cite["url"],
        "cite_route": f"events:{kind}-version-cite",
    })


def _title(kind, record):
    """The record's title or name in the reader's language."""
    return record.title if kind == "source" else localised(record, "title" if kind == "event" else "name")[0]


def _meta(request, kind, record, shown, url):
    if kind == "source":
        return citation_meta(request, title=record.title, url=url, date=record.published, language=record.language,
                             authors=record.author_list, publisher=record.publisher)
    return citation_meta(request, title=_title(kind, record), url=url, date=shown.date.date())


def version_citation(request, kind, key, number, fmt):
    """Cite version ``number`` of a page: BibTeX, RIS or CSL-JSON naming its permanent address."""
    _live, _versions, shown, old = _version(kind, key, number)
    url = request.build_absolute_uri(page_url(kind, key, number))
    source = page_source(old, title=_title(kind, old), url=url, revised=shown.date, version=number,
                         accessed=datetime.date.today())
    return _bibliography([source], fmt, f"{key}-v{number}")


def routes():
    """The history, the versions and their citations, for every kind of page."""
    routes = []
    for kind, (_model, prefix, field, _readable) in KINDS.items():
        routes += [
            path(f"{prefix}/<slug:key>/history/", public_page(history), {"kind": kind}, name=f"{kind}-history"),
            path(f"{prefix}/<slug:key>/v/<int:number>/", public_page(version), {"kind": kind}, name=f"{kind}-version"),
            path(f"{prefix}/<slug:key>/v/<int:number>/cite.<str:fmt>", public_page(version_citation), {"kind": kind},
                 name=f"{kind}-version-cite"),
        ]
    return routes
