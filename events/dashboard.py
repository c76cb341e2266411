"""The editors' dashboard on the admin's front page: what needs attention, one click away."""

from django.db.models import Count, Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sources.models import Source

from .models import Citation, Event, Figure
from .querysets import Status


def dashboard_items():
    events = reverse("admin:events_event_changelist")
    sources = reverse("admin:sources_source_changelist")
    cited = Exists(Citation.objects.filter(source=OuterRef("pk")))
    charted = Exists(Figure.objects.filter(source=OuterRef("pk")))
    return [
        (_("Drafts waiting for review"), Event.objects.filter(status=Status.REVIEW).count(), f"{events}?status__exact=review"),
        (_("Events without citations"), Event.objects.annotate(n=Count("citations")).filter(n=0).count(), f"{events}?sourcing=none"),
        (_("Events resting on a single source"),
         Event.objects.annotate(n=Count("citations__source", distinct=True)).filter(n=1).count(), f"{events}?sourcing=single"),
        (_("Sources cited by nothing"), Source.objects.filter(~cited & ~charted).count(), f"{sources}?use=unused"),
        (_("Sources with dead links"), Source.objects.dead_links().count(), f"{sources}?link=dead"),
    ]
