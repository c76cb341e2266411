"""
Downloads: the published dataset or a filtered timeline in our exchange format,
TimelineJS JSON for the story page, and bibliographies for citation managers.
Every download takes the same filters as the page it comes from.
"""

import datetime
import io
import json
import zipfile

from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from sources import citations
from sources.dates import Precision
from sources.models import Source, SourceKind

from ..exchange.exporters import csv_tables, dataset_document, json_text
from ..exchange.formats.timelinejs import timeline_document
from ..exchange.spec import LICENSE
from ..filters import EventFilter, SourceFilter
from ..models import Event
from ..selectors import public_sources

BIBLIOGRAPHY_FORMATS = {
    "bib": ("application/x-bibtex; charset=utf-8", citations.bibtex),
    "ris": ("application/x-research-info-systems; charset=utf-8", citations.ris),
    "csl.json": ("application/vnd.citationstyles.csl+json; charset=utf-8",
                 lambda sources: json.dumps(citations.csl_json(sources), ensure_ascii=False, indent=2) + "\n"),
}


def _attachment(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Link"] = f'<{LICENSE}>; rel="license"'
    return response


def _bad_filters(filterset):
    problems = "; ".join(f"{name}: {' '.join(errors)}" for name, errors in filterset.errors.items())
    return HttpResponseBadRequest(f"Invalid filter: {problems}", content_type="text/plain; charset=utf-8")


def _bibliography(sources, fmt, name):
    if fmt not in BIBLIOGRAPHY_FORMATS:
        raise Http404("Unknown bibliography format.")
    content_type, render_sources = BIBLIOGRAPHY_FORMATS[fmt]
    return _attachment(render_sources(list(sources)), content_type, f"{name}.{fmt.replace('csl.json', 'json')}")


def bibliography_download(request, fmt):
    """The bibliography, all of it or as filtered on the sources page."""
    filterset = SourceFilter(request.GET or None, queryset=public_sources().order_by("title", "key"))
    if filterset.is_bound and not filterset.is_valid():
        return _bad_filters(filterset)
    return _bibliography(filterset.qs, fmt, "kfor-timeline-sources")


def source_citation(request, key, fmt):
    source = get_object_or_404(public_sources(), key=key)
    return _bibliography([source], fmt, key)


def event_citations(request, slug, fmt):
    event = get_object_or_404(Event.objects.published().prefetch_related("citations__source"), slug=slug)
    sources = list(dict.fromkeys(c.source for c in event.citations.all()))
    return _bibliography(sources, fmt, f"{slug}-sources")


def page_source(record, *, title, url, revised, accessed=None, version=None):
    """A page of ours as a source to cite: KFOR Timeline's page, dated by its last change, at ``version`` if given."""
    name = getattr(record, "slug", None) or f"source-{record.key}"
    source = Source(
        key=f"kfor-timeline-{name}" + (f"-v{version}" if version else ""), kind=SourceKind.WEB_PAGE, title=title, authors="KFOR Timeline",
        publisher="KFOR Timeline", published=revised.date() if revised else None,
        published_precision=Precision.DAY if revised else "", url=url, accessed_on=accessed, language="en",
    )
    source.version = version
    return source


def event_page_source(event, *, url, accessed, version=None):
    """The event's page as a source to cite: dated by its last editorial change, or by the version's date."""
    revised = version["date"] if version else event.last_revised
    return page_source(event, title=event.title, url=url, revised=revised, accessed=accessed,
                       version=version and version["number"])


def event_page_citation(request, slug, fmt):
    """Cite the event page itself (not its sources), at its current version: BibTeX, RIS or CSL-JSON."""
    from .history import current_version

    event = get_object_or_404(Event.objects.published(), slug=slug)
    version = current_version("event", event)
    url = request.build_absolute_uri(version["url"] if version else event.get_absolute_url())
    source = event_page_source(event, url=url, accessed=datetime.date.today(), version=version)
    return _bibliography([source], fmt, f"{slug}-page")


def _filtered_events(request):
    filterset = EventFilter(request.GET or None, queryset=Event.objects.published())
    if filterset.is_bound and not filterset.is_valid():
        return None, _bad_filters(filterset)
    return (filterset.qs if filterset.is_bound else None), None


def _export_readme(exported, filtered):
    return (f"KFOR Timeline: {'a filtered selection of ' if filtered else ''}the published dataset as CSV, "
            f"one file per kind (kfor-timeline/1, docs/exchange-format.md).\nExported: {exported.isoformat()}\n"
            f"Licence: {LICENSE}\nNumbered, dated releases with checksums and a changelog: /data/\n")


def dataset_download(request, fmt):
    """
    The published dataset, or the filtered timeline: JSON, the events table as CSV, or every CSV table zipped. Each
    says when it was exported: in the file name, in the JSON's "exported" and in the ZIP's README.
    """
    events, error = _filtered_events(request)
    if error:
        return error
    exported = timezone.now().replace(microsecond=0)
    stamp = exported.date().isoformat()
    document = dataset_document(events=events, published_only=True)
    if fmt == "json":
        document = {"format": document.pop("format"), "license": document.pop("license"),
                    "exported": exported.isoformat(), **document}
        return _attachment(json_text(document), "application/json; charset=utf-8", f"kfor-timeline-{stamp}.json")
    tables = csv_tables(document)
    if fmt == "csv":
        return _attachment(tables["events.csv"], "text/csv; charset=utf-8", f"kfor-timeline-events-{stamp}.csv")
    if fmt == "zip":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("kfor-timeline/README.txt", _export_readme(exported, events is not None))
            for name, text in tables.items():
                archive.writestr(f"kfor-timeline/{name}", text)
        return _attachment(buffer.getvalue(), "application/zip", f"kfor-timeline-csv-{stamp}.zip")
    raise Http404("Unknown download format.")


def _story_events(request):
    """The story shows key events unless the URL filters otherwise."""
    data = request.GET.copy() if request.GET else None
    if data is None:
        data = {"key": "on"}
    filterset = EventFilter(data, queryset=Event.objects.published())
    return filterset


def timelinejs_json(request):
    filterset = _story_events(request)
    if not filterset.is_valid():
        return _bad_filters(filterset)
    events = filterset.qs.with_detail_data().chronological()
    return JsonResponse(timeline_document(events, base_url=request.build_absolute_uri("/").rstrip("/")),
                        json_dumps_params={"ensure_ascii": False})


def story(request):
    """A selection of events told with TimelineJS, served from our own static files."""
    filterset = _story_events(request)
    status = 200 if filterset.is_valid() else 400
    count = filterset.qs.count() if filterset.is_valid() else 0
    return render(request, "events/story.html", {"filter": filterset, "count": count,
                                                 "query": request.GET.urlencode()}, status=status)
