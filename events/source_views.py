"""The public bibliography: every source that a published event or figure rests on."""

from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from .filters import SourceFilter
from .models import Citation, Figure, public_sources
from .querysets import Status


class SourceListView(ListView):
    template_name = "events/source_list.html"
    context_object_name = "sources"
    paginate_by = 100

    def get(self, request, *args, **kwargs):
        self.filterset = SourceFilter(request.GET or None, queryset=public_sources())
        response = super().get(request, *args, **kwargs)
        if self.filterset.is_bound and not self.filterset.is_valid():
            response.status_code = 400
        return response

    def get_queryset(self):
        if self.filterset.is_bound and not self.filterset.is_valid():
            return public_sources().none()
        return self.filterset.qs.order_by("title", "key")

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "filter": self.filterset}


class SourceDetailView(DetailView):
    template_name = "events/source_detail.html"
    context_object_name = "source"
    slug_field = "key"
    slug_url_kwarg = "key"

    def get_queryset(self):
        citing = Citation.objects.filter(event__status=Status.PUBLISHED).select_related("event").order_by("event__start", "event__slug")
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
        return context
