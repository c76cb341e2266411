"""The API's responses, as OpenAPI schemas (pydantic models through django-ninja). Names follow the exchange format."""

from datetime import datetime
from typing import List, Optional

from ninja import Schema

from events.translation import translations


def translated(*fields):
    """The translations of ``fields`` (title_sq, title_sr, ...) as string fields: declared once, in events.translation."""
    return {name: str for field in fields for name in translations(field)}


class ErrorItem(Schema):
    parameter: str
    message: str


class Error(Schema):
    detail: str
    errors: List[ErrorItem]


class EventActor(Schema):
    actor: str
    role: str


class Citation(Schema):
    source: str
    locator: str
    quote: str
    note: str


class Event(Schema):
    slug: str
    api_url: str
    page: str
    title: str
    summary: str
    __annotations__.update(translated("title", "summary"))
    translations_reviewed: List[str]
    body: str
    start: str
    end: Optional[str]
    display_date: str
    type: str
    key_event: bool
    wikidata: str
    actors: List[EventActor]
    places: List[str]
    citations: List[Citation]
    notes: str
    published_at: Optional[datetime]
    updated_at: datetime


class Actor(Schema):
    slug: str
    api_url: str
    page: str
    name: str
    __annotations__.update(translated("name"))
    translations_reviewed: List[str]
    short_name: str
    kind: str
    aliases: List[str]
    description: str
    parent: Optional[str]
    wikidata: str
    notes: str


class Place(Schema):
    slug: str
    api_url: str
    page: str
    name: str
    __annotations__.update(translated("name"))
    translations_reviewed: List[str]
    kind: str
    lat: Optional[float]
    lon: Optional[float]
    parent: Optional[str]
    wikidata: str
    geonames: str
    notes: str


class Source(Schema):
    key: str
    api_url: str
    page: str
    kind: str
    title: str
    authors: List[str]
    publisher: str
    published: Optional[str]
    url: str
    archive_url: str
    archived: Optional[str]
    accessed: Optional[str]
    language: str
    notes: str
    derived_from: Optional[str]
    derivation: str


class Figure(Schema):
    id: int
    api_url: str
    series: str
    date: str
    best: int
    low: Optional[int]
    high: Optional[int]
    source: str
    locator: str
    note: str
    event: Optional[str]


class Withdrawn(Schema):
    kind: str
    slug: str
    withdrawn: datetime
    reason: str


def page_of(item, name):
    """The schema of a cursor page of ``item``: the next page's absolute URL (null on the last), and the results."""
    return type(name, (Schema,), {"__annotations__": {"next": Optional[str], "results": List[item]}})


EventPage = page_of(Event, "EventPage")
ActorPage = page_of(Actor, "ActorPage")
PlacePage = page_of(Place, "PlacePage")
SourcePage = page_of(Source, "SourcePage")
FigurePage = page_of(Figure, "FigurePage")
WithdrawnPage = page_of(Withdrawn, "WithdrawnPage")
