from django.contrib import admin, messages
from django.db import models
from django.utils.translation import gettext_lazy as _

from .duplicates import duplicate_pairs
from .editorial import EditorialAdmin
from .models import Source
from .services import MergeRefused, source_merge, sources_refresh_origins


class SelectorFilter(admin.SimpleListFilter):
    """A change-list filter whose choices each name a selection: ``selections`` maps a value to (label, selector)."""

    selections = {}

    def lookups(self, request, model_admin):
        return [(value, label) for value, (label, _selector) in self.selections.items()]

    def queryset(self, request, queryset):
        chosen = self.selections.get(self.value())
        return chosen[1](queryset) if chosen else queryset


def _possible_duplicates(queryset):
    pairs = duplicate_pairs(Source.objects.only("pk", "title", "publisher", "url"))
    return queryset.filter(pk__in={s.pk for a, b, _reason in pairs for s in (a, b)})


class LinkHealthFilter(SelectorFilter):
    title = _("link health")
    parameter_name = "link"
    selections = {
        "dead": (_("dead"), lambda sources: sources.dead_links()),
        "alive": (_("alive"), lambda sources: sources.alive_links()),
        "unchecked": (_("not checked yet"), lambda sources: sources.exclude(url="").filter(link_checked_at__isnull=True)),
        "none": (_("no URL"), lambda sources: sources.filter(url="")),
    }


class DuplicateFilter(SelectorFilter):
    title = _("duplicates")
    parameter_name = "duplicates"
    selections = {"yes": (_("possible duplicates"), _possible_duplicates)}


@admin.register(Source)
class SourceAdmin(EditorialAdmin):
    list_display = ["title", "kind", "publisher", "published", "language", "link_health", "has_archive"]
    list_filter = [LinkHealthFilter, DuplicateFilter, "kind", "language", "publisher"]
    actions = ["merge_sources"]
    search_fields = ["title", "key", "publisher", "authors", "url"]
    date_hierarchy = "published"
    prepopulated_fields = {"key": ["title"]}
    readonly_fields = ["created_at", "updated_at", "link_checked_at", "link_status", "link_final_url", "link_error"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["title", "key", "kind", "authors", "publisher", ("published", "published_precision"), "language"]}),
        (_("Link"), {"fields": ["url", ("archive_url", "archived_on"), "accessed_on",
                                ("link_checked_at", "link_status"), "link_final_url", "link_error"]}),
        (_("Derivation"), {"fields": [("derived_from", "derivation")],
                           "description": _("Only when this source repeats another: the two then count as one.")}),
        (_("Editorial"), {"fields": ["notes", ("created_at", "updated_at")]}),
    ]
    autocomplete_fields = ["derived_from"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "derived_from" in form.changed_data:
            sources_refresh_origins()

    @admin.display(description=_("link"))
    def link_health(self, obj):
        if not obj.url:
            return "—"
        if not obj.link_checked_at:
            return _("not checked")
        return _("dead (%s)") % (obj.link_status or obj.link_error) if obj.link_is_dead else _("alive")

    @admin.display(boolean=True, description=_("archived"))
    def has_archive(self, obj):
        return bool(obj.archive_url)

    @admin.action(description=_("Merge two selected sources (the older one is kept)"))
    def merge_sources(self, request, queryset):
        sources = list(queryset.order_by("pk")[:3])
        if len(sources) != 2:
            self.message_user(request, _("Select exactly two sources to merge."), level=messages.ERROR)
            return
        target, duplicate = sources
        try:
            moved = source_merge(target=target, duplicate=duplicate)
        except MergeRefused as exc:
            self.message_user(request, str(exc), level=messages.ERROR)
            return
        self.message_user(request, _("Merged into “%(title)s”; %(n)d citing records moved.") % {"title": target.title, "n": moved})
