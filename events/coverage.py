"""What the published timeline covers, for the about page: its first and last events, and events per year."""

from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import ExtractYear

from .models import Event
from .selectors import public_sources

CHART_HEIGHT = 60  # the tallest year's bar, in the SVG's units


@dataclass(frozen=True)
class Year:
    year: int
    count: int
    x: int
    height: float

    @property
    def top(self):
        return CHART_HEIGHT - self.height


def coverage():
    """The published events' span and their count per year (empty years included), with the sources behind them."""
    events = Event.objects.published()
    counts = dict(events.annotate(year=ExtractYear("start")).values_list("year").annotate(n=Count("pk")).order_by())
    if not counts:
        return {"years": [], "total": 0}
    most = max(counts.values())
    span = range(min(counts), max(counts) + 1)
    sources = public_sources()
    return {
        "first": events.order_by("start", "slug").first(),
        "last": events.order_by("-start", "-slug").first(),
        "total": sum(counts.values()),
        "years": [Year(year, counts.get(year, 0), i * 12, round(CHART_HEIGHT * counts.get(year, 0) / most, 1))
                  for i, year in enumerate(span)],
        "chart_width": len(span) * 12,
        "chart_height": CHART_HEIGHT,
        "sources": sources.count(),
        "publishers": sources.exclude(publisher="").values("publisher").distinct().count(),
    }
