"""The public pages that are not a timeline or a record: legal provisions, corrections, the troop chart, about."""

from django.conf import settings
from django.db.models import Count, Prefetch, Q
from django.http import HttpResponse, HttpResponseRedirect
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language
from django.views.generic import DetailView, ListView, TemplateView

from ..caching import versioned
from ..charts import line_chart
from ..coverage import coverage
from ..models import Claim, Event, Figure, FigureSeries, LegalProvision
from ..selectors import public_corrections
from .nodes import PAGE_SIZE, events_page  # noqa: F401  (PAGE_SIZE: the pages' size, for the timeline too)


def troop_chart():
    """The troop strength chart and its figures, kept until the content changes (one per language: it holds words)."""

    def compute():
        claims = Prefetch("claims", queryset=Claim.objects.select_related("source").order_by("order", "id"))
        figures = list(Figure.objects.published().filter(series=FigureSeries.KFOR_TROOPS).select_related("source")
                       .prefetch_related(claims).order_by("date"))
        return {"chart": line_chart(figures), "figures": figures}

    return versioned(f"troop-chart:{get_language()}", compute)


class ProvisionListView(ListView):
    """The mandates and agreements events act under, provision by provision."""

    template_name = "events/provision_list.html"
    context_object_name = "provisions"

    def get_queryset(self):
        published = Event.objects.published()
        return LegalProvision.objects.published().select_related("source").annotate(
            num_events=Count("events", filter=Q(events__in=published)))


class ProvisionDetailView(DetailView):
    """A published provision, and the published events that act under it, a page at a time."""

    template_name = "events/provision_detail.html"
    context_object_name = "provision"
    queryset = LegalProvision.objects.published().select_related("source")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        return {**context, **events_page(self.request, Event.objects.published().filter(legal_bases=self.object))}


class CorrectionListView(ListView):
    """
    Corrections to this site's published content, newest first; and apart from them, the errors we found in our
    sources, the founding article's first.
    """

    template_name = "events/corrections.html"
    context_object_name = "corrections"
    paginate_by = 100

    def get_queryset(self):
        return self.corrections().filter(erratum_of__isnull=True)

    def corrections(self):
        return public_corrections().select_related("content_type").prefetch_related("record").order_by("-corrected_on", "-id")

    def get_context_data(self, **kwargs):
        errata = list(self.corrections().filter(erratum_of__isnull=False).select_related("erratum_of"))
        founding = [c for c in errata if c.erratum_of.key == settings.FOUNDING_ARTICLE]
        others = [c for c in errata if c.erratum_of.key != settings.FOUNDING_ARTICLE]
        return {**super().get_context_data(**kwargs), "founding_errata": founding, "source_errata": others}


class AboutView(TemplateView):
    """What the site is, how it is sourced, reviewed and corrected, its licence and how to cite it."""

    template_name = "events/about.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "coverage": coverage(), "contact_email": settings.KFOR_CONTACT_EMAIL}


class FiguresView(TemplateView):
    template_name = "events/figures.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **troop_chart()}


def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def favicon(request):
    """/favicon.ico, which browsers and feed readers ask for whatever the page links: the icon in static files.
    Not a permanent redirect: the static file's name changes with its content."""
    return HttpResponseRedirect(static("icons/favicon.ico"))
