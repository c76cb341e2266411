"""The read API's operations: a cursor-paged list and a detail URL for each kind of public record."""

import datetime

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import NinjaAPI, Query

from events.filters import EventFilter

from . import errors, records, schemas
from .deleted import withdrawn_events
from .http import API_VIEW_DECORATORS, cors
from .pagination import MAX_PAGE_SIZE, PAGE_SIZE, cursor_page, list_page

DESCRIPTION = (
    "Published events of KFOR Timeline, with their actors, places, sources and figures, as JSON in the words of the "
    "exchange format (docs/exchange-format.md). Read only, no key needed; drafts never appear.\n"
    "Lists are cursor-paged: follow next until it is null. Every answer carries an ETag (a conditional GET gets 304) "
    "and Access-Control-Allow-Origin: *. Too many requests from one address in a minute get 429 with Retry-After. "
    "A bad parameter gets 400 with a JSON error naming it."
)

api = NinjaAPI(title="KFOR Timeline API", version="1", description=DESCRIPTION, urls_namespace="api",
               docs_url=None, docs_decorator=cors)
for decorator in API_VIEW_DECORATORS:
    api.add_decorator(decorator, mode="view")
errors.install(api)

ERRORS = {400: schemas.Error, 404: schemas.Error, 429: schemas.Error}
Cursor = Query(None, description="The position after the last page: take it from that page's `next` link.")
PageSize = Query(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description=f"Records a page, 1 to {MAX_PAGE_SIZE}.")


@api.get("/events/", response={200: schemas.EventPage, **ERRORS}, url_name="events", tags=["events"])
def event_list(
    request,
    q: str = Query(None, description="Text searched in titles, summaries, bodies and notes."),
    actor: str = Query(None, description="An actor's slug: its events and those of everything below it."),
    place: str = Query(None, description="A place's slug: its events and those of everything within it."),
    type: str = Query(None, description="An event type's slug."),
    from_: str = Query(None, alias="from", description="Events not ended before this year, month or day: 1999, 2004-03, 1999-06-10."),
    to: str = Query(None, description="Events started by the end of this year, month or day."),
    key: bool = Query(None, description="true: key events only."),
    modified_since: datetime.datetime = Query(None, description="Events changed at or after this time (ISO 8601)."),
    cursor: str = Cursor,
    page_size: int = PageSize,
):
    """Published events in date order (start, then slug), filtered as the timeline filters them."""
    given = {"q": q, "actor": actor, "place": place, "type": type, "from": from_, "to": to,
             "key": None if key is None else str(key).lower()}
    filterset = EventFilter({name: value for name, value in given.items() if value is not None}, queryset=records.events())
    if not filterset.is_valid():
        raise errors.BadParameters(filterset.errors)
    events = filterset.qs
    if modified_since is not None:
        if timezone.is_naive(modified_since):
            modified_since = timezone.make_aware(modified_since, datetime.timezone.utc)
        events = events.filter(updated_at__gte=modified_since)
    return cursor_page(request, events, order=("start", "slug"), cursor=cursor, page_size=page_size,
                       serialise=lambda e: records.event(request, e))


@api.get("/events/{slug}/", response={200: schemas.Event, **ERRORS}, url_name="event", tags=["events"])
def event_detail(request, slug: str):
    return records.event(request, get_object_or_404(records.events(), slug=slug))


@api.get("/actors/", response={200: schemas.ActorPage, **ERRORS}, url_name="actors", tags=["actors"])
def actor_list(request, cursor: str = Cursor, page_size: int = PageSize):
    """Actors published events name, and the bodies that hold them, by slug."""
    return cursor_page(request, records.actors(), order=("slug",), cursor=cursor, page_size=page_size,
                       serialise=lambda a: records.actor(request, a))


@api.get("/actors/{slug}/", response={200: schemas.Actor, **ERRORS}, url_name="actor", tags=["actors"])
def actor_detail(request, slug: str):
    return records.actor(request, get_object_or_404(records.actors(), slug=slug))


@api.get("/places/", response={200: schemas.PlacePage, **ERRORS}, url_name="places", tags=["places"])
def place_list(request, cursor: str = Cursor, page_size: int = PageSize):
    """Places published events happened at, and the places that hold them, by slug."""
    return cursor_page(request, records.places(), order=("slug",), cursor=cursor, page_size=page_size,
                       serialise=lambda p: records.place(request, p))


@api.get("/places/{slug}/", response={200: schemas.Place, **ERRORS}, url_name="place", tags=["places"])
def place_detail(request, slug: str):
    return records.place(request, get_object_or_404(records.places(), slug=slug))


@api.get("/sources/", response={200: schemas.SourcePage, **ERRORS}, url_name="sources", tags=["sources"])
def source_list(request, cursor: str = Cursor, page_size: int = PageSize):
    """Sources cited by a published event or charted by a published figure, by key."""
    return cursor_page(request, records.sources(), order=("key",), cursor=cursor, page_size=page_size,
                       serialise=lambda s: records.source(request, s))


@api.get("/sources/{key}/", response={200: schemas.Source, **ERRORS}, url_name="source", tags=["sources"])
def source_detail(request, key: str):
    return records.source(request, get_object_or_404(records.sources(), key=key))


@api.get("/figures/", response={200: schemas.FigurePage, **ERRORS}, url_name="figures", tags=["figures"])
def figure_list(request, cursor: str = Cursor, page_size: int = PageSize):
    """Published figures (sourced numbers such as KFOR's troop strength), by id."""
    return cursor_page(request, records.figures(), order=("id",), cursor=cursor, page_size=page_size,
                       serialise=lambda f: records.figure(request, f))


@api.get("/figures/{pk}/", response={200: schemas.Figure, **ERRORS}, url_name="figure", tags=["figures"])
def figure_detail(request, pk: int):
    return records.figure(request, get_object_or_404(records.figures(), pk=pk))


@api.get("/deleted/", response={200: schemas.WithdrawnPage, **ERRORS}, url_name="deleted", tags=["deleted"])
def deleted_list(request, cursor: str = Cursor, page_size: int = PageSize):
    """
    Events readers could once see and no longer can, by slug, with when each was withdrawn: deleted after being
    published (dated by its last recorded version), or once published and now in another status (dated by that
    status change). A mirror drops these.
    """
    return list_page(request, withdrawn_events(), key="slug", cursor=cursor, page_size=page_size)
