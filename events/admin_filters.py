"""Change-list filters behind the editors' dashboard: what needs sourcing, what is unused."""

from django.contrib import admin
from django.db.models import Count, Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from .models import Citation, Figure


class CitationCountFilter(admin.SimpleListFilter):
    title = _("sourcing")
    parameter_name = "sourcing"

    def lookups(self, request, model_admin):
        return [("none", _("cites no source")), ("single", _("rests on a single source"))]

    def queryset(self, request, queryset):
        if self.value() == "none":
            return queryset.filter(num_citations=0)
        if self.value() == "single":
            return queryset.annotate(num_sources=Count("citations__source", distinct=True)).filter(num_sources=1)
        return queryset


class SourceUseFilter(admin.SimpleListFilter):
    title = _("use")
    parameter_name = "use"

    def lookups(self, request, model_admin):
        return [("unused", _("cited by nothing"))]

    def queryset(self, request, queryset):
        if self.value() == "unused":
            cited = Exists(Citation.objects.filter(source=OuterRef("pk")))
            charted = Exists(Figure.objects.filter(source=OuterRef("pk")))
            return queryset.filter(~cited & ~charted)
        return queryset
