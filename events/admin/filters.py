"""Change-list filters behind the editors' dashboard: what needs sourcing, what is unused."""

from django.utils.translation import gettext_lazy as _

from sources.admin import SelectorFilter

from ..selectors import (
    events_with_unresolved_claims, figures_with_unresolved_claims, one_origin_events, single_source_events, uncited_events,
    unused_sources,
)


class CitationCountFilter(SelectorFilter):
    title = _("sourcing")
    parameter_name = "sourcing"
    selections = {
        "none": (_("cites no source"), uncited_events),
        "single": (_("rests on a single source"), single_source_events),
        "one-origin": (_("rests on one independent source"), one_origin_events),
    }


class SourceUseFilter(SelectorFilter):
    title = _("use")
    parameter_name = "use"
    selections = {"unused": (_("cited by nothing"), unused_sources)}


class EventClaimsFilter(SelectorFilter):
    title = _("claims")
    parameter_name = "claims"
    selections = {"unresolved": (_("sources differ, none adopted"), events_with_unresolved_claims)}


class FigureClaimsFilter(EventClaimsFilter):
    selections = {"unresolved": (_("sources differ, none adopted"), figures_with_unresolved_claims)}
