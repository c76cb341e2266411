"""Change-list filters behind the editors' dashboard: what needs sourcing, what is unused."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ..selectors import single_source_events, uncited_events, unused_sources


class CitationCountFilter(admin.SimpleListFilter):
    title = _("sourcing")
    parameter_name = "sourcing"

    def lookups(self, request, model_admin):
        return [("none", _("cites no source")), ("single", _("rests on a single source"))]

    def queryset(self, request, queryset):
        if self.value() == "none":
            return uncited_events(queryset)
        if self.value() == "single":
            return single_source_events(queryset)
        return queryset


class SourceUseFilter(admin.SimpleListFilter):
    title = _("use")
    parameter_name = "use"

    def lookups(self, request, model_admin):
        return [("unused", _("cited by nothing"))]

    def queryset(self, request, queryset):
        return unused_sources(queryset) if self.value() == "unused" else queryset
