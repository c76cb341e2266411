"""The public bibliography: every source that a published event or figure rests on."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch
from django.views.generic import DetailView

from sources.citations import cite_web
from sources.models import Source

from ..filters import SourceFilter
from ..models import Correction, Figure
from ..selectors import public_citations, public_sources
from .history import citation_meta, live_citing
from .timeline import StrictFilterView


class SourceListView(StrictFilterView):
    filterset_class = SourceFilter
    template_name = "events/source_list.html"
    context_object_name = "sources"
    paginate_by = 100

    def get_queryset(self):
        return public_sources().order_by("title", "key")


class SourceDetailView(DetailView):
    template_name = "events/source_detail.html"
    context_object_name = "source"
    slug_field = "key"
    slug_url_kwarg = "key"

    def get_queryset(self):
        citing = public_citations().select_related("event").order_by("event__start", "event__slug")
        return public_sources().prefetch_related(
            Prefetch("citations", queryset=citing, to_attr="public_citations"),
            Prefetch("figures", queryset=Figure.objects.published().order_by("date"), to_attr="public_figures"),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        events, seen = [], set()
        for citation in self.object.public_citations:
            if citation.event_id not in seen:
                seen.add(citation.event_id)
                events.append(citation.event)
        context["events"] = events
        context["cite_web"] = cite_web(self.object)
        context.update(live_citing(self.request, "source", self.object, self.object.title))
        source = self.object  # its tags describe the source itself; the address is this page's version
        context["citation_meta"] = citation_meta(
            self.request, title=source.title, url=context["cite"]["url"], date=source.published,
            language=source.language, authors=source.author_list, publisher=source.publisher)
        # Sources know nothing of events, so a source has no relation to its corrections: they are looked up.
        context["corrections"] = Correction.objects.published().filter(
            content_type=ContentType.objects.get_for_model(Source), object_id=self.object.pk)
        return context
