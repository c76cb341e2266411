"""
An event's page described for search engines and linked-data tools, in schema.org's words (JSON-LD): the page, a
WebPage about the event, which cites its sources; the event, with its actors (Organization or Person) and places
(Place, with coordinates); and each one's Wikidata item as sameAs. Addresses are kept as paths, so the description
can be kept with the event's record; the request makes them absolute (absolute_urls).
"""

import json

from django.utils.safestring import mark_safe

from .exchange.spec import LICENSE
from .models import Place
from .translation import localised, reader_language

WIKIDATA = "https://www.wikidata.org/wiki/"
# Actors by the part they took: who decided or hosted it organised it; what it was done to or about is its subject.
ORGANISERS, SUBJECTS = {"decision-maker", "host"}, {"target", "subject"}


def json_ld(data):
    """JSON for a <script> element: '<', '>' and '&' escaped (as Django's json_script does) so text cannot close it."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return mark_safe(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def same_as(record):
    return {"sameAs": f"{WIKIDATA}{record.wikidata_id}"} if record.wikidata_id else {}


def actor_node(actor):
    return {
        "@type": "Person" if actor.kind == "person" else "Organization", "@id": actor.get_absolute_url(),
        "name": localised(actor, "name")[0], "url": actor.get_absolute_url(),
        **({"alternateName": actor.short_name} if actor.short_name else {}), **same_as(actor),
    }


def place_node(place):
    geo = {}
    if place.latitude is not None and place.longitude is not None:
        geo = {"geo": {"@type": "GeoCoordinates", "latitude": float(place.latitude), "longitude": float(place.longitude)}}
    return {"@type": "Place", "@id": place.get_absolute_url(), "name": localised(place, "name")[0],
            "url": place.get_absolute_url(), **geo, **same_as(place)}


def node_page(node):
    """An actor's or a place's own page (``node`` loaded with its parent): the record, within its parent."""
    if isinstance(node, Place):
        described, parent = place_node(node), "containedInPlace"
    else:
        described, parent = actor_node(node), "parentOrganization" if node.kind != "person" else "affiliation"
    if node.parent:
        described[parent] = {"@id": node.parent.get_absolute_url(), "name": localised(node.parent, "name")[0]}
    return {"@context": "https://schema.org", **described}


def source_node(source):
    return {
        "@type": "CreativeWork", "name": source.title, **({"url": source.url} if source.url else {}),
        **({"publisher": {"@type": "Organization", "name": source.publisher}} if source.publisher else {}),
        **({"datePublished": source.published_edtf} if source.published else {}),
    }


def event_graph(event, bibliography):
    """The page and its event (loaded for its page: actors, places), citing ``bibliography``, as a JSON-LD graph."""
    path = event.get_absolute_url()
    roles = {"organizer": [], "attendee": [], "about": []}
    for role in event.event_actors.all():
        part = "organizer" if role.role in ORGANISERS else "about" if role.role in SUBJECTS else "attendee"
        roles[part].append(actor_node(role.actor))
    described = {
        "@type": "Event", "@id": f"{path}#event", "name": localised(event, "title")[0],
        "description": localised(event, "summary")[0], "startDate": event.start_edtf.rstrip("~"),
        **({"endDate": event.end_edtf.rstrip("~")} if event.end else {}),
        "eventStatus": "https://schema.org/EventScheduled",
        "location": [place_node(place) for place in event.places.all()],
        **{part: actors for part, actors in roles.items() if actors},
        **same_as(event), "subjectOf": {"@id": path},
    }
    page = {
        "@type": "WebPage", "@id": path, "url": path, "name": localised(event, "title")[0],
        "inLanguage": reader_language(), "about": {"@id": f"{path}#event"},
        "isPartOf": {"@type": "WebSite", "name": "KFOR Timeline", "url": "/"},
        "license": LICENSE, "dateModified": event.last_revised.isoformat(),
        **({"datePublished": event.published_at.isoformat()} if event.published_at else {}),
        "citation": [source_node(source) for source in bibliography],
    }
    return {"@context": "https://schema.org", "@graph": [page, described]}


def absolute_urls(data, build):
    """``data`` with every site path in "@id" and "url" made absolute by ``build`` (request.build_absolute_uri)."""
    if isinstance(data, list):
        return [absolute_urls(item, build) for item in data]
    if isinstance(data, dict):
        return {key: build(value) if key in ("@id", "url") and isinstance(value, str) and value.startswith("/")
                else absolute_urls(value, build) for key, value in data.items()}
    return data
